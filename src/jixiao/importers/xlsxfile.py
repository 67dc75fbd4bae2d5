"""An Excel ``.xlsx`` workbook -> a :class:`Document`: each sheet's table, with the lines around it.

Owns reading workbooks with openpyxl (values as last saved, merged cells resolved: the text in the
merged range's first cell, the cells it spans empty) and cutting each sheet into blocks: rows with at
most one filled cell before the table (title, 年度, 单位) and after it (notes) are paragraphs; the
rows between them are one table; two or more blank rows end a table; a single blank row inside a
table is skipped; one-cell rows between two tables are paragraphs when they are two or more or a
report heading (a whole report pasted into one sheet). Numbers are printed as the cell shows them (``0.00``, ``0.00%``), exactly, from
their shortest decimal form. Places are sheet and row (``工作表“自评表”第 5 行``).
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from jixiao.importers.document import Block, Document, Paragraph, Pos, Row, Table
from jixiao.importers.guards import MAX_AREA, Refused, check_zip
from jixiao.importers.textfile import clean

_DECIMALS = re.compile(r"[0#](?:\.(0+))?")


def cell_text(value: Any, number_format: str = "General") -> str:
    """What the cell shows: text as is, numbers in the cell's number format (decimals, percent)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, int | float):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        match = _DECIMALS.search(re.sub(r'"[^"]*"', "", number_format))
        places = len(match.group(1) or "") if match else None
        suffix = ""
        if "%" in number_format:
            number, suffix = number * 100, "%"
        if places is not None:
            number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)  # as Excel shows
        elif number == number.to_integral_value():
            number = number.quantize(Decimal(1))
        else:
            number = number.normalize()
        return f"{number:f}{suffix}"
    return clean(str(value))


def _sheet_rows(sheet: Any) -> list[tuple[int, tuple[str, ...]]]:
    rows = [(cells[0].row, tuple(cell_text(c.value, c.number_format) for c in cells))
            for cells in sheet.iter_rows() if cells]
    width = max((max((i + 1 for i, t in enumerate(r) if t), default=0) for _, r in rows), default=0)
    return [(n, r[:width] + ("",) * (width - len(r))) for n, r in rows]


def _one_cell(cells: tuple[str, ...]) -> bool:
    return sum(1 for c in cells if c) == 1


def _prose(run: list[tuple[int, tuple[str, ...]]]) -> bool:
    """Whether one-cell rows between two table rows are text between two tables: two lines or more, or
    a heading the report's sections are known by (``2．组织架构``, ``（二）履职效果情况``)."""
    from jixiao.importers.structure import SUB_WORDS, section_heading, sub_heading

    if len(run) >= 2:
        return True
    text = next(c for c in run[0][1] if c)
    heading = section_heading(text)
    return (heading is not None and not heading.by_number) or any(sub_heading(text, s) for s in SUB_WORDS)


def _prose_cut(segment: list[tuple[int, tuple[str, ...]]]) -> list[list[tuple[int, tuple[str, ...]]]]:
    """``segment`` cut where prose stands between two tables with no blank rows around it (a report
    pasted into one sheet): the prose run becomes a segment of its own."""
    parts: list[list[tuple[int, tuple[str, ...]]]] = [[]]
    i = 0
    while i < len(segment):
        j = i
        while j < len(segment) and _one_cell(segment[j][1]):
            j += 1
        if j > i:
            run = segment[i:j]
            inside = parts[-1] and j < len(segment)
            if inside and _prose(run):
                parts += [run, []]
            else:
                parts[-1] += run
            i = j
        else:
            parts[-1].append(segment[i])
            i += 1
    return [p for p in parts if p]


def sheet_blocks(title: str, rows: list[tuple[int, tuple[str, ...]]]) -> list[Block]:
    """Cut one sheet's rows into paragraphs and tables."""
    segments: list[list[tuple[int, tuple[str, ...]]]] = [[]]
    blanks = 0
    for number, cells in rows:
        if not any(cells):
            blanks += 1
            continue
        if blanks >= 2 and segments[-1]:
            segments.append([])
        blanks = 0
        segments[-1].append((number, cells))
    blocks: list[Block] = []
    for segment in (part for whole in segments for part in _prose_cut(whole)):
        wide = [i for i, (_, cells) in enumerate(segment) if sum(1 for c in cells if c) > 1]
        first, last = (wide[0], wide[-1]) if wide else (len(segment), len(segment) - 1)
        for i, (number, cells) in enumerate(segment):
            if first <= i <= last:
                if i == first:
                    table_rows: list[Row] = []
                table_rows.append(Row(cells, Pos(0, f"工作表“{title}”第 {number} 行")))
                if i == last:
                    blocks.append(Table(tuple(table_rows), Pos(0, f"工作表“{title}”第 {segment[first][0]} 行起的表格")))
            else:
                text = next(c for c in cells if c)
                blocks.append(Paragraph(text, Pos(0, f"工作表“{title}”第 {number} 行")))
    return blocks


def read_xlsx(path: Path) -> Document:
    """Read ``path``; raises :class:`~jixiao.importers.guards.Refused` or the library's exceptions."""
    check_zip(path)
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with path.open("rb") as handle:  # a file object: openpyxl would refuse a wrong extension
            book = load_workbook(handle, data_only=True)
    try:
        blocks: list[Block] = []
        for sheet in book.worksheets:
            if sheet.max_row * sheet.max_column > MAX_AREA:  # one far cell would make the grid huge
                raise Refused(f"工作表“{sheet.title}”范围达到 {sheet.max_row} 行 × {sheet.max_column} 列，"
                              f"超过 {MAX_AREA} 格的上限（疑似超大工作表）")
            blocks += sheet_blocks(sheet.title, _sheet_rows(sheet))
    finally:
        book.close()
    return Document(tuple(blocks), "xlsx")
