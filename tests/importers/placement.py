"""The never-silent-loss property: every non-empty source text ends somewhere an editor will see it.

A cell or paragraph is accounted for when its text (spaces removed) is inside a string the draft
keeps (a field, the narrative, an ``unplaced`` entry, a note), when it is a number equal to a number
the draft keeps, when it is a recognised column header or a row label of a recognised table (the
form's own words, see :data:`FORM_WORDS`), or a printed "not applicable" mark.
"""

from __future__ import annotations

import html
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from jixiao.importers.columns import EXECUTION_HEADERS, FUNDS_HEADERS, INDICATOR_HEADERS
from jixiao.importers.document import Document, Paragraph
from jixiao.importers.draft import Draft
from jixiao.importers.overall import OVERALL_LABELS
from jixiao.importers.project import DEPARTMENT, FUNDS_WORDS, INFO, PROSE
from jixiao.importers.structure import SECTION_BY_NUMBER, section_heading, sub_heading

#: Labels the assembler strips before keeping the rest (所属单位：A、B -> subordinate_units).
UNIT_LABELS = frozenset({"所属单位", "下属单位", "所属预算单位", "下属预算单位", "其中"})
#: 指标性质 cells, kept as the operator of the parsed target.
NATURE = frozenset({"＝", "=", "≥", "≤", ">", "<", "＞", "＜", "大于等于", "小于等于", "等于", "大于", "小于", "定性", "定量"})
ROW_NUMBER = re.compile(r"\d{1,3}[、.．]?")  # a numbering column, when a note on the table says so
NOT_APPLICABLE = frozenset({"/", "／", "—", "-", "——", "－", "无", "N/A"})
_NUMBERING = re.compile(r"^(?:[（(]\d{1,2}[)）]|\d{1,2}[、.．](?!\d))")
_BRACKETS = re.compile(r"[（(][^）)]*[)）]")
FORM_WORDS = frozenset(
    w for table in (INDICATOR_HEADERS, FUNDS_HEADERS, EXECUTION_HEADERS, FUNDS_WORDS) for words in table.values()
    for w in words
) | {"合计", "小计", "总分", "金额合计", "序号"} | INFO.keys() | PROSE.keys() | DEPARTMENT | OVERALL_LABELS | {
    "年度总体目标", "预期目标", "实际完成情况", "项目资金", "绩效指标"}


def _strings(value: Any) -> list[str]:
    if isinstance(value, bool):  # 是否核心指标: 是 / 否
        return ["是" if value else "否"]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return [str(value)] if value is not None else []


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "").rstrip("%分"))
    except InvalidOperation:
        return None


def kept(*drafts: Draft) -> tuple[str, set[Decimal]]:
    """Everything the drafts keep, as one searchable string, and the numbers they keep."""
    strings: list[str] = []
    for draft in drafts:
        strings += _strings(draft.report) + [draft.department or ""] + [html.unescape(re.sub(r"\\(.)", r"\1", v))
                                             for v in draft.narrative.values()]
        strings += [u.text for u in draft.unplaced] + [f"{n.what} {n.reason}" for n in draft.notes]
    numbers = {n for s in strings if (n := _number(s.strip())) is not None}
    return "\u0000".join(_squash(s) for s in strings), numbers


def _heading(text: str) -> bool:
    """A heading of the form (its structure, which the draft's layout restates)."""
    return section_heading(text) is not None or any(sub_heading(text, key) for key in SECTION_BY_NUMBER)


def unaccounted(document: Document, *drafts: Draft) -> list[str]:
    """The source texts the drafts lost."""
    text, numbers = kept(*drafts)
    lost = []
    noted = {n.pos for d in drafts for n in d.notes}
    sources = [b.text for b in document.blocks
               if isinstance(b, Paragraph) and not _heading(b.text) and b.pos not in noted]
    sources += [c for b in document.blocks if not isinstance(b, Paragraph) for r in b.rows if r.pos not in noted
                for c in r.cells if not (b.pos in noted and ROW_NUMBER.fullmatch(c.strip()))]
    sources += [p.text for p in (*document.furniture, *document.chrome) if p.pos not in noted]
    for source in sources:
        squashed = _squash(source)
        if not squashed or squashed in NOT_APPLICABLE or squashed in NATURE or squashed in text:
            continue
        if _BRACKETS.sub("", squashed) in FORM_WORDS or squashed in FORM_WORDS:
            continue
        number = _number(squashed)
        if number is not None and number in numbers:
            continue
        if _BRACKETS.sub("", squashed) in text:  # "产出指标（50分）": title kept, points as a number
            continue
        if _NUMBERING.sub("", squashed) in text:  # "1．负责…": list numbering, the list keeps the order
            continue
        label, _, value = squashed.replace("：", ":").partition(":")
        if label in UNIT_LABELS and value[:8] in text:  # 所属单位：A、B, kept as units
            continue
        lost.append(source)
    return lost
