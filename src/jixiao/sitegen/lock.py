"""One build at a time per site directory: an exclusive ``flock`` on a lock file beside it.

Owns the rule that two ``jixiao build`` runs never swap ``site/`` into each other. The lock is
``fcntl.flock`` on ``.jixiao-lock-<site name>`` in the site directory's parent (the same folder the
temporary build directory is made in). The kernel releases it when the holding process exits, however
it exits (``kill -9`` included), so a killed build leaves no stale lock. The holder writes its process id
into the file so a waiting build can say whom it waits for, and removes the file when it lets go, so no
lock file stays beside the site after a build (one killed with ``kill -9`` leaves it, unlocked; the next
build takes it over). Removing it is safe because a process holds the lock only once it has it on the
file the path names *now*: a waiter that was blocked on the file the holder removed finds the path gone
or naming another file, and starts again (:func:`_take`). A build killed with ``kill -9`` cannot remove
its temporary directory; the next holder of the lock does (:func:`remove_stale_work`).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from jixiao.sitegen.trash import PREFIX, remove_later

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
    (see ``sitegen.build``) beside it belongs to a build that died. Returns what was removed. Trash folders
    beside it (``sitegen.trash``) are removed in the background.
    """
    site = site_dir.resolve()
    if not site.parent.is_dir():
        return []
    stale = sorted(p for p in site.parent.glob(f".{site.name}.building-*") if p.is_dir() and not p.is_symlink())
    for path in stale:
        shutil.rmtree(path, ignore_errors=True)
    # trash whose removal was cut short (``sitegen.trash``; one still being removed is removed twice: harmless)
    remove_later([p for p in site.parent.glob(f"{PREFIX}*") if p.is_dir() and not p.is_symlink()])
    return stale


def _holder(fd: int) -> str:
    """The process id the current holder wrote into the lock file ('' when unknown)."""
    try:
        return os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""


def _same_file(fd: int, path: Path) -> bool:
    """Whether ``path`` still names the file open as ``fd`` (a holder removes the path when it lets go)."""
    try:
        named = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def _take(path: Path, wait: bool, waiting: Callable[[str], None] | None) -> int:
    """Open ``path`` and lock it; the descriptor, once the lock is held on the file ``path`` names.

    A lock taken on a file that its holder removed meanwhile (it was blocked on the old file) guards
    nothing: another process may already hold the new file's. Then: close, open the path again, retry.
    """
    told = False
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _holder(fd)
                if not wait:
                    raise SiteBusy(holder) from None
                if waiting is not None and not told:
                    waiting(holder)
                told = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            if _same_file(fd, path):
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # releases the lock on the removed file


@contextlib.contextmanager
def site_lock(site_dir: Path, *, wait: bool = True,
              waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the exclusive lock of ``site_dir`` for the ``with`` block; the lock file is gone after it.

    When another process holds it: with ``wait`` call ``waiting(holder_pid)`` once and block until it is
    released; without ``wait`` raise :class:`SiteBusy`.
    """
    path = lock_path(site_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = _take(path, wait, waiting)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        # removed while still locked: a process that opens the path from now on gets a new file, and one
        # blocked on this file sees that the path no longer names it (``_take``)
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)  # releases the lock
