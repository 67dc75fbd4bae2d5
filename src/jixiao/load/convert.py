"""Validated schema objects -> domain records, each with the place of every field.

Owns the one conversion of number text to ``Decimal`` (from the source text, never via float) and
the attachment of ``loc``/``locs`` from the parsed tree to each record.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

from pydantic import BaseModel

from jixiao.domain import model as m
from jixiao.load import schema as s
from jixiao.load.yamltree import PathKey, Tree

DEFAULT_GRADES = (("优秀", "90"), ("良好", "80"), ("中", "60"), ("差", "0"))
#: Each enum member by its value: a dict lookup per row instead of the enum's call (Python code).
_KINDS = {k.value: k for k in m.IndicatorKind}
_DIRECTIONS = {d.value: d for d in m.Direction}


def dec(text: str | None) -> Decimal | None:
    """A ``Decimal`` from validated number text; ``None`` stays ``None``; ``-0`` becomes ``0``."""
    if text is None:
        return None
    value = Decimal(text.strip())
    return value.copy_abs() if value.is_zero() else value


def whole(text: str | None) -> int | None:
    return None if text is None else int(text.strip())


class _Places:
    """Looks up ``loc``/``locs`` for a schema object found at a path of the tree."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree

    def at(self, spec: BaseModel, path: PathKey) -> tuple[m.Loc, Mapping[str, m.Loc]]:
        return self.tree.loc(path), self.tree.field_locs(path, spec.model_fields_set)


def site_settings(spec: s.SiteFile, tree: Tree) -> m.SiteSettings:
    places = _Places(tree)
    grades = [(g.label, g.minimum) for g in spec.grades] or list(DEFAULT_GRADES)
    return m.SiteSettings(
        *places.at(spec, ()),
        title=spec.title,
        publisher=spec.publisher,
        region=spec.region,
        base_url=spec.base_url,
        description=spec.description,
        scoring_preset=spec.scoring.preset,
        scoring_overrides=MappingProxyType(dict(spec.scoring.overrides)),
        grade_bands=tuple(m.GradeBand(label, Decimal(minimum)) for label, minimum in grades),
        show_audit=spec.show_audit == "true",
        host=spec.host,
        contact=spec.contact,
        site_code=spec.site_code,
        icp=spec.icp,
        soft_targets=m.SoftTargetRules(
            enabled=spec.soft_targets.enabled == "true",
            satisfaction_floor=Decimal(spec.soft_targets.satisfaction_floor),
            equal_min_rows=int(spec.soft_targets.equal_min_rows),
        ),
        shards=None if spec.shards is None else m.ShardRule(spec.shards.by, spec.shards.default.strip()),
    )


def department(spec: s.DepartmentFile, tree: Tree, slug: str) -> m.Department:
    return m.Department(
        *_Places(tree).at(spec, ()),
        slug=slug,
        name=spec.name.strip(),
        code=spec.code,
        parent=spec.parent,
        region=spec.region.strip(),
    )


def _basic(spec: s.BasicSpec, places: _Places) -> m.BasicInfo:
    path: PathKey = ("basic",)
    org = spec.organization
    staff = spec.staffing
    assets = spec.assets
    return m.BasicInfo(
        *places.at(spec, path),
        responsibilities=tuple(spec.responsibilities),
        organization=None if org is None else m.Organization(
            *places.at(org, (*path, "organization")),
            description=org.description,
            internal_units=tuple(org.internal_units),
            subordinate_units=tuple(org.subordinate_units),
        ),
        staffing=None if staff is None else m.Staffing(
            *places.at(staff, (*path, "staffing")),
            text=staff.text,
            internal_unit_count=whole(staff.internal_unit_count),
            subordinate_unit_count=whole(staff.subordinate_unit_count),
            authorized=whole(staff.authorized),
            actual=whole(staff.actual),
            on_establishment=whole(staff.on_establishment),
            other=whole(staff.other),
        ),
        assets=None if assets is None else m.Assets(
            *places.at(assets, (*path, "assets")),
            text=assets.text,
            total=dec(assets.total),
        ),
    )


def _funds_row(spec: s.FundsAmounts, path: PathKey, places: _Places) -> m.FundsRow:
    texts = spec if isinstance(spec, s.FundsRowSpec) else None
    return m.FundsRow(
        *places.at(spec, path),
        function=texts.function if texts else "金额合计",
        task=texts.task if texts else "",
        completion=texts.completion if texts else "",
        budget=dec(spec.budget),
        budget_fiscal=dec(spec.budget_fiscal),
        spent=dec(spec.spent),
        spent_fiscal=dec(spec.spent_fiscal),
    )


def _funds(spec: s.FundsSpec, places: _Places) -> m.FundsTable:
    path: PathKey = ("funds",)
    return m.FundsTable(
        *places.at(spec, path),
        unit=spec.unit,
        rows=tuple(_funds_row(r, (*path, "rows", i), places) for i, r in enumerate(spec.rows)),
        total=None if spec.total is None else _funds_row(spec.total, (*path, "total"), places),
    )


def _execution(spec: s.ExecutionSpec, places: _Places) -> m.Execution:
    return m.Execution(
        *places.at(spec, ("execution",)),
        text=spec.text,
        opening_balance=dec(spec.opening_balance),
        income=dec(spec.income),
        expenditure=dec(spec.expenditure),
        non_fiscal_balance_used=dec(spec.non_fiscal_balance_used),
        balance_distribution=dec(spec.balance_distribution),
        closing_balance=dec(spec.closing_balance),
    )


def rate(text: str | None) -> Decimal | None:
    """A printed rate (``49.90%`` or ``49.9``) as a percentage ``Decimal``."""
    return None if text is None else dec(text.strip().removesuffix("%"))


def _scored_execution(spec: s.ScoredExecutionSpec, places: _Places, path: PathKey) -> m.ScoredExecution:
    return m.ScoredExecution(
        *places.at(spec, path),
        name=spec.name.strip(),
        weight=dec(spec.weight),
        budget=dec(spec.budget),
        adjusted_budget=dec(spec.adjusted_budget),
        spent=dec(spec.spent),
        claimed_score=dec(spec.score),
        rate=rate(spec.rate),
        rate_text=(spec.rate or "").strip(),
        reason=spec.reason,
        unit=spec.unit,
        parts=tuple(
            m.FundsPart(
                *places.at(part, (*path, "parts", i)),
                name=part.name.strip(),
                budget=dec(part.budget),
                adjusted_budget=dec(part.adjusted_budget),
                spent=dec(part.spent),
                rate=rate(part.rate),
                rate_text=(part.rate or "").strip(),
                reason=part.reason,
            )
            for i, part in enumerate(spec.parts)
        ),
    )


def _target(spec: str | s.ThreeCellTarget | None, path: PathKey, places: _Places) -> m.Target | None:
    if spec is None:
        return None
    loc = places.tree.loc(path)
    if isinstance(spec, str):
        return m.Target(loc=loc, text=spec)
    nature = "" if spec.nature == "定性" else spec.nature
    return m.Target(
        *places.at(spec, path),
        text=f"{nature}{spec.value}{spec.unit}",
        nature=spec.nature,
        value=spec.value,
        unit=spec.unit,
    )


def _indicator(spec: s.IndicatorSpec, path: PathKey, places: _Places) -> m.Indicator:
    return m.Indicator(
        *places.at(spec, path),
        name=spec.name.strip(),
        kind=_KINDS[spec.kind],
        weight=dec(spec.weight),
        target=_target(spec.target, (*path, "target"), places),
        actual=spec.actual,
        claimed_score=dec(spec.score),
        deviation_reason=spec.deviation_reason,
        explanation=spec.explanation,
        standard=spec.standard,
        adjusted_target=_target(spec.adjusted_target, (*path, "adjusted_target"), places),
        coefficient=dec(spec.coefficient),
        core=None if spec.core is None else spec.core == "true",
        measure=spec.measure,
        method=spec.method,
        direction=None if spec.direction is None else _DIRECTIONS[spec.direction],
        id=spec.id.strip(),
    )


def _table(spec: s.TableSpec, path: PathKey, places: _Places) -> m.IndicatorTable:
    return m.IndicatorTable(
        *places.at(spec, path),
        kind=m.TableKind(spec.kind),
        level1=spec.level1,
        title=spec.title,
        intro=spec.intro,
        points=dec(spec.points),
        block=spec.block.strip(),
        groups=tuple(
            m.IndicatorGroup(
                *places.at(g, (*path, "groups", gi)),
                name=g.name.strip(),
                points=dec(g.points),
                indicators=tuple(
                    _indicator(ind, (*path, "groups", gi, "indicators", ii), places)
                    for ii, ind in enumerate(g.indicators)
                ),
            )
            for gi, g in enumerate(spec.groups)
        ),
    )


def _blocks(specs: list[s.BlockSpec], places: _Places) -> tuple[m.Block, ...]:
    return tuple(
        m.Block(*places.at(b, ("blocks", i)), name=b.name.strip(), points=dec(b.points)) for i, b in enumerate(specs)
    )


def _unplaced(specs: list[s.UnplacedSpec], places: _Places) -> tuple[m.Unplaced, ...]:
    return tuple(
        m.Unplaced(*places.at(u, ("unplaced", i)), kind=u.kind, source=u.source, text=u.text)
        for i, u in enumerate(specs)
    )


def project(spec: s.ProjectFile, tree: Tree, dept: m.Department, slug: str) -> m.Report:
    """A project table (项目支出绩效自评表); ``slug`` is its file name without ``.yaml``."""
    places = _Places(tree)
    head, claimed, goals = spec.project, spec.claimed, spec.goals
    return m.Report(
        *places.at(spec, ()),
        department=dept,
        year=int(spec.year),
        title=spec.title,
        kind=m.ReportKind.PROJECT,
        status=m.Status(spec.status),
        form=spec.form,
        project=m.Project(
            *places.at(head, ("project",)),
            slug=slug,
            name=head.name.strip(),
            code=head.code,
            supervisor=head.supervisor,
            implementer=head.implementer,
        ),
        scored_execution=None if spec.funds is None else _scored_execution(spec.funds, places, ("funds",)),
        goals=None if goals is None else m.Goals(*places.at(goals, ("goals",)), expected=goals.expected,
                                                 actual=goals.actual),
        claimed=m.Claimed(
            *places.at(claimed, ("claimed",)),
            total=dec(claimed.total),
            grade=claimed.grade.strip() if claimed.grade else None,
        ),
        tables=tuple(_table(t, ("tables", i), places) for i, t in enumerate(spec.tables)),
        blocks=_blocks(spec.blocks, places),
        conclusion=spec.conclusion,
        problems=spec.problems,
        improvements=spec.improvements,
        unplaced=_unplaced(spec.unplaced, places),
    )


def report(
    spec: s.ReportFile,
    tree: Tree,
    dept: m.Department,
    narrative: tuple[m.NarrativeSection, ...],
) -> m.Report:
    places = _Places(tree)
    claimed = spec.claimed
    return m.Report(
        *places.at(spec, ()),
        department=dept,
        year=int(spec.year),
        title=spec.title,
        status=m.Status(spec.status),
        form=spec.form,
        basic=_basic(spec.basic, places),
        funds=None if spec.funds is None else _funds(spec.funds, places),
        execution=None if spec.execution is None else _execution(spec.execution, places),
        scored_execution=(
            None if spec.scored_execution is None
            else _scored_execution(spec.scored_execution, places, ("scored_execution",))
        ),
        claimed=m.Claimed(
            *places.at(claimed, ("claimed",)),
            total=dec(claimed.total),
            grade=claimed.grade.strip() if claimed.grade else None,
            text=claimed.text,
        ),
        tables=tuple(_table(t, ("tables", i), places) for i, t in enumerate(spec.tables)),
        blocks=_blocks(spec.blocks, places),
        narrative=narrative,
        unplaced=_unplaced(spec.unplaced, places),
    )
