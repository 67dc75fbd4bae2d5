"""The text of ``jixiao check --format json``: every finding and each report's result line.

Owns that output's layout. It is the text ``json.dumps(value, ensure_ascii=False, indent=2)`` writes for
``{"findings": [...], "reports": [...]}`` (``tests/test_checkjson.py`` compares them), written from a
template per finding and per report: with ``indent`` the standard library encodes every value in
Python, which with the dictionaries built for it took about 0.45 CPU s of a warm check of 10,000
reports (about 38,000 findings); strings are escaped by the same C function it uses.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from json.encoder import encode_basestring as _s
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jixiao.cache.records import ReportResult
    from jixiao.domain.issues import Finding

__all__ = ["check_json", "report_json"]

_N = int.__repr__  # as json writes an int


def report_json(card: ReportResult) -> dict[str, object]:
    """A report's result line as the JSON object ``check --format json`` lists under ``reports``."""
    from jixiao.domain.scoring import show

    return {
        "file": card.file, "department": card.department, "year": card.year,
        "policy": card.policy, "policy_overrides": dict(card.policy_overrides),
        "computed_total": show(card.total), "computed_grade": card.grade,
        "claimed_total": None if card.claimed_total is None else show(card.claimed_total),
        "claimed_grade": card.claimed_grade,
    }


def _finding(f: Finding) -> str:
    loc = f.loc
    return (f'{{\n      "file": {_s(loc.file)},\n      "line": {_N(loc.line)},\n      "column": {_N(loc.column)},\n'
            f'      "code": {_s(f.code)},\n      "severity": {_s(f.severity.value)},\n'
            f'      "message": {_s(f.message)},\n      "hint": {_s(f.hint)}\n    }}')


def _value(value: object) -> str:
    """A value of a report's object, at that depth (three levels in)."""
    if type(value) is str:
        return _s(value)
    if type(value) is int:
        return _N(value)
    if value is None:
        return "null"
    if value == {}:
        return "{}"
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n      ")


def _report(card: ReportResult) -> str:
    fields = [f"{_s(name)}: {_value(value)}" for name, value in report_json(card).items()]
    return "{\n      " + ",\n      ".join(fields) + "\n    }"


def _list(items: Sequence[str]) -> str:
    return "[\n    " + ",\n    ".join(items) + "\n  ]" if items else "[]"


def check_json(findings: Iterable[Finding], cards: Iterable[ReportResult]) -> str:
    """``{"findings": [...], "reports": [...]}`` as ``json.dumps(..., ensure_ascii=False, indent=2)``."""
    return ('{\n  "findings": ' + _list([_finding(f) for f in findings])
            + ',\n  "reports": ' + _list([_report(card) for card in cards]) + "\n}")
