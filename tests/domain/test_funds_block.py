"""The funds block (项目资金 / 预算执行率) as printed: rate base, rounding of the printed rate, zero budgets."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest

from jixiao.domain.audit import score_report
from jixiao.domain.checks.funds import check_block, printed_decimals
from jixiao.domain.model import Claimed, FundsPart, Loc, Report, ScoredExecution
from jixiao.domain.policy import PRESETS

F = "t.yaml"
POLICY = replace(PRESETS["mof-2020"], total_weight=D(10))  # a report of the funds row alone


def _row(budget: str | None, adjusted: str | None, spent: str | None, rate: str = "", score: str | None = None,
         parts: tuple[FundsPart, ...] = ()) -> ScoredExecution:
    return ScoredExecution(
        Loc(F, 1), name="年度资金总额", weight=D(10), budget=None if budget is None else D(budget),
        adjusted_budget=None if adjusted is None else D(adjusted), spent=None if spent is None else D(spent),
        rate=D(rate.removesuffix("%")) if rate else None, rate_text=rate,
        claimed_score=None if score is None else D(score), parts=parts)


def _card(row: ScoredExecution, total: str) -> tuple[D | None, set[str]]:
    report = Report(Loc(F, 1), scored_execution=row, claimed=Claimed(Loc(F, 9), total=D(total)))
    card = score_report(report, POLICY, ())
    assert card.execution_row is not None
    return card.execution_row.computed, {f.code for f in card.findings}


@pytest.mark.parametrize(("text", "places"), [("50%", 0), ("49.9%", 1), ("49.90%", 2), ("100", 0), ("99.5", 1)])
def test_printed_decimals(text: str, places: int) -> None:
    assert printed_decimals(text) == places


def test_the_rate_is_on_the_adjusted_budget_and_an_opening_budget_of_zero_is_normal() -> None:
    assert _card(_row("0", "100", "49.9", "49.90%", "4.99"), "4.99") == (D("4.99"), set())


def test_a_printed_rate_matches_after_the_forms_rounding() -> None:
    """49.9% printed as 50% is the same number on a form that prints whole percents; 49.8% is not 49.9%."""
    assert check_block(_row("100", None, "49.9", "50%"), POLICY) == []
    assert [f.code for f in check_block(_row("100", None, "49.9", "49.8%"), POLICY)] == ["JX-A016"]


def test_zero_budgets_never_divide() -> None:
    computed, codes = _card(_row("0", "0", "0", "0", "0"), "0")
    assert computed == D(0) and "JX-A007" in codes  # printed score kept, said so
    assert check_block(_row("0", "0", "0", "0"), POLICY) == []


def test_a_zero_total_above_money_in_its_parts_is_flagged_not_fixed() -> None:
    part = FundsPart(Loc(F, 5), name="本年财政拨款", budget=D(90), adjusted_budget=D("89.974"), spent=D("89.974"))
    codes = [f.code for f in check_block(_row("0", "0", "0", parts=(part,)), POLICY)]
    assert codes == ["JX-C012", "JX-C012", "JX-C012"]


def test_parts_that_do_not_add_up_to_the_total() -> None:
    parts = (FundsPart(Loc(F, 5), name="财政资金", budget=D(60), adjusted_budget=D(60), spent=D(50)),
             FundsPart(Loc(F, 6), name="其他资金", budget=D(30), adjusted_budget=D(40), spent=D(40)))
    found = check_block(_row("100", "100", "90", parts=parts), POLICY)
    assert [f.code for f in found] == ["JX-C013"]  # 年初预算数 60 + 30 = 90, total 100


def test_a_printed_zero_where_the_rule_gives_full_points_is_a_finding() -> None:
    assert _card(_row("100", "100", "100", "100%", "0"), "0") == (D("10.00"), {"JX-A001", "JX-A003"})
