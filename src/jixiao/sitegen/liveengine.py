"""The incremental preview, without its server: from changed files to the pages that changed, served.

Owns the order of an update. :class:`LiveSite` builds the whole preview once (:meth:`LiveSite.start`)
as ``jixiao build`` generates a site: through the check cache and the render cache of ``.jixiao-cache/``
(``cache.run.check_for_build``, ``sitegen.folderbuild``), so unchanged department folders are neither
loaded, scored nor rendered and a restart after a build or an earlier preview costs mostly mkdocs; it
then takes the paths a watcher reports (:meth:`LiveSite.change`): files under one department folder
reload and re-score that folder (``livecontent``, which loads a folder's models only when its pages are
rendered again), re-render the pages it can change (``livepages``) and
run them through mkdocs' page steps into the served folder (``livebuild``). ``site.yaml``, anything
directly under ``content/``, ``mkdocs.yml``, the docs folder or the templates start over with a full
build, and the log says so. Content with errors changes nothing that is served: the errors are kept for
the server's banner (``sitegen.banner``) until a later save fixes them. :meth:`LiveSite.settle` does the
rest, which the server runs after the pages are served: the whole-site files (open data, 数据下载,
报告一览) and, when ``search_index`` is on, the Pagefind index (:meth:`LiveSite.reindex`).
The result equals a clean ``jixiao build`` of the same content, file for file (tests hold this).
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from jixiao.cache.run import check_for_build, default_cache
from jixiao.domain.issues import Finding, blocking
from jixiao.render.facts import SiteFacts
from jixiao.render.site import GeneratedFile
from jixiao.sitegen.build import _exchange
from jixiao.sitegen.errors import SiteBuildError
from jixiao.sitegen.folderbuild import generate, has_entry
from jixiao.sitegen.livebuild import WarmBuild, start
from jixiao.sitegen.livecontent import LiveContent
from jixiao.sitegen.livepages import LivePages
from jixiao.sitegen.plugin import JixiaoPlugin
from jixiao.sitegen.search import Runs, SearchIndexError, index

__all__ = ["LiveSite", "Update"]

log = logging.getLogger("mkdocs.plugins.jixiao")
_NEW_BUNDLE = "pagefind.new"


@dataclass(frozen=True, slots=True)
class Update:
    """What one change did: pages written, whether it was a full build, the errors that stopped it."""

    pages: int = 0
    files: int = 0
    full: bool = False
    errors: tuple[Finding, ...] = ()
    seconds: float = 0.0


@dataclass(slots=True)
class _State:
    content: LiveContent
    pages: LivePages
    warm: WarmBuild
    plugin: JixiaoPlugin
    search: bool
    pending: set[str] = field(default_factory=set)  # folders changed since the content last rendered


class LiveSite:
    """The preview of ``config_file`` built into ``site_dir`` for ``serve_url``, kept up to date."""

    def __init__(self, config_file: Path, site_dir: Path, serve_url: str) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self.serve_url = serve_url
        self.state: _State | None = None
        self.errors: tuple[Finding, ...] = ()  # the errors of the content on disk (the served pages are older)
        self.warnings: Mapping[str, tuple[Finding, ...]] = {}  # page URL ('' = home) -> its warnings
        self.watched: list[Path] = []  # what to watch: content, templates, docs folder, mkdocs.yml
        self.content_dir = Path()
        self.rebuilt = ""  # why the last change was a full build ('' when it was not)
        self.full_needed = True  # the last full build was stopped by errors: the next change starts over
        self.runs = Runs()  # the search index's Pagefind runs, stopped with the preview (:meth:`stop`)

    # -- building ------------------------------------------------------------------------------------
    def _config(self) -> tuple[MkDocsConfig, JixiaoPlugin]:
        config = load_config(config_file=str(self.config_file), site_dir=str(self.site_dir))
        config.site_url = self.serve_url
        plugin = config.plugins.get("jixiao")
        if not isinstance(plugin, JixiaoPlugin):
            raise SiteBuildError(f"{self.config_file} 的 plugins 中没有启用 jixiao 插件")
        plugin.root = Path(config.config_file_path or ".").resolve().parent
        return config, plugin

    def start(self) -> Update:
        """Check the content and build the whole preview; errors leave the served pages as they were."""
        began = time.perf_counter()
        config, plugin = self._config()
        self.content_dir = plugin.content_path(config)
        self.watched = [self.content_dir, *(plugin._path(t) for t in plugin.config.templates),
                        Path(config.docs_dir), self.config_file.resolve()]
        root = self.content_dir
        # as ``jixiao build`` checks: each folder's result from the check cache when its files are unchanged;
        # only the folders the render cache has no entry for are loaded here (and rendered, below)
        planned = check_for_build(root, plugin.config.content, cache=default_cache(root),
                                  want=lambda name, key: not has_entry(root, key))
        if planned.context is None:  # no content folder: the check says so
            self.errors = tuple(blocking(planned.gating, strict=False))
            self.full_needed = True
            return Update(full=True, errors=self.errors, seconds=time.perf_counter() - began)
        content = LiveContent(planned)
        if self._check(content):
            self.full_needed = True
            return Update(full=True, errors=self.errors, seconds=time.perf_counter() - began)
        self.full_needed = False
        settings = plugin.settings()
        made = generate(planned, root, settings, lambda file: file, parts=True)
        del planned
        log.info("部门目录：%d 个重新生成，%d 个取自缓存", len(made.rendered), len(made.parts) - len(made.rendered))
        pages = LivePages(made, content, root, settings)
        plugin.use_generated(made.site, made.search, root, pages.initial)
        search = plugin.config.search_index
        plugin.config.search_index = False  # indexed after the pages are served (``reindex``)
        # the pages of the last start, kept in the cache, are reused where unchanged (``livebuild.start``)
        warm = start(config, plugin, self.serve_url, kept=default_cache(root) / "preview" / "pages")
        self.state = _State(content, pages, warm, plugin, search)
        return Update(pages=len(pages.initial), full=True, seconds=time.perf_counter() - began)

    def _check(self, content: LiveContent) -> bool:
        """Keep the errors and warnings of ``content``; True when errors stop it from being shown."""
        self.errors = content.errors()
        self.warnings = content.warnings()
        return bool(self.errors)

    # -- changes -------------------------------------------------------------------------------------
    def folders_of(self, paths: Iterable[Path]) -> set[str] | None:
        """The department folders ``paths`` are in; None when one of them needs a full build."""
        folders: set[str] = set()
        root = self.content_dir.resolve()
        for path in paths:
            path = path.absolute()
            try:
                parts = path.relative_to(root).parts
            except ValueError:
                try:
                    parts = path.resolve().relative_to(root).parts
                except ValueError:
                    self.rebuilt = f"{path} 已修改"
                    return None  # a template, the docs folder or mkdocs.yml
            if len(parts) == 0 or parts == ("site.yaml",):
                self.rebuilt = "site.yaml 已修改"
                return None
            if len(parts) > 1 or (root / parts[0]).is_dir() or parts[0] in (self.state.content.folders
                                                                              if self.state else {}):
                folders.add(parts[0])
        return folders

    def change(self, paths: Iterable[Path]) -> Update:
        """Bring the served pages up to date with the files at ``paths``, changed on disk."""
        began = time.perf_counter()
        folders = self.folders_of(paths)
        if folders is None or self.state is None or self.full_needed:
            return self.start()
        self.rebuilt = ""
        state = self.state
        state.content.update(folders)
        state.pending |= folders
        if self._check(state.content):
            return Update(errors=self.errors, seconds=time.perf_counter() - began)
        changes = state.pages.core(state.pending)
        state.pending = set()
        state.plugin.search_facts = state.pages.search
        written = state.warm.write(changes.files, changes.removed)
        return Update(pages=written, files=len(changes.files) + len(changes.removed),
                      seconds=time.perf_counter() - began)

    # -- after the pages are served ------------------------------------------------------------------
    def snapshot(self) -> tuple[int, SiteFacts] | None:
        """The facts of the content last rendered and its version, for :meth:`render_extensions` elsewhere."""
        return None if self.state is None else (self.state.pages.version, self.state.pages.site_facts())

    def render_extensions(self, facts: SiteFacts) -> list[GeneratedFile]:
        assert self.state is not None
        return self.state.pages.render_extensions(facts)

    def apply_extensions(self, version: int, rendered: list[GeneratedFile]) -> int | None:
        """Write ``rendered`` (of the facts of ``version``); None when the content has moved on since."""
        if self.state is None or self.state.pages.version != version:
            return None
        changes = self.state.pages.apply_extensions(rendered)
        self.state.warm.write(changes.files, changes.removed)
        return len(changes.files) + len(changes.removed)

    def missed(self, limit: int = 50) -> list[Path]:
        """The folders the next :meth:`catch_up` would render whose files changed unseen (saved while the
        preview started, before the watcher ran): :meth:`change` them first, as if the watcher had seen them,
        so their findings are checked and shown before any of their pages is rendered."""
        if self.state is None or self.errors:
            return []
        names = self.state.content.missed(self.state.pages.upcoming(limit))
        return [self.content_dir / name for name in names]

    def catch_up(self, limit: int = 50) -> int | None:
        """Write up to ``limit`` report pages whose rank moved; None when none is left (or while the content
        has errors: those pages are rendered from the models, which then hold the content with errors)."""
        if self.state is None or self.errors:
            return None
        changes = self.state.pages.catch_up(limit)
        if changes is None:
            return None
        return self.state.warm.write(changes.files, changes.removed)

    def settle(self) -> None:
        """What follows an edit, now: pages whose rank moved, the whole-site files and the search index."""
        while True:
            missed = self.missed()
            if missed:
                self.change(missed)
            elif self.catch_up() is None:
                break
        snapshot = self.snapshot()
        if snapshot is None:
            return
        self.apply_extensions(snapshot[0], self.render_extensions(snapshot[1]))
        self.reindex()

    def stop(self) -> None:
        """The preview stops: a Pagefind run under way is killed, and no other starts (safe from any thread)."""
        self.runs.stop()

    @property
    def search(self) -> bool:
        return self.state is not None and self.state.search

    def reindex(self) -> int:
        """Index the served pages for search into a new folder, then swap it in; the pages indexed."""
        if not self.search or self.runs.stopped:
            return 0
        new = self.site_dir / _NEW_BUNDLE
        try:
            stats = index(self.site_dir, subdir=_NEW_BUNDLE, runs=self.runs)
        except SearchIndexError as err:
            if not self.runs.stopped:  # else stopped on purpose (:meth:`stop`)
                log.error("搜索索引未更新：%s", err)
            shutil.rmtree(new, ignore_errors=True)
            return 0
        _exchange(new, self.site_dir / "pagefind")
        shutil.rmtree(new, ignore_errors=True)
        return stats.pages
