"""A project file of ``tests/fixtures/forms/`` printed back as the official one-table form.

:func:`mof_form` lays a ``kind: project`` YAML out as 财预〔2020〕10号 项目支出绩效自评表 (FORMS.md §1):
the same 9 columns as :func:`~tests.importers.forms.layouts.mof_project`, 一级/二级 merged vertically,
numbers printed as written. Importing that form in any container must give back a report that
scores as the fixture's ``expected.yaml`` says.
"""

from __future__ import annotations

import re
from typing import Any

from tests.importers.forms.layouts import MERGED_LEFT as L
from tests.importers.forms.layouts import MERGED_UP as U
from tests.importers.forms.layouts import Form, Grid


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def mof_form(data: dict[str, Any], name: str = "form") -> Form:
    project, funds, goals = data["project"], data.get("funds", {}), data.get("goals", {})
    grid: Grid = [
        ["项目名称", L, project["name"], L, L, L, L, L, L],
        ["主管部门", L, project.get("supervisor", ""), L, L, "实施单位", project.get("implementer", ""), L, L],
        ["项目资金（万元）", "", L, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [U, funds.get("name", "年度资金总额"), L, _text(funds.get("budget")), _text(funds.get("adjusted_budget")),
         _text(funds.get("spent")), _text(funds.get("weight")), _text(funds.get("rate")), _text(funds.get("score"))],
    ]
    for part in funds.get("parts", []):
        label = f"其中：{part['name']}" if part is funds["parts"][0] else part["name"]
        grid.append([U, label, L, _text(part.get("budget")), _text(part.get("adjusted_budget")),
                     _text(part.get("spent")), "—", "—", "—"])
    grid += [
        ["年度总体目标", "预期目标", L, L, L, "实际完成情况", L, L, L],
        [U, goals.get("expected", ""), L, L, L, goals.get("actual", ""), L, L, L],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ]
    for table in data.get("tables", []):
        level1 = table["level1"] + (f"（{table['points']}分）" if table.get("points") is not None else "")
        first_of_table = True
        for group in table["groups"]:
            for index, item in enumerate(group["indicators"]):
                target, actual = item.get("target", ""), item.get("actual", "")
                grid.append([U, level1 if first_of_table else U, group["name"] if index == 0 else U, item["name"],
                             _text(target), _text(actual), _text(item.get("weight")), _text(item.get("score")),
                             item.get("deviation_reason", "")])
                first_of_table = False
    claimed = data.get("claimed", {})
    grid.append(["总分", L, L, L, L, L, "100", _text(claimed.get("total")), ""])
    for label, key in (("评价结论", "conclusion"), ("存在问题", "problems"), ("改进措施", "improvements")):
        if data.get(key):
            grid.append([label, data[key], L, L, L, L, L, L, L])
    year = data["year"]
    return Form(name, ["项目支出绩效自评表", f"（{year}年度）", grid])


def _three_cells(target: Any) -> tuple[str, str, str]:
    if isinstance(target, dict):
        return _text(target.get("nature")), _text(target.get("value")), _text(target.get("unit"))
    return "", _text(target), ""


def sichuan_form(data: dict[str, Any], name: str = "form") -> Form:
    """四川 510000 表样 (FORMS.md §2): funds 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 |
    原因; indicators with 指标性质 | 指标值 | 度量单位 in three cells, 完成值, 权重, 得分, 未完成原因分析; 10 columns."""
    project, funds, goals = data["project"], data.get("funds", {}), data.get("goals", {})
    grid: Grid = [
        ["项目名称", L, project["name"], L, L, L, L, L, L, L],
        ["主管部门", L, project.get("supervisor", ""), L, L, "实施单位", project.get("implementer", ""), L, L, L],
        ["项目资金（万元）", "", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因", L],
    ]
    rows = [funds, *funds.get("parts", [])]
    for row in rows:
        main = row is funds
        grid.append([U, row.get("name", "总额"), _text(row.get("budget")), _text(row.get("adjusted_budget")),
                     _text(row.get("spent")), _text(row.get("rate")), _text(row.get("weight")) if main else "—",
                     _text(row.get("score")) if main else "—", row.get("reason", ""), L])
    grid += [
        ["年度总体目标", "预期目标", L, L, L, "实际完成情况", L, L, L, L],
        [U, goals.get("expected", ""), L, L, L, goals.get("actual", ""), L, L, L, L],
        ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分", "未完成原因分析"],
    ]
    for table in data.get("tables", []):
        first = True
        for group in table["groups"]:
            for index, item in enumerate(group["indicators"]):
                nature, value, unit = _three_cells(item.get("target"))
                grid.append([table["level1"] if first else U, group["name"] if index == 0 else U, item["name"],
                             nature, value, unit, _text(item.get("actual")), _text(item.get("weight")),
                             _text(item.get("score")), item.get("deviation_reason", "")])
                first = False
    grid.append(["合计", L, L, L, L, L, L, "100", _text(data.get("claimed", {}).get("total")), ""])
    for label, key in (("评价结论", "conclusion"), ("存在问题", "problems"), ("改进措施", "improvements")):
        if data.get(key):
            grid.append([label, data[key], L, L, L, L, L, L, L, L])
    return Form(name, ["部门预算项目支出绩效自评表", f"（{data['year']}年度）", grid])


def hubei_form(data: dict[str, Any], name: str = "form") -> Form:
    """湖北 项目绩效自评表 (FORMS.md §3): funds 预算数(A) | 执行数(B) | 执行率(B/A) | 得分(20分*执行率); indicators
    一级 | 二级 | 三级 | 年初目标值(A) | 实际完成值(B) | 得分, no weight column; the points on block header rows
    (年度绩效目标1（40分）) that may span several 一级 indicators; 6 columns."""
    project, funds = data["project"], data.get("funds", {})
    points = {b["name"]: b.get("points") for b in data.get("blocks", [])}
    grid: Grid = [
        ["项目名称", project["name"], L, L, L, L],
        ["主管部门", project.get("supervisor", ""), L, "实施单位", project.get("implementer", ""), L],
        ["项目资金（万元）", "预算数（A）", "执行数（B）", "执行率（B/A）", f"得分（{funds.get('weight', '')}分*执行率）", ""],
        [funds.get("name", "年度资金总额"), _text(funds.get("budget")), _text(funds.get("spent")),
         _text(funds.get("rate")), _text(funds.get("score")), ""],
        ["一级指标", "二级指标", "三级指标", "年初目标值（A）", "实际完成值（B）", "得分"],
    ]
    block = None
    for table in data.get("tables", []):
        if table.get("block") and table["block"] != block:
            block = table["block"]
            grid.append([f"{block}（{points.get(block)}分）", L, L, L, L, L])
        first = True
        for group in table["groups"]:
            for index, item in enumerate(group["indicators"]):
                grid.append([table["level1"] if first else U, group["name"] if index == 0 else U, item["name"],
                             _text(item.get("target")), _text(item.get("actual")), _text(item.get("score"))])
                first = False
    grid.append(["总分", L, L, L, L, _text(data.get("claimed", {}).get("total"))])
    for label, key in (("评价结论", "conclusion"), ("存在问题", "problems"), ("改进措施", "improvements")):
        if data.get(key):
            grid.append([label, data[key], L, L, L, L])
    return Form(name, ["项目绩效自评表", f"（{data['year']}年度）", grid])


def beijing_form(data: dict[str, Any], name: str = "form") -> Form:
    """北京 项目支出绩效自评表 (2016, FORMS.md §5): funds 年初预算数(A) | 全年执行数(B) | 分值(10分) | 执行率(B/A) |
    得分 | 得分计算方法; indicators 一级 | 二级 | 三级 | 分值 | 年度指标值(A) | 全年实际值(B) | 得分计算方法 | 得分 |
    未完成原因分析; 9 columns."""
    project, funds = data["project"], data.get("funds", {})
    grid: Grid = [
        ["项目名称", project["name"], L, L, L, L, L, L, L],
        ["主管部门", project.get("supervisor", ""), L, L, "实施单位", project.get("implementer", ""), L, L, L],
        ["项目资金（万元）", "", "年初预算数（A）", "全年执行数（B）", f"分值（{funds.get('weight', '')}分）", "执行率（B/A）",
         "得分", "得分计算方法", L],
        [U, funds.get("name", "年度资金总额"), _text(funds.get("budget")), _text(funds.get("spent")),
         _text(funds.get("weight")), _text(funds.get("rate")), _text(funds.get("score")), "", L],
        ["一级指标", "二级指标", "三级指标", "分值", "年度指标值（A）", "全年实际值（B）", "得分计算方法", "得分", "未完成原因分析"],
    ]
    for table in data.get("tables", []):
        first = True
        for group in table["groups"]:
            for index, item in enumerate(group["indicators"]):
                grid.append([table["level1"] if first else U, group["name"] if index == 0 else U, item["name"],
                             _text(item.get("weight")), _text(item.get("target")), _text(item.get("actual")),
                             item.get("method", ""), _text(item.get("score")), item.get("deviation_reason", "")])
                first = False
    grid.append(["总分", L, L, "100", L, L, L, _text(data.get("claimed", {}).get("total")), ""])
    return Form(name, ["项目支出绩效自评表", f"（{data['year']}年度）", grid])


def _points(name: str, points: Any) -> str:
    return name if points is None else f"{name}（{points}分）"


def _scored_rows(data: dict[str, Any], cells: Any) -> Grid:
    """The indicator rows of a form whose 一级/二级 cells carry their printed points (决策（20分）,
    项目立项（10分）), merged vertically; ``cells(item, number)`` gives the rest of a row."""
    grid: Grid = []
    number = 0
    for table in data.get("tables", []):
        first = True
        for group in table["groups"]:
            for index, item in enumerate(group["indicators"]):
                number += 1
                grid.append([_points(table["level1"], table.get("points")) if first else U,
                             _points(group["name"], group.get("points")) if index == 0 else U,
                             *cells(item, number)])
                first = False
    return grid


def checklist_form(data: dict[str, Any], name: str = "form") -> Form:
    """决策 · 过程 · 产出 · 效益 评分表 (FORMS.md §6): 序号 | 一级指标 | 二级指标 | 三级指标 | 指标分值 |
    指标说明及评分标准 | 年度指标值 | 实际完成值 | 自评得分; 一级 and 二级 points printed in their cells;
    checklist rows carry a standard and no target; 9 columns."""
    project = data["project"]
    grid: Grid = [
        ["项目名称", L, project["name"], L, L, L, L, L, L],
        ["主管部门", L, project.get("supervisor", ""), L, L, "实施单位", project.get("implementer", ""), L, L],
        ["序号", "一级指标", "二级指标", "三级指标", "指标分值", "指标说明及评分标准", "年度指标值", "实际完成值", "自评得分"],
    ]
    rows = _scored_rows(data, lambda item, n: [item["name"], _text(item.get("weight")), item.get("standard", ""),
                                               _text(item.get("target")), _text(item.get("actual")),
                                               _text(item.get("score"))])
    grid += [[str(number), *row] for number, row in enumerate(rows, start=1)]
    grid.append(["总分", L, L, L, "100", L, L, L, _text(data.get("claimed", {}).get("total"))])
    for label, key in (("评价结论", "conclusion"), ("存在问题", "problems"), ("改进措施", "improvements")):
        if data.get(key):
            grid.append([label, L, data[key], L, L, L, L, L, L])
    return Form(name, ["项目支出绩效自评表", f"（{data['year']}年度）", grid])


def ningxia_form(data: dict[str, Any], name: str = "form") -> Form:
    """宁夏 银川市本级 项目支出绩效自评表 (FORMS.md §7): funds 年初预算数 | 调整预算数（A）| 全年执行数（B）|
    执行率（B/A） without points (the rate is scored under 项目管理); indicators 一级指标 | 二级指标 | 三级指标 |
    分值 | 年度指标值 | 实际完成值 | 评分标准 | 得分 | 偏差原因分析及改进措施, 决策/管理/产出/效益 with their points;
    9 columns."""
    project, funds, goals = data["project"], data.get("funds", {}), data.get("goals", {})
    grid: Grid = [
        ["项目名称", project["name"], L, L, L, L, L, L, L],
        ["主管部门", project.get("supervisor", ""), L, L, "实施单位", project.get("implementer", ""), L, L, L],
        ["项目资金（万元）", "", "年初预算数", "调整预算数（A）", "全年执行数（B）", "执行率（B/A）", L, L, L],
    ]
    for row in [funds, *funds.get("parts", [])]:
        label = row.get("name", "年度资金总额") if row is funds else f"其中：{row['name']}"
        grid.append([U, label, _text(row.get("budget")), _text(row.get("adjusted_budget")), _text(row.get("spent")),
                     _text(row.get("rate")), L, L, L])
    if goals:
        grid += [["年度总体目标", "预期目标", L, L, L, "实际完成情况", L, L, L],
                 [U, goals.get("expected", ""), L, L, L, goals.get("actual", ""), L, L, L]]
    grid.append(["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "评分标准", "得分", "偏差原因分析及改进措施"])
    grid += _scored_rows(data, lambda item, n: [item["name"], _text(item.get("weight")), _text(item.get("target")),
                                                _text(item.get("actual")), item.get("standard", ""),
                                                _text(item.get("score")), item.get("deviation_reason", "")])
    grid.append(["总分", L, L, "100", L, L, L, _text(data.get("claimed", {}).get("total")), ""])
    for label, key in (("评价结论", "conclusion"), ("存在问题", "problems"), ("改进措施", "improvements")):
        if data.get(key):
            grid.append([label, data[key], L, L, L, L, L, L, L])
    return Form(name, ["项目支出绩效自评表", f"（{data['year']}年度）", grid])


_VALUE_UNIT = re.compile(r"^([=＝≥≤<>＜＞]*\s*-?\d+(?:\.\d+)?)(\D*)$")


def _value_unit(text: Any) -> tuple[str, str]:
    """``≥1000人`` -> (``≥1000``, ``人``); text without a number stays whole, with no unit."""
    match = _VALUE_UNIT.match(_text(text))
    return (match.group(1), match.group(2)) if match else (_text(text), "")


def chongqing_form(data: dict[str, Any], name: str = "form") -> Form:
    """重庆 部门整体绩效自评表 (FORMS.md §4), an overall report as one table: 部门（单位）名称, 部门职责; funds
    年初预算数 | 全年（调整）预算数 | 全年执行数 | 执行率（%）| 执行率权重 | 执行率得分（分）; indicators 一级指标 |
    二级指标 | 指标名称 | 计量单位 | 指标性质 | 年初指标值 | 调整指标值 | 全年完成值 | 得分系数（%）| 指标权重（分）|
    指标得分（分）| 是否核心指标, the unit in its own cell and the values bare numbers; 总分, 自评等级 and the
    narrative rows; 12 columns. A direction the editor declared (预算调整率) is not printed: no form has it."""
    scored = data.get("scored_execution", {})
    claimed = data.get("claimed", {})
    width = 12
    grid: Grid = [
        ["部门（单位）名称", L, data["department"], *[L] * (width - 3)],
        ["部门职责", L, "\n".join(data.get("basic", {}).get("responsibilities", [])), *[L] * (width - 3)],
        ["年度预算执行情况（万元）", L, L, "年初预算数", L, "全年（调整）预算数", L, "全年执行数", "执行率（%）", "执行率权重",
         "执行率得分（分）", L],
        ["年度资金总额", L, L, _text(scored.get("budget")), L, _text(scored.get("adjusted_budget")), L,
         _text(scored.get("spent")), _text(scored.get("rate")), _text(scored.get("weight")), _text(scored.get("score")), L],
        ["一级指标", "二级指标", "指标名称", "计量单位", "指标性质", "年初指标值", "调整指标值", "全年完成值", "得分系数（%）",
         "指标权重（分）", "指标得分（分）", "是否核心指标"],
    ]
    for table in data.get("tables", []):
        first = True
        for group in table["groups"]:
            for index, item in enumerate(group["indicators"]):
                target, unit = _value_unit(item.get("target"))
                adjusted, _ = _value_unit(item.get("adjusted_target")) if item.get("adjusted_target") else ("", "")
                actual, _ = _value_unit(item.get("actual"))
                core = {"true": "是", "false": "否"}.get(str(item.get("core")).lower(), "")
                grid.append([table["level1"] if first else U, group["name"] if index == 0 else U, item["name"], unit,
                             item.get("measure", ""), target, adjusted, actual, _text(item.get("coefficient")),
                             _text(item.get("weight")), _text(item.get("score")), core])
                first = False
    grid.append(["总分", L, L, L, L, L, L, L, L, "100", _text(claimed.get("total")), ""])
    if claimed.get("grade"):
        grid.append(["自评等级", L, claimed["grade"], *[L] * (width - 3)])
    for label, text in data.get("narrative", {}).items():
        grid.append([label, L, text, *[L] * (width - 3)])
    return Form(name, ["部门整体绩效自评表", f"（{data['year']}年度）", grid])


def awkward_print(form: Form) -> Form:
    """The same form printed awkwardly (issue 14's list): a caption row merged across the table above the
    indicator header (年度绩效指标完成情况), a blank row inside the indicator block, a footnote under the
    table, and a landscape page (the PDF writer may also turn it with /Rotate)."""
    grid = [list(row) for row in form.tables()[0]]
    at = next(i for i, r in enumerate(grid) if "一级指标" in r)
    width = len(grid[0])
    grid.insert(at, ["年度绩效指标完成情况", *[L] * (width - 1)])
    blank = at + 3  # under the first indicator row
    grid.insert(blank, ["" if t != U else U for t in grid[blank - 1][:1]] + [""] * (width - 1))
    for c in range(1, width):  # the merged 一级/二级 cells below go on from the blank row, empty
        if grid[blank + 1][c] == U:
            grid[blank + 1][c] = ""
    blocks: list[str | Grid] = [b if isinstance(b, str) else grid for b in form.blocks]
    return Form(f"{form.name}-awkward", [*blocks, "注：本表金额单位为万元；得分按指标权重与完成情况计算。"], landscape=True)
