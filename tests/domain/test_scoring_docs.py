"""docs/scoring.md documents every policy parameter, preset, rule code and scoring finding code."""

from __future__ import annotations

from jixiao.domain.issues import CATALOGUE
from jixiao.domain.policy import PARAMETERS, PRESETS
from jixiao.domain.ruletable import RULES, Rule
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "scoring.md").read_text(encoding="utf-8")


def test_every_parameter_and_preset_is_documented() -> None:
    missing = [name for name in [*PARAMETERS, *PRESETS] if f"`{name}`" not in DOC]
    assert missing == []


def test_every_rule_has_a_label_and_explanation_and_is_documented() -> None:
    """The rule table is complete, and docs/scoring.md shows every rule code (its table is generated)."""
    assert list(RULES) == list(Rule)
    assert all(text.label and text.applies and text.scores for text in RULES.values())
    assert [rule.value for rule in Rule if f"| `{rule.value}` | {RULES[rule].label} |" not in DOC] == []


def test_published_rule_codes_are_unchanged() -> None:
    """Rule codes are a published CSV column: renaming one breaks readers' data."""
    assert [rule.value for rule in Rule] == [
        "positive", "exact", "percent-degree", "reverse", "reverse-zero", "reverse-proportional",
        "reverse-linear", "qualitative", "window", "claimed", "checklist", "none", "execution",
        "not-applicable",
    ]


def test_every_scoring_finding_code_is_documented() -> None:
    codes = [code for code in CATALOGUE if code[3] in "TCAP"]
    assert len(codes) >= 30
    assert [code for code in codes if code not in DOC] == []
