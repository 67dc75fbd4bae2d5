"""The scorecard: what scoring and auditing made of one report, shared by the site, exports and CLI.

Owns the shape of computed results: each indicator's computed score and the rule that produced it,
subtotals per 一级/二级 indicator, the computed total and grade beside the printed ones, the
execution rate of each funds row, and the audit findings. Built by ``scoring``/``checks``; read by
``render``, the open-data export and ``jixiao check``.

Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.issues import Finding, Severity
from jixiao.domain.model import FundsRow, Indicator, Report, TableKind


@dataclass(frozen=True, slots=True)
class ScoredIndicator:
    """One indicator row with its computed score.

    ``rule`` is a stable code (``positive``, ``exact``, ``reverse-zero``, ``qualitative``,
    ``window``, ``claimed`` …); ``explanation`` says in Chinese how the score was obtained, e.g.
    ``反向指标：业绩值 1163.13万元 超过目标 1136.92万元，得 0 分``. ``computed`` is ``None`` only when
    nothing could be scored at all (no weight); rows that cannot be recomputed take the printed
    score with ``recomputed`` False.
    """

    indicator: Indicator
    table: TableKind
    group: str
    computed: Decimal | None
    rule: str
    explanation: str
    recomputed: bool = True

    @property
    def claimed(self) -> Decimal | None:
        return self.indicator.claimed_score

    @property
    def differs(self) -> bool:
        return self.claimed is not None and self.computed is not None and self.claimed != self.computed


@dataclass(frozen=True, slots=True)
class Subtotal:
    """Weight, printed and computed score of a table (一级指标) or a group (二级指标)."""

    table: TableKind
    label: str
    weight: Decimal
    claimed: Decimal | None
    computed: Decimal


@dataclass(frozen=True, slots=True)
class FundsRate:
    """Execution rate (执行数 ÷ 预算数) of one funds row; ``None`` when the budget is 0 or absent."""

    row: FundsRow
    rate: Decimal | None


@dataclass(frozen=True, slots=True)
class Scorecard:
    """Everything computed for one report."""

    report: Report
    policy: str  # the scoring policy's (preset's) name, e.g. ``datong-2021``; see ``policy_overrides``
    rows: tuple[ScoredIndicator, ...]
    execution_row: ScoredIndicator | None  # a scored 预算执行率 row, when the report has one
    tables: tuple[Subtotal, ...]  # one per indicator table, in report order
    groups: tuple[Subtotal, ...]  # one per 二级指标, in report order
    total: Decimal
    grade: str
    funds_rates: tuple[FundsRate, ...]
    total_rate: Decimal | None  # execution rate of the whole funds table
    findings: tuple[Finding, ...]
    policy_overrides: tuple[tuple[str, str], ...] = ()  # parameters site.yaml overrode, e.g. (("decimals", "1"),)

    @property
    def claimed_total(self) -> Decimal | None:
        return self.report.claimed.total if self.report.claimed else None

    @property
    def claimed_grade(self) -> str | None:
        return self.report.claimed.grade if self.report.claimed else None

    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == Severity.ERROR)
