"""XLSX writers side by side: openpyxl's write-only mode (jixiao's writer until issue 15) against xlsxwriter's
constant-memory mode (``jixiao.opendata.xlsx`` now), on the indicator table of N synthetic reports.

Owns the writer comparison. Generates N reports (``benchmarks.corpus``), checks them once, builds the
open-data indicator table (one row per indicator, ~36 per report), then writes it with each writer in
turn, alternating, ``--repeat`` times; prints the median CPU and wall seconds, the bytes, and the load
average. Both results are normalised by the same ``reproducible`` step and read back with openpyxl to
confirm equal cell values.

    python -m benchmarks.xlsx_writers --reports 1000
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from benchmarks.corpus import generate
from jixiao.check import check
from jixiao.opendata.tables import Table, indicators_table
from jixiao.opendata.xlsx import _width, reproducible, xlsx_bytes


def openpyxl_bytes(table: Table, sheet: str) -> bytes:
    """The previous writer, as it was: openpyxl write-only, then the same normalisation."""
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
        ws.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return reproducible(buffer.getvalue())


def _values(data: bytes) -> list[tuple[object, ...]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).active
    assert sheet is not None
    return [tuple(float(v) if isinstance(v, int | float) else v for v in row) for row in sheet.iter_rows(values_only=True)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare openpyxl and xlsxwriter on the open-data XLSX.")
    parser.add_argument("--reports", type=int, default=1000, help="number of reports (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each writer (default 3)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        content = Path(work) / "content"
        generate(content, args.reports, seed=1)
        table = indicators_table(check(content, "content").reports)
    writers: dict[str, Callable[[Table, str], bytes]] = {"openpyxl write-only": openpyxl_bytes,
                                                         "xlsxwriter constant_memory": xlsx_bytes}
    cpu: dict[str, list[float]] = {name: [] for name in writers}
    wall: dict[str, list[float]] = {name: [] for name in writers}
    size: dict[str, int] = {}
    load_before = os.getloadavg()
    for _ in range(args.repeat):
        for name, write in writers.items():
            c0, w0 = time.process_time(), time.perf_counter()
            data = write(table, "绩效指标明细")
            cpu[name].append(time.process_time() - c0)
            wall[name].append(time.perf_counter() - w0)
            size[name] = len(data)
    load_after = os.getloadavg()
    same = _values(openpyxl_bytes(table, "s")) == _values(xlsx_bytes(table, "s"))
    print(f"{len(table.rows):,} rows × {len(table.columns)} columns ({args.reports:,} reports); "
          f"load average {load_before[0]:.1f} → {load_after[0]:.1f}; equal cell values: {same}")
    print("| writer | CPU s (median) | wall s (median) | bytes |\n|---|---|---|---|")
    for name in writers:
        print(f"| {name} | {statistics.median(cpu[name]):.2f} | {statistics.median(wall[name]):.2f} | {size[name]:,} |")
    base = statistics.median(cpu["openpyxl write-only"])
    print(f"xlsxwriter / openpyxl (CPU): {statistics.median(cpu['xlsxwriter constant_memory']) / base:.2f}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
