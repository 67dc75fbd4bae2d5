"""Table header rows -> what each column holds, for every header variant the regions use.

Owns the recognition of a table by its header row: indicator tables (二级指标/三级指标/权重/目标值/
业绩值/得分 and the variants 一级指标, 年度指标值/年初目标值/指标值, 实际完成值/全年实际值/完成值,
分值/指标权重, 自评分, 指标性质 + 度量单位, 偏差原因/未完成原因分析, checklist 指标解释/评分标准/
指标说明及评分标准, 序号; 重庆 调整指标值/得分系数/是否核心指标),
funds tables (预算数/执行数/其中：财政拨款/全年预算数/全年执行数/执行率) and the scored budget
execution table (年初预算数/全年预算数/全年执行数/分值/执行率/得分).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

_BRACKETS = re.compile(r"[（(][^）)]*[)）]")


class TableType(StrEnum):
    INDICATORS = "indicators"
    FUNDS = "funds"
    SCORED_EXECUTION = "scored_execution"


#: Indicator columns: role -> header texts (compared without spaces and bracketed notes).
INDICATOR_HEADERS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标", "指标名称", "绩效指标", "三级指标名称"),
    "weight": ("权重", "分值", "指标权重", "权重分", "标准分值", "指标分值"),
    "nature": ("指标性质",),
    "unit": ("度量单位", "计量单位", "单位"),
    "target": ("目标值", "年度指标值", "年初目标值", "指标值", "预期目标值", "年度目标值", "计划目标值", "年初指标值"),
    "adjusted_target": ("调整指标值", "调整后指标值", "调整后目标值"),
    "actual": ("业绩值", "实际完成值", "全年实际值", "完成值", "实际值", "全年完成值", "实际完成情况"),
    "score": ("得分", "自评分", "自评得分", "评分", "指标得分"),
    "coefficient": ("得分系数",),
    "core": ("是否核心指标", "核心指标"),
    "deviation": ("偏差原因", "未完成原因分析", "偏差原因分析", "偏差原因分析及改进措施", "未完成原因"),
    "explanation": ("指标解释", "指标说明"),
    "standard": ("评分标准", "评分规则", "扣分标准", "指标说明及评分标准", "评价标准", "评分标准及依据", "评价标准及依据"),
    "method": ("得分计算方法", "计分方法", "评分方法", "得分计算公式"),
    "seq": ("序号",),
}

FUNDS_HEADERS: dict[str, tuple[str, ...]] = {
    "function": ("职能名称", "职能", "部门职能"),
    "task": ("政策或重点任务", "重点任务", "政策或任务", "主要任务"),
    "completion": ("完成情况", "任务完成情况"),
    "budget": ("预算数", "全年预算数", "年初预算数", "预算金额"),
    "spent": ("执行数", "全年执行数", "实际执行数", "支出数"),
    "fiscal": ("其中：财政拨款", "其中:财政拨款", "财政拨款"),
    "rate": ("执行率", "预算执行率"),
}

EXECUTION_HEADERS: dict[str, tuple[str, ...]] = {
    "label": ("项目资金", "资金", "预算执行情况", "项目", "资金来源"),
    "budget": ("年初预算数",),
    "adjusted_budget": ("全年预算数", "调整后预算数"),
    "spent": ("全年执行数", "执行数"),
    "weight": ("分值", "权重"),
    "rate": ("执行率",),
    "score": ("得分", "自评分", "自评得分"),
}


def normalize(cell: str) -> str:
    """A header cell without spaces or bracketed notes (``预算数(万元)`` -> ``预算数``)."""
    return _BRACKETS.sub("", cell.replace(" ", "").replace("\u3000", "").replace("\n", ""))


def unit_in(cells: tuple[str, ...]) -> str | None:
    """The money unit a header names in brackets, e.g. ``预算数(万元)``."""
    for cell in cells:
        match = re.search(r"[（(]\s*(万元|亿元|元)\s*[)）]", cell)
        if match:
            return match.group(1)
    return None


def _roles(cells: tuple[str, ...], headers: dict[str, tuple[str, ...]]) -> dict[int, str]:
    out: dict[int, str] = {}
    for index, cell in enumerate(cells):
        text = normalize(cell)
        for role, names in headers.items():
            if text in names:
                out[index] = role
                break
    return out


@dataclass(frozen=True, slots=True)
class Header:
    """A recognised header row: the table's type and each column's role (unknown columns absent)."""

    type: TableType
    roles: dict[int, str]
    cells: tuple[str, ...]

    def column(self, role: str) -> int | None:
        return next((i for i, r in self.roles.items() if r == role), None)

    def unknown(self) -> dict[int, str]:
        """Columns with a header text that no role claims."""
        return {i: c for i, c in enumerate(self.cells) if i not in self.roles and c.strip()}

    def unclaimed(self, cells: tuple[str, ...]) -> list[str]:
        """A row's non-empty cells that no role claims (unknown or headerless columns), labelled."""
        out = []
        for index, cell in enumerate(cells):
            if index in self.roles or not cell.strip():
                continue
            label = self.cells[index].strip() if index < len(self.cells) else ""
            out.append(f"{label or f'第 {index + 1} 列'}：{cell.strip()}")
        return out


def _funds_roles(cells: tuple[str, ...]) -> dict[int, str]:
    roles: dict[int, str] = {}
    last_amount = ""
    for index, role in sorted(_roles(cells, FUNDS_HEADERS).items()):
        if role == "fiscal":
            if not last_amount:
                continue
            role = f"{last_amount}_fiscal"
        elif role in {"budget", "spent"}:
            last_amount = role
        roles[index] = role
    return roles


_SUBTOTAL_WORDS = frozenset({"小计", "合计", "金额", "总计", "金额合计"})


def combine(upper: tuple[str, ...], lower: tuple[str, ...]) -> tuple[str, ...]:
    """Two header rows as one: a spanning upper cell carries right over the columns under it; a lower
    cell names its column unless it only says 小计 (``预算数`` over ``小计`` | ``其中：财政拨款``)."""
    out: list[str] = []
    carry = ""
    for i in range(max(len(upper), len(lower))):
        up = upper[i].strip() if i < len(upper) else ""
        low = lower[i].strip() if i < len(lower) else ""
        if up:
            carry = up
        elif low:
            up = carry
        out.append(up if not low or normalize(low) in _SUBTOTAL_WORDS else low)
    return tuple(out)


def recognise_rows(rows: tuple[tuple[str, ...], ...]) -> tuple[Header, int, int] | None:
    """The header among the first rows: it, its first row's index and how many rows it takes (1 or 2)."""
    for index, cells in enumerate(rows[:4]):
        single = recognise(cells)
        double = recognise(combine(cells, rows[index + 1])) if index + 1 < len(rows) else None
        if double is not None and (single is None or len(double.roles) > len(single.roles)):
            lower = recognise(rows[index + 1])
            if lower is None or len(lower.roles) < len(double.roles):
                return double, index, 2
            continue  # the row above a complete header is content (主管部门 | …), not a header's upper half
        if single is not None:
            return single, index, 1
    return None


def _first_of_each(roles: dict[int, str], cells: tuple[str, ...]) -> dict[int, str]:
    """One column per role, the first; a second column with the same role is unknown (its cells are
    reported, not dropped). The name column is 三级指标 rather than the form's block label 绩效指标."""
    out: dict[int, str] = {}
    named = [i for i, r in roles.items() if r == "name"]
    preferred = next((i for i in named if normalize(cells[i]) != "绩效指标"), named[0] if named else None)
    for index, role in sorted(roles.items()):
        if (role in out.values() and role != "name") or (role == "name" and index != preferred):
            continue
        out[index] = role
    return out


def recognise(cells: tuple[str, ...]) -> Header | None:
    """The header a row is, or ``None`` when it is not a header row."""
    if sum(1 for c in cells if c.strip()) < 2:
        return None
    roles = _first_of_each(_roles(cells, INDICATOR_HEADERS), cells)
    found = set(roles.values())
    if "name" in found and found & {"weight", "score", "target", "actual", "standard"}:
        return Header(TableType.INDICATORS, roles, cells)
    execution = _first_of_each(_roles(cells, EXECUTION_HEADERS), cells)
    if {"budget", "adjusted_budget", "spent"} <= set(execution.values()) and "weight" in execution.values():
        return Header(TableType.SCORED_EXECUTION, execution, cells)
    funds = _first_of_each(_funds_roles(cells), cells)
    if {"budget", "spent"} <= set(funds.values()) and set(funds.values()) & {"function", "task", "completion"}:
        return Header(TableType.FUNDS, funds, cells)
    return None
