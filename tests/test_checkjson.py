"""``jixiao check --format json`` (jixiao.checkjson) writes exactly what ``json.dumps(indent=2)`` would.

The reference is the dictionaries the CLI used to build, through the standard encoder; the templates
must give the same text for any strings (quotes, backslashes, control characters; a lone surrogate in the fixed case),
numbers, empty lists, policy overrides and missing printed totals.
"""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.cache.records import ReportResult
from jixiao.checkjson import check_json, report_json
from jixiao.domain.issues import Finding, Severity
from jixiao.domain.model import Loc

_TEXT = st.text(max_size=12)


def _reference(findings: list[Finding], cards: list[ReportResult]) -> str:
    items = [{"file": f.loc.file, "line": f.loc.line, "column": f.loc.column, "code": f.code,
              "severity": f.severity.value, "message": f.message, "hint": f.hint} for f in findings]
    return json.dumps({"findings": items, "reports": [report_json(c) for c in cards]}, ensure_ascii=False, indent=2)


_FINDINGS = st.builds(Finding, st.builds(Loc, _TEXT, st.integers(0, 10**6), st.integers(0, 999)), _TEXT,
                      st.sampled_from(Severity), _TEXT, _TEXT)
_DECIMALS = st.decimals(min_value=-1000, max_value=1000, places=2)
_CARDS = st.builds(
    ReportResult, st.tuples(_TEXT), _TEXT, st.frozensets(_TEXT, max_size=2), _TEXT, st.integers(1990, 2100),
    _TEXT, st.lists(st.tuples(_TEXT, _TEXT), max_size=3).map(tuple), _DECIMALS, _TEXT,
    st.none() | _DECIMALS, st.none() | _TEXT, st.booleans(),
)


@given(st.lists(_FINDINGS, max_size=4), st.lists(_CARDS, max_size=3))
@settings(max_examples=300)
def test_same_text_as_the_standard_encoder(findings: list[Finding], cards: list[ReportResult]) -> None:
    assert check_json(findings, cards) == _reference(findings, cards)


def test_an_ordinary_result() -> None:
    """Chinese text, escapes, an override and an empty list, written out as the standard encoder does."""
    f = Finding(Loc("content/总工会/2021.yaml", 48, 17), "JX-A001", Severity.ERROR, '得分"5"\n与\t计算\\不符',
                "改正\x1b[31m\ud800")
    card = ReportResult(("a", 2021), "content/总工会/2021.yaml", frozenset(), "大同市总工会", 2021, "datong-2021",
                        (("rounding", "half-up"),), Decimal("93.98"), "优秀", None, None)
    assert check_json([f], [card]) == _reference([f], [card])
    assert check_json([], []) == '{\n  "findings": [],\n  "reports": []\n}'
    assert json.loads(check_json([f], [card]))["findings"][0]["line"] == 48
