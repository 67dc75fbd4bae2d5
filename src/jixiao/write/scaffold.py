"""``jixiao new``: the text of next year's ``<year>.yaml`` and ``<year>.md`` for a department.

Owns the scaffold of a new report. From the department's most recent earlier report it carries over
what stays from year to year (responsibilities, organisation, the indicator tables with their
二级/三级指标, weights and targets, the scored 预算执行率 row's weight) and leaves blank what each
year must fill in (业绩值, 得分, amounts, staffing, the overall result), with comments saying what
goes where. Without an earlier report it writes a commented template. The YAML follows
``load/schema.py`` (the loader reads it back) and starts with the ``yaml-language-server`` modeline
so editors get completion. Pure functions: text in, text out; the CLI writes the files.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal

import yaml

from jixiao.domain.layout import NARRATIVE_HEADINGS
from jixiao.domain.model import Indicator, IndicatorKind, IndicatorTable, Report, Target
from jixiao.write.modeline import PROJECT_MODELINE, REPORT_MODELINE


def _escape(ch: str) -> str:
    """YAML's double-quoted escape for characters it would fold, strip or refuse."""
    code = ord(ch)
    if ch in "\x85\u2028\u2029\ufeff" or 0x7F <= code <= 0x9F or code in (0xFFFE, 0xFFFF):
        return f"\\u{code:04x}"
    return ch


def scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when YAML reads it back unchanged, else double-quoted."""
    if value and value == value.strip() and all(_escape(ch) == ch for ch in value) and "\n" not in value:
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    # A JSON string is a YAML double-quoted scalar; escape what YAML treats differently from JSON.
    return "".join(_escape(ch) for ch in json.dumps(value, ensure_ascii=False))


def number(value: Decimal | None) -> str:
    return "" if value is None else str(value)


def _field(indent: int, key: str, value: str | None, comment: str = "") -> str:
    """``key: value  # comment``; a ``None`` value is written empty (YAML null)."""
    text = " " * indent + f"{key}:"
    if value is not None:
        text += f" {value}"
    if comment:
        text += f"  # {comment}"
    return text


def _list(indent: int, key: str, items: Iterable[str]) -> list[str]:
    items = list(items)
    if not items:
        return [_field(indent, key, "[]")]
    return [_field(indent, key, None), *(" " * (indent + 2) + f"- {scalar(i)}" for i in items)]


def _target(indent: int, target: Target | None, kind: IndicatorKind) -> list[str]:
    if target is None:
        return [] if kind == IndicatorKind.CHECKLIST else [_field(indent, "target", None, "目标值，照录原文，如 >=299人")]
    if target.nature is None:
        return [_field(indent, "target", scalar(target.text))]
    return [
        _field(indent, "target", None),
        _field(indent + 2, "nature", scalar(target.nature)),
        _field(indent + 2, "value", scalar(target.value or "")),
        _field(indent + 2, "unit", scalar(target.unit or "")),
    ]


def _indicator(ind: Indicator) -> list[str]:
    pad = 12
    lines = [" " * (pad - 2) + f"- name: {scalar(ind.name)}"]
    if ind.kind != IndicatorKind.TARGET:
        lines.append(_field(pad, "kind", ind.kind.value))
    lines.append(_field(pad, "weight", number(ind.weight) or None))
    lines += _target(pad, ind.target, ind.kind)
    if ind.explanation:
        lines.append(_field(pad, "explanation", scalar(ind.explanation)))
    if ind.standard:
        lines.append(_field(pad, "standard", scalar(ind.standard)))
    lines.append(_field(pad, "actual", None, "业绩值：请填写本年度实际完成值，如 100%"))
    lines.append(_field(pad, "score", None, "得分：请填写自评得分"))
    return lines


def _table(table: IndicatorTable) -> list[str]:
    lines = [f"  - kind: {table.kind.value}"]
    for key, value in (("level1", table.level1), ("title", table.title), ("intro", table.intro)):
        if value:
            lines.append(_field(4, key, scalar(value)))
    if table.points is not None:
        lines.append(_field(4, "points", number(table.points)))
    if not table.groups:
        return [*lines, _field(4, "groups", "[]")]
    lines.append(_field(4, "groups", None))
    for group in table.groups:
        lines.append(f"      - name: {scalar(group.name)}")
        if not group.indicators:
            lines.append(_field(8, "indicators", "[]"))
            continue
        lines.append(_field(8, "indicators", None))
        for ind in group.indicators:
            lines += _indicator(ind)
    return lines


_YEARLY = """\
  # 以下各项每年不同，请按本年度情况填写后删去行首的 #：
  # staffing:
  #   text: 人员构成原文
  #   authorized: 89          # 核定编制
  #   actual: 93              # 实际在职人员
  # assets:
  #   text: 资产情况原文
  #   total: 33.58            # 资产总额（万元）

# 二、预算管理及执行情况（按本年度填写后删去行首的 #）：
# funds:
#   unit: 万元
#   rows:
#     - function: 职能名称
#       task: 政策或重点任务
#       completion: 完成情况
#       budget: 0             # 预算数
#       budget_fiscal: 0      # 其中：财政拨款
#       spent: 0              # 执行数
#       spent_fiscal: 0       # 其中：财政拨款
#   total: {budget: 0, budget_fiscal: 0, spent: 0, spent_fiscal: 0}   # 金额合计，照录原文
# execution:
#   text: 预算管理及执行情况分析原文
#   income: 0                 # 本年收入（万元）
#   expenditure: 0            # 本年支出（万元）
#   closing_balance: 0        # 年末结转和结余（万元）

# 三、整体支出绩效自评结果：请在评价完成后填写报告所列的总分和等级。
claimed:
  text: ""
  # total: 93.98
  # grade: 优秀
"""


def _title(previous: Report, year: int) -> str:
    return previous.title.replace(str(previous.year), str(year)) if previous.title else ""


def report_yaml(previous: Report, year: int) -> str:
    """Next year's ``<year>.yaml`` carried over from ``previous``."""
    dept = previous.department
    basic = previous.basic
    lines = [
        REPORT_MODELINE,
        f"# {dept.name} {year} 年度部门整体支出预算绩效自评报告（jixiao new 据 {previous.year} 年度报告生成）",
        "# 已沿用上一年度的职责、组织架构、指标、权重和目标值；业绩值（actual）和得分（score）请按本年度填写。",
        f"year: {year}",
        _field(0, "title", scalar(_title(previous, year)) if previous.title else '""'),
        "",
        "basic:",
    ]
    lines += _list(2, "responsibilities", basic.responsibilities if basic else ())
    org = basic.organization if basic else None
    if org is not None:
        lines.append("  organization:")
        if org.description:
            lines.append(_field(4, "description", scalar(org.description)))
        lines += _list(4, "internal_units", org.internal_units)
        lines += _list(4, "subordinate_units", org.subordinate_units)
    lines.append(_YEARLY.rstrip("\n"))
    scored = previous.scored_execution
    if scored is not None:
        lines += [
            "",
            "scored_execution:",
            _field(2, "name", scalar(scored.name)),
            _field(2, "weight", number(scored.weight)),
            _field(2, "adjusted_budget", None, "全年预算数（万元）"),
            _field(2, "spent", None, "全年执行数（万元）"),
            _field(2, "score", None, "得分"),
        ]
    lines += ["", "# 四、绩效指标表（沿用上一年度，请逐项填写 actual 和 score）", "tables:"]
    for table in previous.tables:
        lines += _table(table)
    return "\n".join(lines) + "\n"


def template_yaml(name: str, year: int) -> str:
    """A commented ``<year>.yaml`` for a department without an earlier report."""
    return f"""\
{REPORT_MODELINE}
# {name} {year} 年度部门整体支出预算绩效自评报告
# 字段说明见 docs/editors-guide.md；数值照原文填写，目标值与业绩值照录原文（如 >=299人、合规、10-12月）。
year: {year}
title: （{year}年度）部门（单位）整体支出预算绩效自评报告

basic:
  responsibilities:
    - 请逐条填写主要职责职能
  # organization:
  #   description: 组织架构原文
  #   internal_units: [办公室, 财务部]
  #   subordinate_units: []
{_YEARLY.rstrip(chr(10))}

# 四、绩效指标表：产出（output）、效益（effect）、满意度（satisfaction）三张表。
# 每个三级指标写 name、weight（权重）、target（目标值）、actual（业绩值）、score（得分）。
tables:
  - kind: output
    level1: 产出指标
    title: 履职完成情况
    groups:
      - name: 数量
        indicators:
          - name: 请填写产出指标名称
            weight: 50
            target: "=100%"
            actual:   # 业绩值，如 100%
            score:    # 得分
  - kind: effect
    level1: 效益指标
    title: 履职效果情况
    groups:
      - name: 社会效益
        indicators:
          - name: 请填写效益指标名称
            weight: 40
            target: 有效
            actual:   # 业绩值
            score:    # 得分
  - kind: satisfaction
    level1: 满意度指标
    title: 社会满意度情况
    groups:
      - name: 满意度
        indicators:
          - name: 社会公众满意度
            weight: 10
            target: ">=90%"
            actual:   # 业绩值，如 95%
            score:    # 得分
"""


def narrative_md() -> str:
    """``<year>.md`` with the four narrative headings and a hidden note under each."""
    parts = []
    for title in NARRATIVE_HEADINGS.values():
        parts.append(f"## {title}\n\n[//]: # (请在此处填写“{title}”；确无内容时写“无。”。本行不会显示在网站上。)\n")
    return "\n".join(parts)


def department_yaml(name: str) -> str:
    return f"# yaml-language-server: $schema=../../schema/department.schema.json\nname: {scalar(name)}\n"


def project_yaml(department: str, year: int, project: str) -> str:
    """A blank 项目支出绩效自评表 (财预〔2020〕10号 form) for ``project``: every field to fill in, commented."""
    lines = [
        PROJECT_MODELINE,
        f"# {department} {year} 年度项目支出绩效自评表：按原表逐栏填写；空格子、“/”格子不写。说明见 docs/editors-guide.md 第 10 节。",
        "kind: project",
        f"year: {year}",
        f"title: {scalar(f'项目支出绩效自评表（{year}年度）')}",
        "form: 财预〔2020〕10号 项目支出绩效自评表",
        "project:",
        f"  name: {scalar(project)}",
        f"  supervisor: {scalar(department)}  # 主管部门",
        f"  implementer: {scalar(department)}  # 实施单位",
        "funds:  # 项目资金（万元）：年度资金总额一行",
        "  name: 年度资金总额",
        "  weight: 10  # 分值",
        "  # budget: 年初预算数；adjusted_budget: 全年预算数；spent: 全年执行数；rate: 执行率（如 100%）；score: 得分",
        "  parts:",
        "    - {name: 本年财政拨款}",
        "    - {name: 上年结转资金}",
        "    - {name: 其他资金}",
        "goals:  # 年度总体目标",
        '  expected: ""  # 预期目标',
        '  actual: ""  # 实际完成情况',
        "tables:",
    ]
    for kind, level1, points, groups in (
        ("output", "产出指标", 50, ("数量指标", "质量指标", "时效指标", "成本指标")),
        ("effect", "效益指标", 30, ("社会效益指标", "可持续影响指标")),
        ("satisfaction", "满意度指标", 10, ("服务对象满意度指标",)),
    ):
        lines += [f"  - kind: {kind}", f"    level1: {level1}", f"    points: {points}", "    groups:"]
        for group in groups:
            lines += [f"      - name: {group}", "        indicators:",
                      "          - {name: 指标名称, target: 年度指标值}  # 填写 weight（分值）、actual（实际完成值）和 score（得分）"]
    lines += [
        "claimed: {}  # 填写 total：总分一行的得分",
        'conclusion: ""  # 评价结论',
        'problems: ""  # 存在问题',
        'improvements: ""  # 改进措施',
    ]
    return "\n".join(lines) + "\n"
