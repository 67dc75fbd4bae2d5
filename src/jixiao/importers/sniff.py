"""Which reader a file needs, told by its first bytes (and a ZIP's member names), not its extension.

Owns the content sniffing: ``%PDF-`` is a PDF; a ZIP holding ``word/document.xml`` is a Word .docx and
one holding ``xl/workbook.xml`` an Excel .xlsx (any other ZIP is refused as such); the OLE2 signature
is an old binary Excel workbook (.xls/.et) when its directory holds a ``Workbook`` stream, else an
old binary Office file (.doc/.wps); a page starting with a doctype or ``<html``, or with a
``<table`` near its start, is HTML; empty or blank files are empty; anything else that decodes is
text. The extension only names the old binary kind in the message. Never raises.
"""

from __future__ import annotations

import re
import zipfile
from enum import StrEnum
from pathlib import Path

from jixiao.importers.textfile import decode

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_HTML = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|"
                   rb"meta[\s>]|table[\s>])", re.IGNORECASE | re.DOTALL)
_BINARY = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"{\\rtf", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"BM")
_TABLE = re.compile(rb"<table[\s>]", re.IGNORECASE)
HEAD = 8192


class Kind(StrEnum):
    DOCX = "docx"
    XLSX = "xlsx"
    XLS = "xls"  # Excel 97-2003 (BIFF8) or WPS spreadsheet
    PDF = "pdf"
    HTML = "html"
    TEXT = "text"
    EMPTY = "empty"
    OLE = "ole"  # old binary Word/Excel/WPS
    ZIP = "zip"  # a ZIP that is no Office Open XML document
    UNKNOWN = "unknown"


LABELS = {Kind.DOCX: "Word 文档", Kind.XLSX: "Excel 表格", Kind.XLS: "Excel 97-2003 表格", Kind.PDF: "PDF 文件", Kind.HTML: "网页",
          Kind.TEXT: "文本文件"}


def _zip_kind(path: Path) -> Kind:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return Kind.DOCX if path.suffix.lower() == ".docx" else Kind.ZIP  # damaged: the reader says so
    if "word/document.xml" in names:
        return Kind.DOCX
    if "xl/workbook.xml" in names:
        return Kind.XLSX
    return Kind.ZIP


def _ole_kind(path: Path) -> Kind:
    """An OLE2 compound file holding a ``Workbook`` (or BIFF5 ``Book``) stream is an .xls workbook."""
    from jixiao.importers.guards import MAX_XLS

    try:
        if path.stat().st_size > MAX_XLS:
            return Kind.XLS if path.suffix.lower() in {".xls", ".et"} else Kind.OLE  # the reader refuses it
        from xlrd.compdoc import CompDoc

        doc = CompDoc(path.read_bytes(), logfile=_Silent())
        names = {getattr(node, "name", "") for node in doc.dirlist}
    except Exception:  # a damaged directory: the extension decides, the reader reports
        return Kind.XLS if path.suffix.lower() in {".xls", ".et"} else Kind.OLE
    return Kind.XLS if names & {"Workbook", "Book"} else Kind.OLE


class _Silent:
    def write(self, text: str) -> int:
        return len(text)


def sniff(path: Path, head: bytes) -> Kind:
    """The kind of the file at ``path`` whose first bytes (up to :data:`HEAD`) are ``head``."""
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        return Kind.EMPTY
    if head.startswith(_OLE[:4]):
        return _ole_kind(path)
    if head.startswith(_ZIP):
        return _zip_kind(path)
    if b"%PDF-" in head[:1024]:
        return Kind.PDF
    if head.startswith(_BINARY):
        return Kind.UNKNOWN
    decoded = decode(head) or decode(head[:-3]) or decode(head[:-1]) or decode(head[:-2])
    if decoded is None:
        return Kind.UNKNOWN
    text = decoded[0].encode("utf-8", "replace")
    if _HTML.match(text) or _TABLE.search(text[:2048]):
        return Kind.HTML
    if "\x00" in decoded[0] or not decoded[0].strip():
        return Kind.UNKNOWN
    return Kind.TEXT
