"""Official one-table 项目支出绩效自评表 -> project files that load and score as printed, in every container."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from jixiao.check import check
from jixiao.importers.document import Paragraph, Pos, Row, Table
from jixiao.importers.project import is_project_table, read_project, split_projects
from jixiao.importers.run import import_file
from tests.importers.forms.containers import WRITERS
from tests.importers.forms.layouts import (
    Form,
    awkward,
    expected_rows,
    mof_project,
    page_headers,
    repeated_header,
    split_table,
)


def _table(form: Form) -> Table:
    grid = expected_rows(form.tables()[0])
    return Table(tuple(Row(r, Pos(0, f"第 {i + 1} 行")) for i, r in enumerate(grid)), Pos(0, "表"))


def test_the_mof_form_is_read_field_by_field() -> None:
    project = read_project(_table(mof_project()), [Paragraph("项目支出绩效自评表", Pos(1, "")),
                                                   Paragraph("（2023年度）", Pos(2, ""))])
    report = project.report
    assert report["title"] == "项目支出绩效自评表（2023年度）" and project.draft.year == 2023
    assert report["project"] == {"name": "城乡义务教育营养改善项目", "supervisor": "某市教育局",
                                 "implementer": "某市第一中学"}
    funds = report["funds"]
    assert (funds["name"], funds["adjusted_budget"], funds["spent"], funds["weight"], funds["rate"],
            funds["score"]) == ("年度资金总额", "120.00", "108.00", "10", "90.00%", "9.00")
    assert [p["name"] for p in funds["parts"]] == ["本年财政拨款", "上年结转资金", "其他资金"]
    assert report["goals"]["expected"].startswith("为全市义务教育阶段学生")
    assert [(t["level1"], t["points"]) for t in report["tables"]] == [("产出指标", "50"), ("效益指标", "30"),
                                                                      ("满意度指标", "10")]
    names = [i["name"] for t in report["tables"] for g in t["groups"] for i in g["indicators"]]
    assert names[0] == "受益学生人数" and len(names) == 7  # 三级指标, not the merged 绩效指标 label
    assert report["claimed"] == {"total": "97.00"}
    assert report["conclusion"] == "项目总体完成较好，自评得分97分，等级为优。"
    assert project.draft.unplaced == []


def test_the_indicator_header_may_say_points_in_its_first_cell() -> None:
    form = mof_project(first="绩效指标（90分）")
    project = read_project(_table(form), [])
    assert sum(len(g["indicators"]) for t in project.report["tables"] for g in t["groups"]) == 7


def test_a_document_with_two_project_tables_gives_two_projects() -> None:
    first, second = _table(mof_project()), _table(mof_project(project="校舍维修项目"))
    rest, found = split_projects((Paragraph("项目支出绩效自评表", Pos(1, "")), first,
                                  Paragraph("项目支出绩效自评表", Pos(9, "")), second))
    assert rest == [] and [len(title) for _, title in found] == [1, 1]
    assert [read_project(t, ti).name for t, ti in found] == ["城乡义务教育营养改善项目", "校舍维修项目"]


def test_an_overall_report_table_is_no_project_table() -> None:
    assert not is_project_table(Table((Row(("二级指标", "三级指标", "权重", "得分"), Pos(0, "")),), Pos(0, "")))


@pytest.mark.parametrize("container", sorted(WRITERS))
@pytest.mark.parametrize("build", [mof_project, split_table, awkward], ids=lambda b: b.__name__)
def test_every_container_imports_to_a_project_that_scores_as_printed(tmp_path: Path, container: str,
                                                                     build: object) -> None:
    form = build()  # type: ignore[operator]
    source = WRITERS[container](form, tmp_path / f"jiaoyu-2023.{container}")
    out = tmp_path / "content"
    result = import_file(source, source.name, out, dept="jiaoyu")
    (part,) = result.parts
    assert part.project == "jiaoyu" and part.year == 2023
    written = out / "jiaoyu" / "2023" / "projects" / "jiaoyu.yaml"
    assert written in part.written
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert data["kind"] == "project" and data["project"]["name"] == "城乡义务教育营养改善项目"
    checked = check(out, "content")
    (card,) = [c for c in checked.scorecards if c.report.key == ("jiaoyu", 2023, "jiaoyu")]
    assert card.report.claimed.total == Decimal("97.00")
    assert part.draft is not None and [u.text for u in part.draft.unplaced] == []
    chrome = [n.what for n in part.draft.notes if n.what.startswith("网页导航/页脚")]
    assert chrome == (["网页导航/页脚（已忽略）“首页”", "网页导航/页脚（已忽略）“版权所有”"] if container == "html" else [])


def test_an_overall_report_followed_by_a_project_table_gives_both(tmp_path: Path) -> None:
    """The reference report, then a project table in the same Word file: the report and one project."""
    from tests.conftest import seed_path
    from tests.importers.docx_builder import _blocks
    from tests.importers.forms.containers import write_docx

    blocks: list[str | list[list[str]]] = []
    for block in _blocks(seed_path().read_text(encoding="utf-8")):
        width = 0 if isinstance(block, str) else max(len(r) for r in block)
        blocks.append(block if isinstance(block, str) else [r + [""] * (width - len(r)) for r in block])
    project = mof_project(year=2021)
    source = write_docx(Form("both", [*blocks, *project.blocks]), tmp_path / "datong-2021.docx")
    out = tmp_path / "content"
    result = import_file(source, source.name, out, dept="datong-zonggonghui")
    overall, table = result.parts
    assert overall.project == "" and [p.name for p in overall.written][-2:] == ["2021.yaml", "2021.md"]
    assert table.project == "datong" and table.written[-1].name == "datong.yaml"
    assert overall.draft is not None and overall.draft.unplaced == []
    assert table.draft is not None and table.draft.unplaced == []
    keys = {c.report.key for c in check(out, "content").scorecards}
    assert keys == {("datong-zonggonghui", 2021, ""), ("datong-zonggonghui", 2021, "datong")}


@pytest.mark.parametrize(("build", "container", "repeats"), [
    (page_headers, "pdf", 1), (repeated_header, "pdf", 3), (repeated_header, "docx", 3)],
    ids=["pdf-page-top", "pdf-in-table", "docx-in-table"])
def test_a_header_row_repeated_over_pages_is_noted_not_read(tmp_path: Path, build: object, container: str,
                                                           repeats: int) -> None:
    """The 绩效指标 header printed again on each page (Word's repeated title row in a PDF, or copied into
    the table of a Word file): each copy is a note, never an indicator or unplaced; the import equals the
    same form without the copies."""
    source = WRITERS[container](build(), tmp_path / f"jiaoyu-2023.{container}")  # type: ignore[operator]
    plain = WRITERS[container](split_table(), tmp_path / f"plain-2023.{container}")
    (part,) = import_file(source, source.name, tmp_path / "a", dept="jiaoyu").parts
    (reference,) = import_file(plain, plain.name, tmp_path / "b", dept="jiaoyu").parts
    assert part.draft is not None and reference.draft is not None
    assert part.draft.unplaced == [] and part.draft.report == reference.draft.report
    assert [n.what for n in part.draft.notes].count("重复的表头行") == repeats
