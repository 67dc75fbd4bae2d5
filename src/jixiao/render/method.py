"""The policy in force -> the :class:`MethodPage` context of ``/method/`` (复核方法), for the public.

Owns how the scoring policy of ``site.yaml`` is told to a reader in plain words: which rule each kind
of indicator is scored by under this policy (from ``domain.ruletable``), how scores are rounded, the
grade bands, and what 警告, 提示 and the yellow marks on a report page mean. The page is a pure function
of the policy and the bands, so it can never describe a rule the site does not apply.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.model import GradeBand
from jixiao.domain.policy import PercentRule, Policy, QualitativeRule, ReverseRule, ShortfallRule, WindowRule
from jixiao.domain.ruletable import RULES, Rule

TITLE = "复核方法"
URL = "method/"


@dataclass(frozen=True, slots=True)
class MethodRule:
    """One kind of indicator and how it scores under the policy in force."""

    kind: str
    scores: str


@dataclass(frozen=True, slots=True)
class Band:
    label: str
    minimum: Decimal
    below: Decimal | None  # the next band's lower edge (None for the top band)


@dataclass(frozen=True, slots=True)
class MethodPage:
    page_url: str
    site_title: str
    title: str
    policy: str  # the policy's label, e.g. datong-2021
    rules: tuple[MethodRule, ...]
    decimals: int
    tolerance: Decimal
    total_weight: Decimal
    bands: tuple[Band, ...]


def _plain(text: str) -> str:
    """A rule text for the public: parameter names in backticks dropped with their parentheses."""
    return text.replace("`", "")


def _rules(p: Policy) -> tuple[MethodRule, ...]:
    shortfall = ("未达到目标的，得 权重 × 实际值 ÷ 目标值" if p.shortfall_rule is ShortfallRule.PROPORTIONAL
                 else "未达到目标的，得 0 分")
    percent = ("目标是百分比的，得 权重 × 业绩百分比，最多满分" if p.percent_rule is PercentRule.DEGREE
               else "目标是百分比的，计分方法相同")
    reverse = {ReverseRule.ZERO: Rule.REVERSE_ZERO, ReverseRule.PROPORTIONAL: Rule.REVERSE_PROPORTIONAL,
               ReverseRule.LINEAR: Rule.REVERSE_LINEAR}[p.reverse_rule]
    qualitative = (_plain(RULES[Rule.QUALITATIVE].scores) if p.qualitative_rule is QualitativeRule.DEGREE
                   else f"采用报告所列得分，并按“达成（≥{p.tier_full}%）/部分达成（≥{p.tier_partial}%）/未达成”三档核对")
    window = ("业绩在目标时间内得满分，否则得 0 分" if p.window_rule is WindowRule.ZERO
              else "业绩在目标时间内得满分，否则采用报告所列得分")
    execution = "分值 × 执行数 ÷ 预算数（有调整后预算时用调整后预算）" + ("，最多满分" if p.execution_cap else "")
    return (
        MethodRule("正向指标（目标写作 ≥、>，或只写数值）", f"达到目标得满分；{shortfall}；{percent}"),
        MethodRule("等于目标的指标（目标写作 =）", f"达到目标得满分，超过也只得满分；{shortfall}"),
        MethodRule("反向指标（目标写作 ≤、<）", f"未超出目标得满分；超出的，得 {_plain(RULES[reverse].scores)}"),
        MethodRule("定性指标（合规、有效、健全等）", qualitative),
        MethodRule("时间指标（时间段、截止时间）", window),
        MethodRule("按评分标准扣分的指标", "这类指标无法重算，采用报告所列得分（不超过权重），并标明“未重算”"),
        MethodRule("无法重算的指标", "采用报告所列得分（不超过权重），标明“未重算”，并在复核说明中提示"),
        MethodRule("计分的预算执行率", execution),
    )


def method_page(policy: Policy, bands: Sequence[GradeBand], site_title: str) -> MethodPage:
    """The 复核方法 page for ``policy`` and the grade ``bands`` of ``site.yaml``."""
    ordered = sorted(bands, key=lambda b: b.minimum, reverse=True)
    return MethodPage(
        page_url=URL, site_title=site_title, title=TITLE, policy=policy.label, rules=_rules(policy),
        decimals=policy.decimals, tolerance=policy.tolerance, total_weight=policy.total_weight,
        bands=tuple(Band(b.label, b.minimum, ordered[i - 1].minimum if i else None) for i, b in enumerate(ordered)),
    )
