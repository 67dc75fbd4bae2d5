"""Hostile and unreadable documents end in one coded finding, never a crash, a hang or a traceback.

The files are built here, small on disk (the zip bombs declare gigabytes in kilobytes); how fast and
how small the refusals are is measured by ``benchmarks/hostile_import.py`` (docs/security.md).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from jixiao.cli import cli
from jixiao.importers.run import import_file
from tests.importers.forms import hostile
from tests.importers.forms.containers import write_docx
from tests.importers.forms.layouts import mof_project

CASES: dict[str, tuple[Callable[[Path], Path], str, str]] = {
    "docx zip bomb": (hostile.docx_zip_bomb, "JX-I016", "压缩炸弹"),
    "xlsx zip bomb": (hostile.xlsx_zip_bomb, "JX-I016", "压缩炸弹"),
    "docx entity expansion": (hostile.docx_entities, "JX-I017", "DTD"),
    "docx external entity": (lambda f: hostile.docx_entities(f, external=True), "JX-I017", "DTD"),
    "xlsx entity expansion": (hostile.xlsx_entities, "JX-I017", "DTD"),
    "xlsx external entity": (lambda f: hostile.xlsx_entities(f, external=True), "JX-I017", "DTD"),
    "100 MB picture in a docx": (hostile.docx_big_picture, "JX-I016", "100 MB"),
    "docx tables nested 50 deep": (hostile.docx_nested, "JX-I016", "嵌套"),
    "html tables nested 50 deep": (hostile.html_nested, "JX-I016", "嵌套"),
    "2,000-page PDF": (hostile.pdf_many_pages, "JX-I016", "2000 页"),
    "xls with a cell at row 65536, column 256": (hostile.xls_far_cell, "JX-I016", "超大工作表"),
    "xls with 300,000 cells": (hostile.xls_many_cells, "JX-I016", "超大工作表"),
    "xls merged over the whole sheet": (hostile.xls_huge_merge, "JX-I016", "合并单元格"),
    "xls of 60 MB": (hostile.xls_oversized, "JX-I016", "50 MB"),
    "xlsx with a cell at XFD1048576": (hostile.xlsx_far_cell, "JX-I016", "超大工作表"),
    "html rowspan/colspan over 100 million positions": (hostile.html_spans, "JX-I016", "超大表格"),
    "docx with 30,000 paragraphs": (hostile.docx_many_paragraphs, "JX-I016", "段落"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_hostile_documents_are_refused_with_a_code(tmp_path: Path, case: str) -> None:
    build, code, words = CASES[case]
    path = build(tmp_path)
    result = import_file(path, path.name, tmp_path / "content", dept="edu", year=2023)
    assert [f.code for f in result.findings] == [code] and not result.written
    assert words in result.findings[0].message


def test_a_looping_content_stream_is_cut_and_what_it_printed_is_reported(tmp_path: Path) -> None:
    """pdfminer refuses to run a form that draws itself; the page's text still arrives (unplaced by the
    assembler) and, being no report, the file is listed as such with its first line."""
    from jixiao.importers.assemble import assemble
    from jixiao.importers.run import read_document

    path = hostile.pdf_looping_content(tmp_path)
    document, _ = read_document(path, path.name)
    assert document is not None and [u.text for u in assemble(document).unplaced] == ["loop"]
    result = import_file(path, path.name, tmp_path / "content", dept="edu", year=2023)
    assert [f.code for f in result.findings] == ["JX-I019"] and "开头：loop" in result.findings[0].message
    assert not result.written


def test_the_external_entity_is_never_read(tmp_path: Path) -> None:
    path = hostile.docx_entities(tmp_path, external=True)
    result = import_file(path, path.name, tmp_path / "content", dept="edu", year=2023)
    assert "root:" not in " ".join(f.message for f in result.findings)


@pytest.mark.parametrize(("name", "data", "code"), [
    ("empty.docx", b"", "JX-I013"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "JX-I014"),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "JX-I018"),  # read as .xls: damaged
    ("photo.pdf", b"\x89PNG\r\n\x1a\n" + bytes(64), "JX-I002"),
])
def test_unreadable_files_exit_1_with_a_chinese_message_and_no_traceback(tmp_path: Path, name: str, data: bytes,
                                                                         code: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    run = CliRunner().invoke(cli, ["import", str(path), "--out", str(tmp_path / "content"), "--dept", "edu"])
    assert run.exit_code == 1, run.output
    assert f"[{code}]" in run.output and "Traceback" not in run.output


def test_a_renamed_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("报告.pdf", b"%PDF-1.4")
    result = import_file(path, path.name, tmp_path / "content", dept="edu", year=2023)
    assert [f.code for f in result.findings] == ["JX-I015"]


def test_a_damaged_old_binary_file_named_xls_is_read_as_a_workbook_and_reported_damaged(tmp_path: Path) -> None:
    """.xls files are read now (xlrd); one too damaged to name its streams is a damaged workbook."""
    path = tmp_path / "表.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    (finding,) = import_file(path, path.name, tmp_path / "content").findings
    assert finding.code == "JX-I018" and "Excel 97-2003" in finding.message


def test_a_real_docx_passes_the_guards(tmp_path: Path) -> None:
    path = write_docx(mof_project(), tmp_path / "form.docx")
    result = import_file(path, path.name, tmp_path / "content", dept="edu", year=2023)
    assert not [f for f in result.findings if f.code in {"JX-I016", "JX-I017", "JX-I004"}]
