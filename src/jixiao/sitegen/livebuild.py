"""The preview's mkdocs build, kept warm: run only the changed pages through mkdocs' page steps.

Owns the mkdocs side of the incremental preview. :func:`start` runs one ordinary mkdocs build (the
jixiao plugin adds the generated files as in ``jixiao build``) and keeps what mkdocs builds once: the
config with its plugins, the files, the navigation and the theme's Jinja environment. :meth:`WarmBuild.write`
then takes changed generated files and gone paths: a page goes through the same steps as in mkdocs'
own build (``_populate_page``: read, ``on_page_markdown``, Python-Markdown, ``on_page_content``; then
the theme template, ``on_page_context``, ``on_post_page``), other files are written as they are, and
every file is written next to its place and renamed over it, so the server never sends half a page.
When pages come or go, ``sitemap.xml`` (and its ``.gz``) is rebuilt as mkdocs builds it.

The full build reuses the pages of the last start of the preview (``sitegen.reuse``, as ``jixiao build``
reuses its last build's): after it, each generated page's key and output are recorded and the pages are
kept (hard links) in ``.jixiao-cache/preview/pages/``; the next start's mkdocs skips a page whose key and kept
file are unchanged and links the kept file in. The served folder is then what a clean build writes.

This relies on two of mkdocs' internal functions (``_populate_page``, ``_build_theme_template``) and
on ``get_context``; ``pyproject.toml`` keeps mkdocs below 1.7 for that.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import jinja2
from mkdocs.commands.build import _build_theme_template, _populate_page, build, get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel, set_exclusions
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory

from jixiao.render.site import GeneratedFile
from jixiao.sitegen.plugin import JixiaoPlugin
from jixiao.sitegen.reuse import Previous, save

__all__ = ["WarmBuild", "start"]

_RECORDER = "jixiao-preview-state"


class _Recorder(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Registered after the jixiao plugin for the preview's first build: keeps the files, nav and env."""

    def __init__(self) -> None:
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.env: jinja2.Environment | None = None

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        self.env, self.files = env, files
        return env


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder renamed over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".jx-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class WarmBuild:
    """mkdocs' state after a full build of the preview, and the incremental writes on top of it."""

    def __init__(self, config: MkDocsConfig, plugin: JixiaoPlugin, files: Files, nav: Navigation,
                 env: jinja2.Environment) -> None:
        self.config = config
        self.plugin = plugin
        self.files = files
        self.nav = nav
        self.env = env
        self.site_dir = Path(config.site_dir)
        self._docs = self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)

    def write(self, changed: Iterable[GeneratedFile], removed: Iterable[str]) -> int:
        """Bring the served folder up to date; returns how many pages went through mkdocs."""
        pages: list[Page] = []
        added = False
        for item in changed:
            file = self.files.get_file_from_path(item.path)
            if file is None:
                file = File.generated(self.config, item.path, content=item.content)
                set_exclusions(Files([file]), self.config)
                self.files.append(file)
                added = True
            elif isinstance(item.content, bytes):
                file.content_bytes = item.content
            else:
                file.content_string = item.content
            if item.verbatim_html:
                self.plugin.verbatim.add(item.path)
            if file.is_documentation_page():
                if file.page is None:
                    Page(None, file, self.config)
                assert file.page is not None
                pages.append(file.page)
            else:
                write_atomic(Path(file.abs_dest_path), file.content_bytes)
        gone = False
        for path in removed:
            file = self.files.get_file_from_path(path)
            if file is None:
                continue
            self.files.remove(file)
            self.plugin.verbatim.discard(path)
            _remove(Path(file.abs_dest_path), self.site_dir)
            gone = True
        if added:
            self._sort()
        if added or gone:
            self._docs = self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for page in pages:
            _populate_page(page, self.config, self.files)
        for page in pages:
            self._build_page(page)
        if added or gone:
            _build_theme_template("sitemap.xml", self.env, self.files, self.config, self.nav)
        return len(pages)

    def _sort(self) -> None:
        """Generated files last and by path, as the plugin's ``on_files`` adds them (the sitemap's order)."""
        generated = sorted((f for f in self.files if f.generated_by is not None), key=lambda f: f.src_uri)
        for file in generated:
            self.files.remove(file)
        for file in generated:
            self.files.append(file)

    def _build_page(self, page: Page) -> None:
        """mkdocs' ``_build_page``, writing atomically (the preview has no draft pages to mark)."""
        config = self.config
        config._current_page = page
        try:
            page.active = True
            context = get_context(self.nav, self._docs, config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            output = config.plugins.on_post_page(template.render(context), page=page, config=config)
            write_atomic(Path(page.file.abs_dest_path), output.encode("utf-8", errors="xmlcharrefreplace"))
        finally:
            page.active = False
            config._current_page = None


def _remove(path: Path, root: Path) -> None:
    """Delete ``path`` and the folders it leaves empty, up to ``root``."""
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent


def start(config: MkDocsConfig, plugin: JixiaoPlugin, serve_url: str, kept: Path | None = None) -> WarmBuild:
    """One full mkdocs build of ``config`` into its ``site_dir``; the state it leaves, kept warm.

    ``kept``: where the pages of the last start were kept (reused when unchanged) and this start's are kept.
    """
    recorder = _Recorder()
    config.plugins[_RECORDER] = recorder
    site_dir = Path(config.site_dir)
    previous = None
    if kept is not None:
        previous = plugin.previous = Previous(kept.resolve(), kept.with_suffix(".json"))
        clean_directory(str(site_dir))  # mkdocs cleans only when not ``dirty``
    build(config, serve_url=serve_url, dirty=previous is not None)  # dirty: only the pages marked unchanged
    plugin.previous = None
    if previous is not None:
        save(previous, plugin.pages, site_dir)
        _keep(site_dir, previous.site_dir, plugin.pages.values())
    assert recorder.files is not None and recorder.nav is not None and recorder.env is not None
    return WarmBuild(config, plugin, recorder.files, recorder.nav, recorder.env)


def _keep(site_dir: Path, kept: Path, pages: Iterable[str]) -> None:
    """Keep the generated pages ``site_dir`` holds now in ``kept`` (replaced whole; links, else copies).
    The served files are later replaced, never written in place (:func:`write_atomic`), so these stay."""
    new = kept.with_name(kept.name + ".new")
    try:
        shutil.rmtree(new, ignore_errors=True)
        for dest in pages:
            target = new / dest
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site_dir / dest, target)
            except OSError:
                shutil.copyfile(site_dir / dest, target)
        shutil.rmtree(kept, ignore_errors=True)
        new.rename(kept)
    except OSError:  # a cache that cannot be written is not written (the manifest then matches nothing)
        shutil.rmtree(new, ignore_errors=True)
