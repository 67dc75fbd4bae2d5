"""The site-wide tables written row by row (``jixiao assemble``) have the bytes of the in-memory writers.

The rows come from a one-shot generator, as they come back from the assembly's scratch file; the table
is longer than the rows that set the XLSX column widths, and a row after those is wider, so the widths
must still come from the first rows only.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from jixiao.opendata.tables import (
    INDICATOR_COLUMNS,
    Cell,
    Table,
    csv_bytes,
    csv_rows,
    indicators_table_of,
    write_csv,
)
from jixiao.opendata.xlsx import WIDTH_ROWS, stream_xlsx, write_xlsx, xlsx_bytes
from jixiao.sitegen.tablerows import SpilledRows


def _rows(count: int) -> list[tuple[Cell, ...]]:
    rows = []
    for n in range(count):
        cells: list[Cell] = [f"单位{n % 7}", f"部门，含逗号与\"引号\" {n}", 2020 + n % 4]
        cells += [Decimal(n) / Decimal(8) if n % 3 else None, n, ""]
        cells += ["很长的说明" * 30 if n == WIDTH_ROWS + 100 else f"第{n}行"]
        rows.append(tuple((cells * 4)[:len(INDICATOR_COLUMNS)]))
    return rows


def _once(rows: list[tuple[Cell, ...]]) -> Iterator[tuple[Cell, ...]]:
    yield from rows


def test_streamed_csv_and_xlsx_equal_the_in_memory_bytes(tmp_path: Path) -> None:
    """CSV (BOM, CRLF, quoting) and XLSX (widths from the first rows, numbers, empty cells, fixed dates)."""
    rows = _rows(WIDTH_ROWS + 300)
    table: Table = indicators_table_of(tuple(rows))
    write_csv(table.columns, _once(rows), tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_bytes() == csv_bytes(table)
    write_xlsx(table.columns, _once(rows), "绩效指标明细", tmp_path / "t.xlsx")
    assert (tmp_path / "t.xlsx").read_bytes() == xlsx_bytes(table, "绩效指标明细")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv", "t.xlsx"]  # the raw workbook is gone
    with zipfile.ZipFile(tmp_path / "t.xlsx") as book:
        assert book.testzip() is None


def test_xlsx_streamed_with_the_fast_rows_equals_the_in_memory_bytes(tmp_path: Path) -> None:
    """``stream_xlsx`` (each row's text to a scratch file, copied into the sheet in blocks) gives the bytes of
    ``xlsx_bytes``, its fast path's and (a cell xlsxwriter handles itself, after the first rows) its cell by
    cell path's; no scratch file is left; an empty table too."""
    rows = _rows(WIDTH_ROWS + 2_300)
    table: Table = indicators_table_of(tuple(rows))
    seen: list[tuple[Cell, ...]] = []
    assert stream_xlsx(table.columns, lambda: _once(rows), "绩效指标明细", tmp_path / "t.xlsx", seen.append)
    assert (tmp_path / "t.xlsx").read_bytes() == xlsx_bytes(table, "绩效指标明细")
    assert seen == rows  # every row once, in order, in the pass that wrote the sheet
    odd = [*rows, (rows[0][0], "<r>rich</r>", *rows[0][2:])]
    assert not stream_xlsx(table.columns, lambda: _once(odd), "绩效指标明细", tmp_path / "odd.xlsx", seen.append)
    assert (tmp_path / "odd.xlsx").read_bytes() == xlsx_bytes(indicators_table_of(tuple(odd)), "绩效指标明细")
    stream_xlsx(table.columns, lambda: _once([]), "绩效指标明细", tmp_path / "empty.xlsx")
    assert (tmp_path / "empty.xlsx").read_bytes() == xlsx_bytes(indicators_table_of(()), "绩效指标明细")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.xlsx", "odd.xlsx", "t.xlsx"]
    with zipfile.ZipFile(tmp_path / "t.xlsx") as book:
        assert book.testzip() is None


def test_the_csv_written_in_the_sheets_pass_equals_the_in_memory_bytes(tmp_path: Path) -> None:
    """``csv_rows`` fed by ``stream_xlsx`` as it writes the sheet gives the bytes of ``csv_bytes``."""
    rows = _rows(WIDTH_ROWS + 300)
    table: Table = indicators_table_of(tuple(rows))
    with (tmp_path / "t.csv").open("w", encoding="utf-8-sig", newline="") as out:
        assert stream_xlsx(table.columns, lambda: _once(rows), "绩效指标明细", tmp_path / "t.xlsx",
                           csv_rows(table.columns, out))
    assert (tmp_path / "t.csv").read_bytes() == csv_bytes(table)


def test_spilled_rows_come_back_in_the_whole_sites_order(tmp_path: Path) -> None:
    """Handed over shard by shard (keys interleaved), read back by report key and department slug, twice."""
    spilled = SpilledRows(tmp_path)
    spilled.report(("b-dept", 2022, ""), (("b", 2022),))
    spilled.department("b-dept", (("lineage b",),))
    spilled.report(("a-dept", 2023, ""), (("a", 2023), ("a", 2023, "second")))
    spilled.report(("a-dept", 2021, "xiangmu"), ())
    spilled.report(("a-dept", 2021, ""), (("a", 2021),))
    spilled.department("a-dept", (("lineage a",), ("lineage a", 2)))
    expected = [("a", 2021), ("a", 2023), ("a", 2023, "second"), ("b", 2022)]
    assert list(spilled.indicators()) == expected
    assert list(spilled.indicators()) == expected
    assert list(spilled.lineage()) == [("lineage a",), ("lineage a", 2), ("lineage b",)]
    assert spilled.folder == tmp_path
    spilled.close()
    assert list(tmp_path.iterdir()) == []
