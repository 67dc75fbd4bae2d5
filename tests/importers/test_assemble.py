"""Reports in other layouts import to what their ``*.expected.yaml`` says (see tests/fixtures/import/).

Each fixture is imported into a fresh content folder, loaded back through the real loader and checked
by the real pipeline; the expected file names the tables, selected rows, the claimed result, the
narrative sections and every unplaced block by kind and source place.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from jixiao.check import Checked, check
from jixiao.domain.model import Indicator, Report
from jixiao.importers.run import import_file, read_document
from tests.conftest import CONTENT, FIXTURES

ALL_CASES = sorted(p.name.removesuffix(".expected.yaml") for p in (FIXTURES / "import").glob("*.expected.yaml"))
LOAD_PREFIXES = ("JX-E", "JX-Y", "JX-S", "JX-L0", "JX-M001", "JX-M002", "JX-M004")


def _expected(name: str) -> dict[str, Any]:
    data = yaml.safe_load((FIXTURES / "import" / f"{name}.expected.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


CASES = [name for name in ALL_CASES if not _expected(name).get("not_a_report")]
NOT_REPORTS = [name for name in ALL_CASES if _expected(name).get("not_a_report")]


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _row(ind: Indicator) -> dict[str, str | None]:
    target = ind.target
    return {
        "kind": ind.kind.value, "weight": _text(ind.weight), "score": _text(ind.claimed_score),
        "actual": ind.actual, "target": target.text if target else None,
        "nature": target.nature if target else None, "value": target.value if target else None,
        "unit": target.unit if target else None, "deviation_reason": ind.deviation_reason,
        "explanation": ind.explanation, "standard": ind.standard,
    }


def _imported(name: str, tmp_path: Path) -> tuple[Report, Checked, Any]:
    out = tmp_path / "content"
    out.mkdir()
    shutil.copy(CONTENT / "site.yaml", out / "site.yaml")
    options = _expected(name).get("options", {})
    result = import_file(FIXTURES / "import" / f"{name}.txt", f"{name}.txt", out, dept=name, **options)
    checked = check(out, "content")
    (report,) = checked.corpus.reports
    return report, checked, result


@pytest.mark.parametrize("name", CASES)
def test_fixture_imports_as_expected(name: str, tmp_path: Path) -> None:
    expected = _expected(name)
    report, checked, result = _imported(name, tmp_path)
    load_problems = [f.format() for f in checked.findings
                     if f.code.startswith(LOAD_PREFIXES) and f.severity.value == "error"]
    assert load_problems == []
    assert report.year == expected["year"]
    assert report.department.name == (expected["department"] or name)
    if expected["department"] is None:
        assert "JX-I010" in {f.code for f in result.findings}
    tables = [[t.kind.value, t.level1, _text(t.points), len(t.indicators())] for t in report.tables]
    assert tables == expected["tables"]
    if "titles" in expected:
        assert [t.title for t in report.tables] == expected["titles"]
    unplaced = [[u.kind, u.source] for u in report.unplaced]
    assert unplaced == expected["unplaced"]
    assert [[u.kind, u.pos.label] for u in result.draft.unplaced] == expected["unplaced"]
    assert result.complete is expected["complete"]


@pytest.mark.parametrize("name", NOT_REPORTS)
def test_a_file_that_is_no_report_loses_nothing_and_is_listed_not_written(name: str, tmp_path: Path) -> None:
    """The assembler still puts every block into unplaced; the import lists the file as 不是绩效自评表."""
    from jixiao.importers.assemble import assemble

    expected = _expected(name)
    path = FIXTURES / "import" / f"{name}.txt"
    document, _ = read_document(path, path.name)
    assert document is not None
    assert [[u.kind, u.pos.label] for u in assemble(document).unplaced] == expected["unplaced"]
    result = import_file(path, path.name, tmp_path / "content", dept=name, **expected.get("options", {}))
    assert [f.code for f in result.findings] == ["JX-I019"] and result.written == [] and result.complete
    assert not (tmp_path / "content").exists()


def checked_errors(checked: Checked) -> list[str]:
    return sorted({f.code for f in checked.findings if f.severity.value == "error"})


@pytest.mark.parametrize("name", CASES)
def test_fixture_facts(name: str, tmp_path: Path) -> None:
    expected = _expected(name)
    report, checked, _ = _imported(name, tmp_path)
    assert checked_errors(checked) == expected.get("check_errors", [])
    claimed = expected.get("claimed")
    if claimed:
        assert report.claimed is not None
        assert (_text(report.claimed.total), report.claimed.grade) == (claimed["total"], claimed["grade"])
    rows = {i.name: _row(i) for i in report.indicators()}
    for ind_name, fields in expected.get("indicators", {}).items():
        assert {k: rows[ind_name][k] for k in fields} == fields, ind_name
    basic = report.basic
    assert basic is not None
    if "staffing" in expected:
        assert basic.staffing is not None
        assert {k: getattr(basic.staffing, k) for k in expected["staffing"]} == expected["staffing"]
    if "internal_units" in expected:
        assert basic.organization is not None
        assert list(basic.organization.internal_units) == expected["internal_units"]
    if "responsibilities" in expected:
        assert list(basic.responsibilities) == expected["responsibilities"]
    if "assets" in expected:
        assert basic.assets is not None and basic.assets.total == Decimal(expected["assets"])
    if "execution" in expected:
        assert report.execution is not None
        assert {k: _text(getattr(report.execution, k)) for k in expected["execution"]} == expected["execution"]
    if "scored_execution" in expected:
        scored = report.scored_execution
        assert scored is not None
        assert {k: _text(getattr(scored, k)) for k in expected["scored_execution"]} == expected["scored_execution"]
    if "funds" in expected:
        assert report.funds is not None and report.funds.total is not None
        assert len(report.funds.rows) == expected["funds"]["rows"]
        assert report.funds.total.spent == Decimal(expected["funds"]["total_spent"])
    if "narrative" in expected:
        assert [s.key.value for s in report.narrative] == expected["narrative"]


@pytest.mark.parametrize("name", CASES)
def test_fixture_encoding_is_detected(name: str) -> None:
    document, findings = read_document(FIXTURES / "import" / f"{name}.txt", name)
    assert findings == [] and document is not None
    assert document.encoding == _expected(name)["encoding"]


def test_a_title_is_one_line_of_heading_text_never_body_or_table_text() -> None:
    from jixiao.importers.assemble import assemble
    from jixiao.importers.document import Document, Paragraph, Pos

    long = "2023年度项目支出绩效自评报告 " + " 项目名称 城乡义务教育 得分 97" * 10
    for text in (long, "本报告说明2023年度的情况。", "2023年度 | 项目 | 得分"):
        draft = assemble(Document((Paragraph(text, Pos(1, "第 1 行")),)))
        assert draft.report["title"] == "" and [u.text for u in draft.unplaced] == [text]
    draft = assemble(Document((Paragraph("项目支出绩效自评表（2023年度）", Pos(1, "第 1 行")),)))
    assert draft.report["title"] == "项目支出绩效自评表（2023年度）" and draft.year == 2023


@pytest.mark.parametrize("lines", [
    ("某某市教育局部门整体支出绩效自评报告", "（2023年度）"),
    ("部门整体绩效自评表", "(2023年度)"),
    ("附件1", "部门整体支出绩效自评表", "（2023年度）"),
])
def test_the_year_line_under_a_title_completes_it_and_is_never_the_title(lines: tuple[str, ...]) -> None:
    from jixiao.importers.assemble import assemble
    from jixiao.importers.document import Document, Paragraph, Pos

    draft = assemble(Document(tuple(Paragraph(t, Pos(n, f"第 {n} 行")) for n, t in enumerate(lines, start=1))))
    assert draft.report["title"] == lines[-2] + lines[-1] and draft.year == 2023 and draft.unplaced == []


def test_a_year_line_alone_still_dates_the_report() -> None:
    from jixiao.importers.assemble import assemble
    from jixiao.importers.document import Document, Paragraph, Pos

    draft = assemble(Document((Paragraph("（2023年度）", Pos(1, "第 1 行")),)))
    assert draft.report["title"] == "（2023年度）" and draft.year == 2023
