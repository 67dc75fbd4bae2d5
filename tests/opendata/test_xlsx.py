"""Workbooks: the data rows written as text give the same bytes as xlsxwriter writing every cell."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from jixiao.check import check
from jixiao.opendata import package
from jixiao.opendata.tables import Column, Table
from jixiao.opendata.xlsx import _rows_xml, xlsx_bytes, xlsx_bytes_cell_by_cell
from tests.conftest import CONTENT

COLUMNS = (Column("名称", "string", "名称"), Column("数值", "number", "数值"), Column("说明", "string", "说明"))


def _table(rows: tuple[tuple[object, ...], ...], columns: tuple[Column, ...] = COLUMNS) -> Table:
    return Table("t", "测试", "测试用表", columns, rows)  # type: ignore[arg-type]


EDGES = _table((
    ("甲 & 乙 <丙> \"丁\"", Decimal("93.98"), "  前后空格  "),
    ("控制\x01字符\x1f", 12, "_x0041_ 已是转义的样子"),
    ("", None, ""),  # an empty row: no <row> element
    ("换行\n第二行", Decimal("-0.000001"), "\t制表符"),
    ("大数", Decimal("123456789012345678901234567890"), "零"),
    ("整数", 0, "布尔"),
    ("末行", Decimal("1E+3"), None),
    (None, None, None),  # trailing empty rows: the dimension ends at the last written row
))


def test_edge_cells_give_the_bytes_xlsxwriter_gives() -> None:
    assert _rows_xml(EDGES) is not None
    assert xlsx_bytes(EDGES, "测试") == xlsx_bytes_cell_by_cell(EDGES, "测试")


def test_repeated_strings_give_the_bytes_xlsxwriter_gives_in_every_place() -> None:
    """A string's cell text is worked out once and reused (names and units repeat down a column): every
    repeat, in another column and row, still gives xlsxwriter's bytes."""
    strings = [row[0] for row in EDGES.rows] + [row[2] for row in EDGES.rows]
    again = _table(tuple((a, Decimal(i), b) for i, (a, b) in enumerate(zip(strings, reversed(strings), strict=True))) * 3)
    assert _rows_xml(again) is not None
    assert xlsx_bytes(again, "测试") == xlsx_bytes_cell_by_cell(again, "测试")
    later = _table((*EDGES.rows, ("x" * 20_000, 1, "甲")))  # a special string after repeats: xlsxwriter writes all
    assert _rows_xml(later) is None
    assert xlsx_bytes(later, "测试") == xlsx_bytes_cell_by_cell(later, "测试")


@pytest.mark.parametrize("rows", [(), ((None, None, None),), (("只有一格", None, None),)])
def test_small_and_empty_sheets_have_xlsxwriter_dimensions(rows: tuple[tuple[object, ...], ...]) -> None:
    for columns in (COLUMNS, COLUMNS[:1]):
        table = _table(tuple(r[:len(columns)] for r in rows), columns)
        assert xlsx_bytes(table, "测试") == xlsx_bytes_cell_by_cell(table, "测试")


@pytest.mark.parametrize("odd", ["x" * 20_000, "<r><t>像富文本</t></r>", Decimal("NaN")])
def test_cells_xlsxwriter_treats_specially_are_left_to_it(odd: object) -> None:
    table = _table((("甲", 1, odd),)) if not isinstance(odd, Decimal) else _table((("甲", odd, "乙"),))
    assert _rows_xml(table) is None
    if not isinstance(odd, Decimal):  # xlsxwriter refuses NaN itself (never in a table: values are exact)
        assert xlsx_bytes(table, "测试") == xlsx_bytes_cell_by_cell(table, "测试")


def test_the_example_sites_tables_give_the_same_bytes_and_values(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[Table, str]] = []

    def recording(table: Table, sheet: str) -> bytes:
        seen.append((table, sheet))
        return xlsx_bytes(table, sheet)

    monkeypatch.setattr(package, "xlsx_bytes", recording)
    checked = check(CONTENT, "content")
    package.data_files(checked.reports, checked.corpus.site)
    assert len(seen) >= 3 and any(len(t.rows) > 10 for t, _ in seen)
    for table, sheet in seen:
        data = xlsx_bytes(table, sheet)
        assert data == xlsx_bytes_cell_by_cell(table, sheet), table.name
        cells = list(openpyxl.load_workbook(io.BytesIO(data), read_only=True).active.iter_rows(values_only=True))
        assert len(cells) == 1 + sum(any(v not in (None, "") for v in row) for row in table.rows)
