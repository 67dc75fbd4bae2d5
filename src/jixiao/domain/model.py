"""The report model: frozen records for every fact of a self-evaluation report.

Owns the shape of a department's year report (部门整体支出预算绩效自评报告) as printed: values keep
the text they were printed with where parsing them is another module's job (targets, actuals), and
amounts that are plainly numbers are ``Decimal`` made from their source text. Every record carries
where it came from (``loc``) and where each of its fields came from (``locs``), so that any check can
point an editor at ``file:line:column``.

Standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from jixiao.domain.quickinit import quick_init


@quick_init
@dataclass(frozen=True, slots=True, order=True)
class Loc:
    """A place in a source file: 1-based line and column."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


EMPTY_LOCS: Mapping[str, Loc] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Sourced:
    """Mixin data for records read from a file: their own place and the place of each field."""

    loc: Loc
    locs: Mapping[str, Loc] = field(default_factory=lambda: EMPTY_LOCS, compare=False, repr=False)

    def at(self, name: str) -> Loc:
        """The place of field ``name``, or of the record itself when the field was absent."""
        return self.locs.get(name, self.loc)


# --- 一、基本情况 -----------------------------------------------------------------------------


@quick_init
@dataclass(frozen=True, slots=True)
class Organization(Sourced):
    """组织架构: the text as printed plus the units it names."""

    description: str = ""
    internal_units: tuple[str, ...] = ()
    subordinate_units: tuple[str, ...] = ()


@quick_init
@dataclass(frozen=True, slots=True)
class Staffing(Sourced):
    """人员构成: counts as printed (None where the report does not say)."""

    internal_unit_count: int | None = None  # 内设职能部门个数
    subordinate_unit_count: int | None = None  # 下属预算单位个数
    authorized: int | None = None  # 核定编制
    actual: int | None = None  # 实际在职人员
    on_establishment: int | None = None  # 其中：在编人员
    other: int | None = None  # 其中：其他人员
    text: str = ""  # the paragraph as printed


@quick_init
@dataclass(frozen=True, slots=True)
class Assets(Sourced):
    """资产情况: the total in 万元 and the paragraph as printed."""

    total: Decimal | None = None
    text: str = ""


@quick_init
@dataclass(frozen=True, slots=True)
class BasicInfo(Sourced):
    """一、部门（单位）基本情况."""

    responsibilities: tuple[str, ...] = ()
    organization: Organization | None = None
    staffing: Staffing | None = None
    assets: Assets | None = None


# --- 二、预算管理及执行情况 ---------------------------------------------------------------------


@quick_init
@dataclass(frozen=True, slots=True)
class FundsRow(Sourced):
    """One row of the funds table (资金使用情况); amounts in the table's unit."""

    function: str = ""  # 职能名称
    task: str = ""  # 政策或重点任务
    completion: str = ""  # 完成情况
    budget: Decimal | None = None  # 预算数
    budget_fiscal: Decimal | None = None  # 其中：财政拨款
    spent: Decimal | None = None  # 执行数
    spent_fiscal: Decimal | None = None  # 其中：财政拨款


@quick_init
@dataclass(frozen=True, slots=True)
class FundsTable(Sourced):
    """资金使用情况: rows plus the 金额合计 row exactly as printed (never recomputed here)."""

    unit: str = "万元"
    rows: tuple[FundsRow, ...] = ()
    total: FundsRow | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class Execution(Sourced):
    """预算管理及执行情况分析: the budget identity's terms, in 万元."""

    opening_balance: Decimal | None = None  # 年初结转和结余
    income: Decimal | None = None  # 本年收入
    expenditure: Decimal | None = None  # 本年支出
    non_fiscal_balance_used: Decimal | None = None  # 使用非财政拨款结余
    balance_distribution: Decimal | None = None  # 结余分配
    closing_balance: Decimal | None = None  # 年末结转和结余
    text: str = ""  # the analysis paragraph as printed


@quick_init
@dataclass(frozen=True, slots=True)
class FundsPart(Sourced):
    """A 其中 row of the funds block (本年财政拨款, 上年结转资金, 其他资金 …): amounts and rate as printed."""

    name: str = ""
    budget: Decimal | None = None  # 年初预算数
    adjusted_budget: Decimal | None = None  # 全年预算数 (调整后)
    spent: Decimal | None = None  # 全年执行数
    rate: Decimal | None = None  # 执行率 as printed, in percent (``49.9`` for 49.9%)
    rate_text: str = ""  # 执行率 exactly as printed (``49.90%``): its decimals say how the form rounds
    reason: str = ""  # 原因 / 偏差原因


@quick_init
@dataclass(frozen=True, slots=True)
class ScoredExecution(Sourced):
    """The funds block's total row (年度资金总额 / 总额), often scored (10 or 20 points), and its 其中 rows.

    The 部门整体 form's scored 预算执行率 row and the project table's 项目资金 block are the same thing:
    年初预算数 / 全年预算数（调整后）/ 全年执行数 / 分值 / 执行率 / 得分, with ``parts`` for the 其中 rows.
    """

    name: str = "预算执行率"
    weight: Decimal | None = None
    budget: Decimal | None = None  # 年初预算数
    adjusted_budget: Decimal | None = None  # 全年预算数 (调整后)
    spent: Decimal | None = None  # 全年执行数
    claimed_score: Decimal | None = None
    rate: Decimal | None = None  # 执行率 as printed, in percent
    rate_text: str = ""  # 执行率 exactly as printed
    reason: str = ""  # 原因 / 偏差原因分析
    unit: str = "万元"
    parts: tuple[FundsPart, ...] = ()


# --- 三、总体结果 -----------------------------------------------------------------------------


@quick_init
@dataclass(frozen=True, slots=True)
class Claimed(Sourced):
    """The overall result as printed: never trusted, always compared."""

    total: Decimal | None = None
    grade: str | None = None
    text: str = ""


# --- 四、绩效指标 -----------------------------------------------------------------------------


class Direction(StrEnum):
    """Which way a target counts, declared by the editor for a rate printed without a comparison."""

    POSITIVE = "positive"  # 正向: higher is better (as ≥)
    REVERSE = "reverse"  # 反向 / 控制指标: lower is better (as ≤)


class IndicatorKind(StrEnum):
    """How a row is scored: target vs actual, or a written deduction standard."""

    TARGET = "target"
    CHECKLIST = "checklist"


@quick_init
@dataclass(frozen=True, slots=True)
class Target(Sourced):
    """A target as printed: one cell (``>=299人``) or three cells (指标性质 + 指标值 + 度量单位).

    ``text`` is always the whole printed value; ``nature``/``value``/``unit`` are set only for
    the three-cell form.
    """

    text: str = ""
    nature: str | None = None
    value: str | None = None
    unit: str | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class Indicator(Sourced):
    """A 三级指标 row: 权重/目标值/业绩值/得分 as printed."""

    name: str = ""
    kind: IndicatorKind = IndicatorKind.TARGET
    weight: Decimal | None = None
    target: Target | None = None
    actual: str | None = None
    claimed_score: Decimal | None = None
    deviation_reason: str = ""  # 偏差原因 / 未完成原因分析
    explanation: str = ""  # 指标解释 (checklist rows)
    standard: str = ""  # 评分标准 (checklist rows)
    adjusted_target: Target | None = None  # 调整指标值 (Chongqing): scored against when given
    coefficient: Decimal | None = None  # 得分系数 (%) as printed: score = 系数 × 权重
    core: bool | None = None  # 是否核心指标
    measure: str = ""  # 指标性质: 定量 / 定性
    method: str = ""  # 得分计算方法 as printed (Beijing)
    direction: Direction | None = None  # declared by the editor for a rate printed without ≥/≤
    id: str = ""  # a stable id the editor may give, to follow the indicator across years when renamed

    @property
    def scored_target(self) -> Target | None:
        """The target the row is scored against: the adjusted one (调整指标值) when printed."""
        return self.adjusted_target if self.adjusted_target is not None else self.target


@quick_init
@dataclass(frozen=True, slots=True)
class IndicatorGroup(Sourced):
    """A 二级指标 (数量, 质量, 社会效益, …) and its rows; ``points`` when the form prints them on it."""

    name: str = ""
    indicators: tuple[Indicator, ...] = ()
    points: Decimal | None = None


class TableKind(StrEnum):
    """The three indicator tables of the official form, plus any a region adds."""

    OUTPUT = "output"  # 产出指标 (履职完成情况)
    EFFECT = "effect"  # 效益指标 (履职效果情况)
    SATISFACTION = "satisfaction"  # 满意度指标 (社会满意度情况)
    OTHER = "other"


@quick_init
@dataclass(frozen=True, slots=True)
class IndicatorTable(Sourced):
    """One indicator table: its 一级指标, heading, intro paragraph and 二级指标 groups."""

    kind: TableKind = TableKind.OTHER
    level1: str = ""  # 一级指标, e.g. 产出指标
    title: str = ""  # heading, e.g. 履职完成情况
    intro: str = ""  # paragraph printed under the heading
    points: Decimal | None = None  # block points from a header like 年度绩效目标1（40分）
    groups: tuple[IndicatorGroup, ...] = ()
    block: str = ""  # name of a header spanning several 一级 indicators (see ``Report.blocks``)

    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for g in self.groups for i in g.indicators)


# --- 五、六、七 and the whole report ---------------------------------------------------------


class NarrativeKey(StrEnum):
    """The narrative sections kept in ``<year>.md``, in the official order."""

    PROBLEMS = "problems"  # 五（一）主要问题及原因分析
    IMPROVEMENTS = "improvements"  # 五（二）改进的方向和具体措施
    DISCLOSURE = "disclosure"  # 六、绩效自评结果拟应用和公开情况
    OTHER = "other"  # 七、其他需要说明的情况


@quick_init
@dataclass(frozen=True, slots=True)
class NarrativeSection(Sourced):
    """A narrative section: its Markdown source as written by the editor."""

    key: NarrativeKey = NarrativeKey.OTHER
    markdown: str = ""


@quick_init
@dataclass(frozen=True, slots=True)
class Department(Sourced):
    """Stable facts about a department (``department.yaml``)."""

    slug: str = ""
    name: str = ""
    code: str = ""  # 单位编码, optional
    parent: str = ""  # 主管部门, optional
    region: str = ""  # 所属地区 (city, county): the shard with ``shards: {by: region}`` (domain.shards)


@dataclass(frozen=True, slots=True)
class Unplaced(Sourced):
    """Source text the importer could not place: kept verbatim until an editor moves it."""

    kind: str = "paragraph"  # paragraph, table, row or cell
    source: str = ""  # where it was in the imported file, e.g. 第 81 行
    text: str = ""


class ReportKind(StrEnum):
    """Which form a report is: the department's overall report or one project's table."""

    OVERALL = "overall"  # 部门（单位）整体支出绩效自评报告
    PROJECT = "project"  # 项目支出绩效自评表


class Status(StrEnum):
    """Whether a report is published; a draft is checked but not published and blocks nothing."""

    PUBLISHED = "published"
    DRAFT = "draft"


@dataclass(frozen=True, slots=True)
class Project(Sourced):
    """A project table's head: 项目名称, 主管部门, 实施单位 as printed; ``slug`` from the file name."""

    slug: str = ""
    name: str = ""
    code: str = ""  # 项目编码, optional
    supervisor: str = ""  # 主管部门
    implementer: str = ""  # 实施单位


@dataclass(frozen=True, slots=True)
class Goals(Sourced):
    """年度总体目标: the two prose cells 预期目标 and 实际完成情况."""

    expected: str = ""
    actual: str = ""


@dataclass(frozen=True, slots=True)
class Block(Sourced):
    """A header with points spanning several 一级 indicators (年度绩效目标1（40分）)."""

    name: str = ""
    points: Decimal | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class Report(Sourced):
    """One department's self-evaluation report for one year, or one of its project tables."""

    department: Department = field(default_factory=lambda: Department(loc=Loc("")))
    year: int = 0
    title: str = ""
    kind: ReportKind = ReportKind.OVERALL
    status: Status = Status.PUBLISHED
    form: str = ""  # the form as the editor names it, e.g. 财预〔2020〕10号 项目支出绩效自评表
    project: Project | None = None  # project tables only
    goals: Goals | None = None  # 年度总体目标 (project tables)
    blocks: tuple[Block, ...] = ()
    conclusion: str = ""  # 评价结论 (project tables)
    problems: str = ""  # 存在问题 (project tables)
    improvements: str = ""  # 改进措施 (project tables)
    basic: BasicInfo | None = None
    funds: FundsTable | None = None
    execution: Execution | None = None
    scored_execution: ScoredExecution | None = None
    claimed: Claimed | None = None
    tables: tuple[IndicatorTable, ...] = ()
    narrative: tuple[NarrativeSection, ...] = ()
    unplaced: tuple[Unplaced, ...] = ()

    @property
    def key(self) -> tuple[str, int, str]:
        """(department slug, year, project slug); the project slug is empty for the overall report."""
        return (self.department.slug, self.year, self.project.slug if self.project else "")

    @property
    def is_project(self) -> bool:
        return self.kind == ReportKind.PROJECT

    @property
    def draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def name(self) -> str:
        """What readers call the report: the project's name, or the department's."""
        return self.project.name if self.project else self.department.name

    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for t in self.tables for i in t.indicators())

    def section(self, key: NarrativeKey) -> NarrativeSection | None:
        return next((s for s in self.narrative if s.key == key), None)


@dataclass(frozen=True, slots=True)
class GradeBand:
    """A grade from an inclusive lower bound: total >= minimum earns ``label``."""

    label: str
    minimum: Decimal


@dataclass(frozen=True, slots=True)
class SoftTargetRules:
    """``site.yaml`` ``soft_targets``: when the soft-target audit says a target looks unambitious."""

    enabled: bool = True
    satisfaction_floor: Decimal = Decimal(85)  # a 满意度 target (≥ x%) at or below this is pointed out
    equal_min_rows: int = 3  # "every actual equals its target" is said from this many quantitative rows


@dataclass(frozen=True, slots=True)
class ShardRule:
    """``site.yaml`` ``shards``: how the site is split into parts built apart (``domain.shards``)."""

    by: str = "year"  # "year" or "region"
    default: str = "未分区"  # ``by: region``: the part of departments without a region


@dataclass(frozen=True, slots=True)
class SiteSettings(Sourced):
    """``content/site.yaml``: site-wide settings."""

    title: str = ""
    publisher: str = ""
    region: str = ""
    base_url: str = ""
    description: str = ""
    scoring_preset: str = "mof-2020"
    scoring_overrides: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    grade_bands: tuple[GradeBand, ...] = ()  # best first: sorted here, once, whatever order they come in
    show_audit: bool = True
    host: str = ""  # 主办单位 (the footer shows the publisher when empty)
    contact: str = ""  # 联系方式
    site_code: str = ""  # 网站标识码
    icp: str = ""  # ICP 备案号
    soft_targets: SoftTargetRules = field(default_factory=SoftTargetRules)
    shards: ShardRule | None = None  # None: the site is built whole

    def __post_init__(self) -> None:
        best_first = tuple(sorted(self.grade_bands, key=lambda band: band.minimum, reverse=True))
        object.__setattr__(self, "grade_bands", best_first)


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything under ``content/``: settings, departments and their reports (both kinds), sorted."""

    site: SiteSettings
    departments: tuple[Department, ...] = ()
    reports: tuple[Report, ...] = ()

    def overall(self) -> tuple[Report, ...]:
        """The departments' overall (部门整体) reports."""
        return tuple(r for r in self.reports if not r.is_project)

    def projects(self) -> tuple[Report, ...]:
        """The project tables (项目支出绩效自评表)."""
        return tuple(r for r in self.reports if r.is_project)
