"""The funds table (资金使用情况) and the scored budget-execution table -> content-format data.

Owns the funds rows (职能名称/政策或重点任务/完成情况 and the four amounts), the 金额合计/合计 row kept
as printed, the unit named in the header, and the scored 预算执行率 table (年初预算数/全年预算数/全年
执行数/分值/执行率/得分) whose 年度资金总额 row becomes ``scored_execution``. A printed 执行率 column
is recomputed by jixiao and so is noted, not imported; other rows and cells are reported unplaced.
"""

from __future__ import annotations

from typing import Any

from jixiao.importers.columns import Header, normalize, unit_in
from jixiao.importers.document import Row
from jixiao.importers.draft import Draft, Num
from jixiao.importers.indicators import TOTAL_LABELS
from jixiao.importers.prose import number

AMOUNTS = ("budget", "budget_fiscal", "spent", "spent_fiscal")
_DASHES = {"", "-", "—", "——", "/", "／"}


def _cell(header: Header, row: Row, role: str) -> str:
    index = header.column(role)
    return row.cells[index].strip() if index is not None and index < len(row.cells) else ""


def _amount(header: Header, row: Row, role: str, draft: Draft) -> Num | None:
    text = _cell(header, row, role)
    if text in _DASHES:
        return None
    value = number(text)
    if value is None:
        draft.unplace("cell", row.pos, f"{header.cells[header.column(role) or 0].strip()}：{text}")
        return None
    return Num(value)


def _unknown_cells(header: Header, row: Row, draft: Draft) -> None:
    for text in header.unclaimed(row.cells):
        draft.unplace("cell", row.pos, text)


def read_funds(header: Header, rows: tuple[Row, ...], draft: Draft) -> dict[str, Any]:
    """The ``funds`` mapping from the data rows of a funds table."""
    funds: dict[str, Any] = {"unit": unit_in(header.cells) or "万元", "rows": []}
    for row in rows:
        if not row.filled():
            continue
        amounts = {role: _amount(header, row, role, draft) for role in AMOUNTS}
        amounts = {k: v for k, v in amounts.items() if v is not None}
        first = normalize(row.filled()[0])
        if first in TOTAL_LABELS:
            extra = [_cell(header, row, r) for r in ("task", "completion") if _cell(header, row, r)]
            if "total" in funds or extra:
                draft.unplace("row", row.pos, row.joined())
            else:
                funds["total"] = amounts
        else:
            texts = {role: _cell(header, row, role) for role in ("function", "task", "completion")}
            funds["rows"].append({k: v for k, v in {**texts, **amounts}.items() if v})
        if _cell(header, row, "rate"):
            draft.note(f"执行率“{_cell(header, row, 'rate')}”", row.pos, "执行率由 jixiao 按执行数 ÷ 预算数重新计算")
        _unknown_cells(header, row, draft)
    return funds


def read_scored_execution(header: Header, rows: tuple[Row, ...], draft: Draft) -> dict[str, Any] | None:
    """``scored_execution`` from the first row that carries a weight; other rows are unplaced."""
    found: dict[str, Any] | None = None
    for row in rows:
        if not row.filled():
            continue
        if found is None and number(_cell(header, row, "weight")) is not None:
            values = {role: _amount(header, row, role, draft)
                      for role in ("weight", "budget", "adjusted_budget", "spent", "score")}
            found = {"name": "预算执行率", **{k: v for k, v in values.items() if v is not None}}
            if _cell(header, row, "rate"):
                draft.note("执行率", row.pos, "执行率由 jixiao 按全年执行数 ÷ 全年预算数重新计算")
            label = _cell(header, row, "label")
            if label and label not in {"年度资金总额", "预算执行率", "资金总额"}:
                draft.unplace("cell", row.pos, f"{header.cells[header.column('label') or 0].strip()}：{label}")
            _unknown_cells(header, row, draft)
        else:
            draft.unplace("row", row.pos, row.joined())
    return found
