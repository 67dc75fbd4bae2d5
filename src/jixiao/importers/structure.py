"""Headings of the form: section headings 一、… 七、 and their sub-headings, by number and wording.

Owns the recognition of a paragraph as a heading and which part of the form it opens: sections by
their wording first (regions reword and renumber them), their number second; sub-headings
``1．资金使用情况`` / ``（一）履职完成情况`` by wording within their section. A paragraph without a
number is a heading only when it is the form's own title word for word (Word's automatic numbering
does not survive in the text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.domain.layout import NARRATIVE_SUBHEADINGS, SECTIONS, SUBSECTIONS, TABLE_HEADINGS

_SECTION = re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.．]\s*(\S.*)$")
_SUB = re.compile(r"^(?:[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]|(\d{1,2})\s*[、.．]|(\d{1,2})\s+)\s*(\S.*)$")
_NUMERALS = "一二三四五六七八九十"
MAX_HEADING = 40
_NUMBER_PREFIX = re.compile(r"^\s*(?:[（(][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十0-9]+\s*[、.．])\s*")
_FORM_SECTIONS = {_NUMBER_PREFIX.sub("", title): key for key, title in SECTIONS}
_FORM_SUBS = frozenset(_NUMBER_PREFIX.sub("", t).replace(" ", "") for t in (
    *SUBSECTIONS.values(), *TABLE_HEADINGS.values(), *NARRATIVE_SUBHEADINGS.values()))

SECTION_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("disclosure", ("拟应用", "应用和公开", "应用及公开", "结果应用", "公开情况")),
    ("basic", ("基本情况", "基本概况", "单位概况", "部门概况")),
    ("budget", ("预算管理", "预算执行", "资金使用")),
    ("result", ("绩效目标及开展", "自评结果", "总体评价", "自评结论", "评价结论", "开展情况", "总体情况")),
    ("performance", ("绩效实现", "实现情况", "目标完成", "指标完成", "指标得分", "评价指标", "绩效指标")),
    ("problems", ("存在问题", "存在的问题", "改进措施")),
    ("other", ("其他需要说明", "其他说明", "其他")),
)
SECTION_BY_NUMBER = ("basic", "budget", "result", "performance", "problems", "disclosure", "other")

SUB_WORDS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "basic": (
        ("responsibilities", ("职责", "职能")),
        ("organization", ("组织", "架构", "机构设置")),
        ("staffing", ("人员",)),
        ("assets", ("资产",)),
    ),
    "budget": (
        ("funds", ("资金使用", "资金情况", "资金")),
        ("execution", ("执行情况分析", "预算管理", "执行情况")),
    ),
    "performance": (
        ("output", ("履职完成", "产出")),
        ("effect", ("履职效果", "效益", "效果")),
        ("satisfaction", ("满意度",)),
    ),
    "problems": (
        ("problems", ("问题",)),
        ("improvements", ("改进", "措施", "方向")),
    ),
}


@dataclass(frozen=True, slots=True)
class Heading:
    """A recognised heading: ``level`` 1 (section) or 2 (sub-heading), its key and its title.

    ``by_number`` is set when only the number, not the wording, told which section it opens.
    """

    level: int
    key: str
    title: str
    by_number: bool = False


def _by_words(title: str, table: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    return next((key for key, words in table if any(w in title for w in words)), None)


def _looks_like_heading(text: str) -> bool:
    return len(text) <= MAX_HEADING and not text.endswith(("。", "；", ";", "，"))


def section_heading(text: str) -> Heading | None:
    """A section heading (``四、部门（单位）整体支出绩效实现情况``), or ``None``."""
    match = _SECTION.match(text)
    if match is None and text.strip() in _FORM_SECTIONS:
        return Heading(1, _FORM_SECTIONS[text.strip()], text.strip())
    if not match or not _looks_like_heading(text):
        return None
    title = match.group(2).strip()
    key = _by_words(title, SECTION_WORDS)
    if key is None:
        number = _NUMERALS.find(match.group(1)[-1]) if len(match.group(1)) == 1 else -1
        if not 0 <= number < len(SECTION_BY_NUMBER):
            return None
        return Heading(1, SECTION_BY_NUMBER[number], title, by_number=True)
    return Heading(1, key, title)


def sub_heading(text: str, section: str) -> Heading | None:
    """A sub-heading of ``section`` (``（一）履职完成情况``, ``2．组织架构``), or ``None``."""
    match = _SUB.match(text)
    if match is None and text.strip().replace(" ", "") in _FORM_SUBS:
        title = text.strip()
    elif not match or not _looks_like_heading(text):
        return None
    else:
        title = match.group(4).strip()
    key = _by_words(title, SUB_WORDS.get(section, ()))
    return None if key is None else Heading(2, key, title)
