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


@dataclass
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


#: A start tag, an end tag, or something else that starts with ``<`` (then the slow path reads the table).
_TAG = re.compile(
    r"<(?:([a-zA-Z][-.a-zA-Z0-9:_]*)((?:\s+[^\s/>\"'=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*(/?)>"
    r"|/([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>|)")
_ATTR = re.compile(r"([^\s/>\"'=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
#: Elements :class:`html.parser.HTMLParser` reads as raw text: a table holding one takes the slow path.
_RAW = re.compile(r"<(?:script|style)", re.IGNORECASE)


def _fast_read(body: str) -> _Table | None:
    """``body`` (a table's inner markup) read as :class:`_TableReader` reads it; None when it is not plain."""
    if _RAW.search(body):
        return None
    reader = _TableReader()
    start, end, data = reader.handle_starttag, reader.handle_endtag, reader.handle_data
    at = 0
    for match in _TAG.finditer(body):
        begin = match.start()
        if begin > at:
            text = body[at:begin]
            data(unescape(text) if "&" in text else text)
        name, attrs, closing, end_name = match.groups()
        if name:
            tag = name.lower()
            pairs: list[tuple[str, str | None]] = []
            if attrs:
                for key, double, single, bare in _ATTR.findall(attrs):
                    value = double or single or bare  # no value and "" are the same to the handler
                    pairs.append((key.lower(), unescape(value) if "&" in value else value))
            start(tag, pairs)
            if closing:
                end(tag)
        elif end_name:
            end(end_name.lower())
        else:
            return None  # a comment, a declaration or a bare "<"
        at = match.end()
    if at < len(body):
        text = body[at:]
        data(unescape(text) if "&" in text else text)
    return reader.table


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
        subjects = [c.value for _, c in placed if c.tag == "th" and c.value]
        if not any(c.tag == "th" for c in row) and subjects and previous:
            subjects = previous  # a note row under an indicator (复核说明): about that indicator
        previous = subjects
        facts = []
        for col, cell in placed:
            if cell.tag == "th" or not cell.value:
                continue
            label = cell.label or (table.header[col] if col < len(table.header) else "")
            facts.append(f"{label} {cell.value}" if label and label != cell.value else cell.value)
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
