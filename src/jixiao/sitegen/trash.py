"""Folders a build no longer needs, removed without the build waiting for them.

Owns the removal of the previous site once a build is swapped in (or of a failed build's directory), and
of the staging folder. Removing a 1,000-report site (about 2,700 folders and 7,000 files) took 6-9 s of
wall time for well under a second of CPU on the 2-core test machine (ext4 mounted with ``discard``:
every freed inode is trimmed), more than all the rest of a rebuild. So the folder is renamed at once into
a new hidden trash folder beside it (:data:`PREFIX`; the same file system, so a rename) and a detached
child process, at a lower priority, removes it while the editor already looks at the new site. A trash
folder whose removal was cut short (the machine shut down) is removed by the next build of a site in
that folder (:func:`~jixiao.sitegen.lock.remove_stale_work`). Where the rename or the child process
fails, the folder is removed at once, as before.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

__all__ = ["PREFIX", "discard", "remove_later"]

#: Trash folders: ``.jixiao-trash-*`` beside the folder thrown away.
PREFIX = ".jixiao-trash-"
#: The child process: lower priority, then remove each folder given.
_REMOVE = "import os, shutil, sys\nos.nice(10)\nfor path in sys.argv[1:]:\n    shutil.rmtree(path, ignore_errors=True)\n"


def discard(path: Path, into: Path | None = None) -> None:
    """Remove the folder ``path``, without waiting: moved into a new trash folder in ``into`` (on the same file
    system; by default beside ``path``), removed in the background."""
    if not path.is_dir() or path.is_symlink():
        return
    try:
        trash = Path(tempfile.mkdtemp(prefix=PREFIX, dir=into or path.parent))
        path.rename(trash / path.name)
    except OSError:
        shutil.rmtree(path, ignore_errors=True)
        return
    remove_later([trash])


def remove_later(paths: Sequence[Path]) -> None:
    """Remove the folders ``paths`` in a detached child process (at once, here, when it cannot start)."""
    if not paths:
        return
    # through a shell that starts it in the background and exits: nothing left for this process to wait for
    command = ["/bin/sh", "-c", '"$@" </dev/null >/dev/null 2>&1 &', "sh", sys.executable, "-c", _REMOVE,
               *map(str, paths)]
    try:
        subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       start_new_session=True, check=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        for path in paths:
            shutil.rmtree(path, ignore_errors=True)
