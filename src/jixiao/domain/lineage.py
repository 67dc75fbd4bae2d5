"""Indicator lineage: the same indicator across a department's years.

Owns following each indicator row of a department's published overall reports from year to year
(matched by :func:`~jixiao.domain.checks.softtargets.lineage_key`: the editor's ``id``, else the name
within its 二级 group), with its weight, target, actual and scores per year; whether the weight or the
target changed from the previous report; whether it missed its target (computed score below its
weight); and whether it was dropped in the report right after a year it missed.

Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.checks.softtargets import LineageKey, lineage_key
from jixiao.domain.scorecard import Scorecard


@dataclass(frozen=True, slots=True)
class LineagePoint:
    """One year of an indicator."""

    year: int
    weight: Decimal | None
    target: str
    actual: str
    claimed: Decimal | None
    computed: Decimal | None
    weight_changed: bool  # differs from the previous report where the indicator appears
    target_changed: bool
    missed: bool  # the computed score is below the weight (the target was not fully met)


@dataclass(frozen=True, slots=True)
class Lineage:
    """One indicator of one department across the years it appears in, oldest first."""

    key: LineageKey
    id: str  # the editor-given id ('' when matched by name)
    group: str  # the 二级指标 of its latest year
    name: str  # its name in its latest year
    points: tuple[LineagePoint, ...]
    dropped_after_miss: int | None  # the year it missed its target and was gone from the next report

    @property
    def changed(self) -> bool:
        return any(p.weight_changed or p.target_changed for p in self.points)


def department_lineages(cards: Iterable[Scorecard]) -> tuple[Lineage, ...]:
    """Every indicator of one department's published overall reports, in the order of their latest report."""
    ordered = sorted((c for c in cards if not c.report.is_project and not c.report.draft), key=lambda c: c.report.year)
    years = [c.report.year for c in ordered]
    rows: dict[LineageKey, list[tuple[int, str, str, LineagePoint]]] = {}
    seen_in: dict[int, set[LineageKey]] = {}
    for card in ordered:
        year = card.report.year
        seen_in[year] = set()
        for row in card.rows:
            ind = row.indicator
            key = lineage_key(row.group, ind)
            if key in seen_in[year]:
                continue  # the same name twice in one group: only the first is followed
            seen_in[year].add(key)
            target = ind.target.text if ind.target else ""
            history = rows.setdefault(key, [])
            last = history[-1][3] if history else None
            missed = row.computed is not None and ind.weight is not None and row.computed < ind.weight
            point = LineagePoint(year, ind.weight, target, ind.actual or "", ind.claimed_score, row.computed,
                                 last is not None and last.weight != ind.weight,
                                 last is not None and last.target != target, missed)
            history.append((year, row.group, ind.name, point))
    out: list[Lineage] = []
    for key, history in rows.items():
        _, group, name, _ = history[-1]
        last_point = history[-1][3]
        position = years.index(last_point.year)
        dropped = last_point.year if last_point.missed and position + 1 < len(years) else None
        out.append(Lineage(key, key[1] if key[0] == "id" else "", group, name, tuple(h[3] for h in history), dropped))
    latest = {key: n for n, key in enumerate(rows)}
    return tuple(sorted(out, key=lambda lin: (-lin.points[-1].year, latest[lin.key])))
