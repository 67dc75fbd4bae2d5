"""The target/actual parser and the scoring rules against the conformance table tests/data/targets.yaml.

Each row of the table is one test case, so a finance officer can add a case without writing Python.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
import yaml

from jixiao.domain.model import Direction, Indicator, Loc, Target
from jixiao.domain.policy import PRESETS, Policy, apply_overrides
from jixiao.domain.rules import score_indicator
from jixiao.domain.targets import ParseError, Role, Value, parse_target, parse_value

TABLE = Path(__file__).resolve().parent.parent / "data" / "targets.yaml"
DATA: dict[str, list[dict[str, Any]]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
VALUE_FIELDS = ("kind", "op", "amount", "unit", "months", "year", "day", "word")


def _label(row: dict[str, Any]) -> str:
    if "cells" in row:
        return "|".join(row["cells"])
    return str(row.get("text", f"{row.get('target')} / {row.get('actual')}"))


def _parse(row: dict[str, Any]) -> Value | ParseError:
    if "cells" in row:
        nature, value, unit = row["cells"]
        text = f"{'' if nature == '定性' else nature}{value}{unit}"
        return parse_target(Target(Loc("t"), text=text, nature=nature, value=value, unit=unit))
    return parse_value(row["text"], Role(row.get("role", "target")))


def _shape(value: Value) -> dict[str, Any]:
    return {
        "kind": value.kind.value, "op": value.op.value if value.op else None,
        "amount": value.amount, "unit": value.unit.symbol if value.unit else None,
        "months": list(value.months) if value.months else None, "year": value.year, "day": value.day,
        "word": value.word,
    }


def test_the_table_is_big_enough() -> None:
    assert len(DATA["values"]) + len(DATA["pairs"]) >= 60
    assert len(DATA["values"]) >= 60


@pytest.mark.parametrize("row", DATA["values"], ids=_label)
def test_value(row: dict[str, Any]) -> None:
    parsed = _parse(row)
    if "error" in row:
        assert isinstance(parsed, ParseError), parsed
        assert parsed.code == row["error"]
        return
    assert isinstance(parsed, Value), parsed
    shape = _shape(parsed)
    expected = {k: (Decimal(row[k]) if k == "amount" else row[k]) for k in VALUE_FIELDS if k in row}
    assert {k: shape[k] for k in expected} == expected
    for k in ("op", "unit", "months", "year", "day"):  # unspecified means absent
        if k not in row and not (k == "op" and row.get("role") == "actual"):
            assert shape[k] is None, (k, shape[k])


def _policy(row: dict[str, Any]) -> Policy:
    policy, problems = apply_overrides(PRESETS[row.get("preset", "datong-2021")],
                                       MappingProxyType({k: str(v) for k, v in row.get("overrides", {}).items()}))
    assert problems == []
    return policy


@pytest.mark.parametrize("row", DATA["pairs"], ids=_label)
def test_pair(row: dict[str, Any]) -> None:
    indicator = Indicator(
        Loc("t.yaml", 1, 1), name="指标", weight=Decimal(row["weight"]),
        target=Target(Loc("t.yaml", 1, 2), text=row["target"]), actual=row["actual"],
        claimed_score=Decimal(row["printed"]) if "printed" in row else None,
        direction=Direction(row["direction"]) if "direction" in row else None,
    )
    outcome = score_indicator(indicator, _policy(row))
    codes = {f.code for f in outcome.findings}
    if "expect" in row:
        expected = None if row["expect"] is None else Decimal(row["expect"])
        assert outcome.score == expected and str(outcome.score) == str(expected), outcome
    if "rule" in row:
        assert outcome.rule == row["rule"], outcome
    assert outcome.recomputed == row.get("recomputed", True), outcome
    if "error" in row:
        assert row["error"] in codes, outcome.findings
    if "absent" in row:
        assert row["absent"] not in codes, outcome.findings
    if outcome.recomputed:
        # a recomputed score needs no excuse; only a hint the row names (a target without ≥/≤: JX-T009)
        assert codes <= {row.get("error")} - {None}, outcome.findings


def test_three_cell_target_keeps_its_printed_text() -> None:
    target = Target(Loc("t"), text="≥299人", nature="≥", value="299", unit="人")
    parsed = parse_target(target)
    assert isinstance(parsed, Value) and parsed.text == "≥299人"
    one_cell = parse_value(">=299人", Role.TARGET)
    assert isinstance(one_cell, Value)
    assert dataclasses.replace(parsed, text="") == dataclasses.replace(one_cell, text="")


def test_parse_value_cache_returns_the_same_reading() -> None:
    """The cache is invisible: a second reading equals a fresh one, for values and for errors alike."""
    from jixiao.domain.targets import Role, parse_value

    for text in (">=299人", "合规", "10-12月", "=1批次x", ""):
        for role in (Role.TARGET, Role.ACTUAL):
            first = parse_value(text, role)
            assert parse_value(text, role) == first
            assert parse_value.__wrapped__(text, role) == first
