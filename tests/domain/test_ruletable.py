"""The rule table: every explanation comes from a template with known fields; formulas are keyed by policy enums."""

from __future__ import annotations

import string
from decimal import Decimal

from jixiao.domain.model import Indicator, Loc, Target
from jixiao.domain.policy import PRESETS, ReverseRule, ShortfallRule
from jixiao.domain.rules import REVERSE, SHORTFALL, score_indicator
from jixiao.domain.ruletable import REASONS, RULES, Rule, explain

FIELDS = {"actual", "target", "weight", "score", "actual_amount", "target_amount", "goal", "got", "degree", "tier",
          "reason", "claimed", "spent", "base_label", "base", "rate", "rounded", "missing"}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_template_uses_known_fields_only() -> None:
    templates = [t for text in RULES.values() for t in text.explain.values()] + list(REASONS.values())
    unknown = {name for template in templates for name in _fields(template)} - FIELDS
    assert unknown == set()


def test_a_rule_that_scores_explains_its_score() -> None:
    """Every explanation of a recomputed score shows the score; the 'taken' ones show the printed score."""
    for rule, text in RULES.items():
        for case, template in text.explain.items():
            if rule in (Rule.CLAIMED, Rule.CHECKLIST, Rule.NONE, Rule.NOT_APPLICABLE):
                continue
            assert "score" in _fields(template), (rule, case)
    assert "claimed" in _fields(RULES[Rule.CLAIMED].explain["taken"])


def test_formulas_cover_every_value_of_their_policy_parameter() -> None:
    assert set(REVERSE) == set(ReverseRule) and set(SHORTFALL) == set(ShortfallRule)
    assert {rule for rule, _ in REVERSE.values()} == {Rule.REVERSE_ZERO, Rule.REVERSE_PROPORTIONAL,
                                                     Rule.REVERSE_LINEAR}


def test_explanations_are_the_filled_templates() -> None:
    """A field holding braces is shown as written, never read as a placeholder."""
    indicator = Indicator(Loc("t.yaml", 1, 1), name="x", weight=Decimal(3),
                          target=Target(Loc("t.yaml"), text="<=1136.92万"), actual="1163.13万")
    outcome = score_indicator(indicator, PRESETS["datong-2021"])
    assert outcome.rule == Rule.REVERSE_ZERO
    assert outcome.explanation == explain(Rule.REVERSE_ZERO, "exceeded", actual="1163.13万", target="<=1136.92万",
                                          score="0.00")
    assert outcome.explanation == "反向指标：业绩值 1163.13万 超过目标值 <=1136.92万，按“超出即不得分”得 0.00"
    assert explain(Rule.WINDOW, "inside", actual="{score}", target="1-12月", score="1") == \
        "业绩值 {score} 在目标时间 1-12月 之内，得满分 1"
