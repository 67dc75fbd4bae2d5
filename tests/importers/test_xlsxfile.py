"""Excel workbooks read into the form's grid: merged cells resolved, numbers printed as the cells show them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from jixiao.importers.document import Paragraph, Table
from jixiao.importers.run import import_file
from jixiao.importers.xlsxfile import cell_text, read_xlsx
from tests.importers.forms.containers import write_xlsx
from tests.importers.forms.layouts import ALL, Form, awkward, expected_rows


@pytest.mark.parametrize("build", ALL, ids=lambda b: b.__name__)
def test_every_cell_is_read_in_its_grid_position(tmp_path: Path, build: object) -> None:
    form: Form = build()  # type: ignore[operator]
    document = read_xlsx(write_xlsx(form, tmp_path / "form.xlsx"))
    (table,) = [b for b in document.blocks if isinstance(b, Table)]
    assert [r.cells for r in table.rows] == [r for r in expected_rows(form.tables()[0]) if any(r)]


def test_rows_around_the_table_are_paragraphs_with_their_sheet_and_row(tmp_path: Path) -> None:
    document = read_xlsx(write_xlsx(awkward(), tmp_path / "form.xlsx"))
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph)]
    assert [p.text for p in paragraphs] == ["项目支出绩效自评表", "（2023年度）", "注：执行率=全年执行数÷全年预算数；得分=分值×执行率。"]
    assert paragraphs[0].pos.label == "工作表“自评表”第 1 行"


@pytest.mark.parametrize(("value", "fmt", "shown"), [
    (108.5, "General", "108.5"), (108.5, "0.00", "108.50"), (0.9, "0.00%", "90.00%"), (0.955, "0%", "96%"),
    (12000, "General", "12000"), (0.1 + 0.2, "General", "0.30000000000000004"), (3.0, "General", "3"),
    ("≥90%", "General", "≥90%"), (None, "General", ""), (dt.datetime(2023, 12, 31), "yyyy-mm-dd", "2023-12-31"),
])
def test_cell_text_is_what_the_cell_shows(value: object, fmt: str, shown: str) -> None:
    assert cell_text(value, fmt) == shown


def test_two_tables_on_one_sheet_are_two_tables(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["项目名称", "甲"])
    sheet.append([])
    sheet.append([])
    sheet.append(["项目名称", "乙"])
    book.save(tmp_path / "two.xlsx")
    document = read_xlsx(tmp_path / "two.xlsx")
    assert [[r.cells for r in b.rows] for b in document.blocks if isinstance(b, Table)] == [
        [("项目名称", "甲")], [("项目名称", "乙")]]


def test_a_renamed_xlsx_is_read_by_its_content(tmp_path: Path) -> None:
    path = write_xlsx(awkward(), tmp_path / "report-2023.pdf")
    result = import_file(path, path.name, tmp_path / "content", dept="edu")
    (part,) = result.parts  # read as a workbook holding one project table, not refused as a PDF
    assert part.written and not [f for f in part.findings if f.code in {"JX-I002", "JX-I018"}]
