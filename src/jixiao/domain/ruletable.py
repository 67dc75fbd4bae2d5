"""The scoring rules as data: each rule's published code, Chinese label, where it applies, how it scores.

Owns :class:`Rule` (its values are the codes published in the ``计分规则`` column of the open data
and on every report page: ``positive``, ``exact``, ``reverse-zero`` …; never rename one) and
:data:`RULES`, one :class:`RuleText` per rule. ``rules`` picks a rule and fills its explanation
template; ``jixiao docs`` writes the rule table of docs/scoring.md from this table, so the docs
cannot miss or misstate a rule.

Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Rule(StrEnum):
    """How one indicator row was scored; the value is the published code."""

    POSITIVE = "positive"
    EXACT = "exact"
    PERCENT_DEGREE = "percent-degree"
    REVERSE = "reverse"
    REVERSE_ZERO = "reverse-zero"
    REVERSE_PROPORTIONAL = "reverse-proportional"
    REVERSE_LINEAR = "reverse-linear"
    QUALITATIVE = "qualitative"
    WINDOW = "window"
    CLAIMED = "claimed"
    CHECKLIST = "checklist"
    NONE = "none"
    EXECUTION = "execution"
    NOT_APPLICABLE = "not-applicable"


@dataclass(frozen=True, slots=True)
class RuleText:
    """A rule in Chinese: short label, where it applies, how it scores (for docs/scoring.md), and the
    templates of the explanation shown beside each score, one per case, with named fields
    (``{actual}``, ``{target}``, ``{weight}``, ``{score}`` …)."""

    label: str
    applies: str
    scores: str
    explain: dict[str, str]


_TAKEN = {
    "taken": "无法重算（{reason}），采用报告所列得分 {claimed}",
    "missing": "无法重算（{reason}），且报告未列得分",
}
_POSITIVE = {
    "met": "业绩值 {actual} 达到目标值 {target}，得满分 {score}",
    "bound": "业绩值 {actual} 的下限已达到目标值 {target}，得满分 {score}",
    "short-zero": "业绩值 {actual} 未达到目标值 {target}，按“未达标不得分”得 {score}",
    "short-proportional": "业绩值 {actual} 未达到目标值 {target}，得分 = 权重 {weight} × {actual_amount} ÷ "
                          "{target_amount} = {score}",
}
_EXCEEDED = "反向指标：业绩值 {actual} 超过目标值 {target}"

RULES: dict[Rule, RuleText] = {
    Rule.POSITIVE: RuleText("正向指标", "正向指标（≥、>，无符号的数值按 ≥）",
                            "达到目标得满分；未达到得 权重 × 实际 ÷ 目标（或按 `shortfall_rule` 得 0）", _POSITIVE),
    Rule.EXACT: RuleText("等于目标", "等于目标（=）", "同正向指标，超过目标也只得满分", _POSITIVE),
    Rule.PERCENT_DEGREE: RuleText("百分比按业绩值计分", "`percent_rule: degree` 时的百分比正向指标",
                                  "权重 × 业绩百分比，最多满分",
                                  {"scored": "百分比指标按业绩值计分：权重 {weight} × {actual} = {score}"}),
    Rule.REVERSE: RuleText("反向指标未超出", "反向指标（≤、<）未超出", "满分", {
        "met": "反向指标：业绩值 {actual} 未超过目标值 {target}，得满分 {score}",
        "bound": "业绩值 {actual} 的上限未超过目标值 {target}，得满分 {score}",
    }),
    Rule.REVERSE_ZERO: RuleText("反向指标超出得零分", "反向指标超出目标，`reverse_rule: zero`", "0 分",
                                {"exceeded": _EXCEEDED + "，按“超出即不得分”得 {score}"}),
    Rule.REVERSE_PROPORTIONAL: RuleText(
        "反向指标超出按比例", "反向指标超出目标，`reverse_rule: proportional`", "权重 × 目标 ÷ 实际",
        {"exceeded": _EXCEEDED + "，得分 = 权重 {weight} × 目标 {goal} ÷ 业绩 {got} = {score}"}),
    Rule.REVERSE_LINEAR: RuleText(
        "反向指标超出按线性", "反向指标超出目标，`reverse_rule: linear`", "权重 × (1 − 超出部分 ÷ 目标)，超出一倍时为 0",
        {"exceeded": _EXCEEDED + "，得分 = 权重 {weight} × (1 − 超出部分 ÷ 目标) = {score}（超出一倍为 0）"}),
    Rule.QUALITATIVE: RuleText("定性指标", "定性、周期、相对值指标",
                               "业绩值与目标值相同得满分；业绩值是百分比时得 权重 × 达成度（超过 100% 按 100%）", {
                                   "same": "业绩值与目标值“{target}”相同，视为完全达成，得满分 {score}",
                                   "degree": "定性指标按达成度计分：权重 {weight} × {degree} = {score}（{tier}档）",
                                   "capped": "定性指标按达成度计分：权重 {weight} × {degree} = {score}（{tier}档）"
                                             "（业绩值 {actual} 按 100% 计）",
                               }),
    Rule.WINDOW: RuleText("时间指标", "时间段、截止时间", "业绩在目标时间内得满分，否则按 `window_rule`", {
        "inside": "业绩值 {actual} 在目标时间 {target} 之内，得满分 {score}",
        "outside": "业绩值 {actual} 不在目标时间 {target} 之内，得 {score}",
    }),
    Rule.CLAIMED: RuleText("采用所列得分", "无法重算的指标：值无法比较、未列目标值或完成值、表中未列权重",
                           "采用报告所列得分（限制在 0 到权重之间），标明“未重算”，并给出提示 JX-A007、JX-A011 或 JX-A012", {
                               **_TAKEN,
                               "unlisted": "未列{missing}，无法重算，采用报告所列得分 {claimed}（未重算）",
                               "no-weight": "表中未列权重，采用报告所列得分 {claimed}（未重算）",
                           }),
    Rule.CHECKLIST: RuleText("按评分标准扣分", "按评分标准扣分的指标（`kind: checklist`）",
                             "采用报告所列得分（限制在 0 到权重之间），标明“未重算”；这类指标本来就无法重算，"
                             "所以不另给提示，所列得分超出范围时报告 JX-C005", _TAKEN),
    Rule.NONE: RuleText("无法计分", "缺少权重的指标；或未列目标值、完成值，也未列得分的指标",
                        "无法计分（JX-C004、JX-T004、JX-T005；报告整体未列得分时不逐行提示），不计入总分", {
                            "no-weight": "缺少权重，无法计分",
                            "unlisted": "未列{missing}，报告也未列得分，无法计分",
                            "no-weight-no-score": "表中未列权重和得分",
                            "no-points": "表中未列分值，不计分",
                            "no-budget": "缺少预算数或执行数，且未列得分",
                        }),
    Rule.EXECUTION: RuleText("预算执行率", "计分的预算执行率行",
                             "分值 × 执行数 ÷ 预算数（有调整后预算时用调整后预算），按 `execution_cap` 决定是否封顶", {
                                 "capped": "预算执行率 = 执行数 {spent} ÷ {base_label} {base} = {rate}{rounded}，"
                                           "得分 = 权重 {weight} × 执行率（不超过权重） = {score}",
                                 "uncapped": "预算执行率 = 执行数 {spent} ÷ {base_label} {base} = {rate}{rounded}，"
                                             "得分 = 权重 {weight} × 执行率 = {score}",
                             }),
    Rule.NOT_APPLICABLE: RuleText("不适用", "没有分值的“/”或空白行（表样中未使用的二级指标行）",
                                  "不计分，也不算 0 分；不计入总分和权重",
                                  {"blank": "不适用：该行没有分值、指标值和得分"}),
}

#: Why a row could not be recomputed (the ``{reason}`` of the ``claimed`` explanations and of JX-A007/A008).
REASONS: dict[str, str] = {
    "unreadable": "目标值或业绩值无法识别",
    "not-a-number": "业绩值“{actual}”不是可与目标值“{target}”比较的数值",
    "percent-mismatch": "业绩值“{actual}”与目标值“{target}”一个是百分比、一个不是",
    "unit-mismatch": "单位不一致",
    "range": "业绩值“{actual}”是一个范围，不能确定是否达到目标值“{target}”",
    "outside-window": "业绩值 {actual} 不在目标时间 {target} 之内",
    "qualitative-claimed": "评分规则规定定性指标采用所列得分",
    "incomparable": "业绩值“{actual}”不能与目标值“{target}”比较",
    "tier-word": "业绩值“{actual}”是文字，属于“{tier}”档，不能确定具体得分",
    "checklist": "按评分标准扣分的指标",
    "no-budget": "缺少预算数或执行数，或预算数为 0",
}

#: The ``{rounded}`` of the 预算执行率 explanation when the form rounds the rate before scoring.
ROUNDED_RATE = "，按原表先取整到 {places} 位小数"


def explain(rule: Rule, case: str, **fields: str) -> str:
    """The explanation of ``rule`` in ``case``, its template filled with ``fields`` (extra ones are ignored)."""
    return RULES[rule].explain[case].format(**fields)


def reason(case: str, **fields: str) -> str:
    """Why a row could not be recomputed, filled with ``fields``."""
    return REASONS[case].format(**fields)
