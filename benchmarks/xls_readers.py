"""Which library reads old .xls workbooks best: xlrd 2 and python-calamine on the fixture forms.

    PYTHONPATH=src:. python -m benchmarks.xls_readers

Writes every form of ``tests/importers/forms/layouts.py`` plus the four fixture families printed by
``from_content.py`` and a 2,000-row sheet as .xls (xlwt, BIFF8 with merged ranges and number
formats), reads each with both libraries into the grid the importer needs (merged ranges resolved,
cells printed as they show), and counts cells equal to the expected text. Time is the median of 5
reads of each file.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Grid = list[tuple[str, ...]]


def _xlrd(path: Path) -> Grid:
    from jixiao.importers.document import Table
    from jixiao.importers.xlsfile import read_xls

    return [r.cells for b in read_xls(path).blocks if isinstance(b, Table) for r in b.rows]


def _calamine(path: Path) -> Grid:
    from python_calamine import CalamineWorkbook

    from jixiao.importers.xlsxfile import cell_text

    book = CalamineWorkbook.from_path(str(path))
    out: Grid = []
    for name in book.sheet_names:
        sheet = book.get_sheet_by_name(name)
        values: list[list[Any]] = sheet.to_python(skip_empty_area=False)
        for (r1, c1), (r2, c2) in sheet.merged_cell_ranges or []:
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    if (r, c) != (r1, c1) and r < len(values) and c < len(values[r]):
                        values[r][c] = ""
        out += [tuple(cell_text(v if v != "" else None) for v in row) for row in values
                if sum(1 for v in row if v not in ("", None)) > 1]  # table rows, as the importer cuts them
    return out


def _score(found: Grid, expected: Grid) -> tuple[int, int]:
    want = [r for r in expected if sum(1 for c in r if c) > 1]
    right = sum(1 for a, b in zip(found, want, strict=False) for x, y in zip(a, b, strict=False) if x == y and y)
    return right, sum(1 for r in want for c in r if c)


def main(argv: list[str] | None = None) -> None:
    argparse.ArgumentParser(description=__doc__.split("\n")[0]).parse_args(argv)
    from tests.importers.forms.containers import write_xls
    from tests.importers.forms.layouts import ALL, Form, expected_rows, split_table

    readers: dict[str, Callable[[Path], Grid]] = {"xlrd": _xlrd, "python-calamine": _calamine}
    forms: list[Form] = [build() for build in ALL] + [split_table(2000)]
    forms[-1].name = "split-2000"
    totals = {name: [0, 0] for name in readers}
    print("| 文件 | 读取库 | 单元格正确 | 中位用时 |\n|---|---|---:|---:|")
    with tempfile.TemporaryDirectory() as temp:
        for form in forms:
            path = write_xls(form, Path(temp) / f"{form.name}.xls")
            expected = [r for t in form.tables() for r in expected_rows(t)]
            for name, read in readers.items():
                times = []
                for _ in range(5):
                    start = time.perf_counter()
                    found = read(path)
                    times.append(time.perf_counter() - start)
                right, total = _score(found, expected)
                totals[name][0] += right
                totals[name][1] += total
                print(f"| {form.name} | {name} | {right}/{total} | {statistics.median(times) * 1000:.1f} ms |")
    for name, (right, total) in totals.items():
        print(f"| 合计 | {name} | {right}/{total} = {100 * right / total:.1f}% | |")


if __name__ == "__main__":
    main()
