"""Header rows of every variant used across regions are recognised, each column with its role."""

from __future__ import annotations

import pytest

from jixiao.importers.columns import TableType, recognise, recognise_rows

CASES = [
    ("二级指标|三级指标|权重|目标值|业绩值|得分", TableType.INDICATORS,
     "level2 name weight target actual score"),
    ("一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|自评分|偏差原因", TableType.INDICATORS,
     "level1 level2 name target actual weight score deviation"),
    ("一级指标|二级指标|三级指标|年初目标值|全年实际值|指标权重|得分|未完成原因分析", TableType.INDICATORS,
     "level1 level2 name target actual weight score deviation"),
    ("一级指标|二级指标|三级指标|指标性质|指标值|度量单位|分值|完成值|自评得分", TableType.INDICATORS,
     "level1 level2 name nature target unit weight actual score"),
    ("一级指标|二级指标|三级指标|分值|指标解释|评分标准|自评得分", TableType.INDICATORS,
     "level1 level2 name weight explanation standard score"),
    ("一级指标|二级指标|三级指标|年度指标值|实际完成值|得分", TableType.INDICATORS,
     "level1 level2 name target actual score"),
    ("职能名称|政策或重点任务|完成情况|预算数(万元)|其中：财政拨款|执行数(万元)|其中：财政拨款", TableType.FUNDS,
     "function task completion budget budget_fiscal spent spent_fiscal"),
    ("职能名称|政策或重点任务|完成情况|全年预算数（万元）|全年执行数（万元）|执行率", TableType.FUNDS,
     "function task completion budget spent rate"),
    ("项目资金（万元）|年初预算数|全年预算数|全年执行数|分值|执行率|得分", TableType.SCORED_EXECUTION,
     "label budget adjusted_budget spent weight rate score"),
]


@pytest.mark.parametrize(("cells", "kind", "roles"), CASES)
def test_header_variants(cells: str, kind: TableType, roles: str) -> None:
    header = recognise(tuple(cells.split("|")))
    assert header is not None and header.type is kind
    assert [header.roles.get(i) for i in range(len(header.cells))] == roles.split()


@pytest.mark.parametrize("cells", ["职能名称|完成情况", "|", "1|根据党的基本理论", "绩效目标|完成情况", "甲|乙|丙"])
def test_other_rows_are_not_headers(cells: str) -> None:
    assert recognise(tuple(cells.split("|"))) is None


def test_two_stacked_header_rows() -> None:
    """A spanning 预算数 over 小计 | 其中：财政拨款, as many regions' funds tables print it."""
    upper = ("职能名称", "政策或重点任务", "完成情况", "预算数（万元）", "", "执行数（万元）", "", "执行率")
    lower = ("", "", "", "小计", "其中：财政拨款", "小计", "其中：财政拨款", "")
    found = recognise_rows((upper, lower, ("甲", "乙", "丙", "1", "1", "1", "1", "100%")))
    assert found is not None
    header, index, depth = found
    assert (index, depth) == (0, 2) and header.type is TableType.FUNDS
    assert [header.roles.get(i) for i in range(8)] == [
        "function", "task", "completion", "budget", "budget_fiscal", "spent", "spent_fiscal", "rate"]


def test_a_single_header_row_stays_single() -> None:
    rows = (("二级指标", "三级指标", "权重", "目标值", "业绩值", "得分"), ("数量", "甲", "3", "=1次", "1次", "3"))
    found = recognise_rows(rows)
    assert found is not None and found[1:] == (0, 1) and found[0].cells == rows[0]
