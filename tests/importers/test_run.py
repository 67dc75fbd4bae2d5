"""Importing the reference text reproduces the hand-transcribed example report."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.check import check
from jixiao.domain.model import Report
from jixiao.importers.run import import_file
from jixiao.load.content import load_content
from jixiao.render.site import RenderSettings, site_files
from tests.conftest import CONTENT, ROOT, seed_path
from tests.importers.compare import differences, plain

#: Facts the hand transcription adds that the reference text does not print.
DOCUMENTED_DIFFERENCES = {".department.parent: '' != '大同市人民政府'"}


def imported_content(tmp_path: Path, source: Path, **options: object) -> Path:
    out = tmp_path / "content"
    out.mkdir()
    shutil.copy(CONTENT / "site.yaml", out / "site.yaml")
    result = import_file(source, source.name, out, **options)  # type: ignore[arg-type]
    assert result.written, [f.format() for f in result.findings]
    return out


def example() -> Report:
    (report,) = load_content(CONTENT, "content").corpus.reports
    return report


def test_reference_text_imports_to_the_example(tmp_path: Path) -> None:
    """Same model as content/datong-zonggonghui/ field by field, except the documented difference."""
    out = imported_content(tmp_path, seed_path(), dept="datong-zonggonghui", year=2021)
    loaded = load_content(out, "content")
    assert [f.format() for f in loaded.findings] == []
    (report,) = loaded.corpus.reports
    assert set(differences(plain(report), plain(example()))) == DOCUMENTED_DIFFERENCES
    assert len(report.indicators()) == 36


def test_reference_import_scores_as_printed(tmp_path: Path) -> None:
    """Recomputed by the scoring stage: 93.98 / 优秀 over all 36 indicators, as the report prints."""
    out = imported_content(tmp_path, seed_path(), dept="datong-zonggonghui")
    (card,) = check(out, "content").scorecards
    assert (card.total, card.grade, len(card.rows)) == (Decimal("93.98"), "优秀", 36)
    assert (card.claimed_total, card.claimed_grade) == (Decimal("93.98"), "优秀")


def _report_page(content: Path) -> str:
    files = site_files(check(content, "content"), RenderSettings((ROOT / "templates",)))
    (page,) = [f.content for f in files if f.path == "2021/datong-zonggonghui/index.md"]
    assert isinstance(page, str)
    return page


def test_reference_import_renders_the_same_report_page(tmp_path: Path) -> None:
    """The public page of the imported report is byte for byte the example's (所属上级 is not shown)."""
    out = imported_content(tmp_path, seed_path(), dept="datong-zonggonghui")
    assert _report_page(out) == _report_page(CONTENT)


def test_headings_without_their_numbers_are_recognised(tmp_path: Path) -> None:
    """Word's automatic numbering is lost in exported text: the form's titles alone still open sections."""
    text = seed_path().read_text(encoding="utf-8")
    bare = re.sub(r"(?m)^(?:[一二三四五六七]、|（[一二三]）|[1-4]\s*[.．]\s*)", "", text)
    assert bare.count("\n部门（单位）基本情况\n") == 1 and "（一）" not in bare
    source = tmp_path / "bare-2021.txt"
    source.write_text(bare, encoding="utf-8")
    out = imported_content(tmp_path, source, dept="datong-zonggonghui")
    loaded = load_content(out, "content")
    assert [f.format() for f in loaded.findings] == []
    (report,) = loaded.corpus.reports
    assert set(differences(plain(report), plain(example()))) == DOCUMENTED_DIFFERENCES


def test_reference_text_needs_no_options_but_the_slug(tmp_path: Path) -> None:
    """The year comes from the title and the department name from the text."""
    out = imported_content(tmp_path, seed_path(), dept="datong-zonggonghui")
    (report,) = load_content(out, "content").corpus.reports
    assert (report.year, report.department.name) == (2021, "大同市总工会")


def test_existing_files_are_not_overwritten_without_force(tmp_path: Path) -> None:
    out = imported_content(tmp_path, seed_path(), dept="datong-zonggonghui")
    before = (out / "datong-zonggonghui" / "2021.yaml").read_bytes()
    again = import_file(seed_path(), "seed.txt", out, dept="datong-zonggonghui")  # the same: nothing to do
    assert again.written == [] and [p.name for p in again.unchanged] == ["2021.yaml", "2021.md"] and again.complete
    assert "JX-I007" not in {f.code for f in again.findings}
    (out / "datong-zonggonghui" / "2021.md").write_text("编辑过的叙述\n", encoding="utf-8")
    edited = import_file(seed_path(), "seed.txt", out, dept="datong-zonggonghui")
    assert edited.written == [] and [f.message for f in edited.findings if f.code == "JX-I007"] == [
            f"{(out / 'datong-zonggonghui' / '2021.md').as_posix()} 已存在，且与本次导入的结果不同（可能已被编辑），未覆盖"]
    assert (out / "datong-zonggonghui" / "2021.md").read_text(encoding="utf-8") == "编辑过的叙述\n"
    forced = import_file(seed_path(), "seed.txt", out, dept="datong-zonggonghui", force=True)
    assert [p.name for p in forced.written] == ["2021.yaml", "2021.md"]
    assert (out / "datong-zonggonghui" / "2021.yaml").read_bytes() == before


def test_an_existing_department_is_found_by_name(tmp_path: Path) -> None:
    """Without --dept, a department already in content/ with the same name keeps its folder."""
    out = tmp_path / "content"
    shutil.copytree(CONTENT, out)
    (out / "datong-zonggonghui" / "2021.yaml").unlink()
    (out / "datong-zonggonghui" / "2021.md").unlink()
    result = import_file(seed_path(), "seed.txt", out)
    assert result.slug == "datong-zonggonghui"
    assert [p.name for p in result.written] == ["2021.yaml", "2021.md"]


@pytest.mark.parametrize("name", ["report.doc", "report.pdf"])
def test_old_binary_office_files_are_refused_by_content(tmp_path: Path, name: str) -> None:
    """The OLE2 signature names an old .doc/.xls whatever the extension says."""
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    result = import_file(path, name, tmp_path / "content")
    assert [f.code for f in result.findings] == ["JX-I014"] and not result.written


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00", bytes(range(256)) * 4])
def test_unknown_formats_are_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(data)
    result = import_file(path, "report.docx", tmp_path / "content")
    assert [f.code for f in result.findings] == ["JX-I002"] and not result.written


def test_the_written_year_is_a_number_on_every_path(tmp_path: Path) -> None:
    """The overall report and a project table are named and dated by one helper: ``year: 2021`` unquoted,
    an integer as the loader's schema reads it, equal to the folder's year."""
    import yaml

    from tests.importers.forms.containers import write_docx
    from tests.importers.forms.layouts import mof_project

    out = imported_content(tmp_path, seed_path(), dept="datong-zonggonghui")
    report = out / "datong-zonggonghui" / "2021.yaml"
    project_source = write_docx(mof_project(year=2023), tmp_path / "xiangmu.docx")
    import_file(project_source, project_source.name, out, dept="datong-zonggonghui")
    project = out / "datong-zonggonghui" / "2023" / "projects" / "xiangmu.yaml"
    for path, year in ((report, 2021), (project, 2023)):
        text = path.read_text(encoding="utf-8")
        assert re.search(rf"^year: {year}$", text, re.M), path
        assert yaml.safe_load(text)["year"] == year
    assert not [f for f in check(out, "content").findings if f.code.startswith("JX-L")]
