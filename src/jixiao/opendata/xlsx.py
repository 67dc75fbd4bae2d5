"""Download tables as Excel workbooks (xlsxwriter, constant memory), byte-for-byte the same on every build.

Owns the workbook layout (one sheet, bold frozen header row, column widths, numbers as numeric
cells written from their exact decimal text) and the normalisation that makes the bytes
reproducible: fixed document timestamps and fixed ZIP entry dates, order and permissions.
xlsxwriter's constant-memory mode streams each row to a temporary file as it is written, so a
workbook of 100,000 rows needs no more memory than one of ten; measured against openpyxl's
write-only mode in ``benchmarks/xlsx_writers.py`` (see docs/performance.md).
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile

import xlsxwriter

from jixiao.opendata.tables import Table

FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a ZIP entry can carry
_CREATED = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)  # the documents' fixed dates
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _width(value: object) -> int:
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def write_workbook(table: Table, sheet: str, out: io.BytesIO) -> None:
    """Write ``table`` as a one-sheet workbook with a bold, frozen header row into ``out``."""
    book = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_numbers": False,
                                     "strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"author": "jixiao", "created": _CREATED})
    ws = book.add_worksheet(sheet)
    ws.freeze_panes(1, 0)
    for i, column in enumerate(table.columns):
        widest = max([_width(column.name), *(_width(r[i]) for r in table.rows[:500])])
        ws.set_column(i, i, min(max(widest + 2, 6), 60))
    bold = book.add_format({"bold": True})
    for i, column in enumerate(table.columns):
        ws.write_string(0, i, column.name, bold)
    write_string, write_number = ws.write_string, ws.write_number
    for r, row in enumerate(table.rows, start=1):
        for c, value in enumerate(row):
            if value is None or value == "":  # an empty cell, as openpyxl wrote it
                continue
            if isinstance(value, str):
                write_string(r, c, value)
            else:  # int or Decimal: xlsxwriter writes ``{:.16G}``, a Decimal's exact text (to 16 digits)
                write_number(r, c, value)
    book.close()


def reproducible(data: bytes) -> bytes:
    """``data`` (an XLSX/ZIP file) rewritten with fixed timestamps, so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            body = source.read(name)
            if name == "docProps/core.xml":
                body = _STAMP.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", body)
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, body)
    return out.getvalue()


def xlsx_bytes(table: Table, sheet: str) -> bytes:
    buffer = io.BytesIO()
    write_workbook(table, sheet, buffer)  # a failed temporary-file write (disk full) raises OSError
    return reproducible(buffer.getvalue())
