"""The cache on disk: ``.jixiao-cache/check/<environment>/<key>.json``, safe to delete at any time.

Owns reading and writing entries. Reading never fails: a missing, unreadable, truncated or otherwise
damaged entry is a miss. Writing never fails either: an entry is written to a temporary file and renamed
into place (a reader sees a whole entry or none), and a cache that cannot be written (read-only
checkout, full disk) is simply not written. The folder ignores itself for git (its own ``.gitignore``)
and carries a ``CACHEDIR.TAG`` so backup tools skip it. Entries of other environments (an older jixiao,
a source edit since) are removed when this one first writes.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["DIRECTORY", "Store"]

DIRECTORY = ".jixiao-cache"
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# A cache directory tag written by jixiao: this folder is a cache, safe to delete.\n"


class Store:
    """The check entries of one environment under ``root`` (normally ``<project>/.jixiao-cache``)."""

    def __init__(self, root: Path, environment: str) -> None:
        self.root = root
        self.folder = root / "check" / environment
        self.writable = True
        self.prepared = False

    def get(self, key: str) -> Any:
        """The stored JSON value, or None."""
        try:
            return json.loads((self.folder / f"{key}.json").read_bytes())
        except (OSError, ValueError):  # missing, unreadable, not JSON, not UTF-8
            return None

    def _prepare(self) -> None:
        self.prepared = True
        self.root.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", "# jixiao's cache: safe to delete\n*\n"), ("CACHEDIR.TAG", _TAG)):
            if not (self.root / name).is_file():
                (self.root / name).write_text(text, encoding="utf-8")
        self.folder.mkdir(parents=True, exist_ok=True)
        for other in self.folder.parent.iterdir():
            if other != self.folder and other.is_dir() and not other.is_symlink():
                shutil.rmtree(other, ignore_errors=True)

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` under ``key``, or nothing when the cache cannot be written."""
        if not self.writable:
            return
        try:
            if not self.prepared:
                self._prepare()
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
                os.replace(tmp, self.folder / f"{key}.json")
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            self.writable = False
