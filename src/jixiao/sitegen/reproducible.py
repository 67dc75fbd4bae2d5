"""Byte-reproducible Pagefind output: what Pagefind writes in a different order each run, put in order.

Pagefind 1.5 builds its filters from Rust hash maps whose iteration order changes from run to run
(``hashbrown`` with a random seed; pagefind/src/index/mod.rs): the metadata file
(``pagefind.<lang>_<hash>.pf_meta``) lists the filters in that order, and each filter chunk
(``filter/<lang>_<hash>.pf_filter``) lists its values in that order, so with more than one value per
filter (two years, two grades) the chunks, their content-hash names, the metadata file and
``pagefind-entry.json`` differ between two builds of the same site. :func:`canonicalize` sorts both,
renames each rewritten file after its new content and points the entry file at the new metadata.
Everything else Pagefind writes follows the order of the pages, which is the order of its walk of the
site directory (the same for the same tree on the same file system). The files are gzip-compressed
CBOR after a ``pagefind_dcd`` signature; the small CBOR codec below covers what they use (unsigned
integers, byte and text strings, arrays).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
#: Where the metadata file lists ``[filter, chunk]`` pairs: Pagefind 1.x's ``MetaIndex`` is
#: ``[version, pages, index_chunks, filters, sorts, ...]``.
FILTERS = 3
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


def _read(path: Path) -> CborValue:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path.name}: not a Pagefind index file")
    return decode(raw[len(SIGNATURE):])


def _pack(value: CborValue) -> bytes:
    # compressed here, so the bytes never depend on Pagefind's own gzip either
    return gzip.compress(SIGNATURE + encode(value), compresslevel=9, mtime=0)


def _pairs(value: CborValue, where: str) -> list[list[CborValue]]:
    if not isinstance(value, list) or not all(isinstance(p, list) and len(p) == 2 for p in value):
        raise ValueError(f"{where}: unexpected layout")
    return [p for p in value if isinstance(p, list)]


def _name(prefix: str, data: bytes, taken: set[str], length: int) -> str:
    digest = hashlib.sha256(data).hexdigest()
    while f"{prefix}_{digest[:length]}" in taken:  # as Pagefind does on a short-hash collision
        length += 1
    return f"{prefix}_{digest[:length]}"


def _canonical_filters(bundle: Path, filters: list[list[CborValue]], prefix: str) -> list[CborValue]:
    """Rewrite each filter chunk with its values sorted; the ``[filter, chunk]`` pairs sorted by filter."""
    chunks: dict[str, bytes] = {}
    for pair in filters:
        if not isinstance(pair[1], str):
            raise ValueError(f"filter {pair[0]!r}: unexpected chunk name")
        path = bundle / "filter" / f"{pair[1]}.pf_filter"
        chunk = _read(path)
        if not isinstance(chunk, list) or len(chunk) != 2 or chunk[0] != pair[0]:
            raise ValueError(f"{path.name}: unexpected layout")
        values = sorted(_pairs(chunk[1], path.name), key=lambda v: str(v[0]))
        chunks[str(pair[0])] = _pack([chunk[0], list(values)])
        path.unlink()
    taken: set[str] = set()
    renamed: list[CborValue] = []
    for name in sorted(chunks):
        chunk_name = _name(prefix, chunks[name], taken, 7)
        taken.add(chunk_name)
        (bundle / "filter" / f"{chunk_name}.pf_filter").write_bytes(chunks[name])
        renamed.append([name, chunk_name])
    return renamed


def canonicalize(bundle: Path) -> None:
    """Make the Pagefind bundle ``bundle`` (``site/pagefind``) a function of the pages alone.

    Every language's filter chunks get their values sorted and names from their new content; its
    metadata file lists the filters sorted by name and is renamed after its new content, and
    ``pagefind-entry.json`` is rewritten to point at it.
    """
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(meta_path)
        if not isinstance(meta, list) or len(meta) <= FILTERS:
            raise ValueError(f"{meta_path.name}: unexpected layout")
        prefix = str(language["hash"]).split("_", 1)[0]
        meta[FILTERS] = _canonical_filters(bundle, _pairs(meta[FILTERS], meta_path.name), prefix)
        data = _pack(meta)
        language["hash"] = f"{prefix}_{hashlib.sha256(data).hexdigest()[:10]}"
        meta_path.unlink()
        (bundle / f"pagefind.{language['hash']}.pf_meta").write_bytes(data)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
