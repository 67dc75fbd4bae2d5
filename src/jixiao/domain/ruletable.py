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
    """A rule in Chinese: short label, where it applies and how it scores (for docs/scoring.md)."""

    label: str
    applies: str
    scores: str


RULES: dict[Rule, RuleText] = {
    Rule.POSITIVE: RuleText("正向指标", "正向指标（≥、>，无符号的数值按 ≥）",
                            "达到目标得满分；未达到得 权重 × 实际 ÷ 目标（或按 `shortfall_rule` 得 0）"),
    Rule.EXACT: RuleText("等于目标", "等于目标（=）", "同正向指标，超过目标也只得满分"),
    Rule.PERCENT_DEGREE: RuleText("百分比按业绩值计分", "`percent_rule: degree` 时的百分比正向指标",
                                  "权重 × 业绩百分比，最多满分"),
    Rule.REVERSE: RuleText("反向指标未超出", "反向指标（≤、<）未超出", "满分"),
    Rule.REVERSE_ZERO: RuleText("反向指标超出得零分", "反向指标超出目标，`reverse_rule: zero`", "0 分"),
    Rule.REVERSE_PROPORTIONAL: RuleText("反向指标超出按比例", "反向指标超出目标，`reverse_rule: proportional`",
                                        "权重 × 目标 ÷ 实际"),
    Rule.REVERSE_LINEAR: RuleText("反向指标超出按线性", "反向指标超出目标，`reverse_rule: linear`",
                                  "权重 × (1 − 超出部分 ÷ 目标)，超出一倍时为 0"),
    Rule.QUALITATIVE: RuleText("定性指标", "定性、周期、相对值指标",
                               "业绩值与目标值相同得满分；业绩值是百分比时得 权重 × 达成度（超过 100% 按 100%）"),
    Rule.WINDOW: RuleText("时间指标", "时间段、截止时间", "业绩在目标时间内得满分，否则按 `window_rule`"),
    Rule.CLAIMED: RuleText("采用所列得分", "无法重算的指标：值无法比较、未列目标值或完成值、表中未列权重",
                           "采用报告所列得分（限制在 0 到权重之间），标明“未重算”，并给出提示 JX-A007、JX-A011 或 JX-A012"),
    Rule.CHECKLIST: RuleText("按评分标准扣分", "按评分标准扣分的指标（`kind: checklist`）",
                             "采用报告所列得分（限制在 0 到权重之间），标明“未重算”；这类指标本来就无法重算，"
                             "所以不另给提示，所列得分超出范围时报告 JX-C005"),
    Rule.NONE: RuleText("无法计分", "缺少权重的指标；或未列目标值、完成值，也未列得分的指标",
                        "无法计分（JX-C004、JX-T004、JX-T005；报告整体未列得分时不逐行提示），不计入总分"),
    Rule.EXECUTION: RuleText("预算执行率", "计分的预算执行率行",
                             "分值 × 执行数 ÷ 预算数（有调整后预算时用调整后预算），按 `execution_cap` 决定是否封顶"),
    Rule.NOT_APPLICABLE: RuleText("不适用", "没有分值的“/”或空白行（表样中未使用的二级指标行）",
                                  "不计分，也不算 0 分；不计入总分和权重"),
}
