"""What a cached result depends on, as hashes: the environment (jixiao itself) and one department folder.

The environment key covers jixiao's version, the bytes of every file of the installed ``jixiao`` package
(its loader, schema, rules and scoring: a development checkout edited a minute ago never reads an entry
made before the edit), the Python version and the versions of the libraries that parse and validate.
A folder key covers that, ``site.yaml`` (scoring policy, grade bands), how paths are shown in messages,
and every name and byte under the department folder. A folder holding a symlink or anything but plain
files and folders has no key: what a link points at is outside the hash, so it is never cached.
"""

from __future__ import annotations

import functools
import hashlib
import operator
import os
import stat
import sys
from importlib import metadata
from pathlib import Path

import jixiao

__all__ = ["environment", "file_digest", "folder_key"]

_LIBRARIES = ("jixiao", "pydantic", "pydantic-core", "PyYAML", "markdown-it-py")
_SEP = b"\x00"
_NAME = operator.attrgetter("name")
_blake2b = hashlib.blake2b


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


@functools.cache
def environment() -> str:
    """The hash of everything about jixiao itself that a result depends on (computed once per process)."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{jixiao.__version__}|{sys.version}|{sys.implementation.cache_tag}".encode())
    for name in _LIBRARIES:
        h.update(f"|{name}={_version(name)}".encode())
    package = Path(jixiao.__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        h.update(_SEP + path.relative_to(package).as_posix().encode() + _SEP)
        h.update(hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
    return h.hexdigest()


def file_digest(path: Path) -> bytes | None:
    """The hash of a plain file's bytes; None when it is missing, a symlink or unreadable."""
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return None
        return hashlib.blake2b(path.read_bytes(), digest_size=20).digest()
    except OSError:
        return None


def _tree(h: hashlib.blake2b, folder: bytes, relative: bytes) -> bool:
    """Hash every name and file under ``folder`` into ``h``; False for a symlink or special file.

    Plain ``os`` calls on bytes paths, not ``pathlib``: a warm check of 10,000 reports hashes ~23,000
    files here (the names arrive as the bytes on disk: nothing to encode, sorted as they are).
    """
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=_NAME)
    except OSError:
        return False
    update = h.update
    for entry in entries:
        name = relative + entry.name
        if entry.is_symlink():
            return False
        if entry.is_dir(follow_symlinks=False):
            update(b"d" + _SEP + name + _SEP)
            if not _tree(h, entry.path, name + b"/"):
                return False
        elif entry.is_file(follow_symlinks=False):
            try:
                with open(entry.path, "rb") as file:
                    digest = _blake2b(file.read(), digest_size=20).digest()
            except OSError:
                return False
            update(b"f" + _SEP + name + _SEP + digest)
        else:
            return False
    return True


def folder_key(folder: Path, shown_root: str, site: bytes | None) -> str | None:
    """The key of one department folder's results, or None when it must not be cached."""
    if folder.is_symlink():
        return None
    h = hashlib.blake2b(digest_size=20)
    h.update(environment().encode() + _SEP + shown_root.encode("utf-8", "surrogateescape") + _SEP)
    h.update(b"site" + _SEP + (site if site is not None else b"-") + _SEP)
    h.update(os.fsencode(folder.name) + _SEP)
    if not _tree(h, os.fsencode(folder), b""):
        return None
    return h.hexdigest()
