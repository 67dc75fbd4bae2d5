"""An old binary Excel 97-2003 ``.xls`` workbook (also WPS ``.et``) -> a :class:`Document`.

Owns reading BIFF8 workbooks with xlrd 2 (chosen over python-calamine by measurement: calamine
returns no number formats, so ``90.00%`` came back as ``0.9`` and ``100.00`` as ``100``; see
docs/performance.md). Cells are printed as they show (the cell's number format), merged ranges
resolved (the text in the range's first cell, the cells it spans empty), and each sheet is cut into
paragraphs and tables exactly as an ``.xlsx`` sheet is (:func:`~jixiao.importers.xlsxfile.sheet_blocks`).
Before xlrd parses anything, :func:`~jixiao.importers.guards.check_xls` bounds the file and the
number of cells its records declare, so a hostile sheet is refused instead of filling memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jixiao.importers.document import Block, Document
from jixiao.importers.guards import check_xls
from jixiao.importers.xlsxfile import cell_text, sheet_blocks

_TEXT, _NUMBER, _DATE, _BOOLEAN, _ERROR = 1, 2, 3, 4, 5  # xlrd's cell types


def _format(book: Any, xf_index: int) -> str:
    try:
        return str(book.format_map[book.xf_list[xf_index].format_key].format_str)
    except (IndexError, KeyError, AttributeError):
        return "General"


def _value(book: Any, kind: int, value: Any) -> Any:
    if kind == _DATE:
        from xlrd.xldate import XLDateError, xldate_as_datetime

        try:
            return xldate_as_datetime(value, book.datemode)
        except (XLDateError, ValueError, OverflowError):
            return value
    if kind == _BOOLEAN:
        return bool(value)
    if kind == _ERROR:
        from xlrd.biffh import error_text_from_code

        return error_text_from_code.get(value, "#ERR")
    return value


def _sheet_rows(book: Any, sheet: Any) -> list[tuple[int, tuple[str, ...]]]:
    spanned = {(r, c) for rlo, rhi, clo, chi in sheet.merged_cells for r in range(rlo, rhi)
               for c in range(clo, chi) if (r, c) != (rlo, clo)}
    rows: list[tuple[int, tuple[str, ...]]] = []
    for r in range(sheet.nrows):
        cells = []
        for c in range(sheet.row_len(r)):
            kind, value = sheet.cell_type(r, c), sheet.cell_value(r, c)
            if (r, c) in spanned or kind not in {_TEXT, _NUMBER, _DATE, _BOOLEAN, _ERROR}:
                cells.append("")
                continue
            cells.append(cell_text(_value(book, kind, value), _format(book, sheet.cell_xf_index(r, c))))
        rows.append((r + 1, tuple(cells)))
    width = max((max((i + 1 for i, t in enumerate(cells) if t), default=0) for _, cells in rows), default=0)
    return [(n, cells[:width] + ("",) * (width - len(cells))) for n, cells in rows]


def read_xls(path: Path) -> Document:
    """Read ``path``; raises :class:`~jixiao.importers.guards.Refused` or xlrd's exceptions."""
    check_xls(path)
    import xlrd

    book = xlrd.open_workbook(str(path), formatting_info=True, ragged_rows=True, on_demand=True,
                              logfile=_Silent())
    try:
        blocks: list[Block] = []
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            blocks += sheet_blocks(sheet.name, _sheet_rows(book, sheet))
            book.unload_sheet(index)
    finally:
        book.release_resources()
    return Document(tuple(blocks), "xls")


class _Silent:
    """xlrd writes warnings about odd records to a log file; an import reports through findings."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        return None
