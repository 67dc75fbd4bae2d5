"""``jixiao serve``: mkdocs' live-reload server in front of the incremental preview (``sitegen.liveengine``).

Owns the preview's server, watcher and log. The server is mkdocs' ``LiveReloadServer`` (it serves the
folder, injects its reload script and answers the browsers' reload polls); what it serves is built and
kept up to date by :class:`~jixiao.sitegen.liveengine.LiveSite`, and the files are watched with
``watchfiles``, not mkdocs' polling observer. A save of a content file rebuilds only the pages it
changes, then the browsers reload; report pages whose rank moved follow right after, and the whole-site
files (open data, 数据下载, 报告一览) and the search index in the background once the editor pauses. Banners are added as a page is sent, never
written into the files: content errors above every page (the pages stay those of the last content
that passed), a report's warnings above its own page. Every line of the log is in Chinese.
"""

from __future__ import annotations

import logging
import os
import queue
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import urlsplit

import watchfiles
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url, _timestamp

from jixiao.domain.issues import Finding
from jixiao.render.facts import SiteFacts
from jixiao.render.site import GeneratedFile
from jixiao.sitegen.banner import banner, warning_banner, with_banner
from jixiao.sitegen.build import source_date_epoch
from jixiao.sitegen.liveengine import LiveSite, Update
from jixiao.sitegen.plugin import JixiaoPlugin

__all__ = ["PreviewError", "serve"]

log = logging.getLogger("mkdocs.plugins.jixiao")
#: mkdocs' own loggers, whose lines are English: only their errors are shown (ours say the same in Chinese)
#: report pages whose rank moved, written between two looks for new saves
_CHUNK = 10
#: seconds without a save before the whole-site files and the search index are rebuilt: they take many
#: times longer than a page and would slow the next save's pages (one interpreter, two cores)
QUIET_SECONDS = 3.0
#: seconds the shutdown waits for the search index's thread once its Pagefind run is killed
_JOIN_SECONDS = 5.0
_QUIET = ("mkdocs.livereload", "mkdocs.commands.build", "mkdocs.structure", "mkdocs.plugins.material")


class PreviewError(Exception):
    """The preview cannot start: the message (Chinese) and the findings that stop it."""

    def __init__(self, message: str, findings: tuple[Finding, ...] = ()) -> None:
        super().__init__(message)
        self.findings = findings


def _errors_line(errors: tuple[Finding, ...]) -> str:
    return "\n".join(f.format() for f in errors)


class _Background:
    """The work after the pages are served, one job at a time, each on the content of its moment.

    It starts once no file has been saved for :data:`QUIET_SECONDS`. Rendering the whole-site files runs in a thread of its own; writing them runs in the build loop
    (mkdocs' state is not shared between threads); the search index runs ``pagefind`` in a thread.
    """

    def __init__(self, site: LiveSite) -> None:
        self.site = site
        self.done: queue.Queue[tuple[int, list[GeneratedFile]]] = queue.Queue()
        self.rendering: threading.Thread | None = None
        self.indexing: threading.Thread | None = None
        self.render_wanted = False
        self.index_wanted = False
        self.last_save = 0.0  # time.monotonic() of the last save handled

    def _render(self, version: int, facts: SiteFacts) -> None:
        try:
            self.done.put((version, self.site.render_extensions(facts)))
        except Exception:  # a failure here must not stop the preview
            log.exception("数据下载与报告一览未能更新")
            self.done.put((version, []))

    def _index(self) -> None:
        began = time.perf_counter()
        pages = self.site.reindex()
        if pages:
            log.info("搜索索引已更新：%d 个报告页面（%.1f 秒）", pages, time.perf_counter() - began)

    def kick(self) -> None:
        """Start what is wanted and not running; write what has been rendered (in the build loop)."""
        while True:
            try:
                version, rendered = self.done.get_nowait()
            except queue.Empty:
                break
            written = self.site.apply_extensions(version, rendered) if rendered else None
            if written:
                log.info("数据下载与报告一览已更新：%d 个文件", written)
            if written is not None:
                self.index_wanted = True
        if time.monotonic() - self.last_save < QUIET_SECONDS:
            return
        if self.render_wanted and (self.rendering is None or not self.rendering.is_alive()):
            snapshot = self.site.snapshot()
            self.render_wanted = False
            if snapshot is not None:
                self.rendering = threading.Thread(target=self._render, args=snapshot, daemon=True)
                self.rendering.start()
        if self.index_wanted and self.site.search and (self.indexing is None or not self.indexing.is_alive()):
            self.index_wanted = False
            self.indexing = threading.Thread(target=self._index, daemon=True)
            self.indexing.start()


class _Server(LiveReloadServer):
    """mkdocs' server: our watcher and build loop, and the banners added to each page as it is sent."""

    def __init__(self, site: LiveSite, **kwargs: Any) -> None:
        super().__init__(builder=lambda: None, **kwargs)
        self.site = site
        self.background = _Background(site)
        self._stop = threading.Event()
        self._request = threading.local()

    def start_watching(self, paths: Iterable[Path]) -> None:
        # mkdocs injects its reload script only while something is watched; the watching is ours
        for path in paths:
            self._watched_paths[str(path)] = 1

    def serve_request(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        self._request.path = environ.get("PATH_INFO", "")
        return super().serve_request(environ, start_response)

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        path = str(getattr(self._request, "path", "")).encode("latin-1").decode("utf-8", "ignore")
        url = path.removeprefix(self.mount_path.rstrip("/")).lstrip("/").removesuffix("index.html")
        block = banner(self.site.errors) + warning_banner(self.site.warnings.get(url, ()))
        if block:
            content = with_banner(content.decode("utf-8"), block).encode("utf-8")
        return super()._inject_js_into_html(content, epoch)  # type: ignore[no-untyped-call,no-any-return]

    def _build_loop(self) -> None:
        watched = [str(p) for p in self.site.watched if p.exists()]
        caught_up = 0
        for changes in watchfiles.watch(*watched, stop_event=self._stop, yield_on_timeout=True,
                                        rust_timeout=100, debounce=400, raise_interrupt=True):
            if self._shutdown:
                break
            if changes:
                self._update({Path(path) for _, path in changes})
                continue  # more saves may be on their way: the rest waits for a quiet moment
            missed = self.site.missed(_CHUNK)
            if missed:  # saved while the preview started: taken as the watcher would have taken them
                self._update(set(missed))
                continue
            written = self.site.catch_up(_CHUNK)
            if written is not None:
                caught_up += written
                continue
            if caught_up:
                log.info("排名随之变化的 %d 个报告页面已更新", caught_up)
                caught_up = 0
            self.background.kick()

    def _update(self, paths: set[Path]) -> None:
        began = time.perf_counter()
        shown = "、".join(sorted(_shown(p, self.site.content_dir) for p in paths)[:3])
        log.info("检测到修改：%s%s", shown, f" 等 {len(paths)} 个文件" if len(paths) > 3 else "")
        full = self.site.folders_of(paths) is None or self.site.full_needed
        if full:
            log.info("需要完整重建（%s）……", self.site.rebuilt or "上次完整构建未完成")
            with self._epoch_cond:
                self._wanted_epoch = _timestamp()  # requests wait for the full build, as in mkdocs serve
        try:
            done = self.site.change(paths)
        except Exception:
            log.exception("预览更新失败，继续显示上一次的页面")
            done = None
        with self._epoch_cond:  # new pages, or a banner that changed: the browsers reload
            self._wanted_epoch = self._visible_epoch = _timestamp()
            self._epoch_cond.notify_all()
        _report(done, time.perf_counter() - began)
        self.background.last_save = time.monotonic()
        if done is not None and not done.errors:
            self.background.render_wanted = True

    def shutdown(self, wait: bool = False) -> None:
        """Stop now: the watcher, a Pagefind run under way (killed, ``LiveSite.stop``), the server; a request
        waiting for a full build that will not finish is answered."""
        self._stop.set()
        self.site.stop()
        with self._epoch_cond:
            self._visible_epoch = self._wanted_epoch
            self._epoch_cond.notify_all()
        super().shutdown(wait)
        indexing = self.background.indexing
        if indexing is not None:  # its Pagefind is killed: it ends at once (a daemon thread either way)
            indexing.join(timeout=_JOIN_SECONDS)


def _shown(path: Path, content: Path) -> str:
    try:
        return path.relative_to(content.parent).as_posix()
    except ValueError:
        return path.name


def _report(done: Update | None, seconds: float) -> None:
    if done is None:
        return
    if done.errors:
        log.error("内容有 %d 个错误，预览继续显示上一次检查通过的内容：\n%s", len(done.errors),
                  _errors_line(done.errors))
    elif done.full:
        log.info("完整重建完成：%d 个文件，%.1f 秒；浏览器将刷新", done.pages, seconds)
    else:
        log.info("已更新 %d 个页面（%d 个文件），%.2f 秒；浏览器将刷新", done.pages, done.files, seconds)


def _interrupted(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (an editor's tool or a service manager stopping the preview) stops it as Ctrl-C does: the
    search index's Pagefind killed, the served folder removed. (A preview started with Ctrl-C ignored, as a
    background command is, keeps ignoring it: SIGTERM then still stops it cleanly.)"""
    before = signal.signal(signal.SIGTERM, _interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def serve(config_file: Path, dev_addr: str) -> None:
    """Serve the preview at ``dev_addr`` until interrupted (Ctrl-C or SIGTERM); raises PreviewError when it
    cannot start."""
    with _terminate_as_interrupt():
        _serve(config_file, dev_addr)


def _serve(config_file: Path, dev_addr: str) -> None:
    for name in _QUIET:
        logging.getLogger(name).setLevel(logging.ERROR)
    site_dir = Path(tempfile.mkdtemp(prefix="jixiao-preview-"))
    config = load_config(config_file=str(config_file), site_dir=str(site_dir), dev_addr=dev_addr)
    plugin = config.plugins.get("jixiao")
    content = plugin.content_path(config) if isinstance(plugin, JixiaoPlugin) else config_file.parent
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    site = LiveSite(config_file, site_dir, _serve_url(host, port, mount_path))
    epoch_was = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        if epoch_was is None:  # dates as ``jixiao build`` writes them, so the preview equals the built site
            os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch(content))
        log.info("正在检查内容并构建预览……")
        began = time.perf_counter()
        started = site.start()
        if started.errors:
            raise PreviewError("内容有错误，无法开始预览", started.errors)
        log.info("预览已构建：%d 个文件，%.1f 秒", started.pages, time.perf_counter() - began)
        server = _Server(site, host=host, port=port, root=str(site_dir), mount_path=mount_path)
        server.error_handler = lambda code: _error_page(site_dir, code)
        server.start_watching(site.watched)
        server.background.index_wanted = True  # the pages are served: now the search index
        log.info("正在监视 %s 的修改", "、".join(_shown(p, site.content_dir) for p in site.watched))
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            log.info("预览已停止")
        finally:
            server.shutdown()
    finally:
        if epoch_was is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        shutil.rmtree(site_dir, ignore_errors=True)


def _error_page(site_dir: Path, code: int) -> bytes | None:
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
