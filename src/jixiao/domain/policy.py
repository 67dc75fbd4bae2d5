"""The scoring policy as data: every parameter of the rules, the shipped presets, and site overrides.

Owns :class:`Policy` (a frozen record of parameters, each documented in docs/scoring.md), the presets
``mof-2020`` (national default: proportional reverse rule) and ``datong-2021`` (reproduces the
reference report, 大同市总工会 2021: a reverse target exceeded scores zero), and :func:`policy_for`,
which reads ``content/site.yaml``'s ``scoring: {preset, overrides}`` into a policy plus coded
findings (JX-P…) for an unknown preset, an unknown parameter or a bad value.

Standard library only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from jixiao.domain.issues import Finding, finding
from jixiao.domain.model import SiteSettings


class ReverseRule(StrEnum):
    """How a reverse target (≤, <) that was exceeded scores."""

    ZERO = "zero"  # 0 points
    PROPORTIONAL = "proportional"  # weight × target / actual
    LINEAR = "linear"  # weight × (1 − (actual − target) / target), 0 at twice the target


class ShortfallRule(StrEnum):
    """How a positive or exact target (≥, >, =) that was not met scores."""

    PROPORTIONAL = "proportional"  # weight × actual / target
    ZERO = "zero"


class PercentRule(StrEnum):
    """How positive targets in percent score."""

    RATIO = "ratio"  # as any positive target: met → full, short → weight × actual / target
    DEGREE = "degree"  # weight × actual% (a 98% target met at 98% scores 19.6 of 20)


class QualitativeRule(StrEnum):
    """How qualitative targets (合规, 有效, 每月, 达到序时进度 …) score."""

    DEGREE = "degree"  # weight × the achievement degree printed as the actual (80% → × 0.80)
    CLAIMED = "claimed"  # always take the printed score (checked against the tiers)


class WindowRule(StrEnum):
    """How an actual outside its time window (or after its deadline) scores."""

    ZERO = "zero"
    CLAIMED = "claimed"


@dataclass(frozen=True, slots=True)
class Policy:
    """Every parameter of the scoring rules. Amounts and percentages are ``Decimal``."""

    name: str
    reverse_rule: ReverseRule = ReverseRule.PROPORTIONAL
    shortfall_rule: ShortfallRule = ShortfallRule.PROPORTIONAL
    percent_rule: PercentRule = PercentRule.RATIO
    qualitative_rule: QualitativeRule = QualitativeRule.DEGREE
    tier_check: bool = True  # check printed scores of word actuals (部分达成 …) against the tiers
    tier_full: Decimal = Decimal(80)  # lower edge (%) of 达成
    tier_partial: Decimal = Decimal(60)  # lower edge (%) of 部分达成; one region uses 50
    window_rule: WindowRule = WindowRule.ZERO
    execution_cap: bool = True  # 预算执行率 row never above its points
    execution_base: str = "adjusted"  # adjusted (全年预算数, when given) | budget (年初预算数)
    decimals: int = 2  # per-indicator rounding, ROUND_HALF_UP: 2, 1 or 0
    rate_decimals: int | None = None  # round the 执行率 (in %) to this many places before scoring; None: exact
    total_weight: Decimal = Decimal(100)  # what all weights must add up to
    tolerance: Decimal = Decimal(0)  # printed vs computed differences up to this are not reported
    overrides: tuple[tuple[str, str], ...] = ()  # the site's valid overrides of the preset, as written

    @property
    def label(self) -> str:
        """The preset's name, plus the overridden parameters: ``mof-2020（reverse_rule=linear）``."""
        if not self.overrides:
            return self.name
        return f"{self.name}（{'，'.join(f'{key}={value}' for key, value in self.overrides)}）"


PRESETS: dict[str, Policy] = {
    "mof-2020": Policy(name="mof-2020"),
    "datong-2021": Policy(name="datong-2021", reverse_rule=ReverseRule.ZERO),
}


def _enum(kind: type[StrEnum]) -> tuple[Callable[[str], object], str]:
    return kind, " | ".join(m.value for m in kind)


def _decimal(low: Decimal, high: Decimal) -> tuple[Callable[[str], object], str]:
    def parse(text: str) -> Decimal:
        value = Decimal(text)
        if not value.is_finite() or not low <= value <= high:
            raise ValueError(text)
        return value

    return parse, f"{low} 到 {high} 之间的数"


def _bool(text: str) -> bool:
    if text.lower() in {"true", "yes", "是"}:
        return True
    if text.lower() in {"false", "no", "否"}:
        return False
    raise ValueError(text)


def _decimals(text: str) -> int:
    if text not in {"0", "1", "2"}:
        raise ValueError(text)
    return int(text)


def _rate_decimals(text: str) -> int | None:
    if text == "none":
        return None
    return _decimals(text)


def _base(text: str) -> str:
    if text not in {"adjusted", "budget"}:
        raise ValueError(text)
    return text


#: Parameter name -> (parser of its text, allowed values in Chinese for the message).
PARAMETERS: dict[str, tuple[Callable[[str], object], str]] = {
    "reverse_rule": _enum(ReverseRule),
    "shortfall_rule": _enum(ShortfallRule),
    "percent_rule": _enum(PercentRule),
    "qualitative_rule": _enum(QualitativeRule),
    "tier_check": (_bool, "true | false"),
    "tier_full": _decimal(Decimal(0), Decimal(100)),
    "tier_partial": _decimal(Decimal(0), Decimal(100)),
    "window_rule": _enum(WindowRule),
    "execution_cap": (_bool, "true | false"),
    "execution_base": (_base, "adjusted | budget"),
    "decimals": (_decimals, "0 | 1 | 2"),
    "rate_decimals": (_rate_decimals, "none | 0 | 1 | 2"),
    "total_weight": _decimal(Decimal(1), Decimal(10000)),
    "tolerance": _decimal(Decimal(0), Decimal(100)),
}


def apply_overrides(base: Policy, overrides: Mapping[str, str]) -> tuple[Policy, list[tuple[str, str, str]]]:
    """``base`` with ``overrides`` applied; problems as (code, key, value) for the caller to place."""
    changes: dict[str, object] = {}
    problems: list[tuple[str, str, str]] = []
    for key, text in overrides.items():
        if key not in PARAMETERS:
            problems.append(("JX-P002", key, text))
            continue
        parse, _ = PARAMETERS[key]
        try:
            changes[key] = parse(text.strip())
        except (ValueError, InvalidOperation):
            problems.append(("JX-P003", key, text))
    policy = dataclasses.replace(base, **changes)  # type: ignore[arg-type]
    if policy.tier_partial > policy.tier_full:
        problems.append(("JX-P003", "tier_partial", str(policy.tier_partial)))
        policy = dataclasses.replace(policy, tier_partial=base.tier_partial, tier_full=base.tier_full)
        changes = {k: v for k, v in changes.items() if k not in {"tier_partial", "tier_full"}}
    applied = tuple((key, overrides[key].strip()) for key in changes)
    return dataclasses.replace(policy, overrides=(*base.overrides, *applied)), problems


def policy_for(site: SiteSettings) -> tuple[Policy, tuple[Finding, ...]]:
    """The policy ``site.yaml`` asks for; an unknown preset falls back to ``mof-2020`` with an error."""
    loc = site.at("scoring")
    findings: list[Finding] = []
    base = PRESETS.get(site.scoring_preset)
    if base is None:
        findings.append(finding("JX-P001", loc, preset=site.scoring_preset, allowed="、".join(PRESETS)))
        base = PRESETS["mof-2020"]
    policy, problems = apply_overrides(base, site.scoring_overrides)
    for code, key, value in problems:
        if code == "JX-P002":
            findings.append(finding(code, loc, key=key, allowed="、".join(PARAMETERS)))
        else:
            findings.append(finding(code, loc, key=key, value=value, allowed=PARAMETERS[key][1]))
    return policy, tuple(findings)
