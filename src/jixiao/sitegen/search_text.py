"""Search records built for people: what Pagefind indexes in place of a report page's tables.

Owns the text the search index holds for tabular content. A table indexed as it is reads, in a
result snippet, as cell soup (". =100% 100% 1. 1.00." and headers run together as "目标值业绩值得分复核得分").
:func:`readable` therefore marks every table ``data-pagefind-ignore`` and puts after it a hidden
block (``<div hidden>``: not rendered, not in the accessibility tree, so screen readers still read
the table once and only the table) holding one sentence per row, built from the row's headers and
each cell's column name::

    数量指标·困难职工救助人数：权重 10，目标值 >=1136人，业绩值 1200人，得分 10，复核得分 10。

The same is done for the page's key-figure list (``<dl>``: "复核总分 93.98；复核等级 优秀。").
Pagefind reads HTML without applying CSS, so it indexes the hidden sentences and shows them as
excerpts. The page's visible markup is not changed beyond the added attribute.

Speed: every report page's tables go through here in every build. A table's markup as the templates
and Python-Markdown write it (tags, quoted attributes, escaped text) is split into tags and text by one
regular expression and fed to the same handlers :class:`html.parser.HTMLParser` would call, several
times faster than the parser itself; anything else in a table (a comment, a ``<script>``, a bare ``<``)
goes through :class:`html.parser.HTMLParser` (``tests/sitegen/test_search_text.py`` compares the two).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape, unescape
from html.parser import HTMLParser

#: A table, or a definition list, as the templates write them (never nested in one another).
_BLOCK = re.compile(r"<(table|dl)\b([^>]*)>(.*?)</\1>", re.DOTALL)
#: Elements whose text is not part of a cell's value: the "复核说明 1" links that mark a flagged row.
_SKIP_CLASSES = frozenset({"jx-row-flag"})
#: Elements without an end tag: inside a left-out element they do not deepen it.
_VOID = frozenset({"br", "img", "col", "input", "wbr"})
_SPACE = re.compile(r"\s+")


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass(slots=True)
class _Cell:
    tag: str  # th or td
    scope: str
    label: str  # data-label: the column's name as the phone card shows it
    rowspan: int
    colspan: int
    text: list[str] = field(default_factory=list)

    @property
    def value(self) -> str:
        # a sentence-final mark inside a cell would double the punctuation of the row's sentence
        return _clean("".join(self.text)).rstrip("。；，,;")


@dataclass
class _Table:
    caption: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)  # column names from <thead>, one per column
    rows: list[list[_Cell]] = field(default_factory=list)


class _TableReader(HTMLParser):
    """Reads a table's caption, column headers and body rows (cells with their text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.table = _Table()
        self.section = "tbody"
        self.cell: _Cell | None = None
        self.in_caption = False
        self.skip = 0  # depth inside an element whose text is left out

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            self.skip += tag not in _VOID
            return
        a = dict(attrs)
        classes = a.get("class")
        if classes and not _SKIP_CLASSES.isdisjoint(classes.split()):
            self.skip = 1
        elif tag in ("thead", "tbody", "tfoot"):
            self.section = tag
        elif tag == "caption":
            self.in_caption = True
        elif tag == "tr" and self.section != "thead":
            self.table.rows.append([])
        elif tag in ("th", "td"):
            self.cell = _Cell(tag, a.get("scope") or "", a.get("data-label") or "",
                              _int(a.get("rowspan")), _int(a.get("colspan")))

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            self.skip -= 1
            return
        if tag == "caption":
            self.in_caption = False
        elif tag in ("th", "td") and self.cell is not None:
            if self.section == "thead":
                self.table.header += [self.cell.value] * self.cell.colspan
            elif self.table.rows:
                self.table.rows[-1].append(self.cell)
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            self.cell.text.append(data)
        elif self.in_caption:
            self.table.caption.append(data)


_ATTRS = r"((?:\s+[^\s/>\"'=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)"
#: A whole cell holding only text (lower-case ``th``/``td``, as templates write them), a start tag, an end
#: tag, or something else that starts with ``<`` (then the slow path reads the table).
_TOKEN = re.compile(
    rf"<(?:(t[hd]){_ATTRS}\s*>([^<]*)</\1\s*>"
    rf"|([a-zA-Z][-.a-zA-Z0-9:_]*){_ATTRS}\s*(/?)>"
    r"|/([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>|)")
_ATTR = re.compile(r"([^\s/>\"'=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
#: Elements :class:`html.parser.HTMLParser` reads as raw text: a table holding one takes the slow path.
_RAW = re.compile(r"<(?:script|style)", re.IGNORECASE)


def _fast_read(body: str) -> _Table | None:
    """``body`` (a table's inner markup) read as :class:`_TableReader` reads it; None when it is not plain.

    The reader's three handlers are inlined here. A cell holding only text (no markup: most of them)
    is one match, its start tag, text and end tag handled at once. A tag's attributes are only taken
    apart when they can matter: always for a cell (scope, label, spans, class), for any other tag only
    when its markup could name a left-out class (it holds one of those names, or an entity).
    """
    if _RAW.search(body):
        return None
    table = _Table()
    rows, header, caption = table.rows, table.header, table.caption
    section = "tbody"
    cell: _Cell | None = None
    in_caption = False
    skip = 0  # depth inside an element whose text is left out
    at = 0
    for match in _TOKEN.finditer(body):
        begin = match.start()
        if begin > at and not skip and (cell is not None or in_caption):
            text = body[at:begin]
            (cell.text if cell is not None else caption).append(unescape(text) if "&" in text else text)
        at = match.end()
        whole, whole_attrs, whole_text, name, attrs, closing, end_name = match.groups()
        if whole:  # <td ...>text</td>: start, text and end at once
            if skip:
                continue  # the start deepens the left-out element, the end leaves it again
            skipped, scope, label, rowspan, colspan = _cell_attributes(whole_attrs)
            if skipped:
                continue  # the cell is left out: its text is not read, its end closes it
            cell = _Cell(whole, scope, label, rowspan, colspan)
            if whole_text:
                cell.text.append(unescape(whole_text) if "&" in whole_text else whole_text)
            tag = whole
        elif name:
            tag = name.lower()
            if skip:
                skip += tag not in _VOID
            else:
                if tag in _CELLS:
                    skipped, scope, label, rowspan, colspan = _cell_attributes(attrs)
                else:
                    skipped = bool(attrs) and ("&" in attrs or _mentions_skipped(attrs)) and _cell_attributes(attrs)[0]
                if skipped:
                    skip = 1
                elif tag in _SECTIONS:
                    section = tag
                elif tag == "caption":
                    in_caption = True
                elif tag == "tr" and section != "thead":
                    rows.append([])
                elif tag in _CELLS:
                    cell = _Cell(tag, scope, label, rowspan, colspan)
            if not closing:
                continue
        elif end_name:
            tag = end_name.lower()
        else:
            return None  # a comment, a declaration or a bare "<"
        # the end tag (or a self-closing start tag's end, as html.parser calls it)
        if skip:
            skip -= 1
        elif tag == "caption":
            in_caption = False
        elif cell is not None and tag in _CELLS:
            if section == "thead":
                header += [cell.value] * cell.colspan
            elif rows:
                rows[-1].append(cell)
            cell = None
    if at < len(body) and not skip and (cell is not None or in_caption):
        text = body[at:]
        (cell.text if cell is not None else caption).append(unescape(text) if "&" in text else text)
    return table


_CELLS = frozenset({"th", "td"})
_SECTIONS = frozenset({"thead", "tbody", "tfoot"})


@lru_cache(maxsize=4096)  # a table's cells repeat a few attribute strings row after row
def _cell_attributes(attrs: str) -> tuple[bool, str, str, int, int]:
    """What the reader's start handler takes from a tag's attributes: whether its class leaves it out,
    then (for a cell) scope, label, rowspan, colspan."""
    found: dict[str, str] = {}
    for key, double, single, bare in _ATTR.findall(attrs):
        value = double or single or bare  # no value and "" are the same to the handler
        found[key.lower()] = unescape(value) if "&" in value else value  # the last one wins
    classes = found.get("class")
    skipped = bool(classes) and not _SKIP_CLASSES.isdisjoint(classes.split()) if classes else False
    return (skipped, found.get("scope") or "", found.get("data-label") or "",
            _int(found.get("rowspan")), _int(found.get("colspan")))


def _mentions_skipped(attrs: str) -> bool:
    return any(name in attrs for name in _SKIP_CLASSES)


def _slow_read(body: str) -> _Table:
    reader = _TableReader()
    reader.feed(body)
    reader.close()
    return reader.table


def _int(value: str | None) -> int:
    try:
        return max(1, int(value or "1"))
    except ValueError:
        return 1


def row_sentences(table: _Table) -> list[str]:
    """One sentence per body row: its row headers joined by "·", then "列名 值" for each other cell."""
    sentences: list[str] = []
    spans: dict[int, tuple[int, _Cell]] = {}  # column -> (rows still covered, the spanning cell)
    previous: list[str] = []  # the last row's headers
    for row in table.rows:
        placed: list[tuple[int, _Cell]] = []
        column, cells = 0, iter(row)
        for cell in cells:
            while column in spans:  # a cell from an earlier row (rowspan) covers this column
                placed.append((column, spans[column][1]))
                column += 1
            placed.append((column, cell))
            if cell.rowspan > 1:
                spans[column] = (cell.rowspan, cell)
            column += cell.colspan
        while column in spans:
            placed.append((column, spans[column][1]))
            column += 1
        for col in list(spans):
            left, cell = spans[col]
            spans[col] = (left - 1, cell)
            if left - 1 <= 0:
                del spans[col]
        placed.sort(key=lambda p: p[0])
        valued = [(col, c, c.value) for col, c in placed]
        subjects = [v for _, c, v in valued if c.tag == "th" and v]
        if not any(c.tag == "th" for c in row) and subjects and previous:
            subjects = previous  # a note row under an indicator (复核说明): about that indicator
        previous = subjects
        facts = []
        for col, cell, value in valued:
            if cell.tag == "th" or not value:
                continue
            label = cell.label or (table.header[col] if col < len(table.header) else "")
            facts.append(f"{label} {value}" if label and label != value else value)
        if not facts and not subjects:
            continue
        if not subjects and facts:  # a row without a header cell: its first value names it
            subjects, facts = [facts[0]], facts[1:]
        head = "·".join(dict.fromkeys(subjects))
        sentences.append(f"{head}：{'，'.join(facts)}。" if facts else f"{head}。")
    return sentences


def _dl_sentence(body: str) -> str:
    pairs = re.findall(r"<dt\b[^>]*>(.*?)</dt>\s*<dd\b[^>]*>(.*?)</dd>", body, re.DOTALL)
    parts = [f"{_text(dt)} {_text(dd)}" for dt, dd in pairs if _text(dd)]
    return "；".join(parts) + "。" if parts else ""


def _text(html: str) -> str:
    return _clean(unescape(re.sub(r"<[^>]+>", "", html)))


def _hidden(lines: list[str]) -> str:
    paragraphs = "".join(f"<p>{escape(line, quote=False)}</p>" for line in lines if line)
    return f'<div class="jx-search-text" hidden>{paragraphs}</div>' if paragraphs else ""


def _replace(match: re.Match[str]) -> str:
    tag, attrs, body = match.group(1), match.group(2), match.group(3)
    if "data-pagefind-ignore" in attrs:
        return match.group(0)
    marked = f"<{tag}{attrs} data-pagefind-ignore>{body}</{tag}>"
    if tag == "dl":
        return marked + _hidden([_dl_sentence(body)])
    table = _fast_read(body) or _slow_read(body)
    caption = _clean("".join(table.caption))
    return marked + _hidden(([caption] if caption else []) + row_sentences(table))


def readable(html: str) -> str:
    """``html`` with each table and key-figure list hidden from the index and told as sentences."""
    return _BLOCK.sub(_replace, html)
