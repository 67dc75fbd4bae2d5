"""docs/scoring.md documents every policy parameter, preset, rule code and scoring finding code."""

from __future__ import annotations

import re

from jixiao.domain import rules
from jixiao.domain.issues import CATALOGUE
from jixiao.domain.policy import PARAMETERS, PRESETS
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "scoring.md").read_text(encoding="utf-8")


def test_every_parameter_and_preset_is_documented() -> None:
    missing = [name for name in [*PARAMETERS, *PRESETS] if f"`{name}`" not in DOC]
    assert missing == []


def test_every_rule_code_is_documented() -> None:
    source = (ROOT / "src" / "jixiao" / "domain" / "rules.py").read_text(encoding="utf-8")
    codes = set(re.findall(r'policy, "([a-z-]+)"', source)) | set(re.findall(r'Outcome\([^,]+, "([a-z-]+)"', source))
    codes |= set(re.findall(r'rule = "([a-z-]+)" if', source)) | set(re.findall(r'else "([a-z-]+)"', source))
    codes |= {"claimed", "checklist"}
    assert {"positive", "exact", "reverse-zero", "qualitative", "window", "execution"} <= codes
    assert sorted(c for c in codes if f"`{c}`" not in DOC) == []
    assert rules.__doc__


def test_every_scoring_finding_code_is_documented() -> None:
    codes = [code for code in CATALOGUE if code[3] in "TCAP"]
    assert len(codes) >= 30
    assert [code for code in codes if code not in DOC] == []
