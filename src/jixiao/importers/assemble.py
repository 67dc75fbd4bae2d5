"""A :class:`Document` -> a :class:`Draft` report: every block placed, or reported unplaced.

Owns the walk through the document in order, following the form's sections and sub-headings, and
which field each paragraph and table fills: basic information, the funds and execution figures, the
claimed result, the indicator tables (with the intro printed under their headings) and the narrative
sections 五、六、七 as Markdown. Whatever fits nowhere is kept verbatim in ``draft.unplaced`` with its
place in the source. Never raises on any document.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from jixiao.importers import prose
from jixiao.importers.columns import Header, TableType, normalize, recognise_rows
from jixiao.importers.document import Document, Paragraph, Row, Table
from jixiao.importers.draft import Draft, Num
from jixiao.importers.funds import read_funds, read_scored_execution
from jixiao.importers.indicators import IndicatorReader, Subtotal, split_points
from jixiao.importers.markdown import escape, table_markdown
from jixiao.importers.structure import Heading, section_heading, sub_heading

_FORM_LABEL = re.compile(r"^附\s*(?:件|表)?\s*\d*$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_NUMBERING = re.compile(r"^\s*(?:[（(]\s*\d{1,2}\s*[)）]|\d{1,2}\s*[、.．](?!\d))\s*")
_SUBORDINATE = re.compile(r"^(?:所属单位|下属单位|所属预算单位|下属预算单位)\s*[:：]\s*")
_YEAR_LINE = re.compile(r"[（(]?\s*(?:19|20)\d{2}\s*年度?\s*[)）]?")
#: Words of a report's title line (部门整体支出绩效自评报告, 部门整体绩效自评表, （2023年度）).
_TITLE_WORDS = ("报告", "年度", "自评表", "评价表", "绩效")
_ROW_NUMBER = re.compile(r"\d{1,3}[、.．]?")
_ORDINAL = dict(zip(("basic", "budget", "result", "performance", "problems", "disclosure", "other"),
                    "一二三四五六七", strict=True))
NARRATIVE_SECTIONS = {"problems", "improvements", "disclosure", "other"}


class Assembler:
    """Walks one document; ``draft`` holds the result."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.draft = Draft()
        self.section: str | None = None
        self.sub: Heading | None = None
        self.title = ""
        self.title_last = False  # the paragraph just read is (the end of) the title
        self.basic: dict[str, Any] = {"responsibilities": []}
        self.org: dict[str, Any] = {"description": "", "internal_units": [], "subordinate_units": []}
        self.listing_subordinates = False
        self.staffing: dict[str, Any] = {"text": ""}
        self.assets: dict[str, Any] = {"text": ""}
        self.execution: dict[str, Any] = {"text": ""}
        self.claimed: dict[str, Any] = {"text": ""}
        self.funds: dict[str, Any] | None = None
        self.tables: list[dict[str, Any]] = []
        self.subtotals: list[Subtotal] = []
        self.intro: dict[str, list[Paragraph]] = {}
        self.consumed: set[str] = set()
        self.narrative: dict[str, list[str]] = {}
        self.five_head: list[Paragraph] = []
        self.five_has_subs = False
        self.indicator_tables = 0

    # --- the walk ----------------------------------------------------------------------------

    def run(self) -> Draft:
        for what, pos, reason in self.document.notes():
            self.draft.note(what, pos, reason)
        for block in self.document.blocks:
            if isinstance(block, Paragraph):
                self.paragraph(block)
            else:
                self.table(block)
        return self.finish()

    def paragraph(self, para: Paragraph) -> None:
        heading = section_heading(para.text)
        if heading is not None:
            self.section, self.sub = heading.key, None
            if heading.by_number:
                self.draft.note(f"标题“{para.text}”", para.pos, f"措辞不是表样原文，按序号作为第{_ORDINAL[heading.key]}部分的标题")
            return
        if self.section is not None:
            sub = sub_heading(para.text, self.section)
            if sub is not None:
                self.sub = sub
                self.listing_subordinates = False
                self.five_has_subs = self.five_has_subs or self.section == "problems"
                return
        handler = getattr(self, f"para_{self.section or 'front'}")
        handler(para)

    def para_front(self, para: Paragraph) -> None:
        """Before the first section: the form number, the title and its year line (``（2023年度）`` under a
        title without a year completes it; it is never the title when the real one precedes it)."""
        if _FORM_LABEL.match(para.text):
            self.draft.note(f"表号“{para.text}”", para.pos, "表样编号，不属于报告内容")
        elif self.title and self.title_last and _YEAR_LINE.fullmatch(para.text) and not _YEAR.search(self.title):
            self.title += para.text
        elif not self.title and any(w in para.text for w in _TITLE_WORDS) and is_title(para.text):
            self.title = para.text
        else:
            self.draft.unplace("paragraph", para.pos, para.text)
        self.title_last = self.title.endswith(para.text)

    def para_basic(self, para: Paragraph) -> None:
        key = self.sub.key if self.sub else self._guess_basic(para.text)
        text = para.text
        if key == "responsibilities":
            self.basic["responsibilities"].append(_NUMBERING.sub("", text))
        elif key == "organization":
            self._organization(text)
        elif key == "staffing":
            self.staffing["text"] = _join(self.staffing["text"], text)
            self.staffing.update({k: Num(v) for k, v in prose.staffing(text).items()})
            self._department(text)
        elif key == "assets":
            self.assets["text"] = _join(self.assets["text"], text)
            total = prose.assets_total(text)
            if total is not None and "total" not in self.assets:
                self.assets["total"] = Num(total)
        else:
            self.draft.unplace("paragraph", para.pos, text)

    def _guess_basic(self, text: str) -> str | None:
        if prose.staffing(text):
            return "staffing"
        if prose.internal_units(text):
            return "organization"
        if prose.assets_total(text):
            return "assets"
        return None

    def _organization(self, text: str) -> None:
        match = _SUBORDINATE.match(text)
        if match:
            self.listing_subordinates = True
            self.org["subordinate_units"] += prose.split_units(text[match.end():])
        elif self.listing_subordinates:
            self.org["subordinate_units"] += prose.split_units(text)
        else:
            self.org["description"] = _join(self.org["description"], text)
            self.org["internal_units"] += prose.internal_units(text)
            self._department(text)

    def _department(self, text: str) -> None:
        if self.draft.department is None:
            self.draft.department = prose.department_name(text)

    def para_budget(self, para: Paragraph) -> None:
        key = self.sub.key if self.sub else None
        facts = prose.execution(para.text)
        unit = re.fullmatch(r"[（(]?\s*(?:金额)?单位\s*[:：]\s*(万元|元|亿元)\s*[)）]?", para.text)
        if unit:
            self.draft.note("单位说明", para.pos, f"资金表单位为{unit.group(1)}")
        elif key == "execution" or facts:
            self.execution["text"] = _join(self.execution["text"], para.text)
            for name, value in facts.items():
                self.execution.setdefault(name, Num(value))
        else:
            self.draft.unplace("paragraph", para.pos, para.text)

    def para_result(self, para: Paragraph) -> None:
        self.claimed["text"] = _join(self.claimed["text"], para.text)
        self._claim(para.text)

    def _claim(self, text: str) -> bool:
        total, grade = prose.claimed_total(text), prose.claimed_grade(text)
        if total is not None and "total" not in self.claimed:
            self.claimed["total"] = Num(total)
        if grade is not None and "grade" not in self.claimed:
            self.claimed["grade"] = grade
        return total is not None

    def para_performance(self, para: Paragraph) -> None:
        key = self.sub.key if self.sub else None
        if key is not None and key not in self.consumed:
            self.intro.setdefault(key, []).append(para)
        elif "total" not in self.claimed and prose.claimed_total(para.text) is not None:
            self.claimed["text"] = _join(self.claimed["text"], para.text)
            self._claim(para.text)
        else:
            self.draft.unplace("paragraph", para.pos, para.text)

    def para_problems(self, para: Paragraph) -> None:
        if self.sub is None:
            self.five_head.append(para)
        else:
            self.narrative.setdefault(self.sub.key, []).append(escape(para.text))

    def para_disclosure(self, para: Paragraph) -> None:
        self.narrative.setdefault("disclosure", []).append(escape(para.text))

    def para_other(self, para: Paragraph) -> None:
        self.narrative.setdefault("other", []).append(escape(para.text))

    # --- tables ------------------------------------------------------------------------------

    def table(self, table: Table) -> None:
        self.title_last = False
        found = recognise_rows(tuple(r.cells for r in table.rows))
        if found is not None:
            self.typed_table(*found, table)
            return
        key = self.sub.key if self.sub else self.section
        if self.section == "basic" and key in {"responsibilities", "basic"}:
            self.responsibilities(table)
        elif key in NARRATIVE_SECTIONS or self.section in {"disclosure", "other"}:
            target = key if key in NARRATIVE_SECTIONS else "problems"
            self.narrative.setdefault(target, []).append(table_markdown([r.cells for r in table.rows]))
        else:
            self.draft.unplace("table", table.pos, "\n".join(r.joined() for r in table.rows))

    def responsibilities(self, table: Table) -> None:
        numbered = False
        for row in table.rows:
            cells = [c for c in row.filled() if not _ROW_NUMBER.fullmatch(c.strip())]
            if cells:
                self.basic["responsibilities"].append(_NUMBERING.sub("", " ".join(c.strip() for c in cells)))
                numbered = numbered or len(cells) < len(row.filled())
            elif row.filled():  # a number alone is no responsibility
                self.draft.unplace("row", row.pos, row.joined())
        if numbered:
            self.draft.note("序号列", table.pos, "职责表的序号，职责按原顺序导入")

    def typed_table(self, header: Header, index: int, depth: int, table: Table) -> None:
        before, rows = table.rows[:index], table.rows[index + depth:]
        self.header_cells(header, table.rows[index:index + depth])
        if header.type is TableType.FUNDS and self.funds is None:
            self.funds = read_funds(header, rows, self.draft)
        elif header.type is TableType.SCORED_EXECUTION and "scored_execution" not in self.draft.report:
            found = read_scored_execution(header, rows, self.draft)
            if found is not None:
                self.draft.report["scored_execution"] = found
        elif header.type is TableType.INDICATORS:
            self.indicators(header, before, rows, table)
            return
        else:
            self.draft.unplace("table", table.pos, "\n".join(r.joined() for r in table.rows))
            return
        for row in before:
            self.draft.unplace("row", row.pos, row.joined())

    def header_cells(self, header: Header, rows: tuple[Row, ...]) -> None:
        """Header cells that name no column the reader knows are listed, never dropped."""
        known = {normalize(header.cells[i]) for i in header.roles}
        for row in rows:
            odd = [c.strip() for c in row.cells if c.strip() and normalize(c) not in known]
            if odd:
                self.draft.note(f"表头“{'、'.join(odd)}”", row.pos, "表头中没有对应字段的格；这些列中的内容逐格列入未归位")

    def indicators(self, header: Header, before: tuple[Row, ...], rows: tuple[Row, ...], table: Table) -> None:
        key = self.sub.key if self.section == "performance" and self.sub else None
        reader = IndicatorReader(
            header, self.draft, title=self.sub.title if key and self.sub else "",
            intro="\n\n".join(p.text for p in self.intro.get(key, [])) if key else "",
            context_kind=key, where=table.pos,
        )
        if key:
            self.consumed.add(key)
        captions: list[tuple[dict[str, Any], Row]] = []
        for row in before:
            filled = {c.strip() for c in row.filled()}
            if len(filled) == 1:
                title, points = split_points(next(iter(filled)))
                captions.append((reader.start(points=points, title=title).table, row))
            elif filled:
                self.draft.unplace("row", row.pos, row.joined())
        reader.read(rows)
        for segment, row in captions:  # a caption over no indicator row and no points keeps its text
            if not any(segment is kept for kept in reader.segments):
                self.draft.unplace("row", row.pos, row.joined())
        self.indicator_tables += 1
        self.tables += reader.segments
        self.subtotals += reader.subtotals

    # --- the result --------------------------------------------------------------------------

    def settle(self, subtotal: Subtotal) -> None:
        """Keep a 合计 row as the printed points or claimed total, or check it against the rows."""
        items = [i for t in subtotal.segments for g in t["groups"] for i in g["indicators"]]
        extra = self.draft.report.get("scored_execution", {}) if subtotal.label != "小计" else {}
        weights = sum((Decimal(i["weight"]) for i in (*items, extra) if "weight" in i), Decimal(0))
        scores = sum((Decimal(i["score"]) for i in (*items, extra) if "score" in i), Decimal(0))
        whole = subtotal.label != "小计" and self.indicator_tables == 1
        placed = True
        if subtotal.weight is not None:
            points = subtotal.segments[0]["points"] if len(subtotal.segments) == 1 else None
            if subtotal.label == "小计" and len(subtotal.segments) == 1 and points is None:
                subtotal.segments[0]["points"] = Num(subtotal.weight)
            elif Decimal(subtotal.weight) not in {weights, Decimal(points or -1)}:
                placed = False
        if subtotal.score is not None:
            if whole and "total" not in self.claimed:
                self.claimed["total"] = Num(subtotal.score)
            elif Decimal(subtotal.score) != scores and self.claimed.get("total") != subtotal.score:
                placed = False
        if placed:
            self.draft.note(f"“{subtotal.label}”行", subtotal.row.pos, "已作为分值或总分导入，或与各行之和一致")
        else:
            self.draft.unplace("row", subtotal.row.pos, subtotal.row.joined())

    def finish(self) -> Draft:
        for subtotal in self.subtotals:
            self.settle(subtotal)
        for key, texts in self.intro.items():
            if key not in self.consumed:  # a heading whose table never came: keep its text
                for para in texts:
                    self.draft.unplace("paragraph", para.pos, para.text)
        if self.five_head:
            if self.five_has_subs:
                for para in self.five_head:
                    self.draft.unplace("paragraph", para.pos, para.text)
            else:
                self.narrative.setdefault("problems", [])[:0] = [escape(p.text) for p in self.five_head]
        match = _YEAR.search(self.title)
        self.draft.year = int(match.group(1)) if match else None
        self.draft.narrative = {k: "\n\n".join(v) for k, v in self.narrative.items() if v}
        self.draft.report = self.report()
        return self.draft

    def report(self) -> dict[str, Any]:
        basic: dict[str, Any] = {}
        if self.basic["responsibilities"]:
            basic["responsibilities"] = self.basic["responsibilities"]
        org = {k: v for k, v in self.org.items() if v}
        if org:
            basic["organization"] = org
        for name, part in (("staffing", self.staffing), ("assets", self.assets)):
            kept = {k: v for k, v in part.items() if v}
            if kept:
                basic[name] = kept
        out: dict[str, Any] = {"year": Num(str(self.draft.year)) if self.draft.year else None, "title": self.title,
                               "basic": basic}
        if self.funds is not None:
            out["funds"] = self.funds
        execution = {k: v for k, v in self.execution.items() if v}
        if execution:
            out["execution"] = execution
        if "scored_execution" in self.draft.report:
            out["scored_execution"] = self.draft.report["scored_execution"]
        out["claimed"] = {k: v for k, v in self.claimed.items() if v}
        out["tables"] = self.tables
        return out


MAX_TITLE = 60


def is_title(text: str) -> bool:
    """One line of heading text: short, no line break, not a sentence (a title never takes body text)."""
    return (len(text) <= MAX_TITLE and "\n" not in text and "\t" not in text
            and not text.endswith(("。", "；", ";", "，", "：", ":")) and text.count("|") == 0)


def _join(old: str, new: str) -> str:
    return f"{old}\n{new}" if old else new


def assemble(document: Document) -> Draft:
    """Place every block of ``document``; see :class:`Assembler`."""
    return Assembler(document).run()
