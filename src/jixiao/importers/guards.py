"""Limits that keep a hostile or broken document from hanging the importer or exhausting memory.

Owns the checks made before a library parses a file: a ZIP container (.docx/.xlsx) is refused when
its members are too many, when one member or all of them together would unpack beyond the limits,
or when a member packs far tighter than real content does (a zip bomb); every XML member is refused
when it declares a DTD (entity expansion, external entities: Office files never carry one). An old
binary .xls is refused when its records declare more cells, a wider sheet or more merged area than
any form has (one number at row 65536, column 256 would make a grid of 16.7 million cells). A .docx
body is refused when it holds far more paragraphs or table cells than a report (counted while unpacking,
stopping at the limit). Python's
``zipfile`` never unpacks a member beyond the size its directory declares, so the declared sizes
bound the memory the readers use. The limits are generous for real reports (a self-evaluation form
is a few hundred kilobytes). Raises :class:`Refused` with a Chinese reason.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

MB = 1024 * 1024
MAX_MEMBERS = 2000
MAX_MEMBER = 40 * MB
MAX_TOTAL = 120 * MB
MAX_RATIO = 200  # unpacked / packed, for members over 1 MB
MAX_SHEET_XML = 16 * MB  # openpyxl needs about 20 times the XML in memory
MAX_PAGES = 500
MAX_FILE = 200 * MB
MAX_NESTING = 8
_PROLOG = 64 * 1024
_START_TAG = re.compile(r"<[A-Za-z_]")
_DTD = re.compile(r"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


class Refused(Exception):
    """A file this importer will not read, with the Chinese reason (and which code says it)."""

    def __init__(self, reason: str, code: str = "JX-I016") -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


def _mb(size: int) -> str:
    return f"{size / MB:.0f} MB" if size >= MB else f"{size / 1024:.0f} KB"


def check_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE:
        raise Refused(f"文件有 {_mb(size)}，超过 {_mb(MAX_FILE)} 的上限")


def _prolog_declares_dtd(data: bytes) -> bool:
    """Whether the XML before the root element declares a DTD (in UTF-8 or UTF-16)."""
    for codec in ("utf-16", "utf-8") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8",):
        text = data.decode(codec, errors="ignore")
        start = _START_TAG.search(text)
        if _DTD.search(text[: start.start() if start else len(text)]):
            return True
    return False


def check_zip(path: Path, sheet_prefix: str = "xl/worksheets/") -> None:
    """Refuse a .docx/.xlsx whose members would unpack too large, too many, or carry a DTD."""
    check_size(path)
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise Refused(f"压缩包内有 {len(members)} 个文件，超过 {MAX_MEMBERS} 个的上限")
        total = sum(info.file_size for info in members)
        if total > MAX_TOTAL:
            raise Refused(f"压缩包解压后共 {_mb(total)}，超过 {_mb(MAX_TOTAL)} 的上限，疑似“压缩炸弹”")
        sheets = sum(info.file_size for info in members if info.filename.startswith(sheet_prefix))
        if sheets > MAX_SHEET_XML:
            raise Refused(f"工作表数据解压后共 {_mb(sheets)}，超过 {_mb(MAX_SHEET_XML)} 的上限")
        for info in members:
            if info.file_size > MAX_MEMBER:
                raise Refused(f"其中的 {info.filename} 解压后有 {_mb(info.file_size)}，超过单个文件 "
                              f"{_mb(MAX_MEMBER)} 的上限（如是大图片，请压缩或删去后再导入）")
            if info.file_size > MB and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise Refused(f"其中的 {info.filename} 压缩比异常（{_mb(info.compress_size)} 解压为 "
                              f"{_mb(info.file_size)}），疑似“压缩炸弹”")
        for info in members:
            if info.filename.lower().endswith((".xml", ".rels", ".vml")):
                with archive.open(info) as member:
                    if _prolog_declares_dtd(member.read(_PROLOG)):
                        raise Refused(f"其中的 {info.filename} 含有 DTD 或实体声明（Office 文档不会有），"
                                      "为安全起见未读取", code="JX-I017")


MAX_XLS = 50 * MB
MAX_CELLS = 200_000  # cell records in one workbook; a self-evaluation form has a few hundred
MAX_AREA = 1_000_000  # rows x columns of one sheet, as the reader lays its grid out
MAX_MERGED = 100_000  # cells covered by merged ranges in one workbook
_CELL_RECORDS = frozenset({0x0006, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E})  # FORMULA … RK
_MULTI_RECORDS = frozenset({0x00BD, 0x00BE})  # MULRK, MULBLANK: several cells in one record
_BOF, _MERGED = 0x0809, 0x00E5


def _workbook_stream(path: Path) -> bytes:
    from xlrd.compdoc import CompDoc, CompDocError

    class _Silent:
        def write(self, text: str) -> int:
            return len(text)

    try:
        doc = CompDoc(path.read_bytes(), logfile=_Silent())
        for name in ("Workbook", "Book"):
            stream = doc.get_named_stream(name)
            if stream is not None:
                return bytes(stream)
    except CompDocError as err:
        raise Refused(f"复合文档结构损坏（{err}）", code="JX-I018") from err
    raise Refused("文件里没有 Excel 工作簿数据", code="JX-I018")


def check_xls(path: Path) -> None:
    """Refuse an .xls whose records declare more cells, a larger sheet or more merged area than a form has.

    Walks the BIFF records of the workbook stream (four bytes of header each, no parsing beyond the
    row and column numbers), so the count costs one pass over a file already bounded in size.
    """
    size = path.stat().st_size
    if size > MAX_XLS:
        raise Refused(f"文件有 {_mb(size)}，超过 .xls 文件 {_mb(MAX_XLS)} 的上限")
    data = _workbook_stream(path)
    cells = rows = cols = merged = 0
    pos, end = 0, len(data)
    while pos + 4 <= end:
        kind = data[pos] | data[pos + 1] << 8
        length = data[pos + 2] | data[pos + 3] << 8
        body = data[pos + 4: pos + 4 + length]
        pos += 4 + length
        if kind == _BOF:
            rows = cols = 0
        elif kind in _CELL_RECORDS and length >= 4:
            cells += 1
            rows, cols = max(rows, int.from_bytes(body[0:2], "little") + 1), \
                max(cols, int.from_bytes(body[2:4], "little") + 1)
        elif kind in _MULTI_RECORDS and length >= 6:
            first, last = int.from_bytes(body[2:4], "little"), int.from_bytes(body[-2:], "little")
            cells += max(last - first + 1, 0)
            rows, cols = max(rows, int.from_bytes(body[0:2], "little") + 1), max(cols, last + 1)
        elif kind == _MERGED and length >= 2:
            for at in range(2, length - 7, 8):
                r1, r2, c1, c2 = (int.from_bytes(body[at + i: at + i + 2], "little") for i in (0, 2, 4, 6))
                merged += max(r2 - r1 + 1, 0) * max(c2 - c1 + 1, 0)
        if cells > MAX_CELLS:
            raise Refused(f"工作簿的单元格超过 {MAX_CELLS} 个，不像绩效自评表（疑似超大工作表）")
        if rows * cols > MAX_AREA:
            raise Refused(f"工作表范围达到 {rows} 行 × {cols} 列，超过 {MAX_AREA} 格的上限（疑似超大工作表）")
        if merged > MAX_MERGED:
            raise Refused(f"合并单元格共覆盖 {merged} 格，超过 {MAX_MERGED} 格的上限（疑似超大工作表）")


MAX_PARAGRAPHS = 20_000  # a 100-page report has about 2,000
MAX_TABLE_CELLS = 50_000  # a self-evaluation form has under 2,000
_PARAGRAPH_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?tc[\s/>]")


def check_docx_body(path: Path) -> None:
    """Refuse a .docx whose body holds far more paragraphs or table cells than any report (python-docx
    reads about 2,500 paragraphs a second: 300,000 of them, 35 MB of XML in a 10 MB file, took minutes).

    Counts the tags while unpacking ``word/document.xml`` a megabyte at a time and stops at the limit,
    so a huge body is refused after reading only as much of it as the limit allows."""
    paragraphs = cells = 0
    keep = 64  # bytes carried over so a tag cut by a chunk boundary is counted once, in the next round
    with zipfile.ZipFile(path) as archive:
        try:
            member = archive.open("word/document.xml")
        except KeyError:
            return  # python-docx says what is missing
        with member:
            carried = b""
            while True:
                chunk = member.read(MB)
                data = carried + chunk
                end = len(data) - keep if chunk else len(data)
                paragraphs += sum(1 for m in _PARAGRAPH_TAG.finditer(data, 0, len(data)) if m.start() < end)
                cells += sum(1 for m in _CELL_TAG.finditer(data, 0, len(data)) if m.start() < end)
                if paragraphs > MAX_PARAGRAPHS:
                    raise Refused(f"正文的段落超过 {MAX_PARAGRAPHS} 个的上限（自评报告通常不到 2,000 段）")
                if cells > MAX_TABLE_CELLS:
                    raise Refused(f"表格的单元格超过 {MAX_TABLE_CELLS} 个的上限（自评表通常不到 2,000 格）")
                if not chunk:
                    return
                carried = data[end:]
