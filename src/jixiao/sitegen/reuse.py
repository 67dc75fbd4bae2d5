"""A rebuild keeps the pages an edit did not change: the build manifest under ``.jixiao-cache/build/``.

Owns deciding which generated pages of ``jixiao build`` need not go through mkdocs again. A page's
HTML is a function of the whole site's setting (:func:`site_key`: jixiao and the libraries that make
HTML, ``mkdocs.yml``, the theme's and jixiao's templates, the docs folder, ``site.yaml``, the
navigation, every page's path, strict mode) and of the page's own generated source and search facts
(:func:`page_key`). After a build is swapped in, :func:`save` records both keys of every generated page
and the hash of the HTML it wrote. The next build (:class:`Previous`) reuses a page when the site key
is the same, the page's key is the same and the file in ``site/`` still has the recorded bytes: mkdocs
skips it (its ``dirty`` mode, for those pages only) and the plugin hard-links the old file into the new
build directory before the search index is made. Anything else, a missing or damaged manifest
included, builds the page; so a rebuild equals a clean build, byte for byte (``tests/sitegen/test_reuse.py``
changes every input that matters). ``site/`` is still replaced atomically: the old files are linked,
never written.
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
from jixiao.cache.store import DIRECTORY

__all__ = ["Previous", "digest", "hash_folder", "manifest_path", "page_key", "save", "site_key"]

#: The libraries whose versions change the HTML of a page (jixiao's own sources: ``environment``).
_LIBRARIES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2", "MarkupSafe", "Pygments")
_SEP = b"\x00"
_FORMAT = 2


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def digest(data: bytes | memoryview) -> str:
    """The hash of some bytes (a file's, a page's source: ``GeneratedFile.digest``)."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def file_hash(path: Path) -> str | None:
    """The hash of a file's bytes; None when it cannot be read."""
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


def file_state(path: Path) -> list[int] | None:
    """What says a file was not written since it was recorded: its size, modification time (ns) and inode;
    None when there is no such file. A file linked into the next build keeps all three."""
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def unchanged(path: Path, hashed: str, state: object) -> bool:
    """Whether the file at ``path`` still has the bytes of hash ``hashed``: it has the recorded ``state``
    (:func:`file_state`: not written since), or else its bytes have that hash."""
    now = file_state(path)
    if now is None:
        return False
    return now == state or file_hash(path) == hashed


def hash_folder(h: Any, folder: Path) -> None:
    """Every name and byte under ``folder`` (templates, the docs folder: a few hundred files at most)."""
    h.update(_SEP + os.fsencode(folder) + _SEP)
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not (path.is_file() or path.is_dir()):
            h.update(b"unhashable" + os.urandom(16))  # what a link points at is not hashed: never the same key
        elif path.is_file():
            h.update(_SEP + os.fsencode(path.relative_to(folder)) + _SEP + (file_hash(path) or "-").encode())


def site_key(*, config_file: Path, folders: Iterable[Path], files: Iterable[Path], settings: Iterable[str]) -> str:
    """The key of everything every page depends on: ``folders`` (templates, docs), ``files`` (site.yaml),
    ``config_file`` and ``settings`` (the navigation, every page's path, strict mode, …)."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{_FORMAT}|{environment()}".encode())
    for name in _LIBRARIES:
        h.update(f"|{name}={_version(name)}".encode())
    for path in (config_file, *files):
        h.update(_SEP + os.fsencode(path) + _SEP + (file_hash(path) or "-").encode())
    for folder in folders:
        hash_folder(h, folder)
    for setting in settings:
        h.update(_SEP + setting.encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def page_key(source: str | bytes, *parts: str) -> str:
    """The key of one generated page: its source and what else the plugin gives it (search facts, …)."""
    data = source.encode("utf-8", "surrogateescape") if isinstance(source, str) else source
    h = hashlib.blake2b(data, digest_size=20)
    for part in parts:
        h.update(_SEP + part.encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def manifest_path(content: Path, site_dir: Path) -> Path:
    """Where the manifest of ``site_dir`` is kept: in the cache beside ``content``, named by the site's path."""
    name = digest(os.fsencode(site_dir.resolve()))
    return content.resolve().parent / DIRECTORY / "build" / f"{name}.json"


@dataclass
class Previous:
    """The last build of ``site_dir`` as its manifest recorded it, and the pages this build reuses."""

    site_dir: Path
    manifest: Path
    key: str = ""  # this build's site key, once known (``start``)
    #: src path -> [page key, dest path, output hash, its file's state (:func:`file_state`)]
    recorded: Mapping[str, Any] = field(default_factory=dict)
    reused: dict[str, str] = field(default_factory=dict)  # src path -> dest path of the pages reused
    keys: dict[str, str] = field(default_factory=dict)  # src path -> page key, every generated page

    enabled: bool = True  # False: reuse nothing (a clean build), record this build all the same

    @classmethod
    def of(cls, content: Path, site_dir: Path, *, reuse: bool = True) -> Previous:
        return cls(site_dir.resolve(), manifest_path(content, site_dir), enabled=reuse)

    def start(self, key: str) -> None:
        """This build's site key: the recorded pages count only when the last build had the same."""
        self.key = key
        if not self.enabled:
            return
        try:
            raw = json.loads(self.manifest.read_bytes())
        except (OSError, ValueError):
            return
        if (isinstance(raw, dict) and raw.get("format") == _FORMAT and raw.get("key") == key
                and raw.get("site") == os.fsdecode(self.site_dir) and isinstance(raw.get("pages"), dict)):
            self.recorded = raw["pages"]

    def reusable(self, src: str, key: str, dest: str) -> bool:
        """Whether page ``src`` with ``key`` can be taken from the last build (its file there unchanged)."""
        self.keys[src] = key
        entry = self.recorded.get(src)
        if not (isinstance(entry, list) and len(entry) == 4 and entry[0] == key and entry[1] == dest):
            return False
        if not unchanged(self.site_dir / dest, entry[2], entry[3]):
            return False
        self.reused[src] = dest
        return True

    def link(self, work: Path) -> None:
        """Put the reused pages into the new build directory ``work`` (hard links; a copy elsewhere)."""
        for dest in self.reused.values():
            target = work / dest
            if target.exists():  # mkdocs wrote it after all: keep what it wrote
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(self.site_dir / dest, target)
            except OSError:
                shutil.copyfile(self.site_dir / dest, target)


def save(previous: Previous, pages: Mapping[str, str], built: Path) -> None:
    """Record the pages of the build now in ``previous.site_dir`` (``pages``: src path -> dest path).

    ``built`` is where their files are now. Never fails: a cache that cannot be written is not written.
    """
    entries: dict[str, list[Any]] = {}
    for src, dest in pages.items():
        key = previous.keys.get(src)
        state = file_state(built / dest)
        if key is None or state is None:
            continue
        last = previous.recorded.get(src) if src in previous.reused else None
        # a reused page is the last build's file, linked: its recorded hash, unless it was written since
        output = last[2] if isinstance(last, list) and last[3] == state else file_hash(built / dest)
        if output is not None:
            entries[src] = [key, dest, output, state]
    value = {"format": _FORMAT, "key": previous.key, "site": os.fsdecode(previous.site_dir), "pages": entries}
    folder = previous.manifest.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _ignore(folder.parent)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
            os.replace(tmp, previous.manifest)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(folder)
    except OSError:
        pass


#: Manifests kept (one per site folder built from this project; the oldest go first).
KEPT = 20


def _prune(folder: Path) -> None:
    manifests = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in manifests[KEPT:]:
        old.unlink(missing_ok=True)


def _ignore(root: Path) -> None:
    """The cache folder ignores itself for git, as the check cache's does."""
    ignore = root / ".gitignore"
    if not ignore.is_file():
        ignore.write_text("# jixiao's cache: safe to delete\n*\n", encoding="utf-8")
