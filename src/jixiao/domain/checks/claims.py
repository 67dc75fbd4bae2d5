"""Printed (claimed) figures against computed ones: row scores, table subtotals, total and grade.

Owns: every printed score within [0, weight]; each printed row score against the recomputed one
(the message shows both and the rule's explanation); each table's printed subtotal (the sum of its
printed scores) against the computed one; the printed total against the sum of the printed scores
(JX-A005: the form's own addition) and against the computed total (JX-A003: the recomputation); the
printed grade against the printed total's grade (JX-A006: the form's own bands) and against the
computed grade (JX-A004). Where two of these would say the same thing — a total that is only mis-added,
a grade wrong for both totals alike — only the first (JX-A005, JX-A006) is reported. Differences up to
the policy's ``tolerance`` are not reported.

Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao.domain.issues import Finding, finding
from jixiao.domain.model import GradeBand, Report
from jixiao.domain.policy import Policy
from jixiao.domain.scorecard import ReportState, ScoredRow, ScoredTable
from jixiao.domain.scoring import HUNDRED, ZERO, grade_for, quantize, scale, show, subtract, total


def _differ(a: Decimal, b: Decimal, policy: Policy) -> bool:
    return subtract(a, b).copy_abs() > policy.tolerance


def check_rows(rows: Iterable[ScoredRow], policy: Policy) -> list[Finding]:
    found: list[Finding] = []
    for row in rows:
        ind, claimed = row.indicator, row.claimed
        if claimed is None or ind.weight is None:
            continue
        if claimed < ZERO or claimed > max(ind.weight, ZERO):
            found.append(finding("JX-C005", ind.at("score"), name=ind.name, score=show(claimed),
                                 weight=show(ind.weight)))
        elif row.recomputed and row.computed is not None and _differ(claimed, row.computed, policy):
            found.append(finding("JX-A001", ind.at("score"), name=ind.name, claimed=show(claimed),
                                 computed=show(row.computed), policy=policy.label, explanation=row.explanation))
    return found


def check_subtotals(tables: Iterable[ScoredTable], policy: Policy) -> list[Finding]:
    found: list[Finding] = []
    for table in tables:
        if table.claimed is not None and _differ(table.claimed, table.computed, policy):
            found.append(finding("JX-A002", table.table.loc, table=table.label, claimed=show(table.claimed),
                                 computed=show(table.computed)))
    return found


def check_coefficients(rows: Iterable[ScoredRow], policy: Policy) -> list[Finding]:
    """得分 = 得分系数 × 权重, where a form prints the coefficient (in %)."""
    found: list[Finding] = []
    for row in rows:
        ind = row.indicator
        if ind.coefficient is None or ind.weight is None or ind.claimed_score is None:
            continue
        expected = quantize(scale(ind.weight, ind.coefficient, HUNDRED), policy.decimals)
        if _differ(expected, ind.claimed_score, policy):
            found.append(finding("JX-A017", ind.at("coefficient"), name=ind.name, coefficient=show(ind.coefficient),
                                 weight=show(ind.weight), expected=show(expected), claimed=show(ind.claimed_score)))
    return found


def check_total(report: Report, rows: tuple[ScoredRow, ...], computed: Decimal, grade: str,
                bands: tuple[GradeBand, ...], policy: Policy, state: ReportState = ReportState.SCORED,
                reachable: Decimal | None = None) -> list[Finding]:
    """The printed total and grade against the printed scores, the bands and the computed result.

    An unscored report gets one JX-A014 and nothing else; an incomplete one a JX-A015 and no grade
    comparison; a printed total above what the rows can reach a JX-A013.
    """
    claimed = report.claimed
    loc = claimed.loc if claimed is not None else report.loc
    if state == ReportState.UNSCORED:
        return [finding("JX-A014", loc)]
    found: list[Finding] = []
    if state == ReportState.INCOMPLETE and reachable is not None:
        found.append(finding("JX-A015", report.at("tables"), reachable=show(reachable),
                             expected=show(policy.total_weight)))
    if claimed is None or claimed.total is None:
        return [*found, finding("JX-A010", loc, computed=show(computed), grade=grade or "不评等级")]
    if reachable is not None and claimed.total > reachable:
        found.append(finding("JX-A013", claimed.at("total"), claimed=show(claimed.total), reachable=show(reachable)))
    printed = [row.claimed for row in rows]
    summed = total(p for p in printed if p is not None) if all(p is not None for p in printed) else None
    misadded = summed is not None and _differ(summed, claimed.total, policy)
    if misadded and summed is not None:
        found.append(finding("JX-A005", claimed.at("total"), claimed=show(claimed.total), summed=show(summed)))
    # a total that is only mis-added (its rows recompute to their printed scores) is said once, by JX-A005
    if _differ(claimed.total, computed, policy) and not (misadded and summed is not None
                                                          and not _differ(summed, computed, policy)):
        found.append(finding("JX-A003", claimed.at("total"), claimed=show(claimed.total), computed=show(computed),
                             policy=policy.label))
    if claimed.grade and bands:
        expected = grade_for(claimed.total, bands)
        if claimed.grade != expected:
            found.append(finding("JX-A006", claimed.at("grade"), total=show(claimed.total), expected=expected,
                                 claimed=claimed.grade))
        # the printed grade wrong for the printed total and for the computed one alike: said once, by JX-A006
        if claimed.grade != grade and state == ReportState.SCORED and not (claimed.grade != expected
                                                                            and expected == grade):
            found.append(finding("JX-A004", claimed.at("grade"), claimed=claimed.grade, computed=show(computed),
                                 grade=grade))
    return found
