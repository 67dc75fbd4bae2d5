"""The scorecard: what scoring and auditing made of one report, nested like the report itself.

Owns the shape of computed results, read as is by the site, the open data and the CLI (none of
them re-nests, re-joins or re-compares): tables (一级指标) → groups (二级指标) → rows (三级指标),
each level with its weight, printed and computed score and a ``differs`` flag; the scored 预算执行率
row; the execution rate of every funds row; the computed total and grade beside the printed ones;
the grade to show; the policy in force (``policy.label`` is the one label shown everywhere); and
the audit findings. Built by ``audit.score_report``.

Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from jixiao.domain.issues import Finding, Severity
from jixiao.domain.model import FundsRow, Indicator, IndicatorGroup, IndicatorTable, Report, TableKind
from jixiao.domain.policy import Policy
from jixiao.domain.quickinit import quick_init
from jixiao.domain.ruletable import Rule
from jixiao.domain.scoring import total


class RowStatus(StrEnum):
    """Whether a row's computed score was recomputed by a rule."""

    SCORED = "scored"  # recomputed by its rule
    NOT_RECOMPUTED = "not-recomputed"  # 未重算: the printed score is taken (none when none is printed)
    NOT_SCORED = "not-scored"  # nothing to score (no weight): counts for nothing in the total
    NOT_APPLICABLE = "not-applicable"  # the form gives the row no score at all (forms without weights)


class ReportState(StrEnum):
    """How far a report could be scored."""

    SCORED = "scored"  # a computed total and grade stand beside the printed ones
    INCOMPLETE = "incomplete"  # the rows' weights (or header points) cannot reach the total: no grade
    UNSCORED = "unscored"  # the report prints no score at all ("报告未列得分"): printed figures only
    DRAFT = "draft"  # an unfinished draft (e.g. fresh from the importer): printed figures only


def _differs(claimed: Decimal | None, computed: Decimal | None) -> bool:
    """Printed and computed both present and unequal (exactly; the audit's tolerance is not applied)."""
    return claimed is not None and computed is not None and claimed != computed


@quick_init
@dataclass(frozen=True, slots=True)
class ScoredRow:
    """One indicator row with its computed score.

    ``rule`` is the published code of the rule that scored it; ``explanation`` says in Chinese
    how the score was obtained, e.g. ``反向指标：业绩值 1163.13万元 超过目标 1136.92万元，得 0 分``.
    ``computed`` is ``None`` only when nothing could be scored at all (no weight); rows that cannot
    be recomputed take the printed score with status ``NOT_RECOMPUTED``.
    """

    indicator: Indicator
    table: TableKind
    group: str
    computed: Decimal | None
    rule: Rule
    explanation: str
    status: RowStatus = RowStatus.SCORED

    @property
    def name(self) -> str:
        return self.indicator.name

    @property
    def weight(self) -> Decimal | None:
        return self.indicator.weight

    @property
    def claimed(self) -> Decimal | None:
        return self.indicator.claimed_score

    @property
    def recomputed(self) -> bool:
        return self.status == RowStatus.SCORED

    @property
    def differs(self) -> bool:
        return _differs(self.claimed, self.computed)


@quick_init
@dataclass(frozen=True, slots=True)
class ScoredGroup:
    """A 二级指标 with its scored rows: weight, printed subtotal (when every row prints one), computed."""

    group: IndicatorGroup
    rows: tuple[ScoredRow, ...]
    weight: Decimal
    claimed: Decimal | None
    computed: Decimal

    @property
    def name(self) -> str:
        return self.group.name

    @property
    def differs(self) -> bool:
        return _differs(self.claimed, self.computed)


@quick_init
@dataclass(frozen=True, slots=True)
class ScoredTable:
    """An indicator table (一级指标) with its scored groups and totals."""

    table: IndicatorTable
    groups: tuple[ScoredGroup, ...]
    weight: Decimal
    claimed: Decimal | None
    computed: Decimal

    @property
    def kind(self) -> TableKind:
        return self.table.kind

    @property
    def label(self) -> str:
        """The 一级指标 (产出指标), or the table's heading when it names none."""
        return self.table.level1 or self.table.title

    @property
    def differs(self) -> bool:
        return _differs(self.claimed, self.computed)

    def rows(self) -> Iterator[ScoredRow]:
        return (row for group in self.groups for row in group.rows)


@quick_init
@dataclass(frozen=True, slots=True)
class FundsRate:
    """Execution rate (执行数 ÷ 预算数) of one funds row; ``None`` when the budget is 0 or absent."""

    row: FundsRow
    rate: Decimal | None


@quick_init
@dataclass(frozen=True, slots=True)
class Scorecard:
    """Everything computed for one report."""

    report: Report
    policy: Policy  # the policy in force; ``policy.label`` is what every page, file and message shows
    tables: tuple[ScoredTable, ...]  # in report order
    execution_row: ScoredRow | None  # a scored 预算执行率 row, when the report has one
    total: Decimal
    grade: str
    funds_rates: tuple[FundsRate, ...]  # one per funds row, in order
    total_rate: Decimal | None  # execution rate of the whole funds table
    findings: tuple[Finding, ...]
    state: ReportState = ReportState.SCORED

    @property
    def rows(self) -> tuple[ScoredRow, ...]:
        """Every indicator row, in report order (not the 预算执行率 row)."""
        return tuple(row for table in self.tables for row in table.rows())

    @property
    def weight(self) -> Decimal | None:
        """All weights: the tables' and the 预算执行率 row's (``None`` when that row has no weight)."""
        weights = [t.weight for t in self.tables] + ([self.execution_row.weight] if self.execution_row else [])
        return None if any(w is None for w in weights) else total(w for w in weights if w is not None)

    @property
    def claimed_total(self) -> Decimal | None:
        return self.report.claimed.total if self.report.claimed else None

    @property
    def claimed_grade(self) -> str | None:
        return self.report.claimed.grade if self.report.claimed else None

    @property
    def total_differs(self) -> bool:
        """The printed total differs from the computed one; never for a report that prints no score
        (报告未列得分): its computed "total" is no score to compare with."""
        return self.state != ReportState.UNSCORED and _differs(self.claimed_total, self.total)

    @property
    def grade_differs(self) -> bool:
        """The printed grade differs from the computed one; never when there is no computed grade
        (报告未列得分, 不完整): a printed grade with nothing to compare with is not a difference."""
        return bool(self.grade) and self.claimed_grade is not None and self.claimed_grade != self.grade

    @property
    def differs(self) -> bool:
        """The computed total or grade differs from the printed one."""
        return self.total_differs or self.grade_differs

    @property
    def differing_rows(self) -> int:
        """How many indicator rows score differently from what the report prints."""
        return sum(row.differs for row in self.rows)

    @property
    def shown_total(self) -> Decimal | None:
        """The computed total a reader sees: none for a report that prints no score (报告未列得分)."""
        return None if self.state == ReportState.UNSCORED else self.total

    @property
    def shown_grade(self) -> str | None:
        """The grade a reader sees: the computed one once scored; none for an incomplete report (its
        partial sum is no grade); else the printed one."""
        if self.state == ReportState.INCOMPLETE:
            return None
        return self.grade if self.state == ReportState.SCORED else self.claimed_grade

    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == Severity.ERROR)
