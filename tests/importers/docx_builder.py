"""Building a real Word document from the reference text, as a department's original would be."""

from __future__ import annotations

import itertools
from pathlib import Path

from docx import Document


def _blocks(text: str) -> list[str | list[list[str]]]:
    """Paragraph strings and tables (lists of rows of cells) of Word's text export, in order."""
    blocks: list[str | list[list[str]]] = []
    table: list[list[str]] | None = None
    row: list[str] = []
    blanks = 0
    for line in [*text.split("\n"), "end"]:
        if line.startswith("\t"):
            if table is None or blanks >= 2:
                table = []
                blocks.append(table)
            row.append(line[1:].strip())
            blanks = 0
        elif not line.strip():
            if row and table is not None:
                table.append(row)
                row = []
            blanks += 1
        else:
            if row and table is not None:
                table.append(row)
            table, row, blanks = None, [], 0
            blocks.append(line.replace("[bookmark: _GoBack]", ""))
    return blocks[:-1]


def build_docx(text: str, path: Path) -> Path:
    """Real tables; the 二级指标 cells of each group and the 金额合计 label cells merged as in Word."""
    document = Document()
    for block in _blocks(text):
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        width = max(len(r) for r in block)
        table = document.add_table(rows=len(block), cols=width)
        for r, cells in enumerate(block):
            for c, value in enumerate(cells):
                table.cell(r, c).text = value
        if block[0][0] == "二级指标":
            starts = [r for r in range(1, len(block)) if block[r][0]] + [len(block)]
            for start, end in itertools.pairwise(starts):
                if end - start > 1:
                    table.cell(start, 0).merge(table.cell(end - 1, 0))
        for r, cells in enumerate(block):
            if cells[0] == "金额合计":
                table.cell(r, 0).merge(table.cell(r, 2))
    document.save(str(path))
    return path
