"""Scoring and auditing one report: the scorecard the site, the open-data export and the CLI share.

Owns :func:`score_report`, which scores every indicator under a policy (per-indicator rounding,
then exact sums) into the nested scorecard (tables → groups → rows, each level with its subtotals),
the total and grade, the execution rate of every funds row, and runs every audit check; and
re-exports :func:`policy_for`.

Standard library only.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from jixiao.domain.checks.arithmetic import check_basic, check_execution, check_funds, total_rate
from jixiao.domain.checks.claims import check_coefficients, check_rows, check_subtotals, check_total
from jixiao.domain.checks.funds import check_block
from jixiao.domain.checks.points import check_points, reachable
from jixiao.domain.checks.weights import check_weights
from jixiao.domain.issues import Finding
from jixiao.domain.model import GradeBand, Indicator, IndicatorTable, Report, TableKind
from jixiao.domain.policy import Policy, policy_for
from jixiao.domain.rules import Outcome, score_execution, score_indicator
from jixiao.domain.scorecard import FundsRate, ReportState, Scorecard, ScoredGroup, ScoredRow, ScoredTable
from jixiao.domain.scoring import grade_for, total

__all__ = ["policy_for", "score_report"]


def _place(f: Finding) -> tuple[str, int, int, str]:
    """A finding's order (by place, then code) as a flat tuple: compared in C, not through ``Loc``'s
    generated ordering methods."""
    return (f.loc.file, f.loc.line, f.loc.column, f.code)


def _row(kind: TableKind, group: str, ind: Indicator, outcome: Outcome) -> ScoredRow:
    return ScoredRow(ind, kind, group, outcome.score, outcome.rule, outcome.explanation, outcome.status)


def _sums(rows: Sequence[ScoredRow]) -> tuple[Decimal, Decimal | None, Decimal]:
    """Weight, printed subtotal (only when every row prints a score) and computed subtotal of ``rows``."""
    claimed = [r.claimed for r in rows]
    return (
        total(r.weight for r in rows if r.weight is not None),
        total(c for c in claimed if c is not None) if all(c is not None for c in claimed) else None,
        total(r.computed for r in rows if r.computed is not None),
    )


def _score_table(table: IndicatorTable, policy: Policy, findings: list[Finding], unscored: bool,
                 weighted: bool) -> ScoredTable:
    groups = []
    for group in table.groups:
        rows = []
        for ind in group.indicators:
            outcome = score_indicator(ind, policy, unscored, weighted)
            findings.extend(outcome.findings)
            rows.append(_row(table.kind, group.name, ind, outcome))
        groups.append(ScoredGroup(group, tuple(rows), *_sums(rows)))
    return ScoredTable(table, tuple(groups), *_sums([r for g in groups for r in g.rows]))


def unscored(report: Report) -> bool:
    """The report prints no score at all: no row score, no funds score, no total."""
    funds = report.scored_execution
    return (
        all(i.claimed_score is None for i in report.indicators())
        and (funds is None or funds.claimed_score is None)
        and (report.claimed is None or report.claimed.total is None)
    )


def _state(report: Report, policy: Policy) -> tuple[ReportState, Decimal]:
    """Unscored, incomplete (the rows cannot reach the total) or scored; and what the rows can reach."""
    most = reachable(report)
    if unscored(report):
        return ReportState.UNSCORED, most
    if most < policy.total_weight:
        return ReportState.INCOMPLETE, most
    return ReportState.SCORED, most


def score_report(report: Report, policy: Policy, bands: tuple[GradeBand, ...]) -> Scorecard:
    """Score and audit ``report`` under ``policy``; grades from ``bands`` (inclusive lower bounds, best first).

    An unscored or incomplete report gets no grade (``grade`` is empty): its computed total is not the
    department's result, and the pages say why in plain words.
    """
    findings: list[Finding] = []
    state, most = _state(report, policy)
    bare = state == ReportState.UNSCORED
    weighted = any(i.weight is not None for i in report.indicators())
    tables = tuple(_score_table(table, policy, findings, bare, weighted) for table in report.tables)
    execution_row = None
    if report.scored_execution is not None:
        indicator, outcome = score_execution(report.scored_execution, policy, bare)
        findings.extend(outcome.findings)
        findings.extend(check_block(report.scored_execution, policy))
        if report.scored_execution.weight is not None:
            execution_row = _row(TableKind.OTHER, "", indicator, outcome)
    scored = (*(r for t in tables for r in t.rows()), *([execution_row] if execution_row else []))
    computed_total = total(r.computed for r in scored if r.computed is not None)
    grade = grade_for(computed_total, bands) if state == ReportState.SCORED else ""
    rates: list[FundsRate] = []
    if report.funds is not None:
        rates, funds_findings = check_funds(report.funds)
        findings += funds_findings
    if report.execution is not None:
        findings += check_execution(report.execution)
    if report.basic is not None:
        findings += check_basic(report.basic)
    findings += check_weights(report, policy)
    findings += check_points(report)
    findings += check_rows(scored, policy)
    findings += check_coefficients(scored, policy)
    findings += check_subtotals(tables, policy)
    findings += check_total(report, scored, computed_total, grade, bands, policy, state, most)
    return Scorecard(
        report=report,
        policy=policy,
        tables=tables,
        execution_row=execution_row,
        total=computed_total,
        grade=grade,
        funds_rates=tuple(rates),
        total_rate=total_rate(report.funds) if report.funds is not None else None,
        findings=tuple(sorted(findings, key=_place)),
        state=state,
    )
