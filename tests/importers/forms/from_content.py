"""A project file of ``tests/fixtures/forms/`` printed back as the official one-table form.

:func:`mof_form` lays a ``kind: project`` YAML out as 财预〔2020〕10号 项目支出绩效自评表 (FORMS.md §1):
the same 9 columns as :func:`~tests.importers.forms.layouts.mof_project`, 一级/二级 merged vertically,
numbers printed as written. Importing that form in any container must give back a report that
scores as the fixture's ``expected.yaml`` says.
"""

from __future__ import annotations

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
