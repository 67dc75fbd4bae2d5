"""A Word ``.docx`` file -> a :class:`Document`, tables read as tables with merged cells resolved.

Owns reading a .docx with python-docx: body paragraphs and tables in document order; a merged cell
(horizontal ``gridSpan`` or vertical ``vMerge``) keeps its text in its first grid position and leaves
the positions it spans empty, exactly like Word's text export, so both readers feed the assembler
the same rows. Places are paragraph and table numbers (``第 3 个表格第 4 行``).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from jixiao.importers.document import Block, Document, Paragraph, Pos, Row, Table
from jixiao.importers.guards import MAX_NESTING, Refused, check_docx_body, check_zip
from jixiao.importers.textfile import clean


def _cell_text(cell: _Cell) -> str:
    """The cell's paragraphs, and any table nested in it as lines of `` | ``-joined cells."""
    lines: list[str] = []
    for item in cell.iter_inner_content():
        if isinstance(item, DocxParagraph):
            lines.append(item.text)
        else:
            lines += [" | ".join(c for c in (clean(_cell_text(x)) for x in row.cells) if c) for row in item.rows]
    return "\n".join(lines)


def _check_nesting(body: object) -> None:
    tbl = qn("w:tbl")
    for table in body.iter(tbl):  # type: ignore[attr-defined]
        depth = 1 + sum(1 for _ in table.iterancestors(tbl))
        if depth > MAX_NESTING:
            raise Refused(f"表格嵌套超过 {MAX_NESTING} 层")


def _rows(table: DocxTable, number: int) -> tuple[Row, ...]:
    seen: set[str] = set()
    tree = table._tbl.getroottree()
    rows: list[Row] = []
    for r, row in enumerate(table.rows, start=1):
        cells: list[str] = []
        for cell in row.cells:
            path = tree.getpath(cell._tc)
            cells.append("" if path in seen else clean(_cell_text(cell)))
            seen.add(path)
        rows.append(Row(tuple(cells), Pos(0, f"第 {number} 个表格第 {r} 行")))
    return tuple(rows)


def read_docx(path: Path) -> Document:
    """Read ``path``; raises :class:`Refused`, or the library's exceptions for invalid .docx files."""
    check_zip(path)
    check_docx_body(path)
    document = open_docx(str(path))
    _check_nesting(document.element.body)
    blocks: list[Block] = []
    paragraphs = tables = 0
    for item in document.iter_inner_content():
        if isinstance(item, DocxParagraph):
            paragraphs += 1
            text = clean(item.text)
            if text:
                blocks.append(Paragraph(text, Pos(0, f"第 {paragraphs} 段")))
        elif isinstance(item, DocxTable):
            tables += 1
            blocks.append(Table(_rows(item, tables), Pos(0, f"第 {tables} 个表格")))
    return Document(tuple(blocks), "docx")
