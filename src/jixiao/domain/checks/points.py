"""Points printed on headers: 二级 rows, 一级 tables and blocks spanning several 一级 indicators.

Owns: where weights are printed, their sum against the points printed above them (二级 row, or a block
such as 年度绩效目标1（40分）); where the form prints no weights (only 得分), the printed scores' sum
never above those points; and :func:`reachable`, the most a report's rows can give (weights where
printed, else the points on their headers, plus the scored funds row), against which an incomplete
report and an unreachable printed total are judged.

Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao.domain.issues import Finding, finding
from jixiao.domain.model import Indicator, IndicatorGroup, IndicatorTable, Loc, Report
from jixiao.domain.scoring import ZERO, show, total


def _weighted(rows: Iterable[Indicator]) -> list[Decimal]:
    return [i.weight for i in rows if i.weight is not None]


def _printed(rows: Iterable[Indicator]) -> Decimal:
    return total(i.claimed_score for i in rows if i.claimed_score is not None)


def _against(label: str, loc: Loc, points: Decimal | None, rows: list[Indicator]) -> list[Finding]:
    """Weights against printed points; without weights, printed scores never above the points."""
    if points is None:
        return []
    weights = _weighted(rows)
    if weights:
        summed = total(weights)
        if summed != points:
            return [finding("JX-C015", loc, label=label, points=show(points), total=show(summed))]
        return []
    printed = _printed(rows)
    if printed > points:
        return [finding("JX-C014", loc, label=label, points=show(points), summed=show(printed))]
    return []


def check_points(report: Report) -> list[Finding]:
    found: list[Finding] = []
    for table in report.tables:
        for group in table.groups:
            found += _against(group.name, group.at("points"), group.points, list(group.indicators))
        if not _weighted(table.indicators()):  # with weights, JX-C002 compares them
            found += _against(table.level1 or table.title, table.at("points"), table.points,
                              list(table.indicators()))
    for block in report.blocks:
        rows = [i for t in report.tables if t.block == block.name for i in t.indicators()]
        found += _against(block.name, block.at("points"), block.points, rows)
    return found


def _group_capacity(group: IndicatorGroup) -> Decimal | None:
    weights = _weighted(group.indicators)
    return total(weights) if weights else group.points


def _table_capacity(table: IndicatorTable) -> Decimal | None:
    groups = [c for c in (_group_capacity(g) for g in table.groups) if c is not None]
    return total(groups) if groups else table.points


def reachable(report: Report) -> Decimal:
    """The most the rows can give: weights, else points on their 二级/一级/block headers, plus the funds row."""
    parts: list[Decimal] = []
    blocks = {b.name: b.points for b in report.blocks}
    counted: set[str] = set()
    for table in report.tables:
        capacity = _table_capacity(table)
        if capacity is not None:
            parts.append(capacity)
        elif table.block in blocks and table.block not in counted and blocks[table.block] is not None:
            counted.add(table.block)
            parts.append(blocks[table.block] or ZERO)
    funds = report.scored_execution
    if funds is not None and funds.weight is not None:
        parts.append(funds.weight)
    return total(parts)
