"""Arithmetic, weight and claim checks on small hand-made records."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D
from types import MappingProxyType

import pytest

from jixiao.domain.audit import score_report
from jixiao.domain.checks.arithmetic import check_basic, check_execution, check_funds
from jixiao.domain.model import (
    BasicInfo,
    Claimed,
    Execution,
    FundsRow,
    FundsTable,
    GradeBand,
    Indicator,
    IndicatorGroup,
    IndicatorTable,
    Loc,
    Organization,
    Report,
    ScoredExecution,
    SiteSettings,
    Staffing,
    TableKind,
    Target,
)
from jixiao.domain.policy import PRESETS

F = "r.yaml"
BANDS = (GradeBand("优秀", D(90)), GradeBand("良好", D(80)), GradeBand("中", D(60)), GradeBand("差", D(0)))


def _at(line: int, *names: str) -> MappingProxyType[str, Loc]:
    return MappingProxyType({n: Loc(F, line, i + 1) for i, n in enumerate(names)})


def test_budget_identity_holds_in_the_reference_figures() -> None:
    e = Execution(Loc(F, 1), income=D("3689.06"), expenditure=D("3282.24"), non_fiscal_balance_used=D(0),
                  balance_distribution=D("42.27"), closing_balance=D("364.55"))
    assert check_execution(e) == []


def test_budget_identity_failure_says_a_missing_opening_balance_counted_as_zero() -> None:
    e = Execution(Loc(F, 1), _at(5, "closing_balance"), income=D(100), expenditure=D(90),
                  closing_balance=D(20))
    (found,) = check_execution(e)
    assert (found.loc, found.code) == (Loc(F, 5, 1), "JX-C008")
    assert "按 0 计算" in found.message and "= 10" in found.message
    assert "按 0 计算" not in check_execution(replace(e, opening_balance=D(5)))[0].message
    assert check_execution(replace(e, opening_balance=D(10))) == []


def test_funds_columns_and_fiscal_parts() -> None:
    rows = (FundsRow(Loc(F, 2), _at(2, "budget", "budget_fiscal", "spent", "spent_fiscal"), function="甲",
                     budget=D(10), budget_fiscal=D(8), spent=D(9), spent_fiscal=D(10)),
            FundsRow(Loc(F, 3), _at(3, "budget", "budget_fiscal", "spent", "spent_fiscal"), function="乙",
                     budget=D(5), budget_fiscal=D(5), spent=D(5), spent_fiscal=D(5)))
    total = FundsRow(Loc(F, 4), _at(4, "budget", "budget_fiscal", "spent", "spent_fiscal"),
                     budget=D(15), budget_fiscal=D(13), spent=D(15), spent_fiscal=D(15))
    rates, found = check_funds(FundsTable(Loc(F, 1), rows=rows, total=total))
    assert [r.rate for r in rates] == [D("0.9000"), D("1.0000")]
    assert sorted((f.loc.line, f.loc.column, f.code) for f in found) == [
        (2, 4, "JX-C007"),  # 执行数 9 < 其中财政拨款 10
        (4, 3, "JX-C006"),  # 执行数 9 + 5 = 14, printed 15
    ]


def test_staffing_and_unit_counts() -> None:
    staff = Staffing(Loc(F, 1), _at(7, "internal_unit_count", "subordinate_unit_count", "actual"),
                     internal_unit_count=12, subordinate_unit_count=2, actual=93, on_establishment=82, other=11)
    org = Organization(Loc(F, 1), internal_units=tuple("ABCDEFGHIJKL"), subordinate_units=("本级", "中心"))
    basic = BasicInfo(Loc(F, 1), staffing=staff, organization=org)
    assert check_basic(basic) == []
    broken = replace(basic, staffing=replace(staff, other=10),
                     organization=replace(org, internal_units=tuple("ABCDEFGHIJK")))
    assert sorted((f.loc.column, f.code) for f in check_basic(broken)) == [(1, "JX-C010"), (3, "JX-C009")]


def _report(*indicators: Indicator, points: D | None = None, total: D | None = None,
            grade: str | None = None, execution: ScoredExecution | None = None) -> Report:
    table = IndicatorTable(Loc(F, 1), _at(1, "points"), kind=TableKind.OUTPUT, level1="产出指标", points=points,
                           groups=(IndicatorGroup(Loc(F, 1), name="数量", indicators=indicators),))
    claimed = Claimed(Loc(F, 90), _at(90, "total", "grade"), total=total, grade=grade)
    return Report(Loc(F, 1), _at(1, "tables"), tables=(table,), claimed=claimed, scored_execution=execution)


def _row(line: int, weight: str, target: str, actual: str, score: str | None) -> Indicator:
    return Indicator(Loc(F, line), _at(line, "weight", "target", "actual", "score"), name=f"第{line}行",
                     weight=D(weight), target=Target(Loc(F, line, 2), text=target), actual=actual,
                     claimed_score=None if score is None else D(score))


def _codes(report: Report) -> list[tuple[int, str]]:
    return sorted((f.loc.line, f.code) for f in score_report(report, PRESETS["mof-2020"], BANDS).findings)


def test_a_consistent_report_has_no_findings() -> None:
    report = _report(_row(2, "60", ">=10人", "10人", "60"), _row(3, "40", "=100%", "50%", "20"),
                     points=D(100), total=D(80), grade="良好")
    card = score_report(report, PRESETS["mof-2020"], BANDS)
    assert card.findings == () and card.total == D("80.00") and card.grade == "良好"


def test_claims_and_weights_disagreements() -> None:
    report = _report(_row(2, "60", ">=10人", "5人", "60"), _row(3, "30", "=100%", "50%", "35"),
                     points=D(100), total=D(90), grade="良好")
    assert _codes(report) == [
        (1, "JX-A002"),  # 产出指标 printed 95, computed 60
        (1, "JX-A015"),  # weights 90 cannot reach 100: incomplete, no grade (so no JX-A004)
        (1, "JX-C001"),  # weights 90, not 100
        (1, "JX-C002"),  # weights 90, table header 100
        (2, "JX-A001"),  # ≥10人 at 5人: 30, printed 60
        (3, "JX-C005"),  # printed 35 > weight 30
        (90, "JX-A003"),  # printed 90, computed 45
        (90, "JX-A005"),  # printed 90, printed rows add to 95
        (90, "JX-A006"),  # printed 90 is 优秀, not 良好
    ]


def test_a_mis_added_total_and_a_wrong_grade_are_each_said_once() -> None:
    """Rows that recompute to their printed scores (60 + 20 = 80) under a printed 90 优秀: the total is only
    mis-added (JX-A005, no JX-A003 saying the same); 90 is 优秀 by the bands, the computed 80 is not (JX-A004)."""
    same_rows = (_row(2, "60", ">=10人", "10人", "60"), _row(3, "40", "=100%", "50%", "20"))
    assert _codes(_report(*same_rows, points=D(100), total=D(90), grade="优秀")) == [(90, "JX-A004"), (90, "JX-A005")]
    # 优秀 printed beside a printed 80 that is also the computed total: wrong for both alike, said once
    assert _codes(_report(*same_rows, points=D(100), total=D(80), grade="优秀")) == [(90, "JX-A006")]
    # a printed total that is mis-added and also differs from the recomputation in another way: both, apart
    other = (_row(2, "60", ">=10人", "5人", "60"), _row(3, "40", "=100%", "50%", "20"))
    assert _codes(_report(*other, points=D(100), total=D(90), grade="良好")) == [
        (1, "JX-A002"), (2, "JX-A001"), (90, "JX-A003"), (90, "JX-A004"), (90, "JX-A005"), (90, "JX-A006")]


def test_missing_total_is_noted() -> None:
    assert _codes(_report(_row(2, "100", ">=1次", "1次", "100"))) == [(90, "JX-A010")]


@pytest.mark.parametrize(("cap", "expected"), [(True, D("20.00")), (False, D("24.00"))])
def test_scored_execution_row(cap: bool, expected: D) -> None:
    execution = ScoredExecution(Loc(F, 50), weight=D(20), budget=D(100), adjusted_budget=D(125), spent=D(150),
                                claimed_score=D(20))
    report = _report(_row(2, "80", ">=1次", "1次", "80"), execution=execution)
    policy = replace(PRESETS["mof-2020"], execution_cap=cap)
    card = score_report(report, policy, BANDS)
    assert card.execution_row is not None and card.execution_row.computed == expected
    assert card.total == D("80.00") + expected
    budget = score_report(report, replace(policy, execution_base="budget"), BANDS)
    assert budget.execution_row is not None
    assert budget.execution_row.computed == (D("20.00") if cap else D("30.00"))


def test_tolerance_hides_small_differences() -> None:
    report = _report(_row(2, "60", ">=10人", "10人", "60"), _row(3, "40", "=100%", "33.33%", "13.3"),
                     total=D("73.3"), grade="中")
    strict = score_report(report, PRESETS["mof-2020"], BANDS)
    assert strict.total == D("73.33")
    assert {f.code for f in strict.findings} == {"JX-A001", "JX-A002", "JX-A003"}
    lenient = score_report(report, replace(PRESETS["mof-2020"], tolerance=D("0.05")), BANDS)
    assert lenient.findings == ()


def test_grade_bands_are_inclusive_lower_bounds_in_any_order() -> None:
    """Site settings keep the bands best first whatever order site.yaml lists them in; grades read that order."""
    from jixiao.domain.scoring import grade_for

    site = SiteSettings(Loc("site.yaml"), grade_bands=(GradeBand("中", D(60)), GradeBand("优", D(80)),
                                                       GradeBand("良", D(70))))
    bands = site.grade_bands
    assert [b.label for b in bands] == ["优", "良", "中"]
    assert [grade_for(D(s), bands) for s in ("80", "79.99", "70", "60", "59.99")] == ["优", "良", "良", "中", "中"]
    assert grade_for(D(100), ()) == ""
