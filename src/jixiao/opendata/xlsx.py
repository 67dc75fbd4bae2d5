"""Download tables as Excel workbooks (openpyxl), byte-for-byte the same on every build.

Owns the workbook layout (one sheet, bold frozen header row, column widths, numbers as numeric
cells written from their exact decimal text) and the normalisation that makes the bytes
reproducible: fixed document timestamps and fixed ZIP entry dates and order.
"""

from __future__ import annotations

import errno
import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from jixiao.opendata.tables import Table

FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a ZIP entry can carry
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _width(value: object) -> int:
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def workbook(table: Table, sheet: str) -> Workbook:
    """A write-only workbook (streamed rows: fast and small in memory) with a bold, frozen header."""
    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet)
    ws.freeze_panes = "A2"
    for i, column in enumerate(table.columns, start=1):
        widest = max([_width(column.name), *(_width(r[i - 1]) for r in table.rows[:500])])
        ws.column_dimensions[get_column_letter(i)].width = min(max(widest + 2, 6), 60)
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(ws, value=column.name)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    for row in table.rows:
        ws.append(list(row))  # openpyxl writes a Decimal's exact text into a numeric cell
    book.properties.creator = "jixiao"
    return book


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
    try:
        workbook(table, sheet).save(buffer)
    except Exception as err:
        # Write-only workbooks stream rows through a temporary file; with lxml installed, a failed
        # write there (disk full, file too large) is an lxml error, not an OSError: report it as one.
        if not type(err).__module__.startswith("lxml"):
            raise
        raise OSError(errno.EIO, f"写入临时文件失败（{err}）") from err
    return reproducible(buffer.getvalue())
