"""Facts in the reports' prose: claimed totals and grades, counts, amounts, unit lists, numbers in cells."""

from __future__ import annotations

import pytest

from jixiao.importers import prose


@pytest.mark.parametrize(("text", "total", "grade"), [
    ('整体支出绩效自评价结果为:总得分93.98分，属于"优秀"。', "93.98", "优秀"),
    ("经综合评价，本部门自评总分为89分，评价等级为良好。", "89", "良好"),
    ("本部门整体支出自评得分为96.8分，等级为优秀。", "96.8", "优秀"),
    ("本部门自评等级为“优秀”。", None, "优秀"),
    ("总得分：８５.５分，评定为合格。", "85.5", "合格"),
    ("本年度工作成效显著。", None, None),
])
def test_claimed_total_and_grade(text: str, total: str | None, grade: str | None) -> None:
    assert (prose.claimed_total(text), prose.claimed_grade(text)) == (total, grade)


def test_staffing_counts_from_the_reference() -> None:
    text = ("大同市总工会(部门)内设职能部门个数12个，下属预算单位个数2个。大同市总工会(部门)核定的人员编制89人，"
            "实际在职人员93人，其中：在编人员82人，其他人员11人。")
    assert prose.staffing(text) == {"internal_unit_count": "12", "subordinate_unit_count": "2", "authorized": "89",
                                    "actual": "93", "on_establishment": "82", "other": "11"}


def test_execution_figures() -> None:
    text = "年初结转和结余15.2万元，本年收入3689.06万元，本年支出3282.24万元，使用非财政拨款结余0万元，结余分配42.27万元，年末结转和结余364.55万元。"
    assert prose.execution(text) == {"opening_balance": "15.2", "income": "3689.06", "expenditure": "3282.24",
                                     "non_fiscal_balance_used": "0", "balance_distribution": "42.27",
                                     "closing_balance": "364.55"}


def test_units_split_outside_brackets_and_the_department_named() -> None:
    text = "大同市总工会下设办公室、审计科（市总工会经费审查委员会办公室）、人事科(离退休人员管理科)共3个部室。"
    assert prose.internal_units(text) == ["办公室", "审计科（市总工会经费审查委员会办公室）", "人事科(离退休人员管理科)"]
    assert prose.department_name(text) == "大同市总工会"
    assert prose.department_name("今年我单位下设三个小组") is None


@pytest.mark.parametrize(("cell", "value"), [
    ("3", "3"), ("0.88", "0.88"), ("３分", "3"), ("1,234.5", "1234.5"), ("450.5万元", "450.5"), (" 7 ", "7"),
    ("—", None), ("合规", None), ("1e3", None), ("", None),
])
def test_numbers_in_cells(cell: str, value: str | None) -> None:
    assert prose.number(cell) == value
