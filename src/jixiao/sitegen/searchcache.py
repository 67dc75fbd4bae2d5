"""A rebuild's search index: the last build's search inputs, and its bundle when none of them changed.

Owns ``.jixiao-cache/build/<site>.search/`` beside the build manifest (``sitegen.reuse``): ``in/`` holds
the search input of every report page of the last build of that ``site/`` (``sitegen.searchrun``), at
the page's output path, and ``search.json`` records, for each, the page key it was made for and the
hash of its bytes, and for each part of the bundle (``pagefind/``; one part unless the site is indexed in
parts, ``sitegen.searchparts``) its key, where it is and the hashes of its files.

A page the rebuild reuses is not converted by mkdocs, so its search input is not made again: it is
taken from ``in/``, and the page is reused only when its recorded input is there, made for the same
page key, with the recorded bytes (:meth:`SearchCache.input`). A part's key (:func:`bundle_key`) covers
its pages' output paths and input bytes, jixiao itself, the Pagefind program and how it is run; when it is
a recorded one and ``site/pagefind/`` still has that part's recorded files and bytes, Pagefind does not
run for it and the old files are linked into the new build (:meth:`SearchCache.part`). An edit that
changes no report page's search input (the theme, a department page, open data, the navigation)
therefore costs no indexing; an edit of a report page indexes its part again (Pagefind has no
incremental mode): the whole site in one bundle, or one part of a site indexed by department
(``search_department_part_pages``). A missing or damaged record only means no reuse: a rebuild equals a
clean build byte for byte (``tests/sitegen/test_searchcache.py``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from jixiao.cache.keys import environment
from jixiao.sitegen.reuse import file_hash, file_state, unchanged
from jixiao.sitegen.search import SHARDS_FILE
from jixiao.sitegen.searchparts import PARTS_DIR
from jixiao.sitegen.searchroutes import DEPARTMENT_SHARDS

_FORMAT = 3
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


def part_files(bundle: Path, part: str) -> dict[str, Path]:
    """The files of bundle part ``part`` (``./``, ``parts/2/``, …) of the bundle directory ``bundle``, by
    their path relative to the part: the first part's are those of ``bundle`` but the other parts' and the
    lists of bundles (``sitegen.searchparts``)."""
    root = bundle / part
    if not root.is_dir():
        return {}
    found = {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}
    if part == "./":
        found = {name: path for name, path in found.items()
                 if name.split("/", 1)[0] != PARTS_DIR and name not in (SHARDS_FILE, DEPARTMENT_SHARDS)}
    return found


@dataclass
class SearchCache:
    """The search inputs and bundle parts the last build of a site recorded."""

    folder: Path
    inputs: dict[str, list[Any]] = field(default_factory=dict)  # dest -> [page key, input hash, file state]
    #: each part of the bundle: {"key": its key, "dir": where in pagefind/, "files": {file in it: [hash, state]}}
    parts: list[dict[str, Any]] = field(default_factory=list)

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
                and isinstance(raw.get("parts"), list)):
            cache.inputs = raw["inputs"]
            cache.parts = [p for p in raw["parts"] if isinstance(p, dict) and isinstance(p.get("key"), str)
                           and isinstance(p.get("dir"), str) and isinstance(p.get("files"), dict) and p["files"]]
        return cache

    @property
    def directory(self) -> Path:
        """Where the search inputs are (this build writes its own there too)."""
        return self.folder / INPUTS

    def input(self, dest: str, page_key: str) -> list[Any] | None:
        """The record ([page key, hash, file state]) of the search input of page ``dest`` made for ``page_key``,
        if it is still there with those bytes."""
        entry = self.inputs.get(dest)
        if not (isinstance(entry, list) and len(entry) == 3 and entry[0] == page_key and isinstance(entry[1], str)):
            return None
        return entry if unchanged(self.directory / dest, entry[1], entry[2]) else None

    def part(self, key: str, site_dir: Path, target: Path) -> dict[str, list[Any]] | None:
        """Link the last build's bundle part of key ``key`` (in ``site_dir/pagefind``) to ``target`` when it
        is there with the recorded files and bytes; its recorded files (name -> [hash, file state]), or None."""
        for recorded in self.parts:
            if recorded["key"] != key:
                continue
            files: dict[str, list[Any]] = recorded["files"]  # name -> [hash, file state]
            present = part_files(site_dir / "pagefind", recorded["dir"])
            if set(present) != set(files) or not all(
                    isinstance(entry, list) and len(entry) == 2 and unchanged(present[name], *entry)
                    for name, entry in files.items()):
                continue
            for name in sorted(files):
                made = target / name
                made.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(present[name], made)
                except OSError:
                    shutil.copyfile(present[name], made)
            return files
        return None


def _files(bundle: Path, where: str, last: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Name -> [hash, file state] of each file of part ``where`` of ``bundle``; ``last``: the files of the
    last build's part it was linked from ({}: none), whose hash stands for a file of the same state."""
    made: dict[str, list[Any]] = {}
    for name, path in part_files(bundle, where).items():
        state = file_state(path)
        old = last.get(name)
        hashed = old[0] if isinstance(old, list) and len(old) == 2 and old[1] == state else file_hash(path)
        made[name] = [hashed or "-", state]
    return made


def save(folder: Path, inputs: Mapping[str, list[Any]], parts: Sequence[tuple[str, str, Mapping[str, Any]]],
         bundle: Path) -> None:
    """Record this build's search ``inputs`` (dest -> [page key, input hash, file state]) and its bundle (now at
    ``bundle``): ``parts``, (key, directory in the bundle, the recorded files of the last build's part it
    reused or {}) of each part.

    Never fails: a record that cannot be written is not written (the next build indexes everything).
    """
    made = [{"key": key, "dir": where, "files": _files(bundle, where, last)} for key, where, last in parts]
    value: dict[str, Any] = {"format": _FORMAT, "inputs": dict(inputs), "parts": made}
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
