"""``jixiao build``'s check and page generation in a child process that exits before the search index is made.

Owns :class:`ChildPlan`. A cold build of 5,000 reports loads and scores every report in its process (about
0.7 GB of models), renders them and writes the site-wide tables; Python hands little of that heap back to
the system afterwards (freed objects stay scattered over its memory pools), so the build's process stayed
at about 0.75 GB while mkdocs wrote the pages and each Pagefind part (about 0.75 GB) ran beside it: 1.5 GB.
Here the command's process forks before the check: the child checks (``pipeline.check_for_build``, through
the check and render caches) and sends the summary back; the command decides (content errors stop the
build, nothing generated); the plugin then has the child generate the pages and data files
(``sitegen.folderbuild.generate``) into the build's staging folder (``sitegen.staging``: the files are on
disk, not in memory) and send back what the build keeps of them (paths, navigation, search facts); the
child exits, and its memory with it, before mkdocs writes a page. The site is the same, byte for byte.

A failure in the child (a template error, a full disk) is raised again in the parent; a signal ending the
parent (``SIGTERM``, Ctrl-C) ends the child first, which stops its worker processes as a check does.
"""

from __future__ import annotations

import contextlib
import copyreg
import os
import pickle
import signal
import struct
import sys
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from jixiao.cache.run import Planned, Summary
from jixiao.domain.issues import Finding
from jixiao.domain.model import SiteSettings

if TYPE_CHECKING:
    from jixiao.render.site import RenderSettings
    from jixiao.sitegen.folderbuild import Generated

__all__ = ["ChildError", "ChildPlan", "start"]

_SIZE = struct.Struct("<Q")


def _proxy(items: dict[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(items)


def _reduce_proxy(proxy: MappingProxyType[Any, Any]) -> tuple[Any, tuple[dict[Any, Any]]]:
    return _proxy, (dict(proxy),)


# the settings and facts sent between the two processes hold read-only mappings (``domain.model``)
copyreg.pickle(MappingProxyType, _reduce_proxy)


class ChildError(Exception):
    """The child failed in a way that cannot be raised again as it was (the message holds its traceback)."""


def _send(fd: int, value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_SIZE.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _read(fd: int, size: int) -> bytes:
    parts: list[bytes] = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise EOFError
        parts.append(chunk)
        size -= len(chunk)
    return b"".join(parts)


def _receive(fd: int) -> Any:
    (size,) = _SIZE.unpack(_read(fd, _SIZE.size))
    return pickle.loads(_read(fd, size))


def _failure(exc: BaseException) -> BaseException:
    """``exc`` as the parent raises it: a template's fault as ``jixiao build`` reports it, else ``exc`` if it
    survives pickling as it is, else a :class:`ChildError` with the child's traceback."""
    import jinja2

    from jixiao.sitegen.errors import SiteBuildError, template_error

    if isinstance(exc, jinja2.TemplateError):
        return SiteBuildError(template_error(exc))
    try:
        again = pickle.loads(pickle.dumps(exc))
        if type(again) is type(exc) and str(again) == str(exc):
            return exc
    except Exception:
        pass
    return ChildError("".join(traceback.format_exception(exc)))


@dataclass
class ChildPlan:
    """What ``jixiao build``'s check gives the command (as :class:`~jixiao.cache.run.Planned` does), the
    models staying in the child that generates the pages (:meth:`generate`)."""

    summary: Summary
    site: SiteSettings
    folders: tuple[tuple[str, str | None], ...]
    pid: int
    to_child: int
    from_child: int
    done: bool = field(default=False)
    finished: bool = field(default=False)  # the child has said its last word: it exits by itself

    @property
    def gating(self) -> tuple[Finding, ...]:
        return Planned(self.summary, self.site).gating

    def generate(self, settings: RenderSettings, staging: Path, *, reuse: bool) -> Generated:
        """The child generates the site into the staging folder ``staging`` and exits; what it made."""
        _send(self.to_child, (settings, str(staging), reuse))
        try:
            kind, value = _receive(self.from_child)
            self.finished = True
        except EOFError:
            kind, value = "error", ChildError("生成页面的子进程意外退出")
        self.close()
        if kind == "error":
            raise value
        made: Generated = value
        return made

    def close(self) -> None:
        """End the child (now, if it still waits or works) and wait for it; idempotent."""
        if not self.done:
            self.done = True
            _end(self.pid, (self.to_child, self.from_child), stop=not self.finished)


def _end(pid: int, fds: tuple[int, int], *, stop: bool) -> None:
    """Close the pipes to child ``pid``, stop it (``stop``: as a check stopped by SIGTERM stops, its workers
    too) and wait for it."""
    for fd in fds:
        with contextlib.suppress(OSError):
            os.close(fd)
    if stop:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
    while True:
        try:
            os.waitpid(pid, 0)
            return
        except InterruptedError:
            continue
        except ChildProcessError:
            return


def start(content: Path, shown: str, check: Callable[[Path, str], Planned]) -> ChildPlan:
    """Fork; the child checks ``content`` with ``check`` (``pipeline.check_for_build``) and waits to
    generate the site."""
    sys.stdout.flush()
    sys.stderr.flush()
    down_r, down_w = os.pipe()
    up_r, up_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns, whatever is raised (a signal too)
        code = 1
        try:
            try:
                os.close(down_w)
                os.close(up_r)
                _child(content, shown, down_r, up_w, check)
                code = 0
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
        finally:
            os._exit(code)
    os.close(down_r)
    os.close(up_w)
    try:
        kind, value = _receive(up_r)
    except BaseException:
        _end(pid, (down_w, up_r), stop=True)
        raise
    if kind == "error":
        _end(pid, (down_w, up_r), stop=False)
        raise value
    summary, site, folders = value
    return ChildPlan(summary, site, folders, pid, down_w, up_r)


def _child(content: Path, shown: str, inbox: int, outbox: int, check: Any) -> None:
    from jixiao.sitegen.folderbuild import generate
    from jixiao.sitegen.staging import Staging

    try:
        planned = check(content, shown)
        _send(outbox, ("summary", (planned.summary, planned.site, planned.folders)))
    except BaseException as exc:
        _send(outbox, ("error", _failure(exc)))
        raise
    try:
        settings, staging, reuse = _receive(inbox)
    except EOFError:  # the build did not go ahead (content errors), or the parent is gone
        return
    try:
        made = generate(planned, content, settings, Staging.at(Path(staging)).keep, reuse=reuse, linked=True)
        del planned
        _send(outbox, ("generated", made))
    except BaseException as exc:
        _send(outbox, ("error", _failure(exc)))
        raise
