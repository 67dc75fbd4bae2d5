"""A web page saved from a portal -> a :class:`Document`: its data tables and the text around them.

Owns reading HTML with lxml's HTML parser (no network, no entity expansion): the encoding from a BOM
or ``<meta charset>``, else UTF-8, else GB18030; paragraphs from block elements (``p``, ``div``,
headings, list items, ``br``) in document order; scripts, styles and the head skipped. A ``<table>``
holding no other table is a data table, read into a grid with ``rowspan``/``colspan`` resolved (the
text in the spanning cell's first position, the positions it covers empty); a table holding tables
is page layout, and its cells are read as text. What the portal prints around the report (navigation,
breadcrumbs, 打印/关闭, footer: :mod:`~jixiao.importers.chrome`) goes to ``Document.chrome``, listed as
notes, never into the blocks. Places are source lines (``第 120 行起的表格``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jixiao.importers.chrome import is_chrome_element, is_chrome_line
from jixiao.importers.document import Block, Document, Paragraph, Pos, Row, Table
from jixiao.importers.guards import MAX_NESTING, Refused, check_size
from jixiao.importers.textfile import clean, clean_cell

_SKIP = frozenset({"script", "style", "head", "noscript", "template", "iframe", "object", "svg", "select",
                   "button", "textarea", "math"})
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
                    "header", "footer", "blockquote", "pre", "dd", "dt", "dl", "center", "form", "main",
                    "aside", "caption", "hr", "tr", "td", "th", "table", "body", "nav", "figure", "figcaption",
                    "address", "fieldset", "legend"})
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\r\n\f\xa0\u3000]+")
_BETWEEN_WIDE = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])")
MAX_SPAN = 200
MAX_GRID = 200_000  # positions of one data table (a form has about a thousand; a 决算 table a few ten thousand)


def _encoding(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    meta = _META.search(data[:4096])
    if meta:
        name = meta.group(1).decode("ascii").lower()
        return "gb18030" if name in {"gb2312", "gbk", "gb18030", "x-gbk"} else name
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


def _inline(text: str) -> str:
    return _BETWEEN_WIDE.sub("", _SPACE.sub(" ", text))


def _tag(element: Any) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _cell_text(cell: Any) -> str:
    """A cell's text: ``br`` and block children break lines; lines joined as wrapped Chinese."""
    parts: list[str] = []

    def walk(element: Any) -> None:
        tag = _tag(element)
        if tag in _SKIP:
            return
        if tag == "br" or tag in _BLOCK:
            parts.append("\n")
        if element.text and tag:
            parts.append(_inline(element.text))
        for child in element:
            walk(child)
            if child.tail:
                parts.append(_inline(child.tail))
        if tag in _BLOCK:
            parts.append("\n")

    walk(cell)
    return clean_cell("".join(parts))


def _grid(table: Any) -> list[tuple[list[str], int]]:
    """Rows of the data table with spans resolved: ``(cells, source line)``."""
    rows = [tr for tr in table.iter("tr")]
    taken: dict[tuple[int, int], str] = {}
    lines: list[int] = []
    for r, tr in enumerate(rows):
        lines.append(tr.sourceline or 0)
        c = 0
        for cell in tr:
            if _tag(cell) not in {"td", "th"}:
                continue
            while (r, c) in taken:
                c += 1
            rowspan = _span(cell.get("rowspan"), len(rows) - r)
            colspan = _span(cell.get("colspan"), MAX_SPAN)
            text = _cell_text(cell)
            if len(taken) + rowspan * colspan > MAX_GRID:  # spans that would lay out millions of positions
                raise Refused(f"第 {tr.sourceline or 0} 行的表格展开合并单元格（rowspan/colspan）后超过 {MAX_GRID} 格的上限"
                              "（疑似超大表格）")
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken[(r + dr, c + dc)] = text if dr == dc == 0 else ""
            c += colspan
    width = max((c + 1 for _, c in taken), default=0)
    return [([taken.get((r, c), "") for c in range(width)], lines[r]) for r in range(len(rows))]


def _span(value: str | None, most: int) -> int:
    try:
        number = int(str(value).strip()) if value is not None else 1
    except ValueError:
        return 1
    return max(1, min(number, max(most, 1)))


class _Walker:
    def __init__(self, in_chrome: bool = False) -> None:
        self.blocks: list[Block] = []
        self.chrome: list[Paragraph] = []
        self.buffer: list[str] = []
        self.links: list[str] = []
        self.line = 0
        self.in_chrome = in_chrome

    def flush(self) -> None:
        text = clean(_inline("".join(self.buffer)))
        if text:
            para = Paragraph(text, Pos(self.line, f"第 {self.line} 行"))
            if self.in_chrome or is_chrome_line(text, self.links):
                self.chrome.append(para)
            else:
                self.blocks.append(para)
        self.buffer = []
        self.links = []

    def chrome_element(self, element: Any, depth: int) -> None:
        """Everything ``element`` prints, line by line, as chrome (a menu table row as one line)."""
        self.flush()
        inner = _Walker(in_chrome=True)
        inner.walk(element, depth, check=False)
        inner.flush()
        for block in inner.blocks:
            if isinstance(block, Table):
                inner.chrome += [Paragraph(" | ".join(row.filled()), row.pos) for row in block.rows if row.filled()]
        self.chrome += sorted(inner.chrome, key=lambda p: p.pos.line)

    def text(self, text: str | None, line: int) -> None:
        if text and text.strip():
            if not self.buffer or not "".join(self.buffer).strip():
                self.line = line
            self.buffer.append(text)
        elif text:
            self.buffer.append(text)

    def walk(self, element: Any, depth: int = 0, check: bool = True) -> None:
        tag = _tag(element)
        if tag in _SKIP or not tag:
            return
        if check and not self.in_chrome and is_chrome_element(element):
            self.chrome_element(element, depth)
            return
        if tag == "a":
            self.links.append("".join(element.itertext()))
        if tag == "table":
            self.flush()
            self.table(element, depth + 1)
            return
        if tag in _BLOCK or tag == "br":
            self.flush()
        self.text(element.text, element.sourceline or 0)
        for child in element:
            self.walk(child, depth)
            self.text(child.tail, child.sourceline or 0)
        if tag in _BLOCK:
            self.flush()

    def table(self, table: Any, depth: int) -> None:
        if depth > MAX_NESTING:
            raise Refused(f"表格嵌套超过 {MAX_NESTING} 层（第 {table.sourceline or 0} 行）")
        if any(True for _ in table.iterdescendants("table")):
            for cell in table.iter("td", "th"):
                if next((a for a in cell.iterancestors("table")), None) is table:
                    self.flush()
                    self.walk_cell(cell, depth)
            return
        line = table.sourceline or 0
        rows = tuple(Row(tuple(cells), Pos(n, f"第 {n} 行的表格行")) for cells, n in _grid(table))
        if rows:
            self.blocks.append(Table(rows, Pos(line, f"第 {line} 行起的表格")))

    def walk_cell(self, cell: Any, depth: int) -> None:
        if not self.in_chrome and is_chrome_element(cell):
            self.chrome_element(cell, depth)
            return
        self.text(cell.text, cell.sourceline or 0)
        for child in cell:
            self.walk(child, depth)
            self.text(child.tail, child.sourceline or 0)
        self.flush()


def read_html(path: Path) -> Document:
    """Read ``path``; raises :class:`Refused` for pages beyond the limits."""
    import lxml.html

    check_size(path)
    data = path.read_bytes()
    encoding = _encoding(data)
    parser = lxml.html.HTMLParser(encoding=encoding, no_network=True, remove_comments=True,
                                  remove_pis=True, huge_tree=False)
    root = lxml.html.document_fromstring(data, parser=parser)
    walker = _Walker()
    body = root.find("body")
    walker.walk(body if body is not None else root)
    walker.flush()
    return Document(tuple(walker.blocks), f"html {encoding}", chrome=tuple(walker.chrome))
