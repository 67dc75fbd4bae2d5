"""The document model shared by the text and .docx readers: paragraphs and tables, in order.

Owns what a reader hands to the assembler: each block's text exactly as printed (cells as strings,
spanned cells empty) and where it was in the source (``Pos``: a line of a text file, or the
paragraph/table/row number of a Word file), so whatever cannot be placed is reported where it was.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Pos:
    """A place in the imported file: ``line`` (1-based, 0 for .docx) and a Chinese label."""

    line: int
    label: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph (one non-table line of a text file)."""

    text: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class Row:
    """One table row: its cells in column order; a spanned or empty cell is ``""``."""

    cells: tuple[str, ...]
    pos: Pos

    def filled(self) -> tuple[str, ...]:
        return tuple(c for c in self.cells if c.strip())

    def joined(self) -> str:
        return " | ".join(c.strip() for c in self.cells)


@dataclass(frozen=True, slots=True)
class Table:
    """One table: its rows in order (the header row, if any, is the first row that looks like one)."""

    rows: tuple[Row, ...]
    pos: Pos


Block = Paragraph | Table


@dataclass(frozen=True, slots=True)
class Document:
    """A whole imported file: its blocks in order and how its bytes were decoded.

    ``furniture`` holds what the page printed around the content (page numbers of a PDF), left out
    of the blocks and listed as notes, never silently.
    """

    blocks: tuple[Block, ...]
    encoding: str = ""
    furniture: tuple[Paragraph, ...] = ()
