"""Reading one content file's bytes into text, refusing what an editor must fix first.

Owns the size limit, the encoding rules (UTF-8 with or without BOM; GB18030/GBK named and refused),
NUL bytes, and empty files. Returns the text, or findings and no text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from jixiao.domain.issues import Finding, finding
from jixiao.domain.model import Loc

MAX_BYTES = 2 * 1024 * 1024  # a report's data is tens of KB; 2 MiB leaves room and refuses junk
BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class SourceText:
    """A file's text (BOM removed, newlines normalised to ``\\n``) or the reasons there is none."""

    text: str | None
    findings: tuple[Finding, ...]


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: ASCII text leaves a NUL in every other byte."""
    sample = data[:4096]
    half = max(len(sample) // 2, 1)
    return sample[1::2].count(0) > half * 0.3 or sample[0::2].count(0) > half * 0.3


def _guess_encoding(data: bytes) -> str:
    if _looks_utf16(data):
        return "UTF-16"
    for name in ("gb18030", "big5"):
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        return "GB18030/GBK" if name == "gb18030" else name.upper()
    return "未知编码"


def read_source(path: Path, shown: str) -> SourceText:
    """Read ``path`` as UTF-8 text; ``shown`` is the path as editors see it in messages."""
    loc = Loc(shown)
    try:
        with open(path, "rb") as file:  # one open and fstat, not a stat of the path and then an open
            size = os.fstat(file.fileno()).st_size
            if size > MAX_BYTES:
                return SourceText(None, (finding("JX-E002", loc, size=size, limit=MAX_BYTES),))
            data = file.read()
    except OSError as err:
        return SourceText(None, (finding("JX-E005", loc, reason=err.strerror or type(err).__name__),))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return SourceText(None, (finding("JX-E001", Loc(shown, 1, 1), encoding="UTF-16"),))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return SourceText(None, (finding("JX-E001", Loc(shown, line, 1), encoding=_guess_encoding(data)),))
    if "\x00" in text and _looks_utf16(data):
        return SourceText(None, (finding("JX-E001", Loc(shown, 1, 1), encoding="UTF-16"),))
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return SourceText(None, (finding("JX-E003", Loc(shown, line, 1), line=line),))
    text = text.removeprefix(BOM)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text or text.isspace():  # nothing but whitespace (as ``not text.strip()``, without the copy)
        return SourceText(None, (finding("JX-E004", Loc(shown, 1, 1)),))
    return SourceText(text, ())
