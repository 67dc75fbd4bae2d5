"""A report and its scorecard -> the :class:`ReportPage` context of ``/<year>/<slug>/``.

Owns how the printed report and the computed results sit side by side: every funds row with its
execution rate, every indicator row with its printed and computed score (and the rule when they
differ), subtotals per 二级/一级 indicator, the result box and the audit findings. A report that has
not been scored (no scorecard) renders with the printed figures only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from jixiao.domain.issues import Finding
from jixiao.domain.layout import (
    FORM_TITLE,
    FUNDS_COLUMNS,
    FUNDS_TOTAL_LABEL,
    NARRATIVE_SUBHEADINGS,
    SECTIONS,
    SUBSECTIONS,
    TABLE_COLUMNS,
    TABLE_HEADINGS,
)
from jixiao.domain.model import FundsRow, FundsTable, GradeBand, Indicator, IndicatorTable, Report
from jixiao.domain.scorecard import Scorecard, ScoredIndicator, Subtotal
from jixiao.render import urls
from jixiao.render.charts import BarChart, Category, TextTable, bar_chart
from jixiao.render.context import (
    AuditItem,
    Basic,
    FundsLine,
    FundsSection,
    Grade,
    GroupBlock,
    IndicatorLine,
    Link,
    Narrative,
    ReportPage,
    Result,
    ScoreSummary,
    SubtotalLine,
    TableSection,
)
from jixiao.render.downloads import report_links
from jixiao.render.env import num
from jixiao.render.markdown import narrative_html

_CHINESE_NUMBERS = "一二三四五六七八九十"


def grade_of(label: str | None, bands: Sequence[GradeBand]) -> Grade | None:
    """The :class:`Grade` for ``label`` (level 1 = the highest band of ``site.yaml``)."""
    if label is None:
        return None
    ordered = sorted(bands, key=lambda b: b.minimum, reverse=True)
    level = next((n for n, band in enumerate(ordered, 1) if band.label == label), 0)
    return Grade(label, level)


def report_title(report: Report) -> str:
    return f"{report.department.name} {report.year} 年度整体支出绩效自评报告"


def _basic(report: Report) -> Basic | None:
    b = report.basic
    if b is None:
        return None
    org = b.organization
    return Basic(
        responsibilities=b.responsibilities,
        organization=org.description if org else "",
        internal_units=org.internal_units if org else (),
        subordinate_units=org.subordinate_units if org else (),
        staffing=b.staffing.text if b.staffing else "",
        assets=b.assets.text if b.assets else "",
    )


def _funds_line(row: FundsRow, rate: Decimal | None) -> FundsLine:
    return FundsLine(row.function, row.task, row.completion, row.budget, row.budget_fiscal,
                     row.spent, row.spent_fiscal, rate)


def _funds(funds: FundsTable | None, card: Scorecard | None) -> FundsSection | None:
    if funds is None:
        return None
    rates: list[Decimal | None] = [None] * len(funds.rows)
    if card is not None and len(card.funds_rates) == len(funds.rows):
        rates = [r.rate for r in card.funds_rates]
    lines = tuple(_funds_line(row, rate) for row, rate in zip(funds.rows, rates, strict=True))
    total = _funds_line(funds.total, card.total_rate if card else None) if funds.total else None
    return FundsSection(funds.unit, lines, total, card is not None, _funds_chart(lines, funds.unit))


def _funds_chart(lines: Sequence[FundsLine], unit: str) -> BarChart | None:
    if not lines:
        return None
    categories = [
        Category(f"{n}. {line.task or line.function}", (line.budget, line.spent),
                 (num(line.budget), num(line.spent)))
        for n, line in enumerate(lines, 1)
    ]
    table = TextTable(
        f"各项资金预算数与执行数（{unit}）", ("序号", "政策或重点任务", f"预算数（{unit}）", f"执行数（{unit}）"),
        tuple((str(n), line.task or line.function, num(line.budget), num(line.spent))
              for n, line in enumerate(lines, 1)),
    )
    return bar_chart("chart-funds", f"预算数与执行数（{unit}）", "每行资金的预算数（浅色）与执行数（深色）对比。",
                     (("budget", "预算数"), ("spent", "执行数")), categories, table)


def _subtotal(label: str, sub: Subtotal | None) -> SubtotalLine:
    if sub is None:
        return SubtotalLine(label, None, None, None, False)
    differs = sub.claimed is not None and sub.claimed != sub.computed
    return SubtotalLine(label, sub.weight, sub.claimed, sub.computed, differs)


def _line(note_id: str, group: str, rows: int, ind: Indicator, scored: ScoredIndicator | None) -> IndicatorLine:
    return IndicatorLine(
        group=group, group_rows=rows, name=ind.name, weight=ind.weight,
        target=ind.target.text if ind.target else "", actual=ind.actual or "",
        claimed=ind.claimed_score, computed=scored.computed if scored else None,
        differs=scored.differs if scored else False, rule=scored.rule if scored else "",
        explanation=scored.explanation if scored else "", recomputed=scored.recomputed if scored else False,
        note_id=note_id,
    )


def _table_heading(table: IndicatorTable, n: int) -> str:
    if table.kind in TABLE_HEADINGS and [t for t in TABLE_HEADINGS].index(table.kind) == n:
        return TABLE_HEADINGS[table.kind]
    number = _CHINESE_NUMBERS[n] if n < len(_CHINESE_NUMBERS) else str(n + 1)
    return f"（{number}）{table.title or table.level1}"


def _tables(report: Report, card: Scorecard | None) -> tuple[TableSection, ...]:
    by_indicator = {id(s.indicator): s for s in card.rows} if card else {}
    n_groups = sum(len(t.groups) for t in report.tables)
    group_subs: Sequence[Subtotal | None] = (
        card.groups if card and len(card.groups) == n_groups else [None] * n_groups)
    table_subs: Sequence[Subtotal | None] = (
        card.tables if card and len(card.tables) == len(report.tables) else [None] * len(report.tables))
    sections: list[TableSection] = []
    g = 0
    for n, table in enumerate(report.tables):
        blocks: list[GroupBlock] = []
        for group in table.groups:
            lines = tuple(
                _line(f"t{n + 1}-r{g + 1}-{k + 1}", group.name, len(group.indicators) if k == 0 else 0, ind,
                      by_indicator.get(id(ind)))
                for k, ind in enumerate(group.indicators)
            )
            blocks.append(GroupBlock(group.name, lines, _subtotal(f"{group.name}小计", group_subs[g])))
            g += 1
        total = _subtotal(f"{table.level1 or table.title}合计", table_subs[n])
        anchor = table.kind.value if table.kind in TABLE_HEADINGS else f"table-{n + 1}"
        sections.append(TableSection(anchor, _table_heading(table, n), table.level1, table.intro,
                                     tuple(blocks), total, _score_chart(anchor, table, blocks, card is not None)))
    return tuple(sections)


def _score_chart(anchor: str, table: IndicatorTable, blocks: Sequence[GroupBlock], scored: bool) -> BarChart:
    label = "复核得分" if scored else "报告得分"
    categories = []
    rows = []
    for block in blocks:
        sub = block.subtotal
        score = sub.computed if scored else sub.claimed
        categories.append(Category(block.name, (sub.weight, score), (num(sub.weight), num(score))))
        rows.append((block.name, num(sub.weight), num(score)))
    name = table.level1 or table.title
    return bar_chart(
        f"chart-{anchor}", f"{name}：各二级指标{label}与权重", f"每个二级指标的权重（浅色）与{label}（深色）对比。",
        (("weight", "权重"), ("score", label)), categories,
        TextTable(f"{name}：各二级指标{label}与权重", ("二级指标", "权重", label), tuple(rows)),
    )


def _result(report: Report, card: Scorecard | None, bands: Sequence[GradeBand]) -> Result:
    claimed = report.claimed
    claimed_total = claimed.total if claimed else None
    claimed_grade = claimed.grade if claimed else None
    if card is None:
        return Result(claimed_total, claimed_grade, None, None, "", False, False)
    return Result(
        claimed_total, claimed_grade, card.total, grade_of(card.grade, bands), card.policy,
        total_differs=claimed_total is not None and claimed_total != card.total,
        grade_differs=claimed_grade is not None and claimed_grade != card.grade,
    )


def _summary(report: Report, card: Scorecard | None, tables: Sequence[TableSection], result: Result) -> ScoreSummary:
    rows = tuple(replace(t.total, label=t.level1 or t.heading) for t in tables)
    execution = None
    scored = report.scored_execution
    if scored is not None:
        row = card.execution_row if card else None
        indicator = row.indicator if row else Indicator(loc=scored.loc, name=scored.name, weight=scored.weight,
                                                        claimed_score=scored.claimed_score)
        execution = _line("execution-row", "", 1, indicator, row)
    weights = [r.weight for r in rows] + ([execution.weight] if execution else [])
    weight = sum((w for w in weights if w is not None), Decimal(0)) if all(w is not None for w in weights) else None
    total = SubtotalLine("总分", weight, result.claimed_total, result.computed_total, result.total_differs)
    return ScoreSummary(rows, execution, total)


def _audit(findings: Sequence[Finding]) -> tuple[AuditItem, ...]:
    ordered = sorted(set(findings), key=lambda f: (f.loc, f.code, f.message))
    return tuple(AuditItem(f.code, f.severity.value, f.severity.label, f.message) for f in ordered)


def report_page(
    report: Report, card: Scorecard | None, bands: Sequence[GradeBand], site_title: str,
    findings: Sequence[Finding], show_audit: bool,
) -> ReportPage:
    """The context of one report page; ``findings`` are the content findings about its files."""
    dept = report.department
    audit = _audit([*findings, *(card.findings if card else ())]) if show_audit else None
    tables = _tables(report, card)
    result = _result(report, card, bands)
    narrative = {
        s.key.value: Narrative(s.key.value, narrative_html(s.markdown)) for s in report.narrative
    }
    return ReportPage(
        page_url=urls.report(report.year, dept.slug),
        site_title=site_title,
        title=report_title(report),
        form_title=FORM_TITLE,
        report_title=report.title,
        department=Link(urls.department(dept.slug), dept.name),
        year=Link(urls.year(report.year), f"{report.year} 年度"),
        sections=dict(SECTIONS),
        subsections=dict(SUBSECTIONS),
        funds_columns=FUNDS_COLUMNS,
        funds_total_label=FUNDS_TOTAL_LABEL,
        table_columns=TABLE_COLUMNS,
        basic=_basic(report),
        funds=_funds(report.funds, card),
        execution_text=report.execution.text if report.execution else "",
        claimed_text=report.claimed.text if report.claimed else "",
        result=result,
        summary=_summary(report, card, tables, result),
        tables=tables,
        narrative=narrative,
        narrative_headings={k.value: v for k, v in NARRATIVE_SUBHEADINGS.items()},
        audit=audit,
        scored=card is not None,
        downloads=report_links(report) if card is not None else (),
    )
