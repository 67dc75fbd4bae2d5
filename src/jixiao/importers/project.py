"""A one-table 项目支出绩效自评表 (财预〔2020〕10号 and the provinces' copies) -> a project draft.

Owns recognising a project table (``项目名称`` in its first rows and an indicator header anywhere in it)
and reading it top to bottom into the fields of ``load/schema.py``'s ``ProjectFile``: 项目名称 /
主管部门 / 实施单位 (label | value pairs); the funds block under its header (年初预算数 / 全年预算数 /
全年执行数 / 分值 / 执行率 / 得分) with the 年度资金总额 row and its 其中 rows as printed; 年度总体目标
(预期目标 / 实际完成情况); the 绩效指标 block, whose first column may be the merged label 绩效指标 (a
block label, not the indicator names), read by :class:`IndicatorReader`; 总分 / 合计; 评价结论, 存在问题,
改进措施. Every other row is unplaced at its place; placeholders ("—", "/") are not values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from jixiao.importers.columns import TableType, normalize, recognise, unit_in
from jixiao.importers.document import Paragraph, Row, Table
from jixiao.importers.draft import Draft, Num
from jixiao.importers.indicators import TOTAL_LABELS, IndicatorReader
from jixiao.importers.prose import claimed_grade, number

_DASHES = frozenset({"", "-", "—", "——", "/", "／", "－"})
_FUNDS_ROW = re.compile(r"^(?:其中|年度资金总额|资金总额|总额|财政|本年|上年|其他资金|.{0,8}资金$)")
_BLOCK_TITLE = re.compile(r"^(?:年度)?(?:绩效)?目标\s*\d+$|^年度绩效目标")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_PARTS_PREFIX = re.compile(r"^其中\s*[:：]\s*")
INFO = {"项目名称": "name", "项目编码": "code", "项目代码": "code", "主管部门": "supervisor",
        "实施单位": "implementer", "主管单位": "supervisor", "预算单位": "implementer"}
PROSE = {"评价结论": "conclusion", "自评结论": "conclusion", "总体评价": "conclusion",
         "存在问题": "problems", "存在的问题": "problems", "主要问题": "problems",
         "改进措施": "improvements", "改进意见": "improvements", "整改措施": "improvements"}
FUNDS_LABELS = ("项目资金", "资金", "预算执行")
TOTAL_FUNDS = frozenset({"年度资金总额", "资金总额", "总额", "合计"})


#: 部门（单位）名称 and its variants, compared without brackets: the label of a one-table overall form.
DEPARTMENT = frozenset({"部门名称", "单位名称", "预算单位名称", "预算部门名称", "部门单位名称"})


def row_label(row: Row) -> str:
    filled = row.filled()
    return normalize(filled[0]) if filled else ""



def _form_body(table: Table) -> bool:
    return any(_header(r, TableType.INDICATORS) or _funds_header(r) for r in table.rows)


def is_project_table(table: Table) -> bool:
    """``项目名称`` in its first rows, and an indicator header or a funds header somewhere below."""
    if not any(normalize(c) == "项目名称" for r in table.rows[:4] for c in r.cells):
        return False
    return _form_body(table)


def is_overall_table(table: Table) -> bool:
    """A one-table overall form: ``部门（单位）名称`` in its first rows (no ``项目名称``), and an indicator
    header somewhere below (重庆 部门整体绩效自评表)."""
    heads = {normalize(c) for r in table.rows[:4] for c in r.cells}
    return bool(heads & DEPARTMENT) and "项目名称" not in heads and any(
        _header(r, TableType.INDICATORS) for r in table.rows)


def is_form_table(table: Table) -> bool:
    """A one-table form: a project table or an overall form table."""
    return is_project_table(table) or is_overall_table(table)


ends_indicators = frozenset(TOTAL_LABELS | PROSE.keys() | INFO.keys() | {"年度总体目标"})
#: The funds header's words across the forms (财政部; 四川 年初预算/调整后预算数/预算执行数/预算执行率/权重/原因;
#: 湖北 预算数/执行数; 重庆 全年(调整)预算数/执行率权重/执行率得分).
FUNDS_WORDS: dict[str, tuple[str, ...]] = {
    "budget": ("年初预算数", "年初预算", "预算数"),
    "adjusted_budget": ("全年预算数", "调整后预算数", "调整后预算", "全年调整预算数", "调整预算数"),
    "spent": ("全年执行数", "执行数", "预算执行数", "实际执行数"),
    "weight": ("分值", "权重", "执行率权重"),
    "rate": ("执行率", "预算执行率"),
    "score": ("得分", "执行率得分"),
    "reason": ("原因", "偏差原因", "偏差原因分析", "原因分析"),
    "method": ("得分计算方法", "计分方法", "得分计算公式"),
}


def _header(row: Row, kind: TableType) -> Any:
    found = recognise(row.cells)
    return found if found is not None and found.type is kind else None


def _funds_header(row: Row) -> dict[int, str] | None:
    roles: dict[int, str] = {}
    for index, cell in enumerate(row.cells):
        text = normalize(cell)
        for role, names in FUNDS_WORDS.items():
            if text in names and role not in roles.values():
                roles[index] = role
    return roles if {"adjusted_budget", "spent"} <= set(roles.values()) or \
        {"budget", "spent"} <= set(roles.values()) else None


@dataclass
class ProjectDraft:
    """One project table read: the ``ProjectFile`` data and what could not be placed."""

    draft: Draft = field(default_factory=Draft)
    name: str = ""

    @property
    def report(self) -> dict[str, Any]:
        return self.draft.report


class ProjectReader:
    """Reads one project table; ``result`` holds the draft."""

    ends: frozenset[str] = ends_indicators  # the row labels that end the indicator block

    def __init__(self, table: Table, title: list[Paragraph]) -> None:
        self.table = table
        self.result = ProjectDraft()
        self.draft = self.result.draft
        for para in (p for p in title if _FOOTNOTE.match(p.text)):
            self.draft.note(f"表下注释“{para.text}”", para.pos, "表样的填表或计分说明，不属于报告数据")
        text = "".join(p.text for p in title if not _FOOTNOTE.match(p.text))
        match = _YEAR.search(text)
        self.draft.year = int(match.group(1)) if match else None
        self.project: dict[str, Any] = {}
        self.out: dict[str, Any] = {"kind": "project", "year": Num(str(self.draft.year)) if self.draft.year else None,
                                    "title": text, "project": self.project}

    def read(self) -> ProjectDraft:
        rows = self.table.rows
        i = 0
        while i < len(rows):
            i = self.row(rows, i)
        self.draft.report = {k: v for k, v in self.out.items() if v not in (None, "", [], {})} | {
            "kind": "project", "project": self.project}
        self.result.name = self.project.get("name", "")
        return self.result

    def row(self, rows: tuple[Row, ...], i: int) -> int:
        """Read the part starting at ``rows[i]``; the index of the first row after it."""
        row = rows[i]
        label = row_label(row)
        if not row.filled():
            return i + 1
        header = _header(row, TableType.INDICATORS)
        if header is not None:
            return self.indicators(header, rows, i)
        funds = _funds_header(row)
        if funds is not None:
            return self.funds(funds, rows, i)
        if label in INFO:
            self.info(row)
        elif label == "年度总体目标" or (label in {"预期目标", "总体目标"} and "goals" not in self.out):
            return self.goals(rows, i)
        elif label in TOTAL_LABELS:
            self.total(row)
        elif label in PROSE:
            self.prose(row, PROSE[label])
        elif len({c.strip() for c in row.filled()}) == 1 and i + 1 < len(rows) and (
                _header(rows[i + 1], TableType.INDICATORS) or _funds_header(rows[i + 1])):
            self.draft.note(f"栏目标题“{row.filled()[0].strip()}”", row.pos, "表格中横跨各列的栏目名称，其下的表头和内容照常导入")
        else:
            self.draft.unplace("row", row.pos, row.joined())
        return i + 1

    def has_funds(self) -> bool:
        return "funds" in self.out

    def info(self, row: Row) -> None:
        cells = [c.strip() for c in row.cells if c.strip()]
        pairs = list(zip(cells[::2], cells[1::2], strict=False))
        for key_text, value in pairs:
            key = INFO.get(normalize(key_text))
            if key is None or key in self.project:
                self.draft.unplace("cell", row.pos, f"{key_text}：{value}")
            else:
                self.project[key] = value
        if len(cells) % 2:
            self.draft.unplace("cell", row.pos, cells[-1])

    def funds(self, roles: dict[int, str], rows: tuple[Row, ...], i: int) -> int:
        head = rows[i]
        marks = (len(self.draft.unplaced), len(self.draft.notes), self.has_funds())
        first_role = min(roles)
        labels = [c.strip() for c in head.cells[:first_role] if c.strip()]
        if labels:
            self.draft.note(f"资金栏目名“{'、'.join(labels)}”", head.pos, "资金栏的名称；金额单位取自其中的括注")
        for index, cell in enumerate(head.cells[first_role:], start=first_role):
            if cell.strip() and index not in roles:
                self.draft.unplace("cell", head.pos, f"资金栏表头：{cell.strip()}")
        unit = unit_in(head.cells) or "万元"
        funds: dict[str, Any] = {"unit": unit}
        parts: list[dict[str, Any]] = []
        j = i + 1
        while j < len(rows):
            row = rows[j]
            label_cells = [c.strip() for c in row.cells[:first_role] if c.strip()]
            first = row.cells[0].strip() if row.cells else ""
            if (first and not first.startswith(FUNDS_LABELS) and not _FUNDS_ROW.match(normalize(first))) \
                    or not label_cells or _header(row, TableType.INDICATORS):
                break
            name = label_cells[-1]
            for extra in label_cells[:-1]:
                if not extra.startswith(FUNDS_LABELS):
                    self.draft.unplace("cell", row.pos, extra)
            for index, cell in enumerate(row.cells[first_role:], start=first_role):
                if cell.strip() and index not in roles:
                    self.draft.unplace("cell", row.pos, f"{name} / {head.cells[index].strip() or f'第 {index + 1} 列'}："
                                                        f"{cell.strip()}")
            values = {role: row.cells[index].strip() for index, role in roles.items() if index < len(row.cells)}
            item = self.amounts(values, row, head)
            if normalize(name) in TOTAL_FUNDS and "name" not in funds:
                funds.update({"name": name, **item})
            else:
                for role in ("weight", "score"):
                    if role in item:
                        self.draft.unplace("cell", row.pos, f"{name} / {head.cells[_index(roles, role)]}：{item.pop(role)}")
                parts.append({"name": _PARTS_PREFIX.sub("", name), **item})
            j += 1
        if parts:
            funds["parts"] = parts
        score_at = next((index for index, role in roles.items() if role == "score"), None)
        printed = re.search(r"(\d+(?:\.\d+)?)\s*分", head.cells[score_at]) if score_at is not None else None
        if printed and "weight" not in roles.values():
            funds["weight"] = Num(printed.group(1))  # 得分（20分*执行率）: the points are in the header
        if "name" not in funds:
            funds["name"] = "年度资金总额"
        if marks[2]:  # a second funds block never replaces the first: its rows are unplaced
            del self.draft.unplaced[marks[0]:], self.draft.notes[marks[1]:]
            for row in rows[i:j]:
                self.draft.unplace("row", row.pos, row.joined())
            return j
        self.out["funds"] = funds
        return j

    def amounts(self, values: dict[str, str], row: Row, head: Row) -> dict[str, Any]:
        item: dict[str, Any] = {}
        for role, text in values.items():
            if text in _DASHES:
                continue
            if role == "reason":
                item["reason"] = text
                continue
            if role == "method":  # no field: the funds row's 得分计算方法 is the editor's to move
                self.draft.unplace("cell", row.pos, f"得分计算方法：{text}")
                continue
            if role == "rate":
                if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?%?", text):
                    item["rate"] = text
                else:
                    self.draft.unplace("cell", row.pos, f"执行率：{text}")
                continue
            value = number(text)
            if value is None:
                self.draft.unplace("cell", row.pos, text)
            else:
                item[role] = Num(value)
        return item

    def goals(self, rows: tuple[Row, ...], i: int) -> int:
        head = rows[i]
        columns = {index: key for index, cell in enumerate(head.cells)
                   for key, words in (("expected", ("预期目标", "年初目标")), ("actual", ("实际完成情况", "实际完成")))
                   if normalize(cell) in words}
        goals: dict[str, str] = {}
        j = i + 1
        while j < len(rows) and not rows[j].cells[0].strip() and not _header(rows[j], TableType.INDICATORS):
            row = rows[j]
            for index, cell in enumerate(row.cells):
                if not cell.strip():
                    continue
                key = columns.get(index)
                if key is None:
                    self.draft.unplace("cell", row.pos, cell.strip())
                else:
                    goals[key] = f"{goals[key]}\n{cell.strip()}" if key in goals else cell.strip()
            j += 1
        if not columns and j == i + 1:  # 年度总体目标 | text on one row
            rest = [c.strip() for c in head.filled()[1:]]
            goals["expected"] = "\n".join(rest)
        else:  # the head row holds the labels: any other text in it is not a label
            label_at = next((index for index, cell in enumerate(head.cells) if cell.strip()), 0)
            for index, cell in enumerate(head.cells):
                if cell.strip() and index != label_at and index not in columns:
                    self.draft.unplace("cell", head.pos, cell.strip())
        before = self.out.get("goals", {})  # a second 年度总体目标 part adds to the first, never replaces it
        self.out["goals"] = {k: "\n".join(t for t in (before.get(k), goals.get(k)) if t) for k in {**before, **goals}}
        return j

    def indicators(self, header: Any, rows: tuple[Row, ...], i: int) -> int:
        j = i + 1
        while j < len(rows) and row_label(rows[j]) not in self.ends and not _funds_header(rows[j]):
            j += 1
        odd = [c.strip() for c in header.unknown().values() if normalize(c) != "绩效指标"]
        if odd:  # header cells naming no column the reader knows: listed, and their cells unplaced
            self.draft.note(f"表头“{'、'.join(odd)}”", rows[i].pos, "表头中没有对应字段的格；这些列中的内容逐格列入未归位")
        reader = IndicatorReader(header, self.draft, where=self.table.pos)
        reader.read(rows[i + 1:j])
        self.out.setdefault("tables", []).extend(self.blocks(reader.segments))
        for subtotal in reader.subtotals:
            self.draft.unplace("row", subtotal.row.pos, subtotal.row.joined())
        self.header = header
        return j

    def blocks(self, segments: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Block header rows (年度绩效目标1（40分）) span the 一级 indicators under them: ``blocks`` and ``block``."""
        current = ""
        for table in segments:
            if table.get("title") and _BLOCK_TITLE.match(table["title"]):
                current = table.pop("title")
                block = {"name": current, "points": table.pop("points", None)}
                self.out.setdefault("blocks", []).append({k: v for k, v in block.items() if v is not None})
            if current:
                table["block"] = current
        return segments

    def total(self, row: Row) -> None:
        numbers = [n for c in row.filled()[1:] if (n := number(c)) is not None]
        others = [c for c in row.filled()[1:] if number(c) is None and c.strip() not in _DASHES]
        if not numbers or others:
            self.draft.unplace("row", row.pos, row.joined())
            return
        self.out.setdefault("claimed", {})["total"] = Num(numbers[-1])
        if len(numbers) > 1:
            self.draft.note(f"总分行的分值“{numbers[0]}”", row.pos, "分值合计由 jixiao 按各行分值重新计算")

    def prose(self, row: Row, key: str) -> None:
        text = "\n".join(c.strip() for c in row.filled()[1:])
        if not text:
            self.draft.note(f"“{row.filled()[0]}”", row.pos, "表中此栏为空")
            return
        self.out[key] = f"{self.out[key]}\n{text}" if self.out.get(key) else text
        grade = claimed_grade(text) if key == "conclusion" else None
        if grade is not None:
            self.out.setdefault("claimed", {})["grade"] = grade


def _index(roles: dict[int, str], role: str) -> int:
    return next(i for i, r in roles.items() if r == role)


def read_project(table: Table, title: list[Paragraph]) -> ProjectDraft:
    return ProjectReader(table, title).read()


def _title_like(para: Paragraph) -> bool:
    return len(para.text) <= 40 and ("自评表" in para.text or bool(re.fullmatch(r"[（(]?\s*(?:19|20)\d{2}\s*年度?\s*[)）]?", para.text)))


_FOOTNOTE = re.compile(r"^(?:注|备注|说明|填表说明)\s*\d*\s*[:：]")


def split_projects(blocks: tuple[Any, ...]) -> tuple[list[Any], list[tuple[Table, list[Paragraph]]]]:
    """The one-table forms of a document (project tables and overall form tables), each with the title
    lines just above it and any footnote (``注：…``) just below it, and the other blocks."""
    rest: list[Any] = []
    found: list[tuple[Table, list[Paragraph]]] = []
    after_table = False
    for block in blocks:
        if after_table and isinstance(block, Paragraph) and _FOOTNOTE.match(block.text):
            found[-1][1].append(block)
            continue
        after_table = isinstance(block, Table) and is_form_table(block)
        if after_table:
            title: list[Paragraph] = []
            while rest and isinstance(rest[-1], Paragraph) and _title_like(rest[-1]) and len(title) < 3:
                title.insert(0, rest.pop())
            found.append((block, title))
        else:
            rest.append(block)
    return rest, found
