"""Scoring and auditing one report: the scorecard the site, the open-data export and the CLI share.

Owns :func:`score_report`, which scores every indicator under a policy (per-indicator rounding,
then exact sums), builds subtotals per table (一级指标) and group (二级指标), the total and grade, the
execution rate of every funds row, and runs every audit check; and re-exports :func:`policy_for`.

Standard library only.
"""

from __future__ import annotations

from jixiao.domain.checks.arithmetic import check_basic, check_execution, check_funds, total_rate
from jixiao.domain.checks.claims import check_rows, check_subtotals, check_total
from jixiao.domain.checks.weights import check_weights
from jixiao.domain.issues import Finding
from jixiao.domain.model import GradeBand, IndicatorGroup, Report, TableKind
from jixiao.domain.policy import Policy, policy_for
from jixiao.domain.rules import score_execution, score_indicator
from jixiao.domain.scorecard import FundsRate, Scorecard, ScoredIndicator, Subtotal
from jixiao.domain.scoring import grade_for, total

__all__ = ["policy_for", "score_report"]


def _subtotal(kind: TableKind, label: str, rows: list[ScoredIndicator]) -> Subtotal:
    claimed = [r.claimed for r in rows]
    return Subtotal(
        table=kind,
        label=label,
        weight=total(r.indicator.weight for r in rows if r.indicator.weight is not None),
        claimed=total(c for c in claimed if c is not None) if all(c is not None for c in claimed) else None,
        computed=total(r.computed for r in rows if r.computed is not None),
    )


def _score_group(kind: TableKind, group: IndicatorGroup, policy: Policy,
                 findings: list[Finding]) -> list[ScoredIndicator]:
    rows = []
    for ind in group.indicators:
        outcome = score_indicator(ind, policy)
        findings.extend(outcome.findings)
        rows.append(ScoredIndicator(ind, kind, group.name, outcome.score, outcome.rule, outcome.explanation,
                                    outcome.recomputed))
    return rows


def score_report(report: Report, policy: Policy, bands: tuple[GradeBand, ...]) -> Scorecard:
    """Score and audit ``report`` under ``policy``; grades from ``bands`` (inclusive lower bounds)."""
    findings: list[Finding] = []
    rows: list[ScoredIndicator] = []
    tables: list[Subtotal] = []
    groups: list[Subtotal] = []
    for table in report.tables:
        table_rows: list[ScoredIndicator] = []
        for group in table.groups:
            group_rows = _score_group(table.kind, group, policy, findings)
            groups.append(_subtotal(table.kind, group.name, group_rows))
            table_rows += group_rows
        tables.append(_subtotal(table.kind, table.level1 or table.title, table_rows))
        rows += table_rows
    execution_row = None
    if report.scored_execution is not None:
        indicator, outcome = score_execution(report.scored_execution, policy)
        findings.extend(outcome.findings)
        execution_row = ScoredIndicator(indicator, TableKind.OTHER, "", outcome.score, outcome.rule,
                                        outcome.explanation, outcome.recomputed)
    scored = (*rows, *([execution_row] if execution_row else []))
    computed_total = total(r.computed for r in scored if r.computed is not None)
    grade = grade_for(computed_total, bands)
    rates: list[FundsRate] = []
    if report.funds is not None:
        rates, funds_findings = check_funds(report.funds)
        findings += funds_findings
    if report.execution is not None:
        findings += check_execution(report.execution)
    if report.basic is not None:
        findings += check_basic(report.basic)
    findings += check_weights(report, policy)
    findings += check_rows(scored, policy)
    findings += check_subtotals(report, tables, policy)
    findings += check_total(report, scored, computed_total, grade, bands, policy)
    return Scorecard(
        report=report,
        policy=policy.name,
        rows=tuple(rows),
        execution_row=execution_row,
        tables=tuple(tables),
        groups=tuple(groups),
        total=computed_total,
        grade=grade,
        funds_rates=tuple(rates),
        total_rate=total_rate(report.funds) if report.funds is not None else None,
        findings=tuple(sorted(findings, key=lambda f: (f.loc, f.code))),
        policy_overrides=policy.overrides,
    )
