"""Scoring policy from site.yaml: presets, overrides, and coded findings for bad ones."""

from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType

from jixiao.domain.model import Loc, SiteSettings
from jixiao.domain.policy import PARAMETERS, PRESETS, Policy, ReverseRule, policy_for

SCORING = Loc("content/site.yaml", 8, 3)


def _site(preset: str, **overrides: str) -> SiteSettings:
    return SiteSettings(Loc("content/site.yaml", 1, 1), MappingProxyType({"scoring": SCORING}),
                        scoring_preset=preset, scoring_overrides=MappingProxyType(overrides))


def test_presets_differ_only_in_the_reverse_rule() -> None:
    mof, datong = PRESETS["mof-2020"], PRESETS["datong-2021"]
    assert mof.reverse_rule == ReverseRule.PROPORTIONAL and datong.reverse_rule == ReverseRule.ZERO
    assert mof.decimals == datong.decimals == 2 and mof.total_weight == Decimal(100)


def test_every_policy_field_is_a_parameter() -> None:
    assert set(PARAMETERS) == {f for f in Policy.__dataclass_fields__ if f not in {"name", "overrides"}}


def test_overrides_apply() -> None:
    policy, findings = policy_for(_site("datong-2021", reverse_rule="linear", decimals="1", tier_partial="50",
                                        execution_cap="false", total_weight="110"))
    assert findings == ()
    assert (policy.reverse_rule, policy.decimals, policy.tier_partial, policy.execution_cap, policy.total_weight) == (
        ReverseRule.LINEAR, 1, Decimal(50), False, Decimal(110))
    assert policy.overrides == (("reverse_rule", "linear"), ("decimals", "1"), ("tier_partial", "50"),
                                ("execution_cap", "false"), ("total_weight", "110"))
    assert policy.label == ("datong-2021（reverse_rule=linear，decimals=1，tier_partial=50，execution_cap=false，"
                            "total_weight=110）")


def test_unknown_preset_falls_back_with_an_error() -> None:
    policy, findings = policy_for(_site("datong-2099"))
    assert policy == PRESETS["mof-2020"]
    assert [(f.loc, f.code, f.severity.value) for f in findings] == [(SCORING, "JX-P001", "error")]
    assert "datong-2099" in findings[0].message and "datong-2021" in findings[0].hint


def test_unknown_parameter_and_bad_values_are_errors() -> None:
    policy, findings = policy_for(_site("mof-2020", reverse="zero", decimals="3", tier_full="abc",
                                        reverse_rule="half", tier_partial="90"))
    assert sorted(f.code for f in findings) == ["JX-P002", "JX-P003", "JX-P003", "JX-P003", "JX-P003"]
    assert policy == PRESETS["mof-2020"]
    assert all(f.loc == SCORING for f in findings)
