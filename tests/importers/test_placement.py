"""Never silent loss: every non-empty source cell and paragraph ends in a field, in ``unplaced`` or in a note.

Checked on every fixture in every container and, with hypothesis, on generated documents: tables made
of header words, indicator-like rows, numbers and free text, with paragraphs around them; and one-table
forms (project and overall) made of the forms' own labels, header words, numbers and free text.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from jixiao.importers.assemble import assemble
from jixiao.importers.columns import EXECUTION_HEADERS, FUNDS_HEADERS, INDICATOR_HEADERS
from jixiao.importers.document import Block, Document, Paragraph, Pos, Row, Table
from jixiao.importers.overall import read_overall
from jixiao.importers.project import is_overall_table, read_project, split_projects
from jixiao.importers.run import read_document
from tests.conftest import FIXTURES, seed_path
from tests.importers.forms.containers import WRITERS
from tests.importers.forms.layouts import ALL
from tests.importers.placement import unaccounted

TEXT_FIXTURES = [seed_path(), *sorted((FIXTURES / "import").glob("*.txt"))]


@pytest.mark.parametrize("path", TEXT_FIXTURES, ids=lambda p: p.name)
def test_text_fixtures_lose_nothing(path: Path) -> None:
    document, _ = read_document(path, path.name)
    assert document is not None
    assert unaccounted(document, assemble(document)) == []


@pytest.mark.parametrize("container", sorted(WRITERS))
@pytest.mark.parametrize("build", ALL, ids=lambda b: b.__name__)
def test_form_fixtures_lose_nothing_in_any_container(tmp_path: Path, container: str, build: object) -> None:
    form = build()  # type: ignore[operator]
    path = WRITERS[container](form, tmp_path / f"form.{container}")
    document, findings = read_document(path, path.name)
    assert document is not None, findings
    rest, tables = split_projects(document.blocks)
    assert len(tables) == 1  # the form is read as a project table
    drafts = [read_project(table, title).draft for table, title in tables]
    assert unaccounted(document, assemble(replace(document, blocks=tuple(rest))), *drafts) == []  # as run.py does


HEADER_WORDS = sorted({w for t in (INDICATOR_HEADERS, FUNDS_HEADERS, EXECUTION_HEADERS) for ws in t.values()
                       for w in ws} | {"合计", "小计", "总分", "绩效指标", "评价结论", "年度总体目标"})
_FREE = st.text(alphabet="产出效益满意度数量质量时效成本项目资金指标完成率人元万个年度部门单位一二三四五六七、（）：%≥≤=<>0123456789./ ",
                min_size=1, max_size=14)
CELL = st.one_of(st.sampled_from(HEADER_WORDS), _FREE, st.just(""),
                 st.decimals(min_value=0, max_value=1000, places=2).map(str),
                 st.sampled_from(["产出指标（50分）", "效益指标", "数量指标", "≥100%", "/", "—", "达成预期指标"]))
PARAGRAPH = st.one_of(_FREE, st.sampled_from([
    "一、部门（单位）基本情况", "四、部门（单位）整体支出绩效实现情况", "（一）履职完成情况", "2023年度部门整体支出绩效自评报告",
    "项目支出绩效自评表", "（2023年度）", "注：得分=分值×执行率。", "五、存在问题及改进措施", "（一）存在问题"]))


@st.composite
def documents(draw: st.DrawFn) -> Document:
    blocks: list[Block] = []
    for b in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            blocks.append(Paragraph(draw(PARAGRAPH).strip() or "段", Pos(b + 1, f"第 {b + 1} 段")))
            continue
        width = draw(st.integers(2, 9))
        header = draw(st.lists(st.sampled_from(HEADER_WORDS), min_size=width, max_size=width))
        body = draw(st.lists(st.lists(CELL, min_size=width, max_size=width), min_size=0, max_size=8))
        rows = tuple(Row(tuple(c.strip() for c in cells), Pos(0, f"第 {b + 1} 个表格第 {r + 1} 行"))
                     for r, cells in enumerate([header, *body]))
        blocks.append(Table(rows, Pos(0, f"第 {b + 1} 个表格")))
    return Document(tuple(blocks))


_BUDGET_ROW = Document((Table(tuple(Row(cells, Pos(0, f"第 1 个表格第 {r} 行")) for r, cells in enumerate([
    ("三级指标", "一级指标", "权重", "得分"), ("预算执行率", "产出指标", "10", "9")], start=1)), Pos(0, "第 1 个表格")),))
_CAPTION_ONLY = Document((Table(tuple(Row(cells, Pos(0, f"第 1 个表格第 {r} 行")) for r, cells in enumerate([
    ("一级指标", "一级指标"), ("", "0"), ("三级指标", "全年完成值")], start=1)), Pos(0, "第 1 个表格")),))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
@example(_BUDGET_ROW)  # a 预算执行率 row that also opens a 一级 table keeps its 一级 cell
@example(_CAPTION_ONLY)  # a one-cell row above the header over no indicator row (found by this property)
def test_generated_documents_lose_nothing(document: Document) -> None:
    assert unaccounted(document, assemble(document)) == []


FORM_LABELS = sorted({"总分", "合计", "评价结论", "存在问题", "改进措施", "年度总体目标", "自评等级", "部门职责",
                      "主要问题及原因分析", "改进的方向和具体措施", "其他需要说明的情况", "主管部门", "实施单位",
                      "年度资金总额", "其中：财政拨款"})
FIRST_CELL = st.one_of(CELL, st.sampled_from(FORM_LABELS))


@st.composite
def one_table_forms(draw: st.DrawFn) -> Document:
    """A one-table form (项目名称 or 部门（单位）名称 first, an indicator header somewhere below) made of the
    forms' own words, free text and numbers: the project and overall form readers' generated cases."""
    width = draw(st.integers(4, 12))
    first = draw(st.sampled_from(["项目名称", "部门（单位）名称"]))

    def row(cells: list[str], r: int) -> Row:
        return Row(tuple(c.strip() for c in cells), Pos(0, f"第 1 个表格第 {r + 1} 行"))

    grid = [[first, draw(_FREE), *[""] * (width - 2)]]
    header = draw(st.lists(st.sampled_from(HEADER_WORDS), min_size=width, max_size=width))
    header[draw(st.integers(0, width - 2))] = "三级指标"
    header[-1] = draw(st.sampled_from(["得分", "指标得分（分）", "自评得分"]))
    for _ in range(draw(st.integers(0, 3))):
        grid.append([draw(FIRST_CELL), *draw(st.lists(CELL, min_size=width - 1, max_size=width - 1))])
    grid.append(header)
    for _ in range(draw(st.integers(0, 8))):
        grid.append([draw(FIRST_CELL), *draw(st.lists(CELL, min_size=width - 1, max_size=width - 1))])
    title = Paragraph(draw(st.sampled_from(["项目支出绩效自评表", "部门整体绩效自评表", "（2023年度）"])), Pos(1, "第 1 段"))
    table = Table(tuple(row(cells, r) for r, cells in enumerate(grid)), Pos(0, "第 1 个表格"))
    return Document((title, table))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(one_table_forms())
def test_generated_one_table_forms_lose_nothing(document: Document) -> None:
    rest, tables = split_projects(document.blocks)
    drafts = [read_overall(t, title) if is_overall_table(t) else read_project(t, title).draft for t, title in tables]
    assert unaccounted(document, assemble(Document(tuple(rest))), *drafts) == []
