"""Download tables as Excel workbooks (xlsxwriter, constant memory), byte-for-byte the same on every build.

Owns the workbook layout (one sheet, bold frozen header row, column widths, numbers as numeric
cells written from their exact decimal text) and the normalisation that makes the bytes
reproducible: fixed document timestamps and fixed ZIP entry dates, order and permissions.
xlsxwriter's constant-memory mode streams each row to a temporary file as it is written, so a
workbook of 100,000 rows needs no more memory than one of ten; measured against openpyxl's
write-only mode in ``benchmarks/xlsx_writers.py`` (see docs/performance.md).

Speed: xlsxwriter spends most of its time on its checks and bookkeeping for each cell. The data rows
are therefore written here as the text xlsxwriter writes for them in constant-memory mode (same
escapes, same attributes; :func:`_rows_xml`) into the sheet xlsxwriter made with the header row, and
its dimension set as xlsxwriter sets it: the same bytes (``tests/opendata/test_xlsx.py`` compares them),
about a third of the time. A table with anything xlsxwriter would treat specially (a string near
Excel's length limit or looking like rich text, a number that is not finite, a row longer than the
header, more rows than a sheet holds) is written by xlsxwriter cell by cell.

:func:`write_xlsx` writes a table whose rows come one at a time (``jixiao assemble`` reads them shard by
shard) to a file, cell by cell, with the same bytes as :func:`xlsx_bytes`, never holding the rows or the
sheet's XML in memory (the ZIP entries are re-packed in blocks, :func:`_rezip`).
"""

from __future__ import annotations

import datetime
import io
import itertools
import re
import shutil
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO

import xlsxwriter
from xlsxwriter.utility import _preserve_whitespace, xl_col_to_name, xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet
from xlsxwriter.xmlwriter import xml_escapes

from jixiao.opendata.tables import Cell, Column, Table

FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a ZIP entry can carry
_CREATED = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)  # the documents' fixed dates
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
#: Rows whose text sets the column widths (the first ones: the width of a column is a guess anyway)
WIDTH_ROWS = 500


def _width(value: object) -> int:
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


_SHEET = "xl/worksheets/sheet1.xml"
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"/>')
_ROWS_MAX = 1_048_575  # data rows below the header (xlsxwriter: 1,048,576 rows a sheet)
_STRING_FAST = 32_767 // 2  # longer strings: xlsxwriter checks their UTF-16 length and may cut them


class _Special(Exception):
    """A cell xlsxwriter treats specially: the table is written by xlsxwriter cell by cell."""


#: At most this many strings' cells remembered while a table is written (``_row_texts``): a streamed table's
#: distinct texts are not all kept
_STRINGS_KEPT = 200_000


def _row_texts(columns: int, rows: Iterable[Sequence[Cell]]) -> Iterator[tuple[int, str]]:
    """Each data row that has a cell, as xlsxwriter writes it in constant-memory mode, with its row number;
    raises :class:`_Special` at a cell that needs xlsxwriter's own handling (or a row too many)."""
    names = [xl_col_to_name(c) for c in range(columns)]
    strings: dict[str, str] = {}  # a string's cell after its reference (names, units, years repeat)
    for r, row in enumerate(rows, start=2):
        if len(row) > len(names) or r > _ROWS_MAX + 1:
            raise _Special
        cells: list[str] = []
        for name, value in zip(names, row, strict=False):
            if value is None or value == "":  # an empty cell, as openpyxl wrote it
                continue
            if isinstance(value, str):
                tail = strings.get(value)
                if tail is None:
                    tail = _string_cell(value)
                    if tail is None:
                        raise _Special
                    if len(strings) >= _STRINGS_KEPT:
                        strings.clear()
                    strings[value] = tail
                cells.append(f'<c r="{name}{r}"{tail}')
            else:
                if isinstance(value, Decimal) and not value.is_finite():
                    raise _Special
                cells.append(f'<c r="{name}{r}"><v>{value:.16G}</v></c>')
        if cells:
            yield r, f'<row r="{r}">{"".join(cells)}</row>'


def _string_cell(value: str) -> str | None:
    """A string cell as xlsxwriter writes it in constant-memory mode, after its ``r`` attribute; None
    when xlsxwriter would treat the string specially (near Excel's length limit, or like rich text)."""
    if len(value) > _STRING_FAST or (value.startswith("<r>") and value.endswith("</r>")):
        return None
    text = Worksheet._escape_control_characters(value)
    preserve = ' xml:space="preserve"' if _preserve_whitespace(text) else ""
    if xml_escapes.search(text):
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f' t="inlineStr"><is><t{preserve}>{text}</t></is></c>'


def _rows_xml(table: Table) -> tuple[str, int] | None:
    """The data rows as xlsxwriter writes them in constant-memory mode, and the last row written
    (1 when none); None when a cell needs xlsxwriter's own handling."""
    if len(table.rows) > _ROWS_MAX:
        return None
    parts: list[str] = []
    last = 1
    try:
        for r, text in _row_texts(len(table.columns), table.rows):
            parts.append(text)
            last = r
    except _Special:
        return None
    return "".join(parts), last


def _dimension(columns: int, last_row: int) -> bytes:
    """xlsxwriter's ``<dimension>`` of a sheet whose cells span rows 1..``last_row``, ``columns`` wide."""
    ref = "A1" if last_row == 1 and columns == 1 else f"A1:{xl_rowcol_to_cell(last_row - 1, columns - 1)}"
    return f'<dimension ref="{ref}"/>'.encode()


def write_workbook(table: Table, sheet: str, out: io.BytesIO, *, rows: bool = True) -> None:
    """Write ``table`` as a one-sheet workbook with a bold, frozen header row into ``out``
    (``rows=False``: the header row only)."""
    _write(table.columns, table.rows[:WIDTH_ROWS], table.rows if rows else (), sheet, out)


def _write(columns: Sequence[Column], head: Sequence[Sequence[Cell]], rows: Iterable[Sequence[Cell]], sheet: str,
           out: io.BytesIO | str) -> None:
    """The workbook of ``columns`` and ``rows`` (cell by cell), its column widths from the rows in ``head``."""
    book = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_numbers": False,
                                     "strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"author": "jixiao", "created": _CREATED})
    ws = book.add_worksheet(sheet)
    ws.freeze_panes(1, 0)
    for i, column in enumerate(columns):
        widest = max([_width(column.name), *(_width(r[i]) for r in head)])
        ws.set_column(i, i, min(max(widest + 2, 6), 60))
    bold = book.add_format({"bold": True})
    for i, column in enumerate(columns):
        ws.write_string(0, i, column.name, bold)
    write_string, write_number = ws.write_string, ws.write_number
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None or value == "":  # an empty cell, as openpyxl wrote it
                continue
            if isinstance(value, str):
                write_string(r, c, value)
            else:  # int or Decimal: xlsxwriter writes ``{:.16G}``, a Decimal's exact text (to 16 digits)
                write_number(r, c, value)
    book.close()


def write_xlsx(columns: Sequence[Column], rows: Iterable[Sequence[Cell]], sheet: str, path: Path) -> None:
    """The workbook :func:`xlsx_bytes` makes of a table of ``columns`` and ``rows``, written to ``path`` as the
    rows come (cell by cell: the same bytes, ``tests/opendata/test_stream.py``)."""
    raw = path.with_name(path.name + ".raw")
    rows = iter(rows)
    head = list(itertools.islice(rows, WIDTH_ROWS))
    try:
        _write(columns, head, itertools.chain(head, rows), sheet, str(raw))
        with raw.open("rb") as source, path.open("wb") as target:
            _rezip(source, target)
    finally:
        raw.unlink(missing_ok=True)


def stream_xlsx(columns: Sequence[Column], rows: Callable[[], Iterable[Sequence[Cell]]], sheet: str,
                path: Path, each: Callable[[Sequence[Cell]], object] | None = None) -> bool:
    """The workbook :func:`xlsx_bytes` makes of a table of ``columns`` and ``rows`` (a callable giving them
    afresh: read twice, the first rows once more for the column widths), written to ``path`` the way
    :func:`xlsx_bytes` writes it (each row's text, :func:`_row_texts`) but as the rows come: the rows' XML goes
    to a scratch file beside ``path`` in blocks and is copied into the sheet's ZIP entry in blocks, so neither
    the rows nor the sheet's XML are ever held whole. The same bytes (``tests/opendata/test_stream.py``); a
    table with a cell xlsxwriter treats specially is written by it cell by cell (:func:`write_xlsx`).

    ``each`` is called with every row of the pass that writes the sheet (another file written in the same
    pass: the table's CSV); returns False when that pass stopped short (a cell xlsxwriter treats specially).
    """
    head = list(itertools.islice(rows(), WIDTH_ROWS))
    raw = path.with_name(path.name + ".rows")
    try:
        last, size = 1, 0
        try:
            with raw.open("wb") as out:
                block: list[str] = []
                for r, text in _row_texts(len(columns), rows() if each is None else _seen(rows(), each)):
                    block.append(text)
                    last = r
                    if len(block) == 1_000:
                        size += out.write("".join(block).encode("utf-8"))
                        block.clear()
                size += out.write("".join(block).encode("utf-8"))
        except _Special:
            write_xlsx(columns, rows(), sheet, path)
            return False
        header = io.BytesIO()
        _write(columns, head, (), sheet, header)
        del head
        with raw.open("rb") as body, path.open("wb") as target:
            _reproducible_sheet(header.getvalue(), body, size, last, len(columns), target)
        return True
    finally:
        raw.unlink(missing_ok=True)


def _seen(rows: Iterable[Sequence[Cell]], each: Callable[[Sequence[Cell]], object]) -> Iterator[Sequence[Cell]]:
    for row in rows:
        each(row)
        yield row


def _reproducible_sheet(data: bytes, body: IO[bytes], size: int, last: int, columns: int,
                        target_file: IO[bytes]) -> None:
    """:func:`reproducible` of the workbook ``data`` (written without its data rows) with the rows' XML read
    from ``body`` (``size`` bytes, ``last``: the last row written), into ``target_file``; the sheet's entry
    is written in blocks, its size set first as ``writestr`` sets it."""
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(target_file, "w") as target:
        for name in sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            entry = source.read(name)
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            if name == "docProps/core.xml":
                entry = _STAMP.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", entry)
            elif name == _SHEET:
                entry = _DIMENSION.sub(_dimension(columns, last), entry, count=1)
                at = entry.find(b"</sheetData>")
                if at >= 0:  # as ``reproducible``: the rows go before the first ``</sheetData>``
                    info.file_size = len(entry) + size
                    with target.open(info, "w") as copy:
                        copy.write(entry[:at])
                        shutil.copyfileobj(body, copy, 1 << 20)
                        copy.write(entry[at:])
                    continue
            target.writestr(info, entry)


def _rezip(source_file: IO[bytes], target_file: IO[bytes]) -> None:
    """:func:`reproducible` (no rows to add) from one file to another, each entry copied in blocks: the
    bytes ``writestr`` gives (its size is set first, as ``writestr`` sets it, so ZIP64 is decided alike)."""
    with zipfile.ZipFile(source_file) as source, zipfile.ZipFile(target_file, "w") as target:
        for name in sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            if name == "docProps/core.xml":
                target.writestr(info, _STAMP.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", source.read(name)))
                continue
            info.file_size = source.getinfo(name).file_size
            with source.open(name) as entry, target.open(info, "w") as copy:
                shutil.copyfileobj(entry, copy, 1 << 20)


def reproducible(data: bytes, rows: tuple[str, int] | None = None, columns: int = 0) -> bytes:
    """``data`` (an XLSX/ZIP file) rewritten with fixed timestamps, so equal content gives equal bytes.

    ``rows``: the data rows (:func:`_rows_xml`) to put after the header row of a sheet written without them.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            body = source.read(name)
            if name == "docProps/core.xml":
                body = _STAMP.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", body)
            elif name == _SHEET and rows is not None:
                body = _DIMENSION.sub(_dimension(columns, rows[1]), body, count=1)
                body = body.replace(b"</sheetData>", rows[0].encode("utf-8") + b"</sheetData>", 1)
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, body)
    return out.getvalue()


def xlsx_bytes(table: Table, sheet: str) -> bytes:
    rows = _rows_xml(table)
    buffer = io.BytesIO()
    # a failed temporary-file write (disk full) raises OSError
    write_workbook(table, sheet, buffer, rows=rows is None)
    return reproducible(buffer.getvalue(), rows, len(table.columns))


def xlsx_bytes_cell_by_cell(table: Table, sheet: str) -> bytes:
    """:func:`xlsx_bytes` with every cell written by xlsxwriter (the reference the tests compare with)."""
    buffer = io.BytesIO()
    write_workbook(table, sheet, buffer)
    return reproducible(buffer.getvalue())
