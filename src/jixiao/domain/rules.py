"""The scoring rules: one indicator's weight, target and actual -> its score, rule and explanation.

Owns what each kind of target earns under a :class:`~jixiao.domain.policy.Policy`: positive and
exact targets (met → full, short → proportional or zero), reverse targets (zero, proportional or
linear when exceeded), percentage targets scored as weight × actual%, qualitative targets scored by
the printed achievement degree (with the 达成/部分达成/未达成 tiers), time windows and deadlines, and
the scored 预算执行率 row. A pair that cannot be computed (``完成`` against ``≤30万元``) takes the
printed score, kept within [0, weight], with status ``NOT_RECOMPUTED`` and a finding — never silently.

The rules are data: each outcome names a :class:`~jixiao.domain.ruletable.Rule` and an explanation
case whose template ``ruletable.RULES`` holds; where a policy parameter chooses the formula, the
formulas are tables keyed by that parameter's enum (:data:`REVERSE`, :data:`SHORTFALL`).

Standard library only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from jixiao.domain.issues import Finding, finding
from jixiao.domain.model import Direction, Indicator, IndicatorKind, ScoredExecution
from jixiao.domain.policy import PercentRule, Policy, QualitativeRule, ReverseRule, ShortfallRule, WindowRule
from jixiao.domain.quickinit import quick_init
from jixiao.domain.ruletable import ROUNDED_RATE, Rule, explain, reason
from jixiao.domain.scorecard import RowStatus
from jixiao.domain.scoring import (
    HUNDRED,
    ZERO,
    clamp,
    divide,
    multiply,
    percent,
    quantize,
    scale,
    show,
    subtract,
)
from jixiao.domain.targets import (
    Op,
    ParseError,
    Value,
    ValueKind,
    clip,
    normalize,
    parse_actual,
    parse_target,
)
from jixiao.domain.units import compatible, to_base

FULL_WORDS = frozenset({
    "完成", "已完成", "全部完成", "按时完成", "按期完成", "达成", "已达成", "全部达成", "达成预期指标",
    "达成预期目标", "达到预期", "达到预期目标", "达标", "已达标", "实现", "已实现", "是", "好", "良好",
    "优秀", "满意", "按时", "及时", "有效", "合规", "健全", "规范", "合理", "无违规", "完善", "达到序时进度",
    "效果明显", "效果显著", "成效明显", "成效显著", "明显", "显著", "符合", "符合要求", "符合相关规定",
})
PARTIAL_WORDS = frozenset({
    "部分达成", "基本达成", "部分完成", "基本完成", "基本合规", "较好", "基本实现", "部分实现", "基本达标",
})
FAILED_WORDS = frozenset({"未达成", "未完成", "未实现", "否", "不合规", "无效", "未达标"})


@quick_init
@dataclass(frozen=True, slots=True)
class Outcome:
    """A computed score (``None`` only when there is nothing at all to score) and how it came about."""

    score: Decimal | None
    rule: Rule
    explanation: str
    status: RowStatus = RowStatus.SCORED
    findings: tuple[Finding, ...] = ()

    @property
    def recomputed(self) -> bool:
        return self.status == RowStatus.SCORED


#: A formula: weight, goal and actual (in one base unit) -> the unrounded score.
Formula = Callable[[Decimal, Decimal, Decimal], Decimal]


def _nothing(weight: Decimal, goal: Decimal, got: Decimal) -> Decimal:
    return ZERO


def _linear(weight: Decimal, goal: Decimal, got: Decimal) -> Decimal:
    """weight × (1 − (actual − target) ÷ target) = weight × (2 × target − actual) ÷ target, at least 0."""
    return scale(weight, max(ZERO, subtract(multiply(goal, Decimal(2)), got)), goal)


#: A reverse target exceeded: the rule (its code and explanation) and formula of each ``reverse_rule``.
REVERSE: dict[ReverseRule, tuple[Rule, Formula]] = {
    ReverseRule.ZERO: (Rule.REVERSE_ZERO, _nothing),
    ReverseRule.PROPORTIONAL: (Rule.REVERSE_PROPORTIONAL, lambda weight, goal, got: scale(weight, goal, got)),
    ReverseRule.LINEAR: (Rule.REVERSE_LINEAR, _linear),
}
#: A positive or exact target not met: the explanation case and formula of each ``shortfall_rule``.
SHORTFALL: dict[ShortfallRule, tuple[str, Formula]] = {
    ShortfallRule.ZERO: ("short-zero", _nothing),
    ShortfallRule.PROPORTIONAL: ("short-proportional", lambda weight, goal, got: scale(weight, got, goal)),
}


def _done(score: Decimal, weight: Decimal, policy: Policy, rule: Rule, case: str, **fields: str) -> Outcome:
    value = _bounded(score, weight, policy)
    return Outcome(value, rule, explain(rule, case, **fields, weight=show(weight), score=show(value)))


def _bounded(score: Decimal, weight: Decimal, policy: Policy) -> Decimal:
    """``score`` within [0, weight], rounded; rounding never lifts it above the weight (0.5 at 0 places)."""
    ceiling = max(weight, ZERO)
    value = quantize(clamp(score, ZERO, ceiling), policy.decimals)
    return value if value <= ceiling else ceiling


def _claimed(ind: Indicator, weight: Decimal, policy: Policy, why: str,
             findings: tuple[Finding, ...] = (), note: bool = True, rule: Rule = Rule.CLAIMED) -> Outcome:
    """Take the printed score (kept within [0, weight]); say so with a finding unless one explains it."""
    claimed = ind.claimed_score
    if claimed is None:
        missing = () if findings else (finding("JX-A008", ind.at("score"), name=ind.name, reason=why),)
        return Outcome(None, rule, explain(rule, "missing", reason=why), RowStatus.NOT_RECOMPUTED,
                       (*findings, *missing))
    value = clamp(claimed, ZERO, max(weight, ZERO))  # as printed: not re-rounded
    extra = (finding("JX-A007", ind.at("score"), name=ind.name, reason=why, claimed=show(claimed)),)
    return Outcome(value, rule, explain(rule, "taken", reason=why, claimed=show(claimed)), RowStatus.NOT_RECOMPUTED,
                   (*findings, *(extra if note and not findings else ())))


#: Cells that print nothing: a row with these and no weight is not applicable (不适用), not a 0 score.
BLANK = frozenset({"", "/", "-", "—", "——", "－", "无", "\\"})


def blank(text: str | None) -> bool:
    """Whether a printed cell is empty or a placeholder such as ``/``."""
    return text is None or normalize(text) in BLANK


def _target_blank(ind: Indicator) -> bool:
    target = ind.scored_target
    return target is None or (blank(target.text) and blank(target.value))


def _texts(t: Value, a: Value) -> dict[str, str]:
    """The fields every explanation of a target/actual pair may use."""
    return {"target": clip(t.text), "actual": clip(a.text)}


def score_indicator(ind: Indicator, policy: Policy, unscored: bool = False, weighted: bool = True) -> Outcome:
    """Score one 三级指标 row under ``policy``.

    ``unscored``: the report prints no score at all, so a row that cannot be scored is not reported
    row by row (the report-level JX-A014 says it once). ``weighted``: the form prints weights (some
    row has one), so a row without one is a mistake (JX-C004) rather than the form's layout.
    """
    no_target, no_actual = _target_blank(ind), blank(ind.actual)
    claimed = ind.claimed_score
    if ind.weight is None:
        return _unweighted(ind, no_target and no_actual, unscored, weighted)
    weight = ind.weight
    if ind.kind == IndicatorKind.CHECKLIST:
        return _claimed(ind, weight, policy, reason("checklist"), note=False, rule=Rule.CHECKLIST)
    if no_target or no_actual:
        missing = "年度指标值和实际完成值" if no_target and no_actual else "年度指标值" if no_target else "实际完成值"
        if claimed is not None:
            value = clamp(claimed, ZERO, max(weight, ZERO))
            note = finding("JX-A011", ind.at("score"), name=ind.name, missing=missing, claimed=show(claimed))
            return Outcome(value, Rule.CLAIMED, explain(Rule.CLAIMED, "unlisted", missing=missing, claimed=show(claimed)),
                           RowStatus.NOT_RECOMPUTED, (note,))
        missing_value: tuple[Finding, ...] = () if unscored else (
            finding("JX-T004" if no_target else "JX-T005", ind.at("target" if no_target else "actual"), name=ind.name),)
        return Outcome(None, Rule.NONE, explain(Rule.NONE, "unlisted", missing=missing), RowStatus.NOT_SCORED,
                       missing_value)
    target, actual = parse_target(ind.scored_target), parse_actual(ind.actual)
    problems = tuple(_parse_finding(p, ind, field) for p, field in ((target, "target"), (actual, "actual"))
                     if isinstance(p, ParseError))
    if problems or not isinstance(target, Value) or not isinstance(actual, Value):
        return _claimed(ind, weight, policy, reason("unreadable"), problems)
    if target.kind == ValueKind.QUANTITY:
        outcome = _quantitative(ind, weight, target, actual, policy)
        undirected = _undirected(ind, target, outcome)
        # dataclasses.replace only when there is something to add (it costs ~5 us a row)
        return replace(outcome, findings=(*outcome.findings, *undirected)) if undirected else outcome
    return _qualitative(ind, weight, target, actual, policy)


def _unweighted(ind: Indicator, empty: bool, unscored: bool, weighted: bool) -> Outcome:
    """A row without a weight: not applicable when it prints nothing, else its printed score (未重算)."""
    claimed = ind.claimed_score
    if claimed is not None and not weighted:
        return Outcome(claimed, Rule.CLAIMED, explain(Rule.CLAIMED, "no-weight", claimed=show(claimed)),
                       RowStatus.NOT_RECOMPUTED,
                       (finding("JX-A012", ind.at("score"), name=ind.name, claimed=show(claimed)),))
    if empty and claimed is None:
        return Outcome(None, Rule.NOT_APPLICABLE, explain(Rule.NOT_APPLICABLE, "blank"), RowStatus.NOT_APPLICABLE)
    if unscored or (not weighted and claimed is None):
        return Outcome(None, Rule.NONE, explain(Rule.NONE, "no-weight-no-score"), RowStatus.NOT_SCORED)
    return Outcome(None, Rule.NONE, explain(Rule.NONE, "no-weight"), RowStatus.NOT_SCORED,
                   (finding("JX-C004", ind.loc, name=ind.name),))


def _undirected(ind: Indicator, target: Value, outcome: Outcome) -> tuple[Finding, ...]:
    """An info when a target without ≥/≤ was read as positive and the printed score disagrees."""
    claimed = ind.claimed_score
    if target.op is not None or ind.direction is not None or claimed is None or outcome.score is None:
        return ()
    if outcome.score == claimed or not outcome.recomputed:
        return ()
    return (finding("JX-T009", ind.at("target"), name=ind.name, target=clip(target.text),
                    computed=show(outcome.score), claimed=show(claimed)),)


def _parse_finding(error: ParseError, ind: Indicator, field: str) -> Finding:
    return finding(error.code, ind.at(field), name=ind.name, **error.fields)


def _quantitative(ind: Indicator, weight: Decimal, t: Value, a: Value, policy: Policy) -> Outcome:
    texts = _texts(t, a)
    if a.kind != ValueKind.QUANTITY or a.amount is None or t.amount is None:
        return _claimed(ind, weight, policy, reason("not-a-number", **texts))
    if not compatible(t.unit, a.unit):
        if t.is_percent or a.is_percent:
            return _claimed(ind, weight, policy, reason("percent-mismatch", **texts))
        clash = finding("JX-T003", ind.at("actual"), name=ind.name, **texts,
                        target_unit=t.unit.symbol if t.unit else "", actual_unit=a.unit.symbol if a.unit else "")
        return _claimed(ind, weight, policy, reason("unit-mismatch"), (clash,))
    unit = t.unit or a.unit
    goal, got = to_base(t.amount, t.unit or unit), to_base(a.amount, a.unit or unit)
    op = t.op or (Op.LE if ind.direction == Direction.REVERSE else Op.GE)
    if a.op not in (None, Op.EQ):
        return _bound(ind, weight, t, a, op, goal, got, policy)
    if op.reverse:
        return _reverse(weight, t, a, op, goal, got, policy)
    if t.is_percent and policy.percent_rule == PercentRule.DEGREE:
        return _done(scale(weight, min(got, HUNDRED), HUNDRED), weight, policy, Rule.PERCENT_DEGREE, "scored", **texts)
    met = got > goal if op == Op.GT else got >= goal
    rule = Rule.EXACT if op == Op.EQ else Rule.POSITIVE
    if met or goal <= ZERO:
        return _done(weight, weight, policy, rule, "met", **texts)
    case, formula = SHORTFALL[policy.shortfall_rule]
    return _done(formula(weight, goal, got), weight, policy, rule, case, **texts,
                 actual_amount=_amount(a), target_amount=_amount(t))


def _amount(value: Value) -> str:
    """The number and unit of a quantity, without its comparison: ``400家``, ``95%``."""
    return clip(show(value.amount if value.amount is not None else ZERO) + (value.unit.symbol if value.unit else ""))


def _reverse(weight: Decimal, t: Value, a: Value, op: Op, goal: Decimal, got: Decimal,
             policy: Policy) -> Outcome:
    texts = _texts(t, a)
    met = got < goal if op == Op.LT else got <= goal
    if met:
        return _done(weight, weight, policy, Rule.REVERSE, "met", **texts)
    rule, formula = REVERSE[ReverseRule.ZERO if goal <= ZERO else policy.reverse_rule]
    return _done(formula(weight, goal, got), weight, policy, rule, "exceeded", **texts,
                 goal=show(t.amount or ZERO), got=show(a.amount or ZERO))


def _bound(ind: Indicator, weight: Decimal, t: Value, a: Value, op: Op, goal: Decimal, got: Decimal,
           policy: Policy) -> Outcome:
    """An actual printed as a bound (``≥90%``): full when the bound itself meets the target."""
    assert a.op is not None
    texts = _texts(t, a)
    if not op.reverse and not a.op.reverse and got >= goal:
        return _done(weight, weight, policy, Rule.POSITIVE, "bound", **texts)
    if op.reverse and a.op.reverse and got <= goal:
        return _done(weight, weight, policy, Rule.REVERSE, "bound", **texts)
    return _claimed(ind, weight, policy, reason("range", **texts))


def _tier(policy: Policy, word: str) -> tuple[str, Decimal, Decimal] | None:
    if word in FULL_WORDS:
        return "达成", policy.tier_full, HUNDRED
    if word in PARTIAL_WORDS:
        return "部分达成", policy.tier_partial, policy.tier_full
    if word in FAILED_WORDS:
        return "未达成", ZERO, policy.tier_partial
    return None


def _tier_label(policy: Policy, degree: Decimal) -> str:
    if degree >= policy.tier_full:
        return "达成"
    return "部分达成" if degree >= policy.tier_partial else "未达成"


def _in_window(t: Value, a: Value) -> bool | None:
    """Whether the actual's months fall inside the target's window or deadline; ``None`` if not times."""
    if t.months is None or a.months is None or a.kind not in (ValueKind.WINDOW, ValueKind.DEADLINE):
        return None
    if t.year is not None and a.year is not None and t.year != a.year:
        return a.year < t.year if t.kind == ValueKind.DEADLINE else False
    if t.kind == ValueKind.DEADLINE:
        if a.months[1] != t.months[1] or t.day is None or a.day is None:
            return a.months[1] <= t.months[1]
        return a.day <= t.day
    return t.months[0] <= a.months[0] and a.months[1] <= t.months[1]


def _qualitative(ind: Indicator, weight: Decimal, t: Value, a: Value, policy: Policy) -> Outcome:
    texts = _texts(t, a)
    if normalize(a.text) == normalize(t.text):
        return _done(weight, weight, policy, Rule.QUALITATIVE, "same", **texts)
    inside = _in_window(t, a)
    if inside is True:
        return _done(weight, weight, policy, Rule.WINDOW, "inside", **texts)
    if inside is False:
        if policy.window_rule == WindowRule.ZERO:
            return _done(ZERO, weight, policy, Rule.WINDOW, "outside", **texts)
        return _claimed(ind, weight, policy, reason("outside-window", **texts))
    if a.kind == ValueKind.QUANTITY and a.is_percent and a.op in (None, Op.EQ) and a.amount is not None:
        if policy.qualitative_rule == QualitativeRule.CLAIMED:
            return _claimed(ind, weight, policy, reason("qualitative-claimed"))
        degree = min(a.amount, HUNDRED)
        return _done(scale(weight, degree, HUNDRED), weight, policy, Rule.QUALITATIVE,
                     "capped" if a.amount > HUNDRED else "degree", **texts, degree=percent(degree),
                     tier=_tier_label(policy, degree))
    tier = _tier(policy, normalize(a.word)) if a.kind == ValueKind.WORD else None
    if tier is None:
        return _claimed(ind, weight, policy, reason("incomparable", **texts))
    outcome = _claimed(ind, weight, policy, reason("tier-word", **texts, tier=tier[0]))
    checked = _tier_check(ind, weight, a, tier) if policy.tier_check else []
    return replace(outcome, findings=(*outcome.findings, *checked)) if checked else outcome


def _tier_check(ind: Indicator, weight: Decimal, a: Value, tier: tuple[str, Decimal, Decimal]) -> list[Finding]:
    claimed = ind.claimed_score
    if claimed is None or weight <= ZERO:
        return []
    degree = scale(HUNDRED, claimed, weight)
    label, low, high = tier
    inside = low <= degree <= high if label == "达成" else low <= degree < high
    if inside:
        return []
    return [finding("JX-A009", ind.at("score"), name=ind.name, actual=clip(a.text), tier=label,
                    low=percent(low), high=percent(high), claimed=show(claimed),
                    degree=percent(quantize(degree, 2)))]


def score_execution(row: ScoredExecution, policy: Policy, unscored: bool = False) -> tuple[Indicator, Outcome]:
    """The funds block's total row: points × 执行数 ÷ 预算数 (adjusted budget where given), capped or not.

    With ``policy.rate_decimals`` the rate (in %) is rounded first, as forms that print a rounded rate
    and score from it do. A row without points is not scored (the rate is still checked).
    """
    ind = Indicator(row.loc, row.locs, name=row.name, weight=row.weight, claimed_score=row.claimed_score)
    if row.weight is None:
        return ind, Outcome(None, Rule.NONE, explain(Rule.NONE, "no-points"), RowStatus.NOT_SCORED)
    base, label = execution_base(row, policy)
    if base is None or base <= ZERO or row.spent is None:
        if unscored and row.claimed_score is None:
            return ind, Outcome(None, Rule.NONE, explain(Rule.NONE, "no-budget"), RowStatus.NOT_SCORED)
        return ind, _claimed(ind, row.weight, policy, reason("no-budget"))
    rate = divide(multiply(row.spent, HUNDRED), base)
    if policy.rate_decimals is None:
        rounded, score = "", scale(row.weight, row.spent, base)
    else:
        rate = quantize(rate, policy.rate_decimals)
        rounded, score = ROUNDED_RATE.format(places=policy.rate_decimals), scale(row.weight, rate, HUNDRED)
    value = _bounded(score, row.weight, policy) if policy.execution_cap else quantize(max(score, ZERO), policy.decimals)
    return ind, Outcome(value, Rule.EXECUTION, explain(
        Rule.EXECUTION, "capped" if policy.execution_cap else "uncapped", spent=show(row.spent), base_label=label,
        base=show(base), rate=percent(quantize(rate, 2)), rounded=rounded, weight=show(row.weight),
        score=show(value)))


def execution_base(row: ScoredExecution, policy: Policy) -> tuple[Decimal | None, str]:
    """The budget the rate is computed on, and its name: 全年预算数 (adjusted) where given, else 年初预算数."""
    if policy.execution_base == "adjusted" and row.adjusted_budget is not None:
        return row.adjusted_budget, "全年预算数"
    return row.budget, "年初预算数"
