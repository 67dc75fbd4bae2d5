"""The plain-language summary at the top of a report page: three or four sentences from the numbers.

Owns the wording a resident reads first: budget and spending with the execution rate, how many
indicators earned their full score (met their target), the printed total beside the recomputed one,
and the main findings. A deterministic template of the scorecard and the report's findings: no
model, no randomness; a clause whose number is missing is left out rather than printed empty, and
counts of zero are said in words ("没有一项", "未发现问题") instead of "0 个".

Standard library only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal

from jixiao.domain.issues import CATALOGUE, Finding, Severity
from jixiao.domain.model import Report
from jixiao.domain.scorecard import ReportState, Scorecard, ScoredRow
from jixiao.domain.scoring import HUNDRED, divide, multiply, quantize, show, subtract, total

#: The catalogue prefix of the soft-target hints (目标偏低), told apart from other hints.
SOFT_PREFIX = "JX-G"

#: How many names of indicators short of full score, and of finding titles, a sentence lists.
MAX_NAMES = 3


def _money(report: Report) -> tuple[Decimal | None, Decimal | None, str]:
    """(budget, spent, unit) as printed: the funds table's 金额合计 (or its rows' sums), else the funds block."""
    funds = report.funds
    if funds is not None and funds.total is not None:
        return funds.total.budget, funds.total.spent, funds.unit
    if funds is not None and funds.rows:
        budgets = [r.budget for r in funds.rows if r.budget is not None]
        spent = [r.spent for r in funds.rows if r.spent is not None]
        return (total(budgets) if budgets else None, total(spent) if spent else None, funds.unit)
    block = report.scored_execution
    if block is not None:
        budget = block.adjusted_budget if block.adjusted_budget is not None else block.budget
        return budget, block.spent, block.unit
    return None, None, "万元"


def funds_sentence(card: Scorecard) -> str:
    """``2021 年，大同市总工会预算 450.5 万元，实际执行 600.5 万元，执行率 133.3%。``"""
    report = card.report
    budget, spent, unit = _money(report)
    head = f"{report.year} 年，{report.name}"
    if budget is None and spent is None:
        return f"{head}的报告没有列出预算和执行金额。"
    parts = []
    if budget is not None:
        parts.append(f"预算 {show(budget)} {unit}")
    if spent is not None:
        parts.append(f"实际执行 {show(spent)} {unit}")
    if budget is not None and spent is not None and budget != 0:
        rate = quantize(multiply(divide(spent, budget), HUNDRED), 2)
        parts.append(f"执行率 {show(rate)}%")
        if spent > budget:
            parts.append(f"执行数比预算数多 {trim(subtract(spent, budget))} {unit}")
    return f"{head}{'，'.join(parts)}。"


def trim(value: Decimal) -> str:
    """A computed difference as plain text without trailing zeros (``150.0`` → ``150``, ``1.20`` → ``1.2``)."""
    return show(value.normalize()) if value != 0 else "0"


def _names(rows: Sequence[ScoredRow]) -> str:
    names = "、".join(f"“{r.name}”" for r in rows[:MAX_NAMES])
    return names + ("等" if len(rows) > MAX_NAMES else "")


def indicators_sentence(card: Scorecard) -> str:
    """``报告共列 32 项绩效指标，复核后 29 项得满分（完成目标），3 项未得满分：“…”、“…”。``"""
    rows = card.rows
    if not rows:
        return "报告没有列出绩效指标。"
    weighted = [r for r in rows if r.weight is not None and r.computed is not None]
    head = f"报告共列 {len(rows)} 项绩效指标"
    if not weighted:
        return f"{head}，都没有可复核的分值。"
    short = [r for r in weighted if r.computed is not None and r.weight is not None and r.computed < r.weight]
    full = len(weighted) - len(short)
    scope = "" if len(weighted) == len(rows) else f"，其中 {len(weighted)} 项有分值"
    if not short:
        every = "都" if len(weighted) > 1 else ""
        return f"{head}{scope}，复核后{every}得满分（完成目标）。"
    if full == 0:
        return f"{head}{scope}，复核后没有一项得满分：{_names(short)}未完成目标。"
    return f"{head}{scope}，复核后 {full} 项得满分（完成目标），{len(short)} 项未得满分：{_names(short)}。"


def _grade(label: str | None) -> str:
    return f"“{label}”" if label else ""


def total_sentence(card: Scorecard) -> str:
    """The printed total and grade beside the recomputed ones, in plain words."""
    claimed, claimed_grade = card.claimed_total, card.claimed_grade
    printed = "、".join(p for p in (f"总分 {show(claimed)} 分" if claimed is not None else "",
                                    f"等级{_grade(claimed_grade)}" if claimed_grade else "") if p)
    said = f"报告自评{printed}" if printed else "报告没有列出自评总分和等级"
    if card.state == ReportState.UNSCORED:
        return "报告没有列出得分，本站只展示原表内容，不给出复核总分和等级。"
    if card.state == ReportState.DRAFT:
        return f"{said}；本报告是草稿，尚未复核。"
    if card.state == ReportState.INCOMPLETE:
        return f"{said}；各行分值合计不足总分，本站复核各行得 {show(card.total)} 分，不评等级。"
    computed = f"{show(card.total)} 分、等级{_grade(card.grade)}" if card.grade else f"{show(card.total)} 分"
    if not card.differs and claimed is not None:
        return f"{said}，本站按评分规则复核的结果相同。"
    if claimed is not None and claimed == card.total:
        return f"{said}，本站复核总分相同，但按本站等级线应为{_grade(card.grade)}。"
    if claimed is None:
        return f"{said}，本站按评分规则复核为 {computed}。"
    gap = subtract(claimed, card.total)
    way = f"比自评低 {trim(gap)} 分" if gap > 0 else f"比自评高 {trim(gap.copy_negate())} 分"
    return f"{said}，本站按评分规则复核为 {computed}，{way}。"


def findings_sentence(findings: Iterable[Finding]) -> str:
    """``复核发现 2 个错误、3 个警告，主要是：…；…。`` or ``复核未发现问题。``"""
    unique = sorted(set(findings), key=lambda f: (f.loc, f.code, f.message))
    counts = Counter(f.severity for f in unique)
    serious = [f for f in unique if f.severity in (Severity.ERROR, Severity.WARNING)]
    soft = [f for f in unique if f.code.startswith(SOFT_PREFIX)]
    soft_clause = f"；另有 {len(soft)} 处目标可能定得偏低（见复核说明）" if soft else ""
    if not serious:
        infos = counts[Severity.INFO] - len(soft)
        if soft:
            return f"复核未发现错误或警告{soft_clause.replace('；另有', '，但有')}。"
        return f"复核未发现错误或警告，另有 {infos} 条提示。" if infos else "复核未发现问题。"
    said = "、".join(f"{counts[s]} 个{s.label}" for s in (Severity.ERROR, Severity.WARNING) if counts[s])
    ranked = Counter(f.code for f in serious)
    order = sorted(ranked, key=lambda code: (CATALOGUE[code].severity != Severity.ERROR, -ranked[code], code))
    titles = "；".join(CATALOGUE[code].title for code in order[:MAX_NAMES])
    more = "等" if len(order) > MAX_NAMES else ""
    return f"复核发现 {said}，主要是：{titles}{more}{soft_clause}。"


def plain_summary(card: Scorecard, findings: Iterable[Finding]) -> tuple[str, ...]:
    """The summary's sentences, in order; ``findings`` are every finding about the report's files."""
    return (funds_sentence(card), indicators_sentence(card), total_sentence(card),
            findings_sentence([*findings, *card.findings]))
