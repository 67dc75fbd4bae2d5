"""The content files' schema, declared once: validation, JSON Schema and the field reference.

Owns what keys ``site.yaml``, ``department.yaml`` and ``<year>.yaml`` may hold, which are required,
and a Chinese description of each. Unknown keys are errors. Values arrive as text (see
``yamltree``); numbers are checked here to be plain decimals and converted to ``Decimal`` later by
``convert`` from the same text.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

DECIMAL_PATTERN = r"^[+-]?[0-9]+(\.[0-9]+)?$"
INTEGER_PATTERN = r"^[0-9]+$"
RATE_PATTERN = r"^[0-9]+(\.[0-9]+)?%?$"

_DECIMAL = re.compile(DECIMAL_PATTERN)
_INTEGER = re.compile(INTEGER_PATTERN)
_RATE = re.compile(RATE_PATTERN)


_FULL_WIDTH_DIGITS = re.compile("[\uff10-\uff19]")
_EXPONENT = re.compile(r"^[+-]?[0-9.]+[eE][+-]?[0-9]+$")
_NOT_FINITE = re.compile(r"^[+-]?\.?(nan|inf|infinity)$", re.IGNORECASE)


def number_problem(text: str) -> str:
    """Why ``text`` is not a plain decimal number, in words an editor understands."""
    if _FULL_WIDTH_DIGITS.search(text):
        return "含有全角数字，请改为半角数字 0-9"
    if "," in text or "，" in text:
        return "含有千分位逗号，请删除逗号"
    if _EXPONENT.fullmatch(text):
        return "使用了科学计数法，请写出完整的数字"
    if _NOT_FINITE.fullmatch(text):
        return "NaN 和无穷大不是数字"
    if not text:
        return "值为空"
    if re.search(r"[0-9]", text):
        return "含有数字以外的字符（如单位、百分号或空格），单位请写在对应的单位字段中"
    return "不是数字"


def _decimal_text(value: str) -> str:
    if not _DECIMAL.fullmatch(value.strip()):
        raise PydanticCustomError("jx_decimal", "{reason}", {"reason": number_problem(value.strip())})
    return value


def _int_text(value: str) -> str:
    if not _INTEGER.fullmatch(value.strip()):
        raise PydanticCustomError("jx_integer", "not a non-negative whole number")
    return value


def _rate_text(value: str) -> str:
    if not _RATE.fullmatch(value.strip()):
        raise PydanticCustomError("jx_decimal", "{reason}", {"reason": number_problem(value.strip().removesuffix("%"))
                                                             + "；执行率请照录为 100%、49.90% 或 99.5 这样的百分数"})
    return value


#: A number written as plain decimal text (``450.5``); YAML numbers arrive as their text.
DecimalText = Annotated[
    str,
    AfterValidator(_decimal_text),
    WithJsonSchema({"type": ["number", "string"], "pattern": DECIMAL_PATTERN}),
]
#: A non-negative whole number written as text (``93``).
IntText = Annotated[
    str,
    AfterValidator(_int_text),
    WithJsonSchema({"type": ["integer", "string"], "pattern": INTEGER_PATTERN}),
]
#: A rate as printed in percent: ``49.90%`` or ``49.9`` (the % sign may be left out).
RateText = Annotated[
    str,
    AfterValidator(_rate_text),
    WithJsonSchema({"type": ["number", "string"], "pattern": RATE_PATTERN}),
]
#: Free text as printed. Any YAML scalar is read as its text, so editors' tools accept numbers too.
Text = Annotated[
    str,
    StringConstraints(max_length=20000),
    WithJsonSchema({"type": ["string", "number", "boolean"], "maxLength": 20000}),
]
#: A name: non-empty text of at most 500 characters.
Name = Annotated[
    str,
    StringConstraints(min_length=1, max_length=500),
    WithJsonSchema({"type": ["string", "number"], "minLength": 1, "maxLength": 500}),
]
#: ``true`` or ``false`` (YAML booleans arrive as their text).
BoolText = Annotated[
    Literal["true", "false"],
    WithJsonSchema({"type": ["boolean", "string"], "enum": [True, False, "true", "false"]}),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False, defer_build=True)


# --- site.yaml ------------------------------------------------------------------------------


class ScoringSpec(Strict):
    preset: Name = Field("mof-2020", description="评分规则预设名：mof-2020（财政部通用口径）或 datong-2021（复现示例报告）")
    overrides: dict[str, str] = Field(
        default_factory=dict, description="覆盖预设中的个别参数，如 reverse_rule: proportional；参数见 docs/scoring.md"
    )


class GradeSpec(Strict):
    label: Name = Field(description="等级名称，如 优秀")
    minimum: DecimalText = Field(description="获得该等级的最低总分（含），如 90")


class SoftTargetSpec(Strict):
    enabled: BoolText = Field("true", description="是否检查目标是否偏低（“目标低于上年实际完成值”等提示，true/false）")
    satisfaction_floor: DecimalText = Field(
        "85", description="满意度目标（如 ≥85%）不高于这个百分数时提示“满意度目标偏低”，如 85"
    )
    equal_min_rows: IntText = Field(
        "3", description="一份报告至少有这么多个定量指标、且业绩值全部恰好等于目标值时，提示“业绩值全部等于目标值”"
    )


class ShardSpec(Strict):
    by: Literal["year", "region"] = Field(
        description="按什么把网站分成几部分分别构建：year（每个年度一部分）或 region（按 department.yaml 的 region，"
                    "每个地区一部分）；见 docs/shards.md")
    default: Text = Field(
        "未分区", description="按地区分时，没有填写 region 的部门归入的那一部分的名称，如 省本级（默认 未分区）")


class SiteFile(Strict):
    title: Name = Field(description="网站标题")
    publisher: Name = Field(description="发布机关，如 大同市财政局")
    region: Text = Field("", description="地区，如 山西省大同市")
    base_url: Text = Field("", description="网站部署后的完整网址（可留空）；部署在子路径时填写完整路径")
    description: Text = Field("", description="网站简介，显示在首页")
    scoring: ScoringSpec = Field(default_factory=lambda: ScoringSpec(), description="评分规则")
    grades: list[GradeSpec] = Field(
        default_factory=list, description="等级划分，按最低分从高到低；留空则为 90 优秀 / 80 良好 / 60 中 / 0 差"
    )
    show_audit: BoolText = Field("true", description="报告页是否显示“复核说明”（true/false）")
    host: Text = Field("", description="主办单位，显示在每页页脚和打印件上，如 大同市财政局（留空则用发布机关）")
    contact: Text = Field("", description="联系方式，显示在每页页脚，如 电话 0352-1234567，地址 …")
    site_code: Text = Field("", description="网站标识码（政府网站），显示在每页页脚，如 1402000001")
    icp: Text = Field("", description="ICP 备案号，显示在每页页脚，如 晋ICP备12345678号")
    soft_targets: SoftTargetSpec = Field(
        default_factory=lambda: SoftTargetSpec(), description="目标高低提示（软目标检查）的参数"
    )
    shards: ShardSpec | None = Field(
        None, description="分部分构建（省级规模）：如 {by: region}；不写则整站一次构建。见 docs/shards.md"
    )


# --- department.yaml ------------------------------------------------------------------------


class DepartmentFile(Strict):
    name: Name = Field(description="部门（单位）全称，如 大同市总工会")
    code: Text = Field("", description="单位编码（可选）")
    parent: Text = Field("", description="主管部门或上级单位（可选）")
    region: Text = Field("", description="所属地区，如 晋中市 或 介休市（可选）；site.yaml 写 shards: {by: region} 时"
                                         "按它分部分构建，同一地区的部门在同一部分")


# --- <year>.yaml: 一、基本情况 ----------------------------------------------------------------


class OrganizationSpec(Strict):
    description: Text = Field("", description="组织架构原文")
    internal_units: list[Name] = Field(default_factory=list, description="内设机构（部室）名称列表")
    subordinate_units: list[Name] = Field(default_factory=list, description="所属（下属）单位名称列表")


class StaffingSpec(Strict):
    text: Text = Field("", description="人员构成原文")
    internal_unit_count: IntText | None = Field(None, description="内设职能部门个数")
    subordinate_unit_count: IntText | None = Field(None, description="下属预算单位个数")
    authorized: IntText | None = Field(None, description="核定的人员编制（人）")
    actual: IntText | None = Field(None, description="实际在职人员（人）")
    on_establishment: IntText | None = Field(None, description="其中：在编人员（人）")
    other: IntText | None = Field(None, description="其中：其他人员（人）")


class AssetsSpec(Strict):
    text: Text = Field("", description="资产情况原文")
    total: DecimalText | None = Field(None, description="资产总额（万元）")


class BasicSpec(Strict):
    responsibilities: list[Text] = Field(default_factory=list, description="主要职责职能，每条一项，按原文顺序")
    organization: OrganizationSpec | None = Field(None, description="组织架构")
    staffing: StaffingSpec | None = Field(None, description="人员构成")
    assets: AssetsSpec | None = Field(None, description="资产情况")


# --- 二、预算管理及执行情况 ---------------------------------------------------------------------


class FundsAmounts(Strict):
    budget: DecimalText | None = Field(None, description="预算数")
    budget_fiscal: DecimalText | None = Field(None, description="预算数中：财政拨款")
    spent: DecimalText | None = Field(None, description="执行数")
    spent_fiscal: DecimalText | None = Field(None, description="执行数中：财政拨款")


class FundsRowSpec(FundsAmounts):
    function: Text = Field("", description="职能名称")
    task: Text = Field("", description="政策或重点任务")
    completion: Text = Field("", description="完成情况")


class FundsSpec(Strict):
    unit: Literal["元", "万元", "亿元"] = Field("万元", description="金额单位")
    rows: list[FundsRowSpec] = Field(default_factory=list, description="资金使用情况表的各行")
    total: FundsAmounts | None = Field(None, description="“金额合计”行，按原文照录（不要自己重算）")


class ExecutionSpec(Strict):
    text: Text = Field("", description="预算管理及执行情况分析原文")
    opening_balance: DecimalText | None = Field(None, description="年初结转和结余（万元）")
    income: DecimalText | None = Field(None, description="本年收入（万元）")
    expenditure: DecimalText | None = Field(None, description="本年支出（万元）")
    non_fiscal_balance_used: DecimalText | None = Field(None, description="使用非财政拨款结余（万元）")
    balance_distribution: DecimalText | None = Field(None, description="结余分配（万元）")
    closing_balance: DecimalText | None = Field(None, description="年末结转和结余（万元）")


class FundsPartSpec(Strict):
    name: Name = Field(description="“其中”行的名称，照录原文，如 本年财政拨款、上年结转资金、其他资金")
    budget: DecimalText | None = Field(None, description="年初预算数")
    adjusted_budget: DecimalText | None = Field(None, description="全年预算数（调整后）")
    spent: DecimalText | None = Field(None, description="全年执行数")
    rate: RateText | None = Field(None, description="执行率，照录原文，如 100%、49.90%")
    reason: Text = Field("", description="原因说明（如有）")


class ScoredExecutionSpec(Strict):
    name: Name = Field("预算执行率", description="指标名称（项目表为“年度资金总额”或“总额”）")
    unit: Literal["元", "万元", "亿元"] = Field("万元", description="金额单位")
    weight: DecimalText | None = Field(None, description="分值（权重），如 10；表中没有分值则不填")
    budget: DecimalText | None = Field(None, description="年初预算数")
    adjusted_budget: DecimalText | None = Field(None, description="全年预算数（调整后）")
    spent: DecimalText | None = Field(None, description="全年执行数")
    rate: RateText | None = Field(None, description="报告所列执行率，照录原文，如 100%、49.90%（按原表的小数位核对）")
    score: DecimalText | None = Field(None, description="报告所列得分")
    reason: Text = Field("", description="原因 / 偏差原因分析（如有）")
    parts: list[FundsPartSpec] = Field(
        default_factory=list, description="“其中”各行：本年财政拨款、上年结转资金、其他资金等，按原表顺序"
    )


# --- 三、总体结果 -----------------------------------------------------------------------------


class ClaimedSpec(Strict):
    text: Text = Field("", description="总体评价结果原文")
    total: DecimalText | None = Field(None, description="报告所列总得分")
    grade: Text | None = Field(None, description="报告所列等级，如 优秀")


# --- 四、绩效指标 -----------------------------------------------------------------------------


class ThreeCellTarget(Strict):
    nature: Literal["=", "≥", "≤", ">", "<", ">=", "<=", "＝", "＞", "＜", "定性"] = Field(
        description="指标性质：=、≥、≤、>、< 或 定性"
    )
    value: Text = Field(description="指标值，如 299")
    unit: Text = Field("", description="度量单位，如 人")


def _target_form(value: Any) -> str:
    return "cells" if isinstance(value, dict | ThreeCellTarget) else "text"


#: Tags of the target union; they appear in validation error paths and are dropped from them.
UNION_TAGS = frozenset({"text", "cells"})
TargetSpec = Annotated[
    Annotated[Text, Tag("text")] | Annotated[ThreeCellTarget, Tag("cells")],
    Discriminator(_target_form),
]


class IndicatorSpec(Strict):
    name: Name = Field(description="三级指标名称")
    kind: Literal["target", "checklist"] = Field(
        "target", description="评分方式：target（目标值对比业绩值）或 checklist（按评分标准扣分）"
    )
    weight: DecimalText | None = Field(None, description="权重（分值）")
    target: TargetSpec | None = Field(
        None, description="目标值，照录原文（如 >=299人、合规、10-12月）；或三栏形式 {nature, value, unit}"
    )
    actual: Text | None = Field(None, description="业绩值（实际完成值），照录原文，如 299人、100%")
    score: DecimalText | None = Field(None, description="报告所列得分（自评分）")
    deviation_reason: Text = Field("", description="偏差原因 / 未完成原因分析")
    explanation: Text = Field("", description="指标解释（checklist 行）")
    standard: Text = Field("", description="评分标准（checklist 行）")
    adjusted_target: TargetSpec | None = Field(
        None, description="调整指标值（如重庆表样），填写后按调整后的目标值计分"
    )
    coefficient: DecimalText | None = Field(
        None, description="得分系数（%），照录数字，如 95；得分 = 系数 × 权重"
    )
    core: BoolText | None = Field(None, description="是否核心指标（true/false）")
    measure: Literal["定量", "定性", ""] = Field("", description="指标性质：定量 或 定性（表中有此列时照录）")
    method: Text = Field("", description="得分计算方法，照录原文（如北京表样）")
    direction: Literal["positive", "reverse"] | None = Field(
        None,
        description="目标值没有写 ≥/≤ 时由编辑声明方向：positive 正向（越高越好）、reverse 反向/控制指标（越低越好）",
    )
    id: Text = Field(
        "", description="指标的固定标识（可选）：指标改名后，各年填写相同的 id，历年对比仍能对上，如 kunnan-jiuzhu"
    )


class GroupSpec(Strict):
    name: Name = Field(description="二级指标名称，如 数量、质量、时效、成本、社会效益")
    points: DecimalText | None = Field(None, description="二级指标所列分值（表中二级指标行带分值时照录）")
    indicators: list[IndicatorSpec] = Field(description="该二级指标下的三级指标")


class TableSpec(Strict):
    kind: Literal["output", "effect", "satisfaction", "other"] = Field(
        description="表的类别：output 产出、effect 效益、satisfaction 满意度、other 其他"
    )
    level1: Text = Field("", description="一级指标名称，如 产出指标")
    title: Text = Field("", description="小标题，如 履职完成情况")
    intro: Text = Field("", description="小标题下的说明文字")
    points: DecimalText | None = Field(None, description="表头所列分值（如“产出指标（50分）”中的 50）")
    block: Text = Field(
        "", description="跨几个一级指标的分块表头名称（如 年度绩效目标1），须与 blocks 中的 name 一致"
    )
    groups: list[GroupSpec] = Field(description="二级指标及其三级指标")


class BlockSpec(Strict):
    name: Name = Field(description="分块表头名称，如 年度绩效目标1")
    points: DecimalText | None = Field(None, description="分块所列分值，如“年度绩效目标1（40分）”中的 40")


# --- 导入时未能归位的内容 --------------------------------------------------------------------


class UnplacedSpec(Strict):
    source: Text = Field("", description="在原文件中的位置，如“第 81 行”或“第 3 个表格第 4 行”")
    kind: Literal["paragraph", "table", "row", "cell"] = Field(
        "paragraph", description="内容类别：paragraph 段落、table 表格、row 表格行、cell 单元格"
    )
    text: Text = Field(description="原文内容（表格行的各单元格以“ | ”分隔）")


Status = Literal["published", "draft"]
_STATUS = "状态：published 发布；draft 草稿（照常检查，但不发布，也不妨碍其他报告构建网站）"
_FORM = "表样名称（可选），如 财预〔2020〕10号 项目支出绩效自评表、四川 510000 表样"


class ReportFile(Strict):
    year: IntText = Field(description="年度，须与文件名一致")
    title: Text = Field("", description="报告标题（原文）")
    status: Status = Field("published", description=_STATUS)
    form: Text = Field("", description=_FORM)
    basic: BasicSpec = Field(description="一、部门（单位）基本情况")
    funds: FundsSpec | None = Field(None, description="二、1. 资金使用情况表")
    execution: ExecutionSpec | None = Field(None, description="二、2. 预算管理及执行情况分析")
    scored_execution: ScoredExecutionSpec | None = Field(None, description="计分的预算执行率（部分地区表样有）")
    claimed: ClaimedSpec = Field(description="三、整体支出绩效自评结果（报告所列）")
    tables: list[TableSpec] = Field(description="四、绩效指标表：产出、效益、满意度")
    blocks: list[BlockSpec] = Field(default_factory=list, description="跨几个一级指标的分块表头及其分值（如有）")
    unplaced: list[UnplacedSpec] = Field(
        default_factory=list,
        description="jixiao import 未能归入任何字段的原文内容；请手工移入正确字段后删除该项",
    )


# --- <year>/projects/<project>.yaml: 项目支出绩效自评表 ---------------------------------------


class ProjectSpec(Strict):
    name: Name = Field(description="项目名称，照录原文")
    code: Text = Field("", description="项目编码（可选）")
    supervisor: Text = Field("", description="主管部门，照录原文")
    implementer: Text = Field("", description="实施单位，照录原文")


class GoalsSpec(Strict):
    expected: Text = Field("", description="年度总体目标：预期目标（原文）")
    actual: Text = Field("", description="年度总体目标：实际完成情况（原文）")


class ProjectClaimedSpec(Strict):
    total: DecimalText | None = Field(None, description="“总分”行所列得分（未列则不填）")
    grade: Text | None = Field(None, description="所列等级（如有），如 优秀")


class ProjectFile(Strict):
    kind: Literal["project"] = Field(description="报告种类，项目支出绩效自评表固定写 project")
    year: IntText = Field(description="年度，须与所在的年度目录一致")
    title: Text = Field("", description="表的标题（原文），如 项目支出绩效自评表（2021年度）")
    status: Status = Field("published", description=_STATUS)
    form: Text = Field("", description=_FORM)
    project: ProjectSpec = Field(description="项目名称、主管部门、实施单位")
    funds: ScoredExecutionSpec | None = Field(
        None, description="项目资金：年度资金总额一行（年初预算数、全年预算数、全年执行数、分值、执行率、得分）及“其中”各行"
    )
    goals: GoalsSpec | None = Field(None, description="年度总体目标：预期目标、实际完成情况")
    tables: list[TableSpec] = Field(default_factory=list, description="绩效指标：按一级指标分表")
    blocks: list[BlockSpec] = Field(default_factory=list, description="跨几个一级指标的分块表头及其分值（如有）")
    claimed: ProjectClaimedSpec = Field(
        default_factory=lambda: ProjectClaimedSpec(), description="总分（报告所列）"
    )
    conclusion: Text = Field("", description="评价结论（原文；若仍是表样的填写说明也照录）")
    problems: Text = Field("", description="存在问题（原文）")
    improvements: Text = Field("", description="改进措施（原文）")
    unplaced: list[UnplacedSpec] = Field(
        default_factory=list,
        description="jixiao import 未能归入任何字段的原文内容；请手工移入正确字段后删除该项",
    )


SCHEMAS: dict[str, type[Strict]] = {
    "site": SiteFile,
    "department": DepartmentFile,
    "report": ReportFile,
    "project": ProjectFile,
}
