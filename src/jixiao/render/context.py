"""Typed template contexts: one frozen dataclass per page kind, and the rows they hold.

Owns what each page template may use. Templates see only these records (plus the filters of
``env``), so a misspelt field fails the build (``StrictUndefined``) and the page text is a pure
function of the context. Built by ``render.report`` and ``render.indexes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from markupsafe import Markup

from jixiao.domain.lineage import Lineage
from jixiao.domain.revisions import History
from jixiao.domain.standing import GradeDistribution
from jixiao.render.charts import BarChart, LineChart


@dataclass(frozen=True, slots=True)
class Link:
    """A link to another page: its site path (``2021/x/``, rendered relative with ``rel``) and text."""

    url: str
    text: str


@dataclass(frozen=True, slots=True)
class Grade:
    """A grade label and its level (1 = the highest band; 0 = a label not in ``site.yaml``)."""

    label: str
    level: int


@dataclass(frozen=True, slots=True)
class FundsLine:
    """One funds row as printed plus its execution rate (None: not computed or budget 0)."""

    function: str
    task: str
    completion: str
    budget: Decimal | None
    budget_fiscal: Decimal | None
    spent: Decimal | None
    spent_fiscal: Decimal | None
    rate: Decimal | None


@dataclass(frozen=True, slots=True)
class FundsSection:
    unit: str
    lines: tuple[FundsLine, ...]
    total: FundsLine | None  # the 金额合计 row as printed
    rates_known: bool  # False until the report has been scored
    chart: BarChart | None


@dataclass(frozen=True, slots=True)
class IndicatorLine:
    """A 三级指标 row: printed cells, computed score, and the rule when they differ."""

    group: str
    group_rows: int  # rowspan of the 二级指标 cell on the group's first row; 0 on the others
    name: str
    weight: Decimal | None
    target: str
    actual: str
    claimed: Decimal | None
    computed: Decimal | None
    differs: bool
    rule: str
    explanation: str
    recomputed: bool
    note_id: str  # id of the row on the page (render.anchors), where findings about it link


@dataclass(frozen=True, slots=True)
class SubtotalLine:
    label: str
    weight: Decimal | None
    claimed: Decimal | None
    computed: Decimal | None
    differs: bool


@dataclass(frozen=True, slots=True)
class GroupBlock:
    """A 二级指标 with its rows and subtotal."""

    name: str
    lines: tuple[IndicatorLine, ...]
    subtotal: SubtotalLine


@dataclass(frozen=True, slots=True)
class TableSection:
    """One indicator table (一级指标) with its heading, groups, total and chart."""

    anchor: str
    heading: str
    level1: str
    intro: str
    groups: tuple[GroupBlock, ...]
    total: SubtotalLine
    chart: BarChart

    @property
    def notes(self) -> tuple[IndicatorLine, ...]:
        """The rows whose computed score differs from the printed one, explained below the table."""
        return tuple(line for block in self.groups for line in block.lines if line.differs)


@dataclass(frozen=True, slots=True)
class ScoreSummary:
    """得分汇总: each 一级指标 (and a scored 预算执行率 row) with weight, printed and computed score."""

    rows: tuple[SubtotalLine, ...]
    execution: IndicatorLine | None
    total: SubtotalLine


@dataclass(frozen=True, slots=True)
class AuditItem:
    code: str
    severity: str  # error / warning / info (CSS class)
    severity_label: str
    message: str
    target: str = ""  # id of the row or section of the page the finding is about ("": none)


@dataclass(frozen=True, slots=True)
class Result:
    """三、总体结果: the printed total and grade beside the computed ones."""

    claimed_total: Decimal | None
    claimed_grade: str | None
    computed_total: Decimal | None
    grade: Grade | None  # the computed grade (None until scored)
    policy: str
    total_differs: bool
    grade_differs: bool


@dataclass(frozen=True, slots=True)
class Narrative:
    """A narrative section's rendered HTML, keyed like ``NarrativeKey``."""

    key: str
    html: Markup


@dataclass(frozen=True, slots=True)
class Basic:
    responsibilities: tuple[str, ...]
    organization: str
    internal_units: tuple[str, ...]
    subordinate_units: tuple[str, ...]
    staffing: str
    assets: str


@dataclass(frozen=True, slots=True)
class StandingNote:
    """Where a report's recomputed total stands among the year's reports and against the grade lines."""

    rank: str  # 在 2021 年度 10 份报告中按复核总分排第 2 位，…
    distances: tuple[str, ...]  # 距‘优秀’线还差 1.2 分, 高出‘良好’线 8.8 分
    year_url: str  # the year page, where the whole ranking is


@dataclass(frozen=True, slots=True)
class ReportPage:
    """``/<year>/<slug>/``: one report, in the official order, with its audit."""

    page_url: str
    site_title: str
    title: str
    form_title: str
    report_title: str
    department: Link
    year: Link
    sections: dict[str, str]  # section key -> official heading
    subsections: dict[str, str]
    funds_columns: tuple[str, ...]
    funds_total_label: str
    table_columns: tuple[str, ...]
    basic: Basic | None
    funds: FundsSection | None
    execution_text: str
    claimed_text: str
    result: Result
    summary: ScoreSummary
    tables: tuple[TableSection, ...]
    narrative: dict[str, Narrative]
    narrative_headings: dict[str, str]
    audit: tuple[AuditItem, ...] | None  # None: the audit box is switched off in site.yaml
    scored: bool
    downloads: tuple[Link, ...] = ()  # the report's own data files (JSON, CSV), once it is scored
    state_note: str = ""  # plain words when the report is unscored or incomplete ("报告未列得分")
    projects: tuple[ReportSummary, ...] = ()  # the department's project tables of the same year
    #: row or section id -> the numbers (1-based) of the audit findings about it, to mark the row
    flags: dict[str, tuple[int, ...]] = field(default_factory=dict)
    published: str = ""  # YYYY-MM-DD the report was first published (git), "" when unknown
    updated: str = ""  # YYYY-MM-DD of its last change
    plain: tuple[str, ...] = ()  # 简要说明: the plain-language summary's sentences (domain.plainsummary)
    standing: StandingNote | None = None  # rank and grade-line distances; None when not ranked
    history: History | None = None  # 修订记录 from the content's git history (None: not read)


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """A report in a list: where it is and how it scored."""

    link: Link
    department: Link
    year: int
    computed: Decimal | None
    grade: Grade | None
    claimed: Decimal | None
    claimed_grade: str | None
    differs: bool  # total or grade differs from the printed one
    differing_rows: int
    rank: int = 0
    state: str = ""  # the report's state in plain words (报告未列得分, 不完整, 草稿), "" when fully scored


@dataclass(frozen=True, slots=True)
class GradeCount:
    grade: Grade
    count: int
    percent: Decimal  # share of the reports, 0–100, one decimal


@dataclass(frozen=True, slots=True)
class ProjectYear:
    """A department's project tables of one year, and its overall report of that year when published."""

    year: int
    overall: Link | None
    projects: tuple[ReportSummary, ...]


@dataclass(frozen=True, slots=True)
class DepartmentPage:
    page_url: str
    site_title: str
    title: str
    name: str
    parent: str
    code: str
    reports: tuple[ReportSummary, ...]  # newest first
    trend: LineChart | None
    projects: tuple[ProjectYear, ...] = ()  # project tables by year, newest first
    lineages: tuple[Lineage, ...] = ()  # each indicator across the years (shown from two reports on)


@dataclass(frozen=True, slots=True)
class YearPage:
    page_url: str
    site_title: str
    title: str
    year: int
    ranked: tuple[ReportSummary, ...]
    grades: tuple[GradeCount, ...]
    differences: tuple[ReportSummary, ...]
    scored: bool
    projects: tuple[ReportSummary, ...] = ()  # the year's project tables, by department (not ranked)
    distribution: GradeDistribution | None = None  # printed vs recomputed grades of the ranked reports
    unranked: tuple[ReportSummary, ...] = ()  # overall reports with no full recomputed total: listed after, no rank


@dataclass(frozen=True, slots=True)
class YearEntry:
    link: Link
    reports: int
    grades: tuple[GradeCount, ...]
    projects: int = 0  # project tables of the year


@dataclass(frozen=True, slots=True)
class DepartmentEntry:
    link: Link
    parent: str
    years: tuple[Link, ...]
    projects: int = 0  # project tables of every year


@dataclass(frozen=True, slots=True)
class YearsPage:
    page_url: str
    site_title: str
    title: str
    years: tuple[YearEntry, ...]


@dataclass(frozen=True, slots=True)
class DepartmentsPage:
    page_url: str
    site_title: str
    title: str
    departments: tuple[DepartmentEntry, ...]


@dataclass(frozen=True, slots=True)
class HomePage:
    page_url: str
    site_title: str
    title: str
    publisher: str
    region: str
    description: str
    departments: int
    reports: int
    years: tuple[Link, ...]
    grades: tuple[GradeCount, ...]
    latest: tuple[ReportSummary, ...]
    search_url: str | None  # where the search form sends ?q= (the header search opens with it)
    links: tuple[Link, ...]  # further top-level pages (data downloads, …)
    projects: int = 0  # published project tables
