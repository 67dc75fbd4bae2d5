"""A .docx built from the reference report (real tables, merged cells) imports to the same content."""

from __future__ import annotations

from pathlib import Path

from docx import Document as open_docx

from jixiao.importers.document import Table
from jixiao.importers.docxfile import read_docx
from jixiao.importers.run import import_file
from jixiao.load.content import load_content
from tests.conftest import seed_path
from tests.importers.compare import differences, plain
from tests.importers.docx_builder import build_docx
from tests.importers.test_run import DOCUMENTED_DIFFERENCES, example, imported_content


def test_the_built_document_really_has_merged_cells(tmp_path: Path) -> None:
    path = build_docx(seed_path().read_text(encoding="utf-8"), tmp_path / "report.docx")
    tables = open_docx(str(path)).tables
    output = next(t for t in tables if t.cell(0, 0).text == "二级指标")
    first_cells = [tr.tc_lst[0] for tr in output._tbl.tr_lst[1:4]]
    assert [tc.vMerge for tc in first_cells] == ["restart", "continue", "continue"]


def test_merged_cells_read_as_word_exports_them(tmp_path: Path) -> None:
    """A spanned position is empty, as in the text export: the group name only on its first row."""
    document = read_docx(build_docx(seed_path().read_text(encoding="utf-8"), tmp_path / "report.docx"))
    tables = [b for b in document.blocks if isinstance(b, Table)]
    output = next(t for t in tables if t.rows[0].cells[0] == "二级指标")
    assert [r.cells[0] for r in output.rows[1:4]] == ["数量", "", ""]
    funds = next(t for t in tables if t.rows[0].cells[0] == "职能名称")
    assert funds.rows[-1].cells == ("金额合计", "", "", "450.5", "600.5", "600.5", "600.5")
    assert output.rows[1].pos.label == f"第 {tables.index(output) + 1} 个表格第 2 行"


def test_reference_docx_imports_to_the_example(tmp_path: Path) -> None:
    path = build_docx(seed_path().read_text(encoding="utf-8"), tmp_path / "report.docx")
    out = imported_content(tmp_path, path, dept="datong-zonggonghui", year=2021)
    loaded = load_content(out, "content")
    assert [f.format() for f in loaded.findings] == []
    (report,) = loaded.corpus.reports
    assert set(differences(plain(report), plain(example()))) == DOCUMENTED_DIFFERENCES


def test_docx_and_text_imports_write_the_same_files(tmp_path: Path) -> None:
    docx = build_docx(seed_path().read_text(encoding="utf-8"), tmp_path / "000_9f785aea458f6f0e.docx")
    written = {}
    for source in (seed_path(), docx):
        out = tmp_path / source.suffix.strip(".")
        result = import_file(source, source.name, out, dept="datong-zonggonghui")
        written[source.suffix] = {p.name: p.read_text(encoding="utf-8").replace(source.name, "SOURCE")
                                  for p in result.written}
    assert written[".txt"] == written[".docx"]


def test_a_damaged_docx_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    result = import_file(path, "broken.docx", tmp_path / "content")
    assert [f.code for f in result.findings] == ["JX-I004"] and not result.written
