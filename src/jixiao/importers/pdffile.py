"""A PDF with a text layer -> a :class:`Document`: ruled tables as tables, the other text as paragraphs.

Owns reading PDF files with pdfplumber (chosen over pypdfium2 and camelot by measured accuracy and
speed, see docs/performance.md): on each page, the tables found by their ruling lines (a merged
cell's text in its first position, the positions it spans empty) and the lines of text outside them,
in reading order from the top; lines of one paragraph wrapped by the page are joined. A table that
runs on from the foot of one page to the head of the next with the same columns is one table (also
when the continuation's merged cells hide some column rules: its columns are matched by their rules);
page numbers between its parts are page furniture (``Document.furniture``). Refuses (:class:`Refused`)
password-protected files, files without a text layer (scans), and files beyond the page limit.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jixiao.importers.document import Block, Document, Paragraph, Pos, Row, Table
from jixiao.importers.guards import MAX_PAGES, Refused, check_size
from jixiao.importers.textfile import clean, clean_cell

PAGE_NUMBER = re.compile(r"^[-—－–\s]*(?:第\s*)?\d{1,4}\s*(?:页)?\s*(?:[/／共]\s*\d{1,4}\s*页?)?[-—－–\s]*$")
MAX_SECONDS = 60.0
MAX_CHARS_PER_PAGE = 50_000


@dataclass
class _Page:
    """What one page holds, top to bottom: ``(top, block)`` pairs, and each table's column edges."""

    number: int
    items: list[tuple[float, Block]] = field(default_factory=list)
    edges: dict[int, tuple[float, ...]] = field(default_factory=dict)  # id(table) -> x of its column rules


def _paragraphs(page: Any, number: int, tables: list[Any]) -> list[tuple[float, Paragraph]]:
    """Text lines outside the tables, wrapped lines of one paragraph joined."""
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    lines = page.filter(outside).extract_text_lines(return_chars=False) if boxes else \
        page.extract_text_lines(return_chars=False)
    right = max([line["x1"] for line in lines] + [box[2] for box in boxes] + [c["x1"] for c in page.chars],
                default=0.0)
    out: list[tuple[float, Paragraph]] = []
    previous: dict[str, Any] | None = None
    for line in lines:
        text = clean(line["text"])
        if not text:
            continue
        size = max(line["bottom"] - line["top"], 1.0)
        runs_on = (previous is not None and out and previous["x1"] >= right - 2 * size
                   and 0 <= line["top"] - previous["bottom"] < size and not PAGE_NUMBER.match(text))
        if runs_on:
            top, para = out[-1]
            out[-1] = (top, Paragraph(clean_cell(f"{para.text}\n{text}"), para.pos))
        else:
            out.append((line["top"], Paragraph(text, Pos(0, f"第 {number} 页第 {len(out) + 1} 段"))))
        previous = line
    return out


def _table(found: Any, page: int, index: int) -> Table:
    label = f"第 {page} 页第 {index} 个表格"
    rows = tuple(Row(tuple(clean_cell(c or "") for c in cells), Pos(0, f"{label}第 {r} 行"))
                 for r, cells in enumerate(found.extract(), start=1))
    return Table(rows, Pos(0, label))


def _edges(found: Any) -> tuple[float, ...]:
    """The x of each column's left rule, and the table's right edge."""
    lefts = [min((c[0] for c in column.cells if c is not None), default=None) for column in found.columns]
    return (*(x for x in lefts if x is not None), found.bbox[2])


def _read_page(page: Any, number: int) -> _Page:
    if len(page.chars) > MAX_CHARS_PER_PAGE:
        raise Refused(f"第 {number} 页有 {len(page.chars)} 个字符，超过每页 {MAX_CHARS_PER_PAGE} 个的上限")
    found = page.find_tables()
    result = _Page(number)
    for index, table in enumerate(found, start=1):
        block = _table(table, number, index)
        result.items.append((table.bbox[1], block))
        result.edges[id(block)] = _edges(table)
    result.items += _paragraphs(page, number, found)
    result.items.sort(key=lambda item: item[0])
    return result


def _width(table: Table) -> int:
    return max((len(r.cells) for r in table.rows), default=0)


_SAME_X = 2.0  # points: the same column rule on two pages


def _columns(previous: tuple[float, ...], following: tuple[float, ...]) -> list[int] | None:
    """Where each column of a table's continuation sits in the table above it: its rules are a subset
    of the table's (the continuation's merged cells hide some of them), or ``None`` for another table."""
    at = []
    for x in following:
        index = next((i for i, p in enumerate(previous) if abs(p - x) <= _SAME_X), None)
        if index is None:
            return None
        at.append(index)
    return at[:-1] if at[-1] == len(previous) - 1 and at == sorted(at) else None


def _widen(table: Table, at: list[int], width: int) -> Table:
    """The continuation's rows on the columns of the table above (a merged cell's text in its first column)."""
    rows = []
    for row in table.rows:
        cells = [""] * width
        for index, cell in zip(at, row.cells, strict=False):
            cells[index] = cell
        rows.append(Row(tuple(cells), row.pos))
    return Table(tuple(rows), table.pos)


def _join_pages(pages: list[_Page]) -> tuple[list[Block], list[Paragraph]]:
    """Blocks in order, a table continued over a page break made one (also when merged cells leave the
    continuation fewer columns: they are matched by their rules); page numbers set aside."""
    blocks: list[Block] = []
    furniture: list[Paragraph] = []
    edges: dict[int, tuple[float, ...]] = {}
    for page in pages:
        items = [b for _, b in page.items]
        numbers = [b for b in items if isinstance(b, Paragraph) and PAGE_NUMBER.match(b.text)]
        furniture += numbers
        items = [b for b in items if not any(b is n for n in numbers)]
        if items and isinstance(items[0], Table) and blocks and isinstance(blocks[-1], Table):
            first, previous = items[0], blocks[-1]
            at = None if _width(first) == _width(previous) else _columns(
                edges.get(id(previous), ()), page.edges.get(id(first), ()))
            if _width(first) == _width(previous) or at is not None:
                items.pop(0)
                blocks.pop()
                rows = first.rows if at is None else _widen(first, at, _width(previous)).rows
                blocks.append(Table(previous.rows + rows, previous.pos))
                edges[id(blocks[-1])] = edges.get(id(previous), ())
        for item in items:
            if isinstance(item, Table):
                edges[id(item)] = page.edges.get(id(item), ())
        blocks += items
    return blocks, furniture


def _declared_pages(path: Path) -> int:
    """The page count the file declares, read before pdfplumber (which makes every page on close)."""
    from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    with path.open("rb") as handle:
        try:
            document = PDFDocument(PDFParser(handle))
        except PDFPasswordIncorrect:
            raise Refused("文件设置了打开密码", code="JX-I012") from None
        try:
            return int(resolve1(resolve1(document.catalog["Pages"])["Count"]))
        except Exception:
            return 0


def read_pdf(path: Path) -> Document:
    """Read ``path``; raises :class:`Refused`, or the library's exceptions for damaged files."""
    import pdfplumber

    check_size(path)
    logging.getLogger("pdfminer").addHandler(logging.NullHandler())  # its warnings are not the user's
    declared = _declared_pages(path)
    if declared > MAX_PAGES:
        raise Refused(f"文件有 {declared} 页，超过 {MAX_PAGES} 页的上限（自评报告通常不到 100 页）")
    with pdfplumber.open(path) as pdf:
        started = time.monotonic()
        pages: list[_Page] = []
        images = chars = 0
        for number, page in enumerate(pdf.pages, start=1):
            if number > MAX_PAGES:
                raise Refused(f"文件超过 {MAX_PAGES} 页的上限")
            if time.monotonic() - started > MAX_SECONDS:
                raise Refused(f"读取到第 {number} 页时已超过 {MAX_SECONDS:.0f} 秒")
            chars += len(page.chars)
            images += len(page.images)
            pages.append(_read_page(page, number))
            page.close()
    if chars == 0:
        raise Refused("扫描件，没有文字层：请先 OCR，例如 ocrmypdf -l chi_sim", code="JX-I011")
    blocks, furniture = _join_pages(pages)
    return Document(tuple(blocks), "pdf", furniture=tuple(furniture))
