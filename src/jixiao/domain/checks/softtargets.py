"""The soft-target audit: hints (提示) for readers on whether a report's targets were ambitious.

Owns four checks, each a catalogue code of severity INFO with the numbers side by side:

- JX-G001 a (positive) target below the same indicator's actual of the department's previous report;
- JX-G002 every quantitative row's actual exactly equal to its target (from ``equal_min_rows`` rows);
- JX-G003 a 满意度 target at or below ``satisfaction_floor`` percent;
- JX-G004 a cost (reverse, ≤) target above last year's actual.

Cross-year matching (:func:`lineage_key`): an indicator is the same across years when the editor gives
both the same ``id``, or else when its name is the same within a 二级 group of the same name. "Last
year" is the department's nearest earlier published overall report. A blank form (no actual value on any
row, as ``jixiao new`` writes it) gets no hints until the editor fills it in. Parameters come from
``site.yaml`` ``soft_targets`` (:class:`~jixiao.domain.model.SoftTargetRules`).

Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from itertools import pairwise

from jixiao.domain.issues import Finding, finding
from jixiao.domain.model import Indicator, IndicatorGroup, Report, SoftTargetRules, TableKind
from jixiao.domain.scoring import show
from jixiao.domain.targets import Op, Value, ValueKind, parse_actual, parse_target
from jixiao.domain.units import compatible, to_base

#: What an indicator is matched by across years: ``("id", id)`` or ``("name", 二级指标, 三级指标)``.
LineageKey = tuple[str, ...]


def lineage_key(group: str, indicator: Indicator) -> LineageKey:
    """The cross-year identity of an indicator: its editor-given ``id``, else its name within its 二级 group."""
    if indicator.id:
        return ("id", indicator.id)
    return ("name", group.strip(), indicator.name.strip())


def keyed_rows(report: Report) -> Iterator[tuple[LineageKey, TableKind, IndicatorGroup, Indicator]]:
    """Every indicator row of ``report`` with its lineage key, table kind and group, in report order."""
    for table in report.tables:
        for group in table.groups:
            for indicator in group.indicators:
                yield lineage_key(group.name, indicator), table.kind, group, indicator


def _quantity(value: object) -> Value | None:
    return value if isinstance(value, Value) and value.kind == ValueKind.QUANTITY and value.amount is not None \
        else None


def _amount(value: Value) -> Decimal:
    assert value.amount is not None
    return to_base(value.amount, value.unit)


def _comparable(a: Value, b: Value) -> bool:
    return compatible(a.unit, b.unit) and (a.unit is None) == (b.unit is None)


def previous_reports(reports: Iterable[Report]) -> dict[tuple[str, int], Report]:
    """For each published overall report, the department's nearest earlier one (keyed by (slug, year))."""
    by_dept: dict[str, list[Report]] = {}
    for report in reports:
        if not report.is_project and not report.draft:
            by_dept.setdefault(report.department.slug, []).append(report)
    out: dict[tuple[str, int], Report] = {}
    for slug, items in by_dept.items():
        ordered = sorted(items, key=lambda r: r.year)
        for before, after in pairwise(ordered):
            if before.year < after.year:
                out[(slug, after.year)] = before
    return out


def _against_last_year(report: Report, previous: Report) -> list[Finding]:
    last = {key: ind for key, _, _, ind in keyed_rows(previous)}
    findings: list[Finding] = []
    for key, _, group, indicator in keyed_rows(report):
        before = last.get(key)
        if before is None or indicator.scored_target is None:
            continue
        target, actual = _quantity(parse_target(indicator.scored_target)), _quantity(parse_actual(before.actual))
        if target is None or actual is None or target.op is None or not _comparable(target, actual):
            continue
        fields = {"name": indicator.name, "target": target.text, "previous_year": previous.year,
                  "previous_actual": actual.text}
        loc = indicator.scored_target.loc
        if target.op in (Op.GE, Op.GT) and _amount(target) < _amount(actual):
            findings.append(finding("JX-G001", loc, **fields))
        elif target.op.reverse and (group.name.strip() == "成本" or (target.unit is not None and target.unit.is_money)) \
                and _amount(target) > _amount(actual):
            findings.append(finding("JX-G004", loc, **fields))
    return findings


def _satisfaction(report: Report, floor: Decimal) -> list[Finding]:
    findings: list[Finding] = []
    for _, kind, _, indicator in keyed_rows(report):
        if kind != TableKind.SATISFACTION and "满意" not in indicator.name:
            continue
        if indicator.scored_target is None:
            continue
        target = _quantity(parse_target(indicator.scored_target))
        if target is None or not target.is_percent or target.op in (Op.LE, Op.LT) or target.amount is None:
            continue
        if target.amount <= floor:
            findings.append(finding("JX-G003", indicator.scored_target.loc, name=indicator.name,
                                    target=target.text, floor=show(floor)))
    return findings


def _all_equal(report: Report, minimum: int) -> list[Finding]:
    pairs: list[tuple[Indicator, Value, Value]] = []
    for _, _, _, indicator in keyed_rows(report):
        if indicator.scored_target is None:
            continue
        target, actual = _quantity(parse_target(indicator.scored_target)), _quantity(parse_actual(indicator.actual))
        if target is not None and actual is not None and _comparable(target, actual):
            pairs.append((indicator, target, actual))
    if len(pairs) < max(minimum, 1) or any(_amount(t) != _amount(a) for _, t, a in pairs):
        return []
    first, target, actual = pairs[0]
    loc = report.tables[0].loc if report.tables else report.loc
    return [finding("JX-G002", loc, count=len(pairs), example=first.name, target=target.text, actual=actual.text)]


def soft_target_findings(reports: Sequence[Report], rules: SoftTargetRules) -> list[Finding]:
    """Every soft-target hint about the published overall reports of ``reports``."""
    if not rules.enabled:
        return []
    previous = previous_reports(reports)
    findings: list[Finding] = []
    for report in reports:
        if report.is_project or report.draft or not any(i.actual for i in report.indicators()):
            continue  # a blank form (``jixiao new``: targets carried over, nothing done yet) gets no hints
        before = previous.get((report.department.slug, report.year))
        if before is not None:
            findings += _against_last_year(report, before)
        findings += _satisfaction(report, rules.satisfaction_floor)
        findings += _all_equal(report, rules.equal_min_rows)
    return findings
