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

    ``furniture`` holds what the page printed around the content (page numbers of a PDF) and
    ``chrome`` what a saved portal page printed around the report (navigation, breadcrumbs, 打印/关闭,
    footer), both left out of the blocks and listed as notes (:meth:`notes`), never silently.
    """

    blocks: tuple[Block, ...]
    encoding: str = ""
    furniture: tuple[Paragraph, ...] = ()
    chrome: tuple[Paragraph, ...] = ()

    def notes(self) -> list[tuple[str, Pos, str]]:
        """``(what, where, why)`` for every line left out of the blocks, in source order."""
        pages = [(f"页码“{p.text}”", p.pos, "页面上印的页码，不属于报告内容") for p in self.furniture]
        return pages + [(f"网页导航/页脚（已忽略）“{p.text}”", p.pos,
                         "网页的导航、页眉、页脚、位置栏或打印/关闭链接，不属于报告内容") for p in self.chrome]
