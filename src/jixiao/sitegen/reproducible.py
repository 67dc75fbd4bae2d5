"""Byte-reproducible Pagefind output: the one thing Pagefind writes in a different order each run.

Pagefind 1.5 lists the site's filters in its metadata file (``pagefind.<lang>_<hash>.pf_meta``) in
the iteration order of a Rust hash map, which changes from run to run; everything else it writes is
a function of the pages. :func:`canonicalize` sorts that list by filter name, rewrites the file (and
its content-hash name in ``pagefind-entry.json``) so that two builds of the same sources are
byte-identical. The file is gzip-compressed CBOR after a ``pagefind_dcd`` signature; the small CBOR
codec below covers what the file uses (unsigned integers, byte and text strings, arrays).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
CborValue = int | bytes | str | list["CborValue"]


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def _length(self, info: int) -> int:
        if info < 24:
            return info
        size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info)
        if size is None:
            raise ValueError(f"unsupported CBOR length {info}")
        value = int.from_bytes(self.data[self.at:self.at + size], "big")
        self.at += size
        return value

    def value(self) -> CborValue:
        head = self.data[self.at]
        self.at += 1
        major, info = head >> 5, head & 0x1F
        n = self._length(info)
        if major == 0:
            return n
        if major in (2, 3):
            raw = self.data[self.at:self.at + n]
            self.at += n
            return raw if major == 2 else raw.decode("utf-8")
        if major == 4:
            return [self.value() for _ in range(n)]
        raise ValueError(f"unsupported CBOR major type {major}")


def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if n < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, n)
    raise ValueError("CBOR length too large")


def encode(value: CborValue) -> bytes:
    """``value`` as CBOR with the shortest heads (as Pagefind's encoder writes it)."""
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    return _head(4, len(value)) + b"".join(encode(v) for v in value)


def decode(data: bytes) -> CborValue:
    reader = _Reader(data)
    value = reader.value()
    if reader.at != len(data):
        raise ValueError("trailing bytes after CBOR value")
    return value


def _is_filter_list(value: CborValue, bundle: Path) -> bool:
    return (isinstance(value, list) and len(value) > 1
            and all(isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) and isinstance(p[1], str)
                    and (bundle / "filter" / f"{p[1]}.pf_filter").is_file() for p in value))


def canonicalize(bundle: Path) -> None:
    """Sort the filter list of every language's metadata file in ``bundle`` (``site/pagefind``)."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        raw = gzip.decompress(meta_path.read_bytes())
        if not raw.startswith(SIGNATURE):
            raise ValueError(f"{meta_path.name}: not a Pagefind metadata file")
        meta = decode(raw[len(SIGNATURE):])
        if not isinstance(meta, list):
            raise ValueError(f"{meta_path.name}: unexpected layout")
        # rewritten even when already in order, so the bytes never depend on Pagefind's own gzip
        sorted_meta: list[CborValue] = [
            sorted(v, key=encode) if isinstance(v, list) and _is_filter_list(v, bundle) else v for v in meta]
        data = gzip.compress(SIGNATURE + encode(sorted_meta), compresslevel=9, mtime=0)
        prefix = str(language["hash"]).split("_", 1)[0]
        language["hash"] = f"{prefix}_{hashlib.sha256(data).hexdigest()[:10]}"
        meta_path.unlink()
        (bundle / f"pagefind.{language['hash']}.pf_meta").write_bytes(data)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
