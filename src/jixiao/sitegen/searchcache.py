"""A rebuild's search index: the last build's search inputs, and its bundle when none of them changed.

Owns ``.jixiao-cache/build/<site>.search/`` beside the build manifest (``sitegen.reuse``): ``in/`` holds
the search input of every report page of the last build of that ``site/`` (``sitegen.searchrun``), at
the page's output path, and ``search.json`` records, for each, the page key it was made for and the
hash of its bytes, and the key and file hashes of the bundle (``pagefind/``) built from them.

A page the rebuild reuses is not converted by mkdocs, so its search input is not made again: it is
taken from ``in/``, and the page is reused only when its recorded input is there, made for the same
page key, with the recorded bytes (:meth:`SearchCache.input`). The bundle's key
(:func:`bundle_key`) covers every page's output path and input bytes, jixiao itself, the Pagefind
program, how it is run and how the index is split; when it is the recorded one and ``site/pagefind/``
still has the recorded bytes, Pagefind does not run and the old files are linked into the new build
(:meth:`SearchCache.bundle`). An edit that changes no report page's search input (the theme, a
department page, open data, the navigation) therefore costs no indexing; anything else indexes every
page again (Pagefind has no incremental mode). A missing or damaged record only means no reuse: a
rebuild equals a clean build byte for byte (``tests/sitegen/test_searchcache.py``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from jixiao.cache.keys import environment
from jixiao.sitegen.reuse import file_hash

_FORMAT = 1
RECORD = "search.json"
INPUTS = "in"


def folder_of(manifest: Path) -> Path:
    """The search cache of the site whose build manifest is ``manifest``."""
    return manifest.with_name(manifest.stem + ".search")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def bundle_key(inputs: Mapping[str, str], binary: Path, settings: Iterable[str]) -> str:
    """The key of a bundle: every input (output path -> hash of its bytes), the program and ``settings``."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{_FORMAT}|{environment()}|{_version('pagefind')}|{_version('pagefind_bin_extended')}".encode())
    try:
        info = binary.stat()
        h.update(f"|{binary}|{info.st_size}|{info.st_mtime_ns}".encode("utf-8", "surrogateescape"))
    except OSError:
        h.update(os.urandom(16))  # no program: never the recorded key
    for setting in settings:
        h.update(b"\0" + setting.encode("utf-8", "surrogateescape"))
    for dest in sorted(inputs):
        h.update(b"\0" + dest.encode("utf-8", "surrogateescape") + b"\0" + inputs[dest].encode())
    return h.hexdigest()


@dataclass
class SearchCache:
    """The search inputs and bundle the last build of a site recorded."""

    folder: Path
    inputs: dict[str, list[str]] = field(default_factory=dict)  # dest -> [page key, input hash]
    key: str = ""
    files: dict[str, str] = field(default_factory=dict)  # bundle file (relative to pagefind/) -> hash

    @classmethod
    def load(cls, folder: Path, enabled: bool = True) -> SearchCache:
        """The record in ``folder``; empty when ``enabled`` is false or it is missing or damaged."""
        cache = cls(folder)
        if not enabled:
            return cache
        try:
            raw = json.loads((folder / RECORD).read_bytes())
        except (OSError, ValueError):
            return cache
        if (isinstance(raw, dict) and raw.get("format") == _FORMAT and isinstance(raw.get("inputs"), dict)
                and isinstance(raw.get("files"), dict) and isinstance(raw.get("key"), str)):
            cache.inputs, cache.key, cache.files = raw["inputs"], raw["key"], raw["files"]
        return cache

    @property
    def directory(self) -> Path:
        """Where the search inputs are (this build writes its own there too)."""
        return self.folder / INPUTS

    def input(self, dest: str, page_key: str) -> str | None:
        """The hash of the recorded search input of page ``dest`` made for ``page_key``, if it is still there."""
        entry = self.inputs.get(dest)
        if not (isinstance(entry, list) and len(entry) == 2 and entry[0] == page_key):
            return None
        return entry[1] if file_hash(self.directory / dest) == entry[1] else None

    def bundle(self, key: str, site_dir: Path, target: Path) -> bool:
        """Link the last bundle (``site_dir/pagefind``) to ``target`` when ``key`` is its key and it is unchanged."""
        if not self.key or key != self.key or not self.files:
            return False
        old = site_dir / "pagefind"
        present = {p.relative_to(old).as_posix() for p in old.rglob("*") if p.is_file()} if old.is_dir() else set()
        if present != set(self.files) or any(file_hash(old / name) != digest for name, digest in self.files.items()):
            return False
        for name in sorted(self.files):
            made = target / name
            made.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(old / name, made)
            except OSError:
                shutil.copyfile(old / name, made)
        return True


def save(folder: Path, inputs: Mapping[str, list[str]], key: str, bundle: Path) -> None:
    """Record this build's search ``inputs`` (dest -> [page key, input hash]) and its bundle (now at ``bundle``).

    Never fails: a record that cannot be written is not written (the next build indexes everything).
    """
    files = {p.relative_to(bundle).as_posix(): file_hash(p) or "-" for p in bundle.rglob("*") if p.is_file()}
    value: dict[str, Any] = {"format": _FORMAT, "key": key, "inputs": dict(inputs), "files": files}
    try:
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
            os.replace(tmp, folder / RECORD)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass

