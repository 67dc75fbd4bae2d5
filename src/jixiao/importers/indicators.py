"""An indicator table's rows -> indicator tables, groups and rows in the content format.

Owns the row rules: blank leading cells continue the previous row's 一级/二级 group; a block header row
with points (``年度绩效目标1（40分）``) starts a new table; a 一级指标 cell starts a new table and may
carry points (``产出指标（50分）``); repeated header rows are skipped; 合计/总分/小计 rows are kept as
printed subtotals to be settled by the assembler; three-cell targets (指标性质 + 指标值 + 度量单位);
checklist rows (指标解释/评分标准); points printed in a 二级指标 cell (``项目立项（10分）``) as the group's
points; a 序号 column noted once; a weight-and-score-only 预算执行率 row becomes the scored budget
execution. Any cell no column claims, and any row without a 三级指标 name, is reported unplaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from jixiao.importers.columns import Header, normalize
from jixiao.importers.document import Pos, Row
from jixiao.importers.draft import Draft, Num
from jixiao.importers.prose import number

TOTAL_LABELS = frozenset({"合计", "总计", "总分", "小计", "金额合计", "合计得分", "总得分", "得分合计"})
_POINTS = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
_SEQ = re.compile(r"\d{1,3}[、.．]?")
_BLOCK = re.compile(r"^(?:年度)?(?:绩效)?目标\s*\d*|^(?:年度绩效目标|绩效目标)")
NATURES = {
    "=": "=", "＝": "=", "等于": "=", "≥": "≥", ">=": ">=", "大于等于": "≥", "不低于": "≥",
    "≤": "≤", "<=": "<=", "小于等于": "≤", "不高于": "≤", ">": ">", "＞": "＞", "大于": ">",
    "<": "<", "＜": "＜", "小于": "<", "定性": "定性",
}
LEVEL1_BY_KIND = {"output": "产出指标", "effect": "效益指标", "satisfaction": "满意度指标", "other": ""}


def kind_of(text: str) -> str | None:
    """The table kind a 一级指标 name, heading or group name points to."""
    if "满意" in text:
        return "satisfaction"
    if "产出" in text or "履职完成" in text or text in {"数量", "质量", "时效", "成本"} or text[:2] in {
        "数量", "质量", "时效", "成本"}:
        return "output"
    if "效益" in text or "效果" in text or "影响" in text:
        return "effect"
    return None


def split_points(text: str) -> tuple[str, str | None]:
    """``产出指标（50分）`` -> (``产出指标``, ``50``)."""
    match = _POINTS.search(text)
    if not match:
        return text.strip(), None
    return (text[: match.start()] + text[match.end():]).strip(), match.group(1)


@dataclass(slots=True)
class Subtotal:
    """A 合计/小计/总分 row as printed, settled against the rows once the document is read."""

    label: str
    row: Row
    weight: str | None
    score: str | None
    segments: list[dict[str, Any]]


@dataclass(slots=True)
class Segment:
    """The indicator table being filled and its current group."""

    table: dict[str, Any]
    group: dict[str, Any] | None = None


@dataclass(slots=True)
class IndicatorReader:
    """Reads the rows of one indicator table (after its header) into ``segments``."""

    header: Header
    draft: Draft
    title: str = ""
    intro: str = ""
    context_kind: str | None = None
    segments: list[dict[str, Any]] = field(default_factory=list)
    subtotals: list[Subtotal] = field(default_factory=list)
    current: Segment | None = None
    where: Pos | None = None  # the table's place, for the note on its 序号 column
    numbered: bool = False

    def cell(self, row: Row, role: str) -> str:
        index = self.header.column(role)
        return row.cells[index].strip() if index is not None and index < len(row.cells) else ""

    def start(self, level1: str = "", points: str | None = None, title: str = "") -> Segment:
        first = not self.segments
        table: dict[str, Any] = {
            "kind": "", "level1": level1, "title": title or (self.title if first else ""),
            "intro": self.intro if first else "", "points": Num(points) if points else None, "groups": [],
        }
        self.segments.append(table)
        self.current = Segment(table)
        return self.current

    def read(self, rows: tuple[Row, ...]) -> None:
        for row in rows:
            self.row(row)
        for table in self.segments:
            self.finish(table)
        self.segments[:] = [t for t in self.segments if t["groups"] or t["points"] is not None]

    def finish(self, table: dict[str, Any]) -> None:
        kind = kind_of(table["level1"]) if table["level1"] else None
        kind = kind or self.context_kind or next(
            (k for g in table["groups"] if (k := kind_of(g["name"]))), None
        ) or "other"
        table["kind"] = kind
        table["level1"] = table["level1"] or LEVEL1_BY_KIND[kind]

    def row(self, row: Row) -> None:
        filled = row.filled()
        if not filled:
            return
        if tuple(normalize(c) for c in row.cells) == tuple(normalize(c) for c in self.header.cells):
            self.draft.note("重复的表头行", row.pos, "表格跨页时重复的表头")
            return
        distinct = {c.strip() for c in filled}
        if len(distinct) == 1 and (_POINTS.search(filled[0]) or _BLOCK.match(filled[0])) and not self.cell(row, "weight"):
            title, points = split_points(filled[0])
            self.start(points=points, title=title)
            return
        if normalize(filled[0]) in TOTAL_LABELS:
            self.subtotal(row, normalize(filled[0]))
            return
        self.indicator(row)

    def subtotal(self, row: Row, label: str) -> None:
        weight = number(self.cell(row, "weight")) if self.cell(row, "weight") else None
        score = number(self.cell(row, "score")) if self.cell(row, "score") else None
        used = {self.cell(row, "weight"), self.cell(row, "score"), row.filled()[0]}
        if any(c.strip() not in used for c in row.filled()) or (weight, score) == (None, None) or (
                self.cell(row, "weight") and weight is None) or (self.cell(row, "score") and score is None):
            self.draft.unplace("row", row.pos, row.joined())  # more than a label and two numbers
            return
        scope = [self.current.table] if self.current and label == "小计" else list(self.segments)
        self.subtotals.append(Subtotal(label, row, weight, score, scope))

    def group_for(self, row: Row) -> dict[str, Any]:
        level1 = self.cell(row, "level1")
        current = self.current
        if level1:
            name, points = split_points(level1)
            if current is None or (current.table["level1"] and current.table["level1"] != name) or (
                    not current.table["level1"] and current.table["groups"] and current.table["points"] is None):
                current = self.start(name, points)
            else:
                current.table["level1"] = name
                if points and current.table["points"] is None:
                    current.table["points"] = Num(points)
        if current is None:
            current = self.start()
        level2, points = split_points(self.cell(row, "level2"))
        if level2 or current.group is None:
            name = level2 or current.table["level1"] or current.table["title"] or "指标"
            current.group = {"name": name, **({"points": Num(points)} if points else {}), "indicators": []}
            current.table["groups"].append(current.group)
        return current.group

    def indicator(self, row: Row) -> None:
        name = self.cell(row, "name")
        seq = self.cell(row, "seq")
        if seq and not _SEQ.fullmatch(seq):
            self.draft.unplace("cell", row.pos, f"{name} / 序号：{seq}")
        elif seq and not self.numbered and self.where is not None:
            self.numbered = True
            self.draft.note("序号列", self.where, "指标表的序号，指标按原顺序导入")
        if not name:
            self.draft.unplace("row", row.pos, row.joined())
            return
        target, actual = self.target(row), self.cell(row, "actual")
        weight, score = self.number(row, "weight"), self.number(row, "score")
        texts = self.cell(row, "standard") or self.cell(row, "explanation") or self.cell(row, "deviation")
        for text in self.header.unclaimed(row.cells):
            self.draft.unplace("cell", row.pos, f"{name} / {text}")
        if (normalize(name) in {"预算执行率", "部门预算执行率"} and not (target or actual or texts)
                and all(not self.cell(row, r) or normalize(self.cell(row, r)).startswith("预算执行")
                        for r in ("level1", "level2"))  # any other 一级/二级 text opens a table or group
                and weight is not None and "scored_execution" not in self.draft.report):
            self.draft.report["scored_execution"] = _drop_empty({"name": name, "weight": weight, "score": score})
            for role in ("level1", "level2"):  # 预算执行 over its 预算执行率 row: the row's own group name
                if self.cell(row, role):
                    self.draft.note(f"“{self.cell(row, role)}”", row.pos, "预算执行率一行的分组名称，随该行导入为计分的预算执行率")
            return
        group = self.group_for(row)
        checklist = bool(self.header.column("standard") is not None or self.header.column("explanation") is not None)
        item: dict[str, Any] = {
            "name": name,
            "kind": "checklist" if checklist and not target and not actual else None,
            "weight": weight, "target": target or None, "adjusted_target": self.adjusted(row) or None,
            "actual": self.with_unit(row, actual) or None, "score": score,
            "coefficient": self.number(row, "coefficient"), "core": self.core(row),
            "measure": self.measure(row),
            "deviation_reason": self.cell(row, "deviation"),
            "explanation": self.cell(row, "explanation"), "standard": self.cell(row, "standard"),
            "method": self.cell(row, "method"),
        }
        group["indicators"].append(_drop_empty(item))

    def number(self, row: Row, role: str) -> Num | None:
        text = self.cell(row, role)
        if not text or text in {"-", "—", "/", "／", "——"}:
            return None
        value = number(text)
        if value is None:
            head = self.header.cells[self.header.column(role) or 0].strip()
            self.draft.unplace("cell", row.pos, f"{self.cell(row, 'name')} / {head}：{text}")
            return None
        return Num(value)

    def measures(self) -> bool:
        """Whether the 指标性质 column says 定量/定性 (重庆) rather than the target's operator (四川)."""
        return self.header.column("nature") is not None and bool(
            self.header.column("adjusted_target") is not None or self.header.column("coefficient") is not None)

    def measure(self, row: Row) -> str | None:
        nature = self.cell(row, "nature").replace(" ", "")
        if not self.measures() or not nature:
            return None
        if nature in {"定量", "定性"}:
            return nature
        self.draft.unplace("cell", row.pos, f"{self.cell(row, 'name')} / 指标性质：{nature}")
        return None

    def core(self, row: Row) -> bool | None:
        text = self.cell(row, "core").replace(" ", "")
        if text in {"是", "√", "✓", "Y"}:
            return True
        if text in {"否", "", "-", "—", "/", "／", "N"}:
            return False if text in {"否", "N"} else None
        self.draft.unplace("cell", row.pos, f"{self.cell(row, 'name')} / 是否核心指标：{text}")
        return None

    def with_unit(self, row: Row, value: str) -> str:
        """A bare number in a 重庆-style form (计量单位 in its own column, the values bare numbers), with the
        unit (``1200`` | ``人`` -> ``1200人``); other forms keep the completed value as printed."""
        unit = self.cell(row, "unit") if self.measures() and self.header.column("unit") is not None else ""
        if unit and value and value[-1].isdigit() and not value.endswith(unit):
            return f"{value}{unit}"
        return value

    def adjusted(self, row: Row) -> str:
        value = self.cell(row, "adjusted_target")
        return "" if value in {"-", "—", "/", "／", "——"} else self.with_unit(row, value)

    def target(self, row: Row) -> str | dict[str, str]:
        value = self.cell(row, "target")
        if self.header.column("nature") is None or self.measures():
            unit = self.cell(row, "unit") if self.header.column("unit") is not None else ""
            if unit and value:
                return value if value.endswith(unit) else f"{value}{unit}"
            if unit:
                self.draft.unplace("cell", row.pos, f"{self.cell(row, 'name')} / 单位：{unit}")
            return value
        nature, unit = self.cell(row, "nature"), self.cell(row, "unit")
        if not (nature or value or unit):
            return ""
        symbol = NATURES.get(nature.replace(" ", ""))
        if symbol is None or not value:
            return f"{nature}{value}{unit}"
        return _drop_empty({"nature": symbol, "value": value, "unit": unit})


def _drop_empty(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if v is not None and v != ""}
