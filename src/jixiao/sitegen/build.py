"""Build the site with mkdocs into a temporary directory, then swap it into place.

Owns the build's guarantees: the new site is built next to the target directory and replaces it
only when mkdocs and every plugin, the search index included (written by the jixiao plugin's
``on_post_build`` into the temporary directory), succeeded, so a failed build
leaves the previous site untouched; the build date comes from ``SOURCE_DATE_EPOCH``, else the last
git commit touching the content, else the newest content file, so two builds of the same sources
are byte-identical.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import BuildError, MkDocsException

from jixiao.cache.run import Planned
from jixiao.check import Checked
from jixiao.sitegen.errors import SiteBuildError, template_error
from jixiao.sitegen.plugin import JixiaoPlugin
from jixiao.sitegen.reuse import Previous, save
from jixiao.sitegen.trash import discard

if TYPE_CHECKING:
    from jixiao.sitegen.childgen import ChildPlan

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def source_date_epoch(content: Path) -> int:
    """The build date: ``SOURCE_DATE_EPOCH``, the last commit touching ``content``, or its newest file."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given.isdigit():
        return int(given)
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", "."], cwd=content, capture_output=True, text=True,
            timeout=30, check=False,
        )
        if out.returncode == 0 and out.stdout.strip().isdigit():
            return int(out.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    mtimes = [int(p.stat().st_mtime) for p in content.rglob("*") if p.is_file()]
    return max(mtimes, default=0)


@contextlib.contextmanager
def _environ(name: str, value: str) -> Iterator[None]:
    old = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = old


class _ReportedHere(logging.Filter):
    """Drops mkdocs' log line of a plugin's BuildError: :func:`build_site` raises it as SiteBuildError."""

    def filter(self, record: logging.LogRecord) -> bool:
        err = sys.exc_info()[1]
        return not (isinstance(err, BuildError) and record.getMessage() == str(err))


@contextlib.contextmanager
def _filtered(logger: logging.Logger, dropped: logging.Filter) -> Iterator[None]:
    logger.addFilter(dropped)
    try:
        yield
    finally:
        logger.removeFilter(dropped)


@contextlib.contextmanager
def _once(logger: logging.Logger) -> Iterator[None]:
    reported = _ReportedHere()
    logger.addFilter(reported)
    try:
        yield
    finally:
        logger.removeFilter(reported)


def _exchange(new: Path, target: Path) -> None:
    """Put ``new`` at ``target``; the old ``target`` ends up at ``new``'s path (atomic on Linux)."""
    if not target.exists():
        new.rename(target)
        return
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None and renameat2(
        _AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(target), _RENAME_EXCHANGE) == 0:
        return
    aside = new.with_name(new.name + ".old")  # not Linux (or an old kernel): two renames
    target.rename(aside)
    new.rename(target)
    aside.rename(new)


def build_site(
    checked: Checked | Planned | ChildPlan, config_file: Path, site_dir: Path, content: Path, *, strict: bool = False,
    reuse: bool = True,
) -> int:
    """Build ``checked`` with ``config_file`` into ``site_dir``, atomically; raises SiteBuildError.

    ``reuse``: pages the last build of ``site_dir`` wrote as they would be now are kept (``sitegen.reuse``);
    returns how many; either way this build is recorded for the next one. ``checked`` may be the cached
    check of ``jixiao build`` (``cache.run.check_for_build``): unchanged department folders are then taken
    from the render cache (``sitegen.folderbuild``; with ``reuse`` false none is). It is handed to the
    jixiao plugin, which lets it go once the pages are generated: not kept here, so the reports' models
    are not in memory beside mkdocs' pages and the Pagefind process (a caller that does not need it
    afterwards should not keep it either: ``jixiao build`` does not).
    """
    previous = Previous.of(content, site_dir, reuse=reuse)  # recorded for the next build either way
    handed = [checked]
    del checked

    def prepare(plugin: JixiaoPlugin) -> None:
        given = handed.pop()
        if isinstance(given, Checked):
            plugin.use(given, content)
        else:
            plugin.use_planned(given, content, reuse=reuse)
        plugin.previous = previous

    build_with(config_file, site_dir, content, prepare, strict=strict, previous=previous)
    return len(previous.reused)


class _Dirty(logging.Filter):
    """Drops mkdocs' warning about ``dirty`` builds: here only pages known to be unchanged are skipped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


def build_with(config_file: Path, site_dir: Path, content: Path, prepare: Callable[[JixiaoPlugin], None], *,
               strict: bool = False, finish: Callable[[JixiaoPlugin, Path], None] | None = None,
               previous: Previous | None = None) -> None:
    """Build into ``site_dir`` atomically: ``prepare`` sets up the jixiao plugin (whole site, one shard,
    or the assembled top pages), ``finish`` completes the built tree before it is swapped in;
    ``previous``: the last build's unchanged pages are reused, and this build is recorded for the next."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    try:
        with _environ("SOURCE_DATE_EPOCH", str(source_date_epoch(content))):
            config = load_config(config_file=str(config_file), site_dir=str(work), strict=strict)
            plugin = config.plugins.get("jixiao")
            if not isinstance(plugin, JixiaoPlugin):
                raise SiteBuildError(f"{config_file} 的 plugins 中没有启用 jixiao 插件")
            prepare(plugin)
            logger = logging.getLogger("mkdocs.commands.build")
            try:
                with _once(logger), _filtered(logger, _Dirty()):
                    mkdocs_build(config, dirty=previous is not None)
            finally:  # Ctrl+C too (mkdocs reports only an Exception to plugins): Pagefind is stopped
                plugin.close_search()
            if finish is not None:
                finish(plugin, work)
        _exchange(work, site_dir)
        if previous is not None:
            logging.getLogger("mkdocs.plugins.jixiao").info(
                "复用上一次构建的页面：%d / %d", len(previous.reused), len(plugin.pages))
            save(previous, plugin.pages, site_dir)
            plugin.record_search(site_dir)
    except MkDocsException as err:
        # mkdocs logs a plugin's BuildError and raises ``Abort`` while handling it: report the former
        cause = err.__context__
        if isinstance(cause, BuildError):
            raise SiteBuildError(str(cause)) from err
        raise SiteBuildError(f"mkdocs 构建失败：{err}") from err
    except jinja2.TemplateError as err:  # a template edited by hand: say which file and line, in Chinese
        raise SiteBuildError(template_error(err)) from err
    except OSError as err:  # disk full, file too large, permissions: the environment, not a bug
        raise SiteBuildError(f"写入网站文件失败：{err.strerror or err}（{err.filename or site_dir}）") from err
    finally:  # the old site (or the failed build), in the background (``sitegen.trash``)
        discard(work)
    logging.getLogger("mkdocs").debug("site swapped into %s", site_dir)
