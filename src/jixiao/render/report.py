"""A report and its scorecard -> the :class:`ReportPage` context of ``/<year>/<slug>/``.

Owns how the printed report and the computed results sit side by side: every funds row with its
execution rate, every indicator row with its printed and computed score (and the rule when they
differ), subtotals per 二级/一级 indicator, the result box and the audit findings. A report that has
not been scored (no scorecard) renders with the printed figures only.
"""

from __future__ import annotations

import re
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
from jixiao.domain.model import FundsRow, FundsTable, GradeBand, IndicatorTable, Report
from jixiao.domain.plainsummary import plain_summary
from jixiao.domain.revisions import History
from jixiao.domain.scorecard import ReportState, Scorecard, ScoredGroup, ScoredRow, ScoredTable
from jixiao.domain.standing import Standing
from jixiao.render import urls
from jixiao.render.anchors import finding_targets, indicator_row_id
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
    StandingNote,
    SubtotalLine,
    TableSection,
)
from jixiao.render.downloads import report_links
from jixiao.render.env import num, pct
from jixiao.render.markdown import narrative_html

_CHINESE_NUMBERS = "一二三四五六七八九十"


def grade_of(label: str | None, bands: Sequence[GradeBand]) -> Grade | None:
    """The :class:`Grade` for ``label`` (level 1 = the highest band of ``site.yaml``; ``bands`` best first)."""
    if label is None:
        return None
    level = next((n for n, band in enumerate(bands, 1) if band.label == label), 0)
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


def _funds(funds: FundsTable | None, card: Scorecard) -> FundsSection | None:
    if funds is None:
        return None
    lines = tuple(_funds_line(r.row, r.rate) for r in card.funds_rates)
    total = _funds_line(funds.total, card.total_rate) if funds.total else None
    return FundsSection(funds.unit, lines, total, True, _funds_chart(lines, funds.unit))


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


def _subtotal(label: str, sub: ScoredGroup | ScoredTable) -> SubtotalLine:
    return SubtotalLine(label, sub.weight, sub.claimed, sub.computed, sub.differs)


def _line(note_id: str, rows: int, row: ScoredRow) -> IndicatorLine:
    ind = row.indicator
    return IndicatorLine(
        group=row.group, group_rows=rows, name=ind.name, weight=ind.weight,
        target=ind.target.text if ind.target else "", actual=ind.actual or "",
        claimed=ind.claimed_score, computed=row.computed, differs=row.differs, rule=row.rule,
        explanation=row.explanation, recomputed=row.recomputed, note_id=note_id,
    )


def _table_heading(table: IndicatorTable, n: int) -> str:
    if table.kind in TABLE_HEADINGS and [t for t in TABLE_HEADINGS].index(table.kind) == n:
        return TABLE_HEADINGS[table.kind]
    number = _CHINESE_NUMBERS[n] if n < len(_CHINESE_NUMBERS) else str(n + 1)
    return f"（{number}）{table.title or table.level1}"


def _tables(card: Scorecard) -> tuple[TableSection, ...]:
    sections: list[TableSection] = []
    g = 0
    for n, scored in enumerate(card.tables):
        table = scored.table
        blocks: list[GroupBlock] = []
        for group in scored.groups:
            lines = tuple(_line(indicator_row_id(n + 1, g + 1, k + 1), len(group.rows) if k == 0 else 0, row)
                          for k, row in enumerate(group.rows))
            blocks.append(GroupBlock(group.name, lines, _subtotal(f"{group.name}小计", group)))
            g += 1
        total = _subtotal(f"{scored.label}合计", scored)
        anchor = table.kind.value if table.kind in TABLE_HEADINGS else f"table-{n + 1}"
        sections.append(TableSection(anchor, _table_heading(table, n), table.level1, table.intro,
                                     tuple(blocks), total, _score_chart(anchor, table, blocks, True)))
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


#: What a reader is told when a report cannot be given a computed total or grade.
STATE_NOTES = {
    ReportState.UNSCORED: "报告未列得分",
    ReportState.INCOMPLETE: "各行分值合计不足总分，不评等级",
}


def _result(card: Scorecard, bands: Sequence[GradeBand]) -> Result:
    return Result(card.claimed_total, card.claimed_grade, card.total, grade_of(card.grade or None, bands),
                  card.policy.label, total_differs=card.total_differs, grade_differs=card.grade_differs)


def _summary(card: Scorecard, tables: Sequence[TableSection], result: Result) -> ScoreSummary:
    rows = tuple(replace(t.total, label=t.level1 or t.heading) for t in tables)
    execution = _line("execution-row", 1, card.execution_row) if card.execution_row else None
    total = SubtotalLine("总分", card.weight, result.claimed_total, result.computed_total, result.total_differs)
    return ScoreSummary(rows, execution, total)


def _audit(report: Report, findings: Sequence[Finding]) -> tuple[AuditItem, ...]:
    ordered = sorted(set(findings), key=lambda f: (f.loc, f.code, f.message))
    targets = finding_targets(report, ordered)
    return tuple(AuditItem(f.code, f.severity.value, f.severity.label, f.message, target)
                 for f, target in zip(ordered, targets, strict=True))


def standing_note(standing: Standing | None) -> StandingNote | None:
    if standing is None:
        return None
    return StandingNote(standing.sentence(), standing.distance.phrases(), urls.year(standing.year))


def report_page(
    card: Scorecard, bands: Sequence[GradeBand], site_title: str, findings: Sequence[Finding], show_audit: bool,
    standing: Standing | None = None, history: History | None = None,
) -> ReportPage:
    """The context of one report page; ``findings`` are every finding about its files; ``standing`` its
    place among the year's reports (none when it is not ranked)."""
    report = card.report
    dept = report.department
    audit = _audit(report, [*findings, *card.findings]) if show_audit else None
    flags: dict[str, tuple[int, ...]] = {}
    for n, item in enumerate(audit or (), 1):
        if item.target:
            flags[item.target] = (*flags.get(item.target, ()), n)
    tables = _tables(card)
    result = _result(card, bands)
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
        subsections={k: re.sub(r"^(\d+)\s*[.．]\s*", r"\1．", v) for k, v in SUBSECTIONS.items()},
        funds_columns=FUNDS_COLUMNS,
        funds_total_label=FUNDS_TOTAL_LABEL,
        table_columns=TABLE_COLUMNS,
        basic=_basic(report),
        funds=_funds(report.funds, card),
        execution_text=report.execution.text if report.execution else "",
        claimed_text=report.claimed.text if report.claimed else "",
        result=result,
        summary=_summary(card, tables, result),
        tables=tables,
        narrative=narrative,
        narrative_headings={k.value: v for k, v in NARRATIVE_SUBHEADINGS.items()},
        audit=audit,
        scored=card.state != ReportState.UNSCORED,
        downloads=report_links(report),
        state_note=STATE_NOTES.get(card.state, ""),
        flags=flags,
        plain=plain_summary(card, findings),
        standing=standing_note(standing),
        history=history,
    )


def report_description(page: ReportPage) -> str:
    """The report's own numbers in one sentence: the page's meta description (search engines, previews)."""
    r = page.result
    text = f"{page.title}："
    if r.computed_total is not None:
        text += f"复核总分 {num(r.computed_total)} 分" + (f"（{r.grade.label}）" if r.grade else "")
        if r.claimed_total is not None:
            text += f"，报告所列 {num(r.claimed_total)} 分" if r.total_differs else "，与报告所列一致"
    elif r.claimed_total is not None:
        text += f"报告所列总分 {num(r.claimed_total)} 分"
    if page.funds is not None and page.funds.total is not None and page.funds.total.rate is not None:
        # a rate from a 金额合计 row the audit questions is not headlined bare
        flagged = "funds-total" in page.flags
        text += f"；预算执行率 {pct(page.funds.total.rate)}" + ("（待核实）" if flagged else "")
    return text + "。"
