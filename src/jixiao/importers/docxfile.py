"""A Word ``.docx`` file -> a :class:`Document`, tables read as tables with merged cells resolved.

Owns reading a .docx with python-docx: body paragraphs and tables in document order; a merged cell
(horizontal ``gridSpan`` or vertical ``vMerge``) keeps its text in its first grid position and leaves
the positions it spans empty, exactly like Word's text export, so both readers feed the assembler
the same rows. Places are paragraph and table numbers (``第 3 个表格第 4 行``).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document as open_docx
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from jixiao.importers.document import Block, Document, Paragraph, Pos, Row, Table
from jixiao.importers.textfile import clean


def _rows(table: DocxTable, number: int) -> tuple[Row, ...]:
    seen: set[str] = set()
    tree = table._tbl.getroottree()
    rows: list[Row] = []
    for r, row in enumerate(table.rows, start=1):
        cells: list[str] = []
        for cell in row.cells:
            path = tree.getpath(cell._tc)
            cells.append("" if path in seen else clean(cell.text))
            seen.add(path)
        rows.append(Row(tuple(cells), Pos(0, f"第 {number} 个表格第 {r} 行")))
    return tuple(rows)


def read_docx(path: Path) -> Document:
    """Read ``path``; raises the library's exceptions for files that are not valid .docx."""
    document = open_docx(str(path))
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
