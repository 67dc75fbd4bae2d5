"""Limits that keep a hostile or broken document from hanging the importer or exhausting memory.

Owns the checks made before a library parses a file: a ZIP container (.docx/.xlsx) is refused when
its members are too many, when one member or all of them together would unpack beyond the limits,
or when a member packs far tighter than real content does (a zip bomb); every XML member is refused
when it declares a DTD (entity expansion, external entities: Office files never carry one). Python's
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
