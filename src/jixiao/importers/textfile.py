"""Plain text exported from Word -> a :class:`Document`, with the encoding detected.

Owns the encoding rules for imported text (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030, tried in
that order) and the layout of Word's text export: each table cell on its own tab-indented line, rows
separated by one blank line, tables by two or more, spanned cells left empty; every other non-blank
line is a paragraph. Word artefacts such as ``[bookmark: _GoBack]`` and control characters are
removed. Never raises on any text.
"""

from __future__ import annotations

import re

from jixiao.importers.document import Block, Document, Paragraph, Pos, Row, Table

_ARTEFACT = re.compile(r"\[bookmark: [^\]]*\]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")
_ENCODINGS = (("utf-8", "UTF-8"), ("gb18030", "GB18030"))


def decode(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding name)`` for the first encoding that decodes ``data``; ``None`` if none does."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8 (BOM)"
        except UnicodeDecodeError:
            return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            return None
    for codec, name in _ENCODINGS:
        try:
            return data.decode(codec), name
        except UnicodeDecodeError:
            continue
    return None


def clean(text: str) -> str:
    """A cell's or paragraph's text without Word artefacts, control characters or outer spaces."""
    return _CONTROL.sub("", _ARTEFACT.sub("", text)).strip()


def _wide(char: str) -> bool:
    return not ("!" <= char <= "~")


def clean_cell(text: str) -> str:
    """A table cell printed over several lines (PDF, HTML) as one line of text.

    Lines are joined without a space, as Chinese is wrapped, unless both sides of the break are
    ASCII letters or punctuation (an English word or a number with letters on both sides).
    """
    lines = [clean(line) for line in text.replace("\r", "\n").split("\n")]
    out = ""
    for line in (line for line in lines if line):
        if out and not _wide(out[-1]) and not _wide(line[0]) and not (out[-1].isdigit() or line[0].isdigit()):
            out += " "
        out += line
    return out


def _line(n: int) -> Pos:
    return Pos(n + 1, f"第 {n + 1} 行")


def _table(lines: list[str], start: int) -> tuple[Table, int]:
    """The table starting at ``lines[start]`` and the index of the first line after it."""
    rows: list[Row] = []
    cells: list[str] = []
    row_start = start
    blanks = 0
    i = start
    while i < len(lines):
        line = lines[i]
        if line.startswith("\t"):
            if blanks >= 2:
                break
            if not cells:
                row_start = i
            cells.append(clean(line))
            blanks = 0
        elif not line.strip():
            if cells:
                rows.append(Row(tuple(cells), _line(row_start)))
                cells = []
            blanks += 1
        else:
            break
        i += 1
    if cells:
        rows.append(Row(tuple(cells), _line(row_start)))
    return Table(tuple(rows), Pos(start + 1, f"第 {start + 1} 行起的表格")), i


def parse_text(text: str, encoding: str = "") -> Document:
    """Split exported text into paragraphs and tables."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("\t"):
            table, i = _table(lines, i)
            blocks.append(table)
            continue
        body = clean(line)
        if body:
            blocks.append(Paragraph(body, _line(i)))
        i += 1
    return Document(tuple(blocks), encoding)
