"""Arithmetic cross-checks of the printed tables and paragraphs, and execution rates.

Owns: funds-table columns against the printed 金额合计 row; 其中：财政拨款 never above its total (on
every row and the 金额合计 row); the budget identity 年初结转和结余 + 本年收入 + 使用非财政拨款结余 −
本年支出 − 结余分配 = 年末结转和结余 (a missing opening balance counts as 0, said only when the identity
fails); staffing 在编 + 其他 = 实际在职; units listed against the stated counts; and the execution
rate (执行数 ÷ 预算数) of every funds row and of the whole table.

Standard library only.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.issues import Finding, finding
from jixiao.domain.model import BasicInfo, Execution, FundsRow, FundsTable
from jixiao.domain.scorecard import FundsRate
from jixiao.domain.scoring import ZERO, divide, quantize, rate_text, show, total

COLUMNS: tuple[tuple[str, str], ...] = (
    ("budget", "预算数"), ("budget_fiscal", "预算数中：财政拨款"),
    ("spent", "执行数"), ("spent_fiscal", "执行数中：财政拨款"),
)
_FISCAL: tuple[tuple[str, str, str], ...] = (("budget", "budget_fiscal", "预算数"), ("spent", "spent_fiscal", "执行数"))


def row_label(table: FundsTable, row: FundsRow) -> str:
    if row is table.total:
        return "资金表“金额合计”行"
    number = table.rows.index(row) + 1
    name = row.function if len(row.function) <= 16 else row.function[:16] + "…"
    return f"资金表第 {number} 行（{name}）"


def rate(spent: Decimal | None, budget: Decimal | None) -> Decimal | None:
    """执行数 ÷ 预算数 as a ratio (1 = 100%), rounded half-up to 4 places; ``None`` without a budget."""
    if spent is None or budget is None or budget <= ZERO:
        return None
    return quantize(divide(spent, budget), 4)


def check_funds(table: FundsTable) -> tuple[list[FundsRate], list[Finding]]:
    """Execution rates of every row, and the funds table's column and 其中 checks."""
    found: list[Finding] = []
    rows = [*table.rows, *([table.total] if table.total is not None else [])]
    for row in rows:
        for whole, part, label in _FISCAL:
            whole_value, part_value = getattr(row, whole), getattr(row, part)
            if whole_value is not None and part_value is not None and part_value > whole_value:
                found.append(finding("JX-C007", row.at(part), row=row_label(table, row), column=label,
                                     fiscal=show(part_value), total=show(whole_value)))
        if row.spent is not None and row.budget is not None and row.spent > row.budget:
            ratio = rate(row.spent, row.budget)
            shown = "预算数为 0，无法计算执行率" if ratio is None else f"执行率 {rate_text(ratio)}"
            found.append(finding("JX-C011", row.at("spent"), row=row_label(table, row), spent=show(row.spent),
                                 budget=show(row.budget), rate=shown))
    if table.total is not None:
        for column, label in COLUMNS:
            printed = getattr(table.total, column)
            values = [getattr(row, column) for row in table.rows]
            if printed is None or all(v is None for v in values):
                continue
            summed = total(v for v in values if v is not None)
            if summed != printed:
                found.append(finding("JX-C006", table.total.at(column), column=label, computed=show(summed),
                                     printed=show(printed)))
    rates = [FundsRate(row, rate(row.spent, row.budget)) for row in table.rows]
    return rates, found


def total_rate(table: FundsTable) -> Decimal | None:
    """The whole table's rate: from the printed 金额合计 row, or the rows' sums when it is absent."""
    if table.total is not None:
        return rate(table.total.spent, table.total.budget)
    spent = [r.spent for r in table.rows if r.spent is not None]
    budget = [r.budget for r in table.rows if r.budget is not None]
    return rate(total(spent), total(budget)) if spent and budget else None


def check_execution(execution: Execution) -> list[Finding]:
    """The budget identity, when income, expenditure and the closing balance are all given."""
    e = execution
    if e.income is None or e.expenditure is None or e.closing_balance is None:
        return []
    opening, used, distribution = (v if v is not None else ZERO
                                   for v in (e.opening_balance, e.non_fiscal_balance_used, e.balance_distribution))
    computed = total((opening, e.income, used, e.expenditure.copy_negate(), distribution.copy_negate()))
    if computed == e.closing_balance:
        return []
    note = "（年初结转和结余未填写，按 0 计算）" if e.opening_balance is None else ""
    return [finding("JX-C008", e.at("closing_balance"), opening=show(opening), income=show(e.income),
                    used=show(used), expenditure=show(e.expenditure), distribution=show(distribution),
                    computed=show(computed), closing=show(e.closing_balance), note=note)]


def check_basic(basic: BasicInfo) -> list[Finding]:
    """Staffing adds up; the internal and subordinate units listed match the stated counts."""
    found: list[Finding] = []
    staff, org = basic.staffing, basic.organization
    if staff is None:
        return found
    if staff.on_establishment is not None and staff.other is not None and staff.actual is not None:
        computed = staff.on_establishment + staff.other
        if computed != staff.actual:
            found.append(finding("JX-C009", staff.at("actual"), on_establishment=staff.on_establishment,
                                 other=staff.other, computed=computed, actual=staff.actual))
    if org is None:
        return found
    for units, stated, key, what in (
        (org.internal_units, staff.internal_unit_count, "internal_unit_count", "内设职能部门"),
        (org.subordinate_units, staff.subordinate_unit_count, "subordinate_unit_count", "下属预算单位"),
    ):
        if units and stated is not None and len(units) != stated:
            found.append(finding("JX-C010", staff.at(key), what=what, listed=len(units), stated=stated))
    return found
