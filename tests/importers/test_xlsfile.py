"""Old binary Excel 97-2003 workbooks (.xls, written by xlwt as BIFF8) read like .xlsx ones: merged
ranges resolved, numbers printed in the cell's number format, the reference report imported whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jixiao.importers.document import Paragraph, Table
from jixiao.importers.run import import_file
from jixiao.importers.sniff import HEAD, Kind, sniff
from jixiao.importers.xlsfile import read_xls
from tests.importers.forms.containers import write_docx, write_xls, write_xlsx
from tests.importers.forms.layouts import ALL, Form, awkward, expected_rows, mof_project


@pytest.mark.parametrize("build", ALL, ids=lambda b: b.__name__)
def test_every_cell_is_read_in_its_grid_position(tmp_path: Path, build: object) -> None:
    form: Form = build()  # type: ignore[operator]
    document = read_xls(write_xls(form, tmp_path / "form.xls"))
    (table,) = [b for b in document.blocks if isinstance(b, Table)]
    assert [r.cells for r in table.rows] == [r for r in expected_rows(form.tables()[0]) if any(r)]


def test_numbers_print_as_their_cells_show_them(tmp_path: Path) -> None:
    """108.00 stays 108.00 and 90.00% stays 90.00% (stored as 108.0 and 0.9 with formats 0.00, 0.00%)."""
    (table,) = [b for b in read_xls(write_xls(mof_project(), tmp_path / "f.xls")).blocks if isinstance(b, Table)]
    funds = next(r.cells for r in table.rows if r.cells[1] == "年度资金总额")
    assert funds[3:] == ("100.00", "120.00", "108.00", "10", "90.00%", "9.00")


def test_rows_around_the_table_are_paragraphs_with_their_sheet_and_row(tmp_path: Path) -> None:
    document = read_xls(write_xls(awkward(), tmp_path / "form.xls"))
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph)]
    assert [p.text for p in paragraphs] == ["项目支出绩效自评表", "（2023年度）", "注：执行率=全年执行数÷全年预算数；得分=分值×执行率。"]
    assert paragraphs[0].pos.label == "工作表“自评表”第 1 行"


@pytest.mark.parametrize("name", ["report.xls", "report.doc", "report.et", "report"])
def test_a_workbook_is_told_from_a_word_file_by_its_content(tmp_path: Path, name: str) -> None:
    path = write_xls(mof_project(), tmp_path / name)
    with path.open("rb") as handle:
        assert sniff(path, handle.read(HEAD)) is Kind.XLS


def test_an_old_word_file_is_still_refused_with_the_save_as_hint(tmp_path: Path) -> None:
    """A real OLE2 file without a Workbook stream (here: an .xls whose stream is renamed) is not Excel."""
    path = write_xls(mof_project(), tmp_path / "report.doc")
    data = path.read_bytes().replace("Workbook".encode("utf-16-le"), "WordDocu".encode("utf-16-le"))
    path.write_bytes(data)
    result = import_file(path, path.name, tmp_path / "content", dept="edu")
    assert [f.code for f in result.findings] == ["JX-I014"] and not result.written
    assert "另存为 .docx" in result.findings[0].hint


def test_an_xls_imports_to_a_project_table_with_nothing_unplaced(tmp_path: Path) -> None:
    path = write_xls(mof_project(), tmp_path / "edu-2023.xls")
    result = import_file(path, path.name, tmp_path / "content", dept="edu")
    (part,) = result.parts
    assert part.complete and part.draft is not None and not part.draft.unplaced


@pytest.mark.parametrize("writer", [write_xls, write_xlsx], ids=["xls", "xlsx"])
def test_the_reference_report_in_excel_imports_to_the_example(tmp_path: Path, writer: Any) -> None:
    """The overall report pasted into one sheet (paragraphs between its four tables, no blank rows
    around them) gives the same model as its text export."""
    from jixiao.load.content import load_content
    from tests.importers.compare import differences, plain
    from tests.importers.test_pdffile import reference_form
    from tests.importers.test_run import DOCUMENTED_DIFFERENCES, example, imported_content

    path = writer(reference_form(), tmp_path / "report.xls")
    out = imported_content(tmp_path, path, dept="datong-zonggonghui", year=2021)
    loaded = load_content(out, "content")
    assert [f.format() for f in loaded.findings] == []
    (report,) = loaded.corpus.reports
    assert set(differences(plain(report), plain(example()))) == DOCUMENTED_DIFFERENCES


def test_a_docx_renamed_xls_is_read_as_word(tmp_path: Path) -> None:
    path = write_docx(mof_project(), tmp_path / "report.xls")
    (part,) = import_file(path, path.name, tmp_path / "content", dept="edu").parts
    assert part.written
