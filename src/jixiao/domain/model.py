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


@dataclass(frozen=True, slots=True)
class Organization(Sourced):
    """组织架构: the text as printed plus the units it names."""

    description: str = ""
    internal_units: tuple[str, ...] = ()
    subordinate_units: tuple[str, ...] = ()


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


@dataclass(frozen=True, slots=True)
class Assets(Sourced):
    """资产情况: the total in 万元 and the paragraph as printed."""

    total: Decimal | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class BasicInfo(Sourced):
    """一、部门（单位）基本情况."""

    responsibilities: tuple[str, ...] = ()
    organization: Organization | None = None
    staffing: Staffing | None = None
    assets: Assets | None = None


# --- 二、预算管理及执行情况 ---------------------------------------------------------------------


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


@dataclass(frozen=True, slots=True)
class FundsTable(Sourced):
    """资金使用情况: rows plus the 金额合计 row exactly as printed (never recomputed here)."""

    unit: str = "万元"
    rows: tuple[FundsRow, ...] = ()
    total: FundsRow | None = None


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


@dataclass(frozen=True, slots=True)
class ScoredExecution(Sourced):
    """A scored 预算执行率 row (some regions' forms give it 10 or 20 points)."""

    name: str = "预算执行率"
    weight: Decimal | None = None
    budget: Decimal | None = None  # 年初预算数
    adjusted_budget: Decimal | None = None  # 全年预算数 (调整后)
    spent: Decimal | None = None  # 全年执行数
    claimed_score: Decimal | None = None


# --- 三、总体结果 -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Claimed(Sourced):
    """The overall result as printed: never trusted, always compared."""

    total: Decimal | None = None
    grade: str | None = None
    text: str = ""


# --- 四、绩效指标 -----------------------------------------------------------------------------


class IndicatorKind(StrEnum):
    """How a row is scored: target vs actual, or a written deduction standard."""

    TARGET = "target"
    CHECKLIST = "checklist"


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


@dataclass(frozen=True, slots=True)
class IndicatorGroup(Sourced):
    """A 二级指标 (数量, 质量, 社会效益, …) and its rows."""

    name: str = ""
    indicators: tuple[Indicator, ...] = ()


class TableKind(StrEnum):
    """The three indicator tables of the official form, plus any a region adds."""

    OUTPUT = "output"  # 产出指标 (履职完成情况)
    EFFECT = "effect"  # 效益指标 (履职效果情况)
    SATISFACTION = "satisfaction"  # 满意度指标 (社会满意度情况)
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class IndicatorTable(Sourced):
    """One indicator table: its 一级指标, heading, intro paragraph and 二级指标 groups."""

    kind: TableKind = TableKind.OTHER
    level1: str = ""  # 一级指标, e.g. 产出指标
    title: str = ""  # heading, e.g. 履职完成情况
    intro: str = ""  # paragraph printed under the heading
    points: Decimal | None = None  # block points from a header like 年度绩效目标1（40分）
    groups: tuple[IndicatorGroup, ...] = ()

    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for g in self.groups for i in g.indicators)


# --- 五、六、七 and the whole report ---------------------------------------------------------


class NarrativeKey(StrEnum):
    """The narrative sections kept in ``<year>.md``, in the official order."""

    PROBLEMS = "problems"  # 五（一）主要问题及原因分析
    IMPROVEMENTS = "improvements"  # 五（二）改进的方向和具体措施
    DISCLOSURE = "disclosure"  # 六、绩效自评结果拟应用和公开情况
    OTHER = "other"  # 七、其他需要说明的情况


@dataclass(frozen=True, slots=True)
class NarrativeSection(Sourced):
    """A narrative section: its Markdown source as written by the editor."""

    key: NarrativeKey = NarrativeKey.OTHER
    markdown: str = ""


@dataclass(frozen=True, slots=True)
class Department(Sourced):
    """Stable facts about a department (``department.yaml``)."""

    slug: str = ""
    name: str = ""
    code: str = ""  # 单位编码, optional
    parent: str = ""  # 主管部门, optional


@dataclass(frozen=True, slots=True)
class Unplaced(Sourced):
    """Source text the importer could not place: kept verbatim until an editor moves it."""

    kind: str = "paragraph"  # paragraph, table, row or cell
    source: str = ""  # where it was in the imported file, e.g. 第 81 行
    text: str = ""


@dataclass(frozen=True, slots=True)
class Report(Sourced):
    """One department's self-evaluation report for one year."""

    department: Department = field(default_factory=lambda: Department(loc=Loc("")))
    year: int = 0
    title: str = ""
    basic: BasicInfo | None = None
    funds: FundsTable | None = None
    execution: Execution | None = None
    scored_execution: ScoredExecution | None = None
    claimed: Claimed | None = None
    tables: tuple[IndicatorTable, ...] = ()
    narrative: tuple[NarrativeSection, ...] = ()
    unplaced: tuple[Unplaced, ...] = ()

    @property
    def key(self) -> tuple[str, int]:
        return (self.department.slug, self.year)

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
class SiteSettings(Sourced):
    """``content/site.yaml``: site-wide settings."""

    title: str = ""
    publisher: str = ""
    region: str = ""
    base_url: str = ""
    description: str = ""
    scoring_preset: str = "mof-2020"
    scoring_overrides: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    grade_bands: tuple[GradeBand, ...] = ()
    show_audit: bool = True


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything under ``content/``: settings, departments and their reports, sorted."""

    site: SiteSettings
    departments: tuple[Department, ...] = ()
    reports: tuple[Report, ...] = ()
