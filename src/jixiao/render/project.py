"""A project table (项目支出绩效自评表) and its scorecard -> the context of ``/<year>/<slug>/projects/<project>/``.

Owns how the printed project table and the computed results sit side by side, in the printed layout:
the head (项目名称, 主管部门, 实施单位), the 项目资金 block (年初预算数 / 全年预算数 / 全年执行数 / 分值 /
执行率 / 得分, the 其中 rows under it), 年度总体目标 (预期目标 beside 实际完成情况), one indicator table with
一级 / 二级 / 三级 cells, 总分 and 评价结论, 存在问题 and 改进措施; and the report's state in plain words —
rows the scoring could not recompute (未重算, the printed score kept), rows with no score at all (不适用),
a table that lists no score (报告未列得分: no computed total or grade is shown as the department's) and an
incomplete one (no grade, and why). Drafts get no page (``render.site`` leaves them out).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.issues import Finding
from jixiao.domain.model import GradeBand, Report, ScoredExecution
from jixiao.domain.scorecard import ReportState, RowStatus, Scorecard, ScoredRow
from jixiao.domain.scoring import ZERO, divide, total
from jixiao.render import urls
from jixiao.render.anchors import finding_targets, funds_part_id, indicator_row_id
from jixiao.render.context import AuditItem, Grade, Link
from jixiao.render.downloads import report_links
from jixiao.render.env import num, pct
from jixiao.render.report import grade_of

TEMPLATE = "project.md.j2"
FORM_TITLE = "项目支出绩效自评表"
FUNDS_COLUMNS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
TABLE_COLUMNS = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")

#: What a row's status is called on the page (empty: an ordinary recomputed row).
STATUS_LABELS: dict[RowStatus, str] = {
    RowStatus.SCORED: "",
    RowStatus.NOT_RECOMPUTED: "未重算",
    RowStatus.NOT_SCORED: "未计分",
    RowStatus.NOT_APPLICABLE: "不适用",
}
#: The plain-words key under the indicator table, for the labels that occur.
STATUS_NOTES: dict[str, str] = {
    "未重算": "未重算：表中没有可以比较的年度指标值或实际完成值（例如目标写在指标名称里），本站采用报告所列得分，不重新计算。",
    "未计分": "未计分：表中没有该指标的分值，无法计分，不计入总分。",
    "不适用": "不适用：表中该行没有分值（填“/”或空着），不计分，也不按 0 分计。",
}
UNSCORED_BADGE = "报告未列得分"


@dataclass(frozen=True, slots=True)
class FundsLine:
    """A row of the 项目资金 block as printed, with the execution rate computed on the adjusted budget."""

    row_id: str  # funds-total, or funds-part-N for the 其中 rows
    name: str
    budget: Decimal | None  # 年初预算数
    adjusted_budget: Decimal | None  # 全年预算数（调整后）
    spent: Decimal | None  # 全年执行数
    weight: Decimal | None  # 分值 (the total row only)
    rate_text: str  # 执行率 as printed ("" when not printed)
    rate: Decimal | None  # 全年执行数 ÷ 全年预算数 (年初预算数 when no adjusted one), 1 = 100%; None: no base
    claimed: Decimal | None  # 得分 as printed (the total row only)
    computed: Decimal | None  # 复核得分 (the total row only)
    differs: bool
    reason: str
    part: bool  # a 其中 row


@dataclass(frozen=True, slots=True)
class ProjectFunds:
    unit: str
    lines: tuple[FundsLine, ...]  # the total row first, then its 其中 rows
    explanation: str  # how the block's score was computed


@dataclass(frozen=True, slots=True)
class ProjectRow:
    """A 三级指标 row in the printed layout: the 一级 and 二级 cells span their rows (0 = covered above)."""

    row_id: str
    level1: str
    level1_rows: int
    group: str
    group_rows: int
    name: str
    target: str
    adjusted_target: str  # 调整指标值, when printed
    actual: str
    weight: Decimal | None
    claimed: Decimal | None
    computed: Decimal | None
    differs: bool
    status: str  # STATUS_LABELS value: "", 未重算, 未计分, 不适用
    explanation: str  # how the computed score was obtained
    deviation_reason: str  # 偏差原因 as printed
    core: bool  # 核心指标


@dataclass(frozen=True, slots=True)
class ProjectResult:
    """总分 and 评价结论: printed beside computed, and the report's state in plain words."""

    state: str  # ReportState value
    weight: Decimal | None  # every 分值 of the table added up (None when none is printed)
    claimed_total: Decimal | None
    claimed_grade: str | None
    computed_total: Decimal | None  # None when the table lists no score (nothing to compare)
    grade: Grade | None  # None unless fully scored
    total_differs: bool
    grade_differs: bool
    badge: str  # UNSCORED_BADGE or ""
    explanation: str  # why there is no computed total or no grade ("" when scored)
    policy: str


@dataclass(frozen=True, slots=True)
class ProjectPage:
    """``/<year>/<slug>/projects/<project>/``: one project table, as printed, with its audit."""

    page_url: str
    site_title: str
    title: str
    form_title: str
    report_title: str
    form: str
    name: str
    code: str
    supervisor: str
    implementer: str
    department: Link
    year: Link
    overall: Link | None  # the department's 部门整体 report of that year, when published
    funds_columns: tuple[str, ...]
    table_columns: tuple[str, ...]
    funds: ProjectFunds | None
    expected: str
    actual: str
    rows: tuple[ProjectRow, ...]
    status_notes: tuple[str, ...]
    result: ProjectResult
    conclusion: str
    problems: str
    improvements: str
    audit: tuple[AuditItem, ...] | None
    downloads: tuple[Link, ...]
    flags: dict[str, tuple[int, ...]]  # row id -> numbers of the findings about it (the rows marked)


def _audit(report: Report, findings: Sequence[Finding]) -> tuple[AuditItem, ...]:
    ordered = sorted(set(findings), key=lambda f: (f.loc, f.code, f.message))
    targets = finding_targets(report, ordered)
    return tuple(AuditItem(f.code, f.severity.value, f.severity.label, f.message, target)
                 for f, target in zip(ordered, targets, strict=True))


def _flags(audit: Sequence[AuditItem] | None) -> dict[str, tuple[int, ...]]:
    """Row id -> the numbers (1-based) of the findings about it, for the marks on the rows."""
    flags: dict[str, tuple[int, ...]] = {}
    for n, item in enumerate(audit or (), 1):
        if item.target:
            flags[item.target] = (*flags.get(item.target, ()), n)
    return flags


def project_title(report: Report) -> str:
    return f"{report.name}（{report.year} 年度）"


def _rate(spent: Decimal | None, budget: Decimal | None, adjusted: Decimal | None) -> Decimal | None:
    base = adjusted if adjusted is not None else budget
    if spent is None or base is None or base <= ZERO:
        return None
    return divide(spent, base)


def _funds(block: ScoredExecution | None, row: ScoredRow | None) -> ProjectFunds | None:
    if block is None:
        return None
    computed = row.computed if row else None
    head = FundsLine("funds-total", block.name, block.budget, block.adjusted_budget, block.spent, block.weight, block.rate_text,
                     _rate(block.spent, block.budget, block.adjusted_budget), block.claimed_score, computed,
                     row.differs if row else False, block.reason, part=False)
    parts = tuple(
        FundsLine(funds_part_id(n), p.name, p.budget, p.adjusted_budget, p.spent, None, p.rate_text,
                  _rate(p.spent, p.budget, p.adjusted_budget), None, None, False, p.reason, part=True)
        for n, p in enumerate(block.parts, 1))
    return ProjectFunds(block.unit, (head, *parts), row.explanation if row else "")


def _rows(card: Scorecard) -> tuple[ProjectRow, ...]:
    rows: list[ProjectRow] = []
    g = 0
    for t, table in enumerate(card.tables):
        level1 = table.label
        if table.table.points is not None:
            level1 = f"{level1}（{table.table.points.normalize():f}分）"
        spans = sum(max(len(g.rows), 1) for g in table.groups)
        first_in_table = True
        for group in table.groups:
            g += 1
            name = group.name
            if group.group.points is not None:
                name = f"{name}（{group.group.points.normalize():f}分）"
            for k, row in enumerate(group.rows):
                ind = row.indicator
                rows.append(ProjectRow(
                    row_id=indicator_row_id(t + 1, g, k + 1),
                    level1=level1, level1_rows=spans if first_in_table else 0,
                    group=name, group_rows=len(group.rows) if k == 0 else 0,
                    name=ind.name, target=ind.target.text if ind.target else "",
                    adjusted_target=ind.adjusted_target.text if ind.adjusted_target else "",
                    actual=ind.actual or "", weight=ind.weight, claimed=ind.claimed_score, computed=row.computed,
                    differs=row.differs, status=STATUS_LABELS[row.status], explanation=row.explanation,
                    deviation_reason=ind.deviation_reason, core=bool(ind.core),
                ))
                first_in_table = False
    return tuple(rows)


def _weight(card: Scorecard) -> Decimal | None:
    weights = [row.weight for row in card.rows if row.weight is not None]
    if card.execution_row is not None and card.execution_row.weight is not None:
        weights.append(card.execution_row.weight)
    return total(weights) if weights else None


def _explanation(card: Scorecard, weight: Decimal | None, not_recomputed: int) -> str:
    if card.state == ReportState.UNSCORED:
        return "本表没有列出得分，本站不给出复核总分，也不评定等级；下文照录表中的指标值和完成值。"
    if card.state != ReportState.INCOMPLETE:
        return ""
    why = []
    if weight is not None and weight != Decimal(100):
        why.append(f"表中各项分值合计 {weight:f} 分，不足 100 分")
    if not_recomputed:
        why.append(f"{not_recomputed} 个指标无法重算，采用报告所列得分")
    reason = "，".join(why) or "表中的分值不完整"
    return f"{reason}。复核得分只是表中已列部分的合计，不评定等级。"


def _result(card: Scorecard, bands: Sequence[GradeBand]) -> ProjectResult:
    weight = _weight(card)
    unscored = card.state == ReportState.UNSCORED
    scored = card.state == ReportState.SCORED
    not_recomputed = sum(row.status == RowStatus.NOT_RECOMPUTED for row in card.rows)
    return ProjectResult(
        state=card.state.value, weight=weight, claimed_total=card.claimed_total, claimed_grade=card.claimed_grade,
        computed_total=None if unscored else card.total, grade=grade_of(card.grade, bands) if scored else None,
        total_differs=not unscored and card.total_differs, grade_differs=scored and card.grade_differs,
        badge=UNSCORED_BADGE if unscored else "", explanation=_explanation(card, weight, not_recomputed),
        policy=card.policy.label,
    )


def project_page(card: Scorecard, bands: Sequence[GradeBand], site_title: str, findings: Sequence[Finding],
                 show_audit: bool, overall: Link | None = None) -> ProjectPage:
    """The context of one project table's page; ``findings`` are every finding about its file."""
    report = card.report
    dept = report.department
    head = report.project
    rows = _rows(card)
    # a table that lists no score shows no computed column, so its rows' states need no key
    labels = {row.status for row in rows if row.status} if card.state != ReportState.UNSCORED else set()
    goals = report.goals
    audit = _audit(report, [*findings, *card.findings]) if show_audit else None
    return ProjectPage(
        page_url=urls.of(report.key),
        site_title=site_title,
        title=project_title(report),
        form_title=FORM_TITLE,
        report_title=report.title,
        form=report.form,
        name=report.name,
        code=head.code if head else "",
        supervisor=head.supervisor if head else "",
        implementer=head.implementer if head else "",
        department=Link(urls.department(dept.slug), dept.name),
        year=Link(urls.year(report.year), f"{report.year} 年度"),
        overall=overall,
        funds_columns=FUNDS_COLUMNS,
        table_columns=TABLE_COLUMNS,
        funds=_funds(report.scored_execution, card.execution_row),
        expected=goals.expected if goals else "",
        actual=goals.actual if goals else "",
        rows=rows,
        status_notes=tuple(note for label, note in STATUS_NOTES.items() if label in labels),
        result=_result(card, bands),
        conclusion=report.conclusion,
        problems=report.problems,
        improvements=report.improvements,
        audit=audit,
        downloads=report_links(report),
        flags=_flags(audit),
    )


def project_description(page: ProjectPage) -> str:
    """The table's own numbers in one sentence: the page's meta description (search engines, previews)."""
    r = page.result
    text = f"{page.name}（{page.year.text}）项目支出绩效自评表："
    if r.badge:
        text += "表中未列得分"
    elif r.computed_total is not None:
        text += f"复核{'总分' if r.grade else '得分'} {num(r.computed_total)} 分" + (f"（{r.grade.label}）" if r.grade else "")
        if r.claimed_total is not None:
            text += f"，表中所列 {num(r.claimed_total)} 分" if r.total_differs else "，与表中所列一致"
    head = page.funds.lines[0] if page.funds else None
    if head is not None and head.rate is not None:
        text += f"；项目资金执行率 {pct(head.rate)}" + ("（待核实）" if head.row_id in page.flags else "")
    return text + "。"
