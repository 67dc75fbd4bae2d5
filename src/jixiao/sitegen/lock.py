"""One build at a time per site directory: an exclusive ``flock`` on a lock file beside it.

Owns the rule that two ``jixiao build`` runs never swap ``site/`` into each other. The lock is
``fcntl.flock`` on ``.jixiao-lock-<site name>`` in the site directory's parent (the same folder the
temporary build directory is made in). The kernel releases it when the holding process exits, however
it exits (``kill -9`` included), so a killed build leaves no stale lock; the file itself stays (removing
a lock file while another process may be opening it would let two holders in). The holder writes its
process id into the file so a waiting build can say whom it waits for. A build killed with ``kill -9``
cannot remove its temporary directory; the next holder of the lock does (:func:`remove_stale_work`).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = ["SiteBusy", "lock_path", "remove_stale_work", "site_lock"]


class SiteBusy(Exception):
    """Another process holds the site's lock and the caller chose not to wait."""

    def __init__(self, holder: str) -> None:
        super().__init__(holder)
        self.holder = holder


def lock_path(site_dir: Path) -> Path:
    """The lock file of ``site_dir``: beside it, named after it (two site directories, two locks)."""
    site = site_dir.resolve()
    return site.parent / f".jixiao-lock-{site.name}"


def remove_stale_work(site_dir: Path) -> list[Path]:
    """Remove temporary build directories of ``site_dir`` left by a killed build; call holding the lock.

    While the lock is held no other build of this site runs, so every ``.<site>.building-*`` directory
    (see ``sitegen.build``) beside it belongs to a build that died. Returns what was removed.
    """
    site = site_dir.resolve()
    if not site.parent.is_dir():
        return []
    stale = sorted(p for p in site.parent.glob(f".{site.name}.building-*") if p.is_dir() and not p.is_symlink())
    for path in stale:
        shutil.rmtree(path, ignore_errors=True)
    return stale


def _holder(fd: int) -> str:
    """The process id the current holder wrote into the lock file ('' when unknown)."""
    try:
        return os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""


@contextlib.contextmanager
def site_lock(site_dir: Path, *, wait: bool = True,
              waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the exclusive lock of ``site_dir`` for the ``with`` block.

    When another process holds it: with ``wait`` call ``waiting(holder_pid)`` once and block until it is
    released; without ``wait`` raise :class:`SiteBusy`.
    """
    path = lock_path(site_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            if not wait:
                raise SiteBusy(holder) from None
            if waiting is not None:
                waiting(holder)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
