"""The text reader: encodings, Word's text-export layout, and never raising on any input."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.importers.assemble import assemble
from jixiao.importers.columns import recognise
from jixiao.importers.document import Paragraph, Table
from jixiao.importers.draft import Draft
from jixiao.importers.prose import number
from jixiao.importers.structure import section_heading, sub_heading
from jixiao.importers.textfile import decode, parse_text
from tests.conftest import seed_path


def test_encodings_are_detected() -> None:
    text = seed_path().read_text(encoding="utf-8")
    cases = {
        "UTF-8": text.encode("utf-8"),
        "UTF-8 (BOM)": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "GB18030": text.encode("gb18030"),
        "UTF-16": text.encode("utf-16"),
    }
    for name, data in cases.items():
        decoded = decode(data)
        assert decoded == (text, name), name


def test_undecodable_bytes_are_refused_not_guessed() -> None:
    assert decode(b"\xff\xff\xff\x80") is None


def test_layout_rows_tables_and_artefacts() -> None:
    """One blank line separates rows, two or more separate tables; artefacts are removed."""
    text = "标题\n\t甲\n\t\n\n\t乙\n\t丙\n\n\n\n\t丁\n\n[bookmark: _GoBack]正文\n"
    blocks = parse_text(text).blocks
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table", "Table", "Paragraph"]
    first, second = blocks[1], blocks[2]
    assert isinstance(first, Table) and isinstance(second, Table)
    assert [r.cells for r in first.rows] == [("甲", ""), ("乙", "丙")]
    assert [r.pos.line for r in first.rows] == [2, 5]
    assert [r.cells for r in second.rows] == [("丁",)]
    last = blocks[3]
    assert isinstance(last, Paragraph) and (last.text, last.pos.label) == ("正文", "第 12 行")


def test_the_reference_text_has_its_tables() -> None:
    blocks = parse_text(seed_path().read_text(encoding="utf-8")).blocks
    tables = [b for b in blocks if isinstance(b, Table)]
    assert [len(t.rows) for t in tables] == [7, 5, 29, 7, 3]


_ALPHABET = st.sampled_from(["\t", "\n", "\n\n", " ", "一、", "（一）", "1.", "合计", "二级指标", "三级指标", "权重",
                             "得分", "目标值", "业绩值", "总得分", "93.98分", "职能名称", "预算数", "执行数", "甲",
                             "[bookmark: x]", "\r", "\x00", "：", "、", "年度绩效目标1（40分）", "2021年度"])


def _all_text(draft: Draft) -> str:
    """Every string the draft keeps: field values, narrative, unplaced blocks, notes."""
    parts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            parts.append(value)

    walk(draft.report)
    parts += [re.sub(r"\\(.)", r"\1", text) for text in draft.narrative.values()]  # Markdown escapes
    parts += [u.text for u in draft.unplaced] + [n.what for n in draft.notes]
    return "\n".join(parts)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(st.text(), st.lists(_ALPHABET, max_size=80).map("".join)))
def test_any_text_reads_and_assembles_without_raising(text: str) -> None:
    """Whatever the text, every paragraph is a form heading, a field's text, unplaced or noted."""
    document = parse_text(text)
    draft = assemble(document)
    kept = _all_text(draft)
    for block in document.blocks:
        if isinstance(block, Paragraph) and block.text not in kept:
            heading = section_heading(block.text)
            assert (heading is not None and not heading.by_number) or any(
                sub_heading(block.text, key) for key in ("basic", "budget", "performance", "problems")), block
        if isinstance(block, Table):
            for row in block.rows:
                if recognise(row.cells) is not None or row.joined() in kept:
                    continue
                lost = [c for c in row.filled() if c not in kept and (number(c) or c) not in kept]
                assert lost == [], (row, draft.unplaced)
