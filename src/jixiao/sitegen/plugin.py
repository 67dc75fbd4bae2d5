"""The ``jixiao`` mkdocs plugin: feeds the generated pages into an ordinary mkdocs build.

Owns the mkdocs side of the site: in ``on_config`` it fills in what the project leaves to jixiao
(the short top navigation, ``site_url`` from ``site.yaml``); in ``on_files`` it adds every file of
:func:`jixiao.render.site.site_files` as an mkdocs 1.6 generated file; in ``on_serve`` it watches
``content/`` and the templates so ``mkdocs serve`` reloads on edits; it indexes the site for search
(``sitegen.searchrun``: each report page's search input as the page is converted, Pagefind from
``on_env``, while the pages are written, until ``on_post_build``; option ``search_index: false`` skips
it), while the site is still in mkdocs' ``site_dir`` (for ``jixiao build``, the temporary directory that is swapped in only
after the whole build, index included, succeeded). With ``mkdocs build`` alone
the plugin is an entry point like the CLI: it loads and checks the content itself; ``jixiao build``
hands it the already checked content instead. Two more modes (``sitegen.shardbuild``,
``sitegen.assemble``): with ``shard`` set it generates one shard's report pages and data files (the
navigation's pages as stand-ins, so every header is the whole site's) and records the output path of
each file the shard owns; with ``assembly`` set it generates the site-wide pages from the shards'
facts, reads no content and indexes nothing (the shards' indexes are merged).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import re
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import FileSystemBytecodeCache
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from jixiao.cache.store import DIRECTORY
from jixiao.check import Checked, blocking, check
from jixiao.domain.issues import Finding
from jixiao.domain.model import SiteSettings
from jixiao.load.revisions import histories
from jixiao.render.explorer_data import DEPARTMENTS
from jixiao.render.facts import ReportFacts, SiteFacts
from jixiao.render.site import GeneratedFile, RenderSettings, published, shard_files, site_files, top_files
from jixiao.sitegen import searchparts
from jixiao.sitegen.banner import banner, with_banner
from jixiao.sitegen.gitdates import file_dates
from jixiao.sitegen.reuse import Previous, digest, page_key, site_key
from jixiao.sitegen.search import SearchFacts, SearchIndexError, index, mark_report, report_facts
from jixiao.sitegen.searchcache import SearchCache, folder_of, save
from jixiao.sitegen.searchrun import SearchRun
from jixiao.sitegen.staging import Staging
from jixiao.sitegen.tidy import tidy
from jixiao.sitegen.verbatim import restore, stash

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

    from jixiao.cache.run import Planned
    from jixiao.sitegen.childgen import ChildPlan
    from jixiao.sitegen.manifest import ShardPart

_ROOT_LINK = re.compile(r'\b(href|src|action)="/(?!/)')


class JixiaoConfig(Config):  # type: ignore[no-untyped-call]
    """Options under ``plugins: - jixiao:`` in ``mkdocs.yml`` (paths relative to ``mkdocs.yml``)."""

    content = c.Type(str, default="content")
    templates = c.ListOfItems(c.Type(str), default=["templates"])
    search_index = c.Type(bool, default=True)  # false: no Pagefind run (faster; the search box finds nothing)
    #: report pages per Pagefind run (``sitegen.searchparts``: its memory grows ~0.63 MB a page); 0: one run
    #: whatever the size; unset: parts of at most 1,000 (``searchparts.AUTO_PART_PAGES``) on a larger site, of at
    #: most 600 in a shard build (``searchparts.SHARD_PART_PAGES``)
    search_part_pages = c.Optional(c.Type(int))
    #: report pages per index part, about, the parts made by department (``searchparts.by_department``) so that
    #: a rebuild after an edit indexes only the part holding the edited report; 0: off (parts in page order, by
    #: ``search_part_pages``); ignored by a shard build
    search_department_part_pages = c.Type(int, default=0)


class JixiaoPlugin(BasePlugin[JixiaoConfig]):  # type: ignore[no-untyped-call]
    """Adds the generated report, department, year and index pages to the mkdocs build."""

    def __init__(self) -> None:
        self.checked: Checked | None = None  # set by ``jixiao build``; else loaded on demand
        self.generated: list[GeneratedFile] = []
        self.search_facts: dict[str, SearchFacts] = {}  # report pages by source path, for the index
        self.verbatim: set[str] = set()  # source paths of pages whose HTML blocks skip Python-Markdown
        self.stashed: dict[str, list[str]] = {}  # those blocks, between on_page_markdown and on_page_content
        self.root = Path(".")
        self.banner = ""  # the preview's error banner (``show_errors``); never set by a real build
        #: ``jixiao build --shard``: only these reports' pages and files (see ``sitegen.shardbuild``)
        self.shard: ShardPart | None = None
        self.shard_facts: tuple[ReportFacts, ...] = ()  # the shard's reports, for its manifest
        #: ``jixiao assemble``: the site-wide pages from every shard's facts, no content read
        self.assembly: SiteFacts | None = None
        self.site_url = ""  # mkdocs' site_url once configured ("" when the site has none)
        self.owned: dict[str, str] = {}  # source path -> output path of the files a shard build owns
        self.files: Files | None = None  # this build's files, until on_post_build lets their text go
        self.data_released = False  # generated non-page files emptied once mkdocs has copied them
        self.rendered: list[GeneratedFile] | None = None  # the generated files, when given (``use_generated``)
        self.rendered_site: SiteSettings | None = None  # their site's settings
        #: each page's HTML, compressed, from its conversion until its template is rendered (``on_page_content``)
        self.packed: dict[str, bytes] = {}
        #: where the generated files wait on disk for mkdocs (``sitegen.staging``); not in the preview
        self.staging: Staging | None = None
        #: ``jixiao build``: the last build of the same site, whose unchanged pages are reused (``sitegen.reuse``)
        self.previous: Previous | None = None
        self.pages: dict[str, str] = {}  # src path -> dest path of the generated pages, for the next build
        #: ``jixiao build``: the cached check, rendered folder by folder through the render cache (``sitegen.folderbuild``)
        self.planned: Planned | ChildPlan | None = None
        self.reuse_folders = True  # False: every folder rendered again (and stored)
        #: the search inputs of the report pages and Pagefind over them, beside the build (``sitegen.searchrun``)
        self.search: SearchRun | None = None
        #: ``jixiao build``: the last build's search inputs and bundle (``sitegen.searchcache``)
        self.search_cache: SearchCache | None = None
        self.kept: dict[str, list[Any]] = {}  # dest -> recorded search input of reused report pages (``searchcache``)
        #: this build's search inputs and bundle parts (``SearchRun.record``), once indexed
        self.search_record: tuple[dict[str, list[Any]], list[tuple[str, str, dict[str, list[Any]]]]] | None = None
        #: called once with the site directory when every page is written, before the search index is made
        #: (``jixiao build --shard`` writes its manifest then and lets the shard's facts go: ``sitegen.shardbuild``)
        self.written: Callable[[JixiaoPlugin, Path], None] | None = None

    def content_path(self, config: MkDocsConfig) -> Path:
        """The content folder, as ``mkdocs.yml`` (read into ``config``) names it."""
        path = Path(self.config.content)
        return path if path.is_absolute() else Path(config.config_file_path or ".").resolve().parent / path

    def show_errors(self, errors: Sequence[Finding]) -> None:
        """Preview only (``sitegen.preview``): put a banner listing ``errors`` at the top of every page."""
        self.banner = banner(errors)

    def use(self, checked: Checked, content: Path) -> None:
        """Build from ``checked``, the content ``jixiao build`` has already loaded and checked from ``content``."""
        self.checked = checked
        self.config.content = str(content.resolve())
        self.rendered = None

    def use_generated(self, site: SiteSettings, search: dict[str, SearchFacts], content: Path,
                      files: Sequence[GeneratedFile]) -> None:
        """Build the generated ``files`` of the site ``site`` of ``content``, already rendered, with the report
        pages' ``search`` facts (the preview, ``sitegen.liveengine``)."""
        self.checked = None
        self.rendered_site, self.search_facts = site, search
        self.config.content = str(content.resolve())
        self.rendered = list(files)

    def use_planned(self, planned: Planned | ChildPlan, content: Path, *, reuse: bool = True) -> None:
        """Build from ``jixiao build``'s cached check; unchanged folders come from the render cache."""
        self.planned, self.reuse_folders = planned, reuse
        self.config.content = str(content.resolve())

    def _path(self, name: str) -> Path:
        path = Path(name)
        return path if path.is_absolute() else self.root / path

    def settings(self) -> RenderSettings:
        dates = file_dates(self._path(self.config.content))
        return RenderSettings(tuple(self._path(t) for t in self.config.templates), dates, self.bytecode())

    def bytecode(self) -> Path:
        """Where compiled templates (jixiao's and the theme's) are kept between builds: the project's cache."""
        return self._path(self.config.content).resolve().parent / DIRECTORY / "templates"

    def _content(self) -> Checked:
        if self.checked is not None:
            return self.checked
        content = self._path(self.config.content)
        checked = check(content, self.config.content)  # the plugin is an entry point when mkdocs runs alone
        errors = blocking(checked.gating, strict=False)
        if errors:
            lines = "\n".join(f.format() for f in errors)
            raise PluginError(f"内容有 {len(errors)} 个错误，未构建网站：\n{lines}")
        return checked

    def _generate(self, site_dir: Path) -> SiteSettings:
        """Fill ``generated`` (and the search facts): the whole site, one shard, or the assembled top pages.

        Each file is staged on disk as it is made (``sitegen.staging``), except in the preview.
        """
        settings = self.settings()
        self.staging = Staging(site_dir) if self.rendered is None else None
        keep = self.staging.keep if self.staging is not None else _as_is
        if self.assembly is not None:
            self.generated = [keep(f) for f in top_files(self.assembly, settings)]
            return self.assembly.site
        if self.planned is not None:
            from jixiao.sitegen.childgen import ChildPlan
            from jixiao.sitegen.folderbuild import generate

            if isinstance(self.planned, ChildPlan):  # made by the child that checked, which exits now
                assert self.staging is not None
                made = self.planned.generate(settings, self.staging.root, reuse=self.reuse_folders)
            else:
                made = generate(self.planned, self._path(self.config.content), settings, keep,
                                reuse=self.reuse_folders, linked=self.staging is not None)
            log = logging.getLogger("mkdocs.plugins.jixiao")
            log.info("部门目录：%d 个重新生成，%d 个取自缓存", len(made.rendered),
                     len(self.planned.folders) - len(made.rendered))
            log.debug("重新生成的部门目录：%s", " ".join(made.rendered))
            self.planned = None
            self.search_facts, self.generated = made.search, made.files
            return made.site
        if self.rendered is not None:  # the preview has rendered them (``sitegen.liveengine``)
            assert self.rendered_site is not None
            self.generated = self.rendered
            return self.rendered_site
        checked = self._content()
        content = self._path(self.config.content)
        overall = [(item.report.key, content / item.report.department.slug / f"{item.report.year}.yaml")
                   for item in checked.reports if not item.report.is_project]
        checked = replace(checked, histories=histories(content, overall))
        self.search_facts = report_facts(checked)
        if self.shard is None:
            self.generated = site_files(checked, settings, keep)
            return checked.corpus.site
        files, self.shard_facts = shard_files(published(checked), settings, self.shard.ranks, keep=keep)
        self.owned = {f.path: "" for f in files}
        # the navigation's pages, as stand-ins: every page's header is the same as in the whole site
        stubs = [keep(f) for f in top_files(SiteFacts(checked.corpus.site, (), ()), settings) if f.nav_title]
        self.generated = sorted([*files, *stubs], key=lambda f: f.path)
        return checked.corpus.site

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or ".").resolve().parent
        site = self._generate(Path(config.site_dir))
        if self.rendered is None:
            # every page and fact is made: the reports' models (~0.12 MB each) are not read again; the
            # preview keeps them (it renders changed pages from them)
            self.checked = None
        self.verbatim = {f.path for f in self.generated if f.verbatim_html}
        if not config.nav:
            nav = sorted((f for f in self.generated if f.nav_title), key=lambda f: (f.nav_order, f.path))
            config.nav = [{f.nav_title: f.path} for f in nav]
        if not config.site_url and site.base_url:
            config.site_url = site.base_url.rstrip("/") + "/"
        self.site_url = config.site_url or ""
        if not config.site_description and site.description:
            config.site_description = site.description
        # the footer of every page (templates/overrides/partials/copyright.html)
        config.extra["jixiao_footer"] = [(label, value) for label, value in (
            ("主办单位", site.host or site.publisher), ("联系方式", site.contact),
            ("网站标识码", site.site_code), ("ICP 备案号", site.icp)) if value]
        return config

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """The 404 page without a ``site_url``: links relative to the site's root, not to ``/``.

        A static host serves ``404.html`` for a missing page; with relative links it is styled and its
        links work wherever the site is deployed (a sub-path too) for a missing page one level down.
        """
        if template_name != "404.html" or config.site_url:
            return output_content
        return tidy(_ROOT_LINK.sub(r'\1="./', output_content))

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        self.files = files
        for item in self.generated:
            existing = files.get_file_from_path(item.path)
            if existing is not None:
                raise PluginError(f"{item.path} 既是 docs 目录中的文件，又是 jixiao 生成的页面；请删除前者")
            if self.staging is not None:
                made = self.staging.file(config, item)
            elif item.source is not None:  # already on disk (``jixiao assemble``'s site-wide tables)
                made = File.generated(config, item.path, abs_src_path=str(item.source))
            else:
                made = File.generated(config, item.path, content=item.content)
            files.append(made)
            if item.path in self.owned:
                self.owned[item.path] = made.dest_uri
        # mkdocs' files hold the text now; kept here too, every page's source and every data file would
        # stay alive until the end of the build, whatever mkdocs lets go (paths and nav titles stay)
        self.generated = [replace(f, content="") for f in self.generated]
        self.kept, self.search_record = {}, None
        if self.previous is not None and self._indexing():
            self.search_cache = SearchCache.load(folder_of(self.previous.manifest), self.previous.enabled)
        if self.previous is not None:
            self._reuse(files, config)
        if self._indexing() and self.search_facts:
            part_pages = searchparts.part_size(self.config.search_part_pages, shard=self.shard is not None)
            self.search = SearchRun(Path(config.site_dir), part_pages, self.search_cache,
                                    self.previous.site_dir if self.previous is not None else None,
                                    self._department_pages())
            for dest, recorded in self.kept.items():
                self.search.keep(dest, recorded)
        return files

    def _department_pages(self) -> int:
        """Report pages per index part made by department (0: not made so)."""
        return 0 if self.shard is not None else max(0, self.config.search_department_part_pages)

    def _indexing(self) -> bool:
        """Whether this build makes a search index."""
        if not self.config.search_index or self.assembly is not None:
            return False
        return self.shard is None or bool(self.shard_facts)  # a shard without published reports: nothing

    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """A staged page's source, read when mkdocs converts it (``sitegen.staging``)."""
        return self.staging.source(page.file) if self.staging is not None else None

    def _reuse(self, files: Files, config: MkDocsConfig) -> None:
        """Mark the generated pages the last build already wrote as they would be now (``sitegen.reuse``).

        mkdocs, building ``dirty``, skips a file whose ``is_modified()`` is false; ``on_post_build`` links
        the last build's file in its place.
        """
        assert self.previous is not None
        folders = [Path(config.docs_dir), *(self._path(t) for t in self.config.templates)]
        if config.theme.custom_dir:
            folders.append(Path(config.theme.custom_dir))
        settings = [repr(config.nav), repr(dict(config.extra)), config.site_url or "", config.site_description or "",
                    f"strict={config.strict}", f"dirs={config.use_directory_urls}",
                    "\n".join(f"{f.src_uri}>{f.dest_uri}" for f in files)]
        content = self._path(self.config.content)
        self.previous.start(site_key(config_file=Path(config.config_file_path or "."), folders=folders,
                                     files=[content / "site.yaml"], settings=settings))
        for item in self.generated:
            file = files.get_file_from_path(item.path)
            if file is None or not file.is_documentation_page():
                continue
            self.pages[file.src_uri] = file.dest_uri
            facts = self.search_facts.get(file.src_uri)
            # the hash of the page's source as mkdocs will read it (staged on disk, or held by the file)
            source = item.digest or digest(file.content_bytes)
            key = page_key(source, repr(facts), f"verbatim={item.path in self.verbatim}")
            if not self.previous.reusable(file.src_uri, key, file.dest_uri):
                continue
            if facts is not None and self.search_cache is not None:
                # a report page is not converted again: reused only with its search input from the last build
                recorded = self.search_cache.input(file.dest_uri, key)
                if recorded is None:
                    self.previous.reused.pop(file.src_uri)
                    continue
                self.kept[file.dest_uri] = recorded
            setattr(file, "is_modified", _unchanged)  # noqa: B010 (one instance, not the class)

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Pages that allow it: their HTML blocks skip Python-Markdown (see ``sitegen.verbatim``)."""
        if page.file.src_uri not in self.verbatim:
            return markdown
        text, blocks = stash(markdown)
        self.stashed[page.file.src_uri] = blocks
        return text

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put verbatim HTML back; report pages: mark the content for the search index (``sitegen.search``)."""
        html = restore(html, self.stashed.pop(page.file.src_uri, []))
        facts = self.search_facts.get(page.file.src_uri)
        # Converted: the Markdown (and a generated page's source) is not read again. mkdocs only asks
        # whether page.markdown is None (Page.title), so it becomes "", not None. Memory: ``release``.
        page.markdown = ""
        if page.file.generated_by is not None:
            page.file.content_bytes = b""
        if facts:
            html = mark_report(html, facts)
            if self.search is not None:
                key = self.previous.keys.get(page.file.src_uri, "") if self.previous is not None else ""
                self.search.add(page.file.dest_uri, html, key)
        # mkdocs converts every page before it renders the first template: held as it is, the whole
        # site's HTML would be in memory at once. Compressed it is about a tenth; ``on_page_context``
        # puts it back just before the page's template reads it.
        self.packed[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        return ""

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """Every page is converted, so every report page's search input is written: Pagefind starts now,
        beside the rendering and writing of the pages, when the site is indexed in one part (in several,
        its memory comes after the pages': ``on_post_build``)."""
        with contextlib.suppress(OSError):  # the theme's templates, compiled once (``render.env.environment``)
            self.bytecode().mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(self.bytecode()))
        if self.search is not None and not self.search.pages:
            self.close_search()  # no report page converted after all: the written site is indexed as it is
        if self.search is not None and self.search.one_part:
            try:
                self.search.start(_html_pages(files, config))
            except SearchIndexError as err:
                raise PluginError(str(err)) from err
        return env

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        """Pages are written after every other file: generated data files are copied by now, let them go."""
        if not self.data_released and self.files is not None:
            self.data_released = True
            release(Files([f for f in self.files if f.page is None]))
        packed = self.packed.pop(page.file.src_uri, None)
        if packed is not None:
            page.content = zlib.decompress(packed).decode("utf-8")
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The search index of the site just written to ``site_dir``: Pagefind, started in ``on_env``, is
        waited for (``sitegen.searchrun``), or (several parts, or no report page converted) run now.

        Every page is written by now: what only writing needed (the generated files' text, each page's
        Markdown and HTML, about three copies of the site) is let go first (:func:`release`), so a
        Pagefind run started now does not run beside a Python process still holding the whole site.
        """
        if self.previous is not None:
            self.previous.link(Path(config.site_dir))
        release(self.files)
        self.files, self.data_released = None, False
        self.close_staging()
        self.search_facts, self.stashed, self.packed = {}, {}, {}
        indexed = self._indexing()  # before ``written`` lets a shard's facts go
        if self.written is not None:
            written, self.written = self.written, None
            written(self, Path(config.site_dir))
        trim_memory()
        if not indexed:
            return
        waiting = time.monotonic()
        try:
            if self.search is not None:
                if not self.search.started:
                    self.search.start(sum(1 for _ in Path(config.site_dir).rglob("*.html")))
                stats = self.search.finish(Path(config.site_dir) / DEPARTMENTS)
                self.search_record = (self.search.entries, self.search.record)
            else:
                stats = index(Path(config.site_dir), self.config.search_part_pages, shard=self.shard is not None,
                              department_pages=self._department_pages())
        except SearchIndexError as err:
            raise PluginError(str(err)) from err
        finally:
            self.close_search()
        logging.getLogger("mkdocs.plugins.jixiao").info(
            "搜索索引：%d 个报告页面，%.1f MB（页面写完后又用了 %.1f 秒）", stats.pages, stats.bytes / 1_000_000,
            time.monotonic() - waiting)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Every page: the theme's markup made valid HTML (``sitegen.tidy``), and the preview's banner.

        The page's HTML is in ``output`` now and nothing reads ``page.content`` again: it goes.
        """
        page.content = None
        return with_banner(tidy(output), self.banner)

    def on_build_error(self, *, error: Exception) -> None:
        self.close_staging()
        self.close_search()

    def record_search(self, site_dir: Path) -> None:
        """After the build is swapped into ``site_dir``: record its search inputs and bundle for the next."""
        if self.search_cache is not None and self.search_record is not None:
            entries, parts = self.search_record
            save(self.search_cache.folder, entries, parts, site_dir / "pagefind")

    def close_search(self) -> None:
        """Stop Pagefind if it still runs (a failed or interrupted build) and remove its folder."""
        if self.search is not None:
            self.search.close()
            self.search = None

    def close_staging(self) -> None:
        """Remove the staging folder, if any (``sitegen.staging``)."""
        if self.staging is not None:
            self.staging.close()
            self.staging = None

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self._path(self.config.content)))
        for template in self.config.templates:
            server.watch(str(self._path(template)))
        return server


def _as_is(file: GeneratedFile) -> GeneratedFile:
    return file


def _html_pages(files: Files, config: MkDocsConfig) -> int:
    """The HTML pages the build will write: pages and HTML files, and the theme's and extra HTML templates."""
    written = {f.dest_uri for f in files if f.dest_uri.endswith(".html")}
    written.update(t for t in (*config.theme.static_templates, *config.extra_templates) if t.endswith(".html"))
    return len(written)


def _unchanged() -> bool:
    """``File.is_modified`` of a page reused from the last build."""
    return False


def release(files: Files | None) -> None:
    """Let go of the text of ``files`` once mkdocs has written them: generated content, Markdown, HTML.

    Only for after the last page is written (``on_post_build``); mkdocs reads none of it afterwards, and
    every build (``mkdocs serve`` too) starts from new ``Files``.
    """
    for file in files or ():
        page = file.page
        if page is not None:
            page.markdown, page.content = None, None
        if file.generated_by is not None:
            file.content_bytes = b""


def trim_memory() -> None:
    """Collect garbage and hand freed heap pages back to the system (glibc ``malloc_trim``; elsewhere no-op).

    CPython returns large freed blocks to the C allocator, which keeps them in its heap; without this
    the Python process would stay at its peak size while Pagefind runs beside it.
    """
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # AttributeError: not glibc
        ctypes.CDLL(None).malloc_trim(0)
