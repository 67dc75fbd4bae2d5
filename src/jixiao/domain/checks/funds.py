"""The funds block as printed (项目资金 / 预算执行率): printed rates and the 其中 rows against the total row.

Owns: each printed 执行率 (total row and 其中 rows) against 全年执行数 ÷ 全年预算数 (the adjusted budget
where printed), compared after rounding the computed rate the way the form printed it (a printed
``50%`` stands for anything from 49.5% up to 50.5%); a 年度资金总额 row printed as 0 above 其中 rows that
carry money (a fault to flag, never to fix); and, when every 其中 row prints a column, their sum against
the total row. A budget of 0 (or none) never divides.

Standard library only.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.issues import Finding, finding
from jixiao.domain.model import FundsPart, ScoredExecution
from jixiao.domain.policy import Policy
from jixiao.domain.rules import execution_base
from jixiao.domain.scoring import HUNDRED, ZERO, divide, multiply, percent, quantize, show, total

COLUMNS: tuple[tuple[str, str], ...] = (
    ("budget", "年初预算数"), ("adjusted_budget", "全年预算数"), ("spent", "全年执行数"),
)


def printed_decimals(text: str) -> int:
    """How many decimals a printed rate has: ``49.90%`` → 2, ``50%`` → 0 (at most 4)."""
    number = text.strip().removesuffix("%")
    return min(len(number.split(".", 1)[1]), 4) if "." in number else 0


def computed_rate(line: ScoredExecution | FundsPart, policy: Policy) -> tuple[Decimal | None, Decimal | None, str]:
    """(rate in %, base, base label) of one line; the rate is ``None`` without a positive base or 执行数."""
    if isinstance(line, ScoredExecution):
        base, label = execution_base(line, policy)
    elif policy.execution_base == "adjusted" and line.adjusted_budget is not None:
        base, label = line.adjusted_budget, "全年预算数"
    else:
        base, label = line.budget, "年初预算数"
    if base is None or base <= ZERO or line.spent is None:
        return None, base, label
    return divide(multiply(line.spent, HUNDRED), base), base, label


def _rate_finding(line: ScoredExecution | FundsPart, policy: Policy) -> list[Finding]:
    if line.rate is None:
        return []
    rate, base, label = computed_rate(line, policy)
    if rate is None or base is None or line.spent is None:
        return []
    shown = quantize(rate, printed_decimals(line.rate_text))
    if shown == line.rate:
        return []
    return [finding("JX-A016", line.at("rate"), name=line.name, printed=line.rate_text, spent=show(line.spent),
                    base_label=label, base=show(base), computed=percent(quantize(rate, 2)))]


def check_block(row: ScoredExecution, policy: Policy) -> list[Finding]:
    """Printed rates, a zero total above money in the 其中 rows, and the 其中 rows' sums."""
    lines: list[ScoredExecution | FundsPart] = [row, *row.parts]
    found = [f for line in lines for f in _rate_finding(line, policy)]
    if not row.parts:
        return found
    for column, label in COLUMNS:
        printed = getattr(row, column)
        values = [getattr(part, column) for part in row.parts]
        known = [v for v in values if v is not None]
        if printed is None or not known:
            continue
        summed = total(known)
        if printed.is_zero() and not summed.is_zero():
            found.append(finding("JX-C012", row.at(column), name=row.name, column=label, total=show(printed),
                                 parts=show(summed)))
        elif len(known) == len(values) and summed != printed:
            found.append(finding("JX-C013", row.at(column), name=row.name, column=label, total=show(printed),
                                 parts=show(summed)))
    return found
