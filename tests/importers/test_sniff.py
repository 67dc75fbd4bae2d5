"""Files are told apart by their content: the extension never decides the reader."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from jixiao.importers.sniff import HEAD, Kind, sniff
from tests.importers.forms.containers import write_docx, write_html, write_pdf, write_xlsx
from tests.importers.forms.layouts import mof_project


def kind_of(path: Path) -> Kind:
    return sniff(path, path.read_bytes()[:HEAD])


@pytest.mark.parametrize(("writer", "kind"), [(write_docx, Kind.DOCX), (write_xlsx, Kind.XLSX),
                                              (write_pdf, Kind.PDF), (write_html, Kind.HTML)])
def test_each_container_is_known_under_a_wrong_name(tmp_path: Path, writer: object, kind: Kind) -> None:
    path = writer(mof_project(), tmp_path / "report.txt")  # type: ignore[operator]
    assert kind_of(path) is kind


@pytest.mark.parametrize(("data", "kind"), [
    (b"", Kind.EMPTY), (b" \r\n\t ", Kind.EMPTY), (b"\xef\xbb\xbf", Kind.EMPTY),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), Kind.OLE),
    ("一、部门基本情况\n".encode("gb18030"), Kind.TEXT), ("<p>项目</p><table>".encode(), Kind.HTML),
    (b"\x89PNG\r\n\x1a\n", Kind.UNKNOWN), (b"{\\rtf1\\ansi", Kind.UNKNOWN), (bytes(range(256)), Kind.UNKNOWN),
    (b"<!DOCTYPE html><html>", Kind.HTML), (b"\n%PDF-1.4", Kind.PDF),
])
def test_signatures(tmp_path: Path, data: bytes, kind: Kind) -> None:
    path = tmp_path / "file.docx"
    path.write_bytes(data)
    assert kind_of(path) is kind


def test_a_zip_that_is_no_office_file_is_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("report.pdf", b"%PDF-1.4")
    assert kind_of(path) is Kind.ZIP
