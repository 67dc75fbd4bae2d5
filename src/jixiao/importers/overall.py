"""A one-table 部门整体绩效自评表 (重庆 and the forms like it) -> an overall report draft.

Owns recognising an overall form table (``部门（单位）名称`` in its first rows, an indicator header below,
no ``项目名称``) and reading it with the project table's row rules (:class:`ProjectReader`) into the
fields of ``load/schema.py``'s ``ReportFile``: the department's name, 部门职责 as the responsibilities,
the funds block as the scored budget execution (its 年度资金总额 row is the 预算执行率 the form scores),
the indicators (调整指标值, 得分系数, 是否核心指标, 定量/定性 included), 总分 and 自评等级 as the claimed
result, 评价结论 as its text, and the narrative rows (主要问题及原因分析, 改进的方向和具体措施, …) as the
narrative sections. 年度总体目标 has no field in an overall report: its cells are unplaced.
"""

from __future__ import annotations

import re
from typing import Any

from jixiao.importers.document import Paragraph, Row, Table
from jixiao.importers.draft import Draft
from jixiao.importers.markdown import escape
from jixiao.importers.project import DEPARTMENT, ProjectReader, ends_indicators, row_label
from jixiao.importers.prose import claimed_grade

RESPONSIBILITIES = frozenset({"部门职责", "主要职责", "部门职能", "主要职能", "职能职责"})
GRADE = frozenset({"自评等级", "评价等级", "自评结果等级", "等级"})
CONCLUSION = frozenset({"评价结论", "自评结论", "总体评价"})
NARRATIVE = {"主要问题及原因分析": "problems", "存在问题": "problems", "存在的问题": "problems", "主要问题": "problems",
             "改进的方向和具体措施": "improvements", "改进措施": "improvements", "改进意见": "improvements",
             "整改措施": "improvements", "绩效自评结果拟应用和公开情况": "disclosure", "结果应用": "disclosure",
             "其他需要说明的情况": "other", "其他说明": "other"}
OVERALL_LABELS = DEPARTMENT | RESPONSIBILITIES | GRADE | CONCLUSION | NARRATIVE.keys()
_NUMBERING = re.compile(r"^\s*(?:[（(]\s*\d{1,2}\s*[)）]|\d{1,2}\s*[、.．](?!\d))\s*")


class OverallReader(ProjectReader):
    """Reads one overall form table; ``result.draft`` holds a ``ReportFile`` draft."""

    ends = ends_indicators | OVERALL_LABELS

    def __init__(self, table: Table, title: list[Paragraph]) -> None:
        super().__init__(table, title)
        self.basic: dict[str, Any] = {}
        self.narrative: dict[str, list[str]] = {}
        self.claimed: dict[str, Any] = {}
        self.out = {"year": self.out["year"], "title": self.out["title"], "basic": self.basic}

    def read_overall(self) -> Draft:
        rows = self.table.rows
        i = 0
        while i < len(rows):
            i = self.row(rows, i)
        claimed = self.out.pop("claimed", {}) | self.claimed
        self.draft.report = {k: v for k, v in self.out.items() if v not in (None, "", [])} | {
            "basic": self.basic, "claimed": claimed, "tables": self.out.get("tables", [])}
        self.draft.narrative = {k: "\n\n".join(v) for k, v in self.narrative.items() if v}
        return self.draft

    def row(self, rows: tuple[Row, ...], i: int) -> int:
        row = rows[i]
        label = row_label(row)
        rest = [c.strip() for c in row.filled()[1:]]
        if not rest or label not in OVERALL_LABELS:
            return super().row(rows, i)
        text = "\n".join(rest)
        if label in DEPARTMENT and self.draft.department is None and len(rest) == 1:
            self.draft.department = text
        elif label in RESPONSIBILITIES:
            lines = [_NUMBERING.sub("", line).strip() for line in text.splitlines()]
            self.basic.setdefault("responsibilities", []).extend(line for line in lines if line)
        elif label in GRADE and len(rest) == 1 and "grade" not in self.claimed:
            self.claimed["grade"] = text
        elif label in CONCLUSION:
            self.claimed["text"] = f"{self.claimed['text']}\n{text}" if self.claimed.get("text") else text
            grade = claimed_grade(text)
            if grade is not None:
                self.claimed.setdefault("grade", grade)
        elif label in NARRATIVE:
            self.narrative.setdefault(NARRATIVE[label], []).extend(escape(line) for line in rest)
        else:
            self.draft.unplace("row", row.pos, row.joined())
        return i + 1

    def has_funds(self) -> bool:
        return "scored_execution" in self.out

    def info(self, row: Row) -> None:
        """A project's 项目名称 / 主管部门 / 实施单位 have no field in an overall report."""
        self.draft.unplace("row", row.pos, row.joined())

    def funds(self, roles: dict[int, str], rows: tuple[Row, ...], i: int) -> int:
        """The funds block as ``scored_execution``: the row the form scores is the 预算执行率."""
        head = rows[i]
        j = super().funds(roles, rows, i)
        if "funds" not in self.out:  # a second funds block, unplaced
            return j
        funds = self.out.pop("funds")
        name = funds.get("name", "")
        if "weight" in funds:
            self.draft.note(f"“{name}”行", rows[i + 1].pos if i + 1 < j else head.pos,
                            "部门整体表计分的资金行，作为预算执行率导入")
            funds["name"] = "预算执行率"
        self.out["scored_execution"] = funds
        return j

    def goals(self, rows: tuple[Row, ...], i: int) -> int:
        """年度总体目标 has no field in an overall report: its texts are unplaced."""
        j = super().goals(rows, i)
        goals = self.out.pop("goals", {})
        for text in goals.values():
            self.draft.unplace("cell", rows[i].pos, f"年度总体目标：{text}")
        return j


def read_overall(table: Table, title: list[Paragraph]) -> Draft:
    return OverallReader(table, title).read_overall()

