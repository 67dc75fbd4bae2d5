"""PDF files with a text layer read into the same rows as the form's grid; scans and locked files refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.importers.document import Document, Paragraph, Table
from jixiao.importers.guards import Refused
from jixiao.importers.pdffile import read_pdf
from jixiao.importers.run import import_file
from tests.importers.forms.containers import write_pdf, write_scan
from tests.importers.forms.layouts import (
    ALL,
    Form,
    awkward,
    expected_rows,
    mof_project,
    page_headers,
    repeated_header,
    split_table,
)


def filled_rows(table: Table) -> list[tuple[str, ...]]:
    return [r.cells for r in table.rows if any(r.cells)]


def tables(document: Document) -> list[Table]:
    return [b for b in document.blocks if isinstance(b, Table)]


@pytest.mark.parametrize("build", ALL, ids=lambda b: b.__name__)
def test_every_cell_is_read_in_its_grid_position(tmp_path: Path, build: object) -> None:
    form: Form = build()  # type: ignore[operator]
    document = read_pdf(write_pdf(form, tmp_path / "form.pdf"))
    (table,) = tables(document)
    assert filled_rows(table) == [r for r in expected_rows(form.tables()[0]) if any(r)]


def test_a_table_split_over_pages_is_one_table_and_page_numbers_are_furniture(tmp_path: Path) -> None:
    form = split_table()
    document = read_pdf(write_pdf(form, tmp_path / "split.pdf", page_numbers=True))
    assert len(tables(document)) == 1
    assert [p.text for p in document.furniture] == ["第 1 页", "第 2 页"]
    assert document.furniture[1].pos.label.startswith("第 2 页")


def test_a_header_repeated_on_every_page_stays_in_the_table(tmp_path: Path) -> None:
    """Word's repeated title row is printed at the top of each following page: it is a row of the one
    table (the reader drops it as a repeated header), not loose text between two tables."""
    form = page_headers()
    document = read_pdf(write_pdf(form, tmp_path / "headers.pdf"))
    (table,) = tables(document)
    header = expected_rows(form.tables()[0])[form.repeat or 0]
    assert sum(1 for r in table.rows if r.cells == header) == 2  # its own place, and the top of page 2
    assert filled_rows(table)[-2][0] == "总分"


def test_a_continuation_whose_merged_cells_hide_rules_is_matched_by_its_rules(tmp_path: Path) -> None:
    """The last page holds only 总分 and 评价结论, whose merged cells leave fewer columns: the rows go on
    the columns of the table above, found by their rules, and the table stays one."""
    form = repeated_header()
    document = read_pdf(write_pdf(form, tmp_path / "repeated.pdf"))
    (table,) = tables(document)
    assert filled_rows(table) == [r for r in expected_rows(form.tables()[0]) if any(r)]
    assert table.rows[-2].pos.label.startswith("第 3 页")  # the continuation did go onto a third page


@pytest.mark.parametrize("rotate", [90, 270])
def test_a_rotated_landscape_page_reads_the_same(tmp_path: Path, rotate: int) -> None:
    form = awkward()
    document = read_pdf(write_pdf(form, tmp_path / "rotated.pdf", rotate=rotate))
    (table,) = tables(document)
    assert filled_rows(table) == [r for r in expected_rows(form.tables()[0]) if any(r)]


def test_text_around_the_table_is_paragraphs_in_reading_order(tmp_path: Path) -> None:
    document = read_pdf(write_pdf(awkward(), tmp_path / "awkward.pdf"))
    kinds = [b.text if isinstance(b, Paragraph) else "TABLE" for b in document.blocks]
    assert kinds == ["项目支出绩效自评表", "（2023年度）", "TABLE", "注：执行率=全年执行数÷全年预算数；得分=分值×执行率。"]


def test_cells_wrapped_over_lines_are_joined_without_spaces(tmp_path: Path) -> None:
    """Narrow columns wrap '10' and Chinese reasons over lines; the text is read as printed."""
    (table,) = tables(read_pdf(write_pdf(mof_project(), tmp_path / "form.pdf")))
    row = next(r for r in table.rows if r.cells[3] == "资金支付完成率100%")
    assert row.cells[6:] == ("15", "13", "部分资金年底未支付")


def test_a_scan_is_refused_with_the_ocr_hint(tmp_path: Path) -> None:
    path = write_scan(tmp_path / "scan.pdf", pages=2)
    with pytest.raises(Refused) as refused:
        read_pdf(path)
    assert refused.value.code == "JX-I011"
    result = import_file(path, "scan.pdf", tmp_path / "content")
    assert [f.code for f in result.findings] == ["JX-I011"] and not result.written
    assert "ocrmypdf -l chi_sim" in result.findings[0].message


def test_a_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    path = write_pdf(mof_project(), tmp_path / "locked.pdf", password="secret")
    result = import_file(path, "locked.pdf", tmp_path / "content")
    assert [f.code for f in result.findings] == ["JX-I012"] and not result.written


def test_a_damaged_pdf_is_a_coded_finding(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << >>\n%%EOF")
    result = import_file(path, "broken.pdf", tmp_path / "content")
    assert [f.code for f in result.findings] in (["JX-I018"], ["JX-I011"]) and not result.written


def reference_form() -> Form:
    """The reference report (its Word text export) as a form: paragraphs and its tables, cells as printed."""
    from tests.conftest import seed_path
    from tests.importers.docx_builder import _blocks

    blocks: list[str | list[list[str]]] = []
    for block in _blocks(seed_path().read_text(encoding="utf-8")):
        if isinstance(block, str):
            blocks.append(block)
        else:
            width = max(len(r) for r in block)
            blocks.append([r + [""] * (width - len(r)) for r in block])
    return Form("reference", blocks)


def test_reference_pdf_imports_to_the_example(tmp_path: Path) -> None:
    """Wrapped prose lines rejoin, every table is found: the same report as the text export gives."""
    from jixiao.load.content import load_content
    from tests.importers.compare import differences, plain
    from tests.importers.test_run import DOCUMENTED_DIFFERENCES, example, imported_content

    path = write_pdf(reference_form(), tmp_path / "report.pdf", page_numbers=True)
    out = imported_content(tmp_path, path, dept="datong-zonggonghui", year=2021)
    loaded = load_content(out, "content")
    assert [f.format() for f in loaded.findings] == []
    (report,) = loaded.corpus.reports
    assert set(differences(plain(report), plain(example()))) == DOCUMENTED_DIFFERENCES
