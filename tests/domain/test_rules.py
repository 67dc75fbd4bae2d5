"""Properties of the scoring rules (hypothesis): bounded, monotone, exact, unit-independent."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain.issues import CATALOGUE
from jixiao.domain.model import Indicator, Loc, ScoredExecution, Target
from jixiao.domain.policy import (
    PRESETS,
    PercentRule,
    Policy,
    QualitativeRule,
    ReverseRule,
    ShortfallRule,
    WindowRule,
)
from jixiao.domain.rules import score_execution, score_indicator
from jixiao.domain.targets import ParseError, Role, Value, parse_value

policies = st.builds(
    lambda base, reverse, shortfall, percent, qualitative, window, decimals: dataclasses.replace(
        PRESETS[base], reverse_rule=reverse, shortfall_rule=shortfall, percent_rule=percent,
        qualitative_rule=qualitative, window_rule=window, decimals=decimals),
    st.sampled_from(sorted(PRESETS)), st.sampled_from(ReverseRule), st.sampled_from(ShortfallRule),
    st.sampled_from(PercentRule), st.sampled_from(QualitativeRule), st.sampled_from(WindowRule),
    st.sampled_from([0, 1, 2]),
)
weights = st.decimals(min_value=Decimal("0.5"), max_value=Decimal(40), places=1)
amounts = st.decimals(min_value=Decimal(0), max_value=Decimal(100000), places=2)
units = st.sampled_from(["人", "家", "次", "%", "万元", "元", ""])
positive_ops = st.sampled_from([">=", "≥", ">", "=", "＝", "不低于"])
reverse_ops = st.sampled_from(["<=", "≤", "<", "不超过"])
printed = st.one_of(st.none(), st.decimals(min_value=Decimal(-5), max_value=Decimal(50), places=2))


def _text(value: Decimal) -> str:
    return format(value, "f")


def _score(policy: Policy, weight: Decimal, target: str, actual: str, claimed: Decimal | None = None) -> Decimal:
    indicator = Indicator(Loc("t.yaml", 1, 1), name="x", weight=weight, target=Target(Loc("t.yaml"), text=target),
                          actual=actual, claimed_score=claimed)
    score = score_indicator(indicator, policy).score
    assert score is not None
    return score


def _exact(score: Decimal, policy: Policy, weight: Decimal) -> None:
    """Rounded to the policy's places, or exactly the weight (a 0.5 weight at whole points stays 0.5)."""
    assert isinstance(score, Decimal)
    assert score.as_tuple().exponent == -policy.decimals or score == weight


@settings(max_examples=150, deadline=None)
@given(policies, weights, st.one_of(positive_ops, reverse_ops), amounts, amounts, units, printed)
def test_score_lies_between_zero_and_the_weight(policy: Policy, weight: Decimal, op: str, goal: Decimal,
                                                got: Decimal, unit: str, claimed: Decimal | None) -> None:
    score = _score(policy, weight, f"{op}{_text(goal)}{unit}", f"{_text(got)}{unit}", claimed if claimed else Decimal(0))
    assert Decimal(0) <= score <= weight
    _exact(score, policy, weight)


@settings(max_examples=150, deadline=None)
@given(policies, weights, positive_ops, amounts, amounts, amounts, units)
def test_monotone_in_the_actual_for_positive_targets(policy: Policy, weight: Decimal, op: str, goal: Decimal,
                                                     a: Decimal, b: Decimal, unit: str) -> None:
    low, high = sorted((a, b))
    target = f"{op}{_text(goal)}{unit}"
    assert _score(policy, weight, target, f"{_text(low)}{unit}") <= _score(policy, weight, target, f"{_text(high)}{unit}")


@settings(max_examples=150, deadline=None)
@given(policies, weights, reverse_ops, amounts, amounts, amounts, units)
def test_antitone_in_the_actual_for_reverse_targets(policy: Policy, weight: Decimal, op: str, goal: Decimal,
                                                    a: Decimal, b: Decimal, unit: str) -> None:
    low, high = sorted((a, b))
    target = f"{op}{_text(goal)}{unit}"
    assert _score(policy, weight, target, f"{_text(low)}{unit}") >= _score(policy, weight, target, f"{_text(high)}{unit}")


@settings(max_examples=200, deadline=None)
@given(policies, weights, st.sampled_from(["合规", "有效", "每月", "达到序时进度", "工资总额的2%", "1-12月"]),
       st.decimals(min_value=Decimal(0), max_value=Decimal(150), places=1),
       st.decimals(min_value=Decimal(0), max_value=Decimal(150), places=1))
def test_monotone_in_the_degree_for_qualitative_targets(policy: Policy, weight: Decimal, target: str,
                                                        a: Decimal, b: Decimal) -> None:
    policy = dataclasses.replace(policy, qualitative_rule=QualitativeRule.DEGREE)
    low, high = sorted((a, b))
    s_low, s_high = _score(policy, weight, target, f"{_text(low)}%"), _score(policy, weight, target, f"{_text(high)}%")
    assert Decimal(0) <= s_low <= s_high <= weight


@settings(max_examples=200, deadline=None)
@given(policies, weights, st.one_of(positive_ops, reverse_ops), amounts, amounts)
def test_money_units_convert_exactly(policy: Policy, weight: Decimal, op: str, goal: Decimal, got: Decimal) -> None:
    """The same amounts in 万元, in 万 and in 元 score the same."""
    in_wan = _score(policy, weight, f"{op}{_text(goal)}万元", f"{_text(got)}万")
    in_yuan = _score(policy, weight, f"{op}{_text(goal)}万元", f"{_text(got * 10000)}元")
    assert in_wan == in_yuan


@settings(max_examples=200, deadline=None)
@given(policies, st.booleans(), weights, amounts, amounts)
def test_execution_row(policy: Policy, cap: bool, weight: Decimal, budget: Decimal, spent: Decimal) -> None:
    policy = dataclasses.replace(policy, execution_cap=cap)
    row = ScoredExecution(Loc("t.yaml"), weight=weight, budget=budget, spent=spent, claimed_score=Decimal(0))
    _, outcome = score_execution(row, policy)
    assert outcome.score is not None and outcome.score >= 0
    if cap:
        assert outcome.score <= weight
    if budget > 0:
        assert outcome.recomputed and outcome.rule == "execution"
        _exact(outcome.score, policy, weight)
    else:
        assert not outcome.recomputed and outcome.score == 0  # the printed 0 is taken


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40), st.sampled_from(list(Role)))
def test_the_parser_never_raises(text: str, role: Role) -> None:
    parsed = parse_value(text, role)
    assert isinstance(parsed, Value | ParseError)
    if isinstance(parsed, ParseError):
        assert parsed.code in CATALOGUE


@settings(max_examples=200, deadline=None)
@given(policies, st.text(max_size=20), st.text(max_size=20), printed)
def test_any_text_scores_or_is_a_finding(policy: Policy, target: str, actual: str, claimed: Decimal | None) -> None:
    indicator = Indicator(Loc("t.yaml", 1, 1), name="x", weight=Decimal(5), target=Target(Loc("t.yaml"), text=target),
                          actual=actual, claimed_score=claimed)
    outcome = score_indicator(indicator, policy)
    assert outcome.score is None or Decimal(0) <= outcome.score <= 5
    assert outcome.recomputed or outcome.findings  # never silently
