"""``jixiao serve``: mkdocs' live-reload server, with a builder that keeps the last content that passed.

Owns the preview. Like ``mkdocs serve`` it builds into a temporary directory and rebuilds on every
change to ``mkdocs.yml``, the docs folder, ``content/`` or the templates. Unlike it, each rebuild checks
the content first: with errors, the site is built from the last content that passed the check, every
page carrying a banner with the errors (``sitegen.banner``), so the browser shows what is wrong instead
of waiting for a build that cannot finish; once fixed, the next save builds the new content. The last good
content lives in this function's closure, nowhere else.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer, _serve_url

from jixiao.check import Checked, blocking, check
from jixiao.domain.issues import Finding
from jixiao.sitegen.build import SiteBuildError
from jixiao.sitegen.plugin import JixiaoPlugin

__all__ = ["PreviewError", "serve"]

log = logging.getLogger("mkdocs.plugins.jixiao")


class PreviewError(Exception):
    """The preview cannot start: the message (Chinese) and the findings that stop it."""

    def __init__(self, message: str, findings: tuple[Finding, ...] = ()) -> None:
        super().__init__(message)
        self.findings = findings


def _plugin(config: MkDocsConfig, config_file: Path) -> JixiaoPlugin:
    plugin = config.plugins.get("jixiao")
    if not isinstance(plugin, JixiaoPlugin):
        raise SiteBuildError(f"{config_file} 的 plugins 中没有启用 jixiao 插件")
    return plugin


def serve(config_file: Path, dev_addr: str) -> None:
    """Serve the preview at ``dev_addr`` until interrupted; raises PreviewError when it cannot start."""
    site_dir = tempfile.mkdtemp(prefix="jixiao-preview-")
    last_good: list[Checked] = []  # the last content that passed the check (at most one)

    def get_config() -> MkDocsConfig:
        return load_config(config_file=str(config_file), site_dir=site_dir, dev_addr=dev_addr)

    config = get_config()
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = _serve_url(host, port, mount_path)

    def builder(config: MkDocsConfig | None = None) -> None:
        config = config or get_config()
        config.site_url = serve_url
        plugin = _plugin(config, config_file)
        content = plugin.content_path(config)
        checked = check(content, plugin.config.content)
        errors = tuple(blocking(checked.findings, strict=False))
        if errors and not last_good:
            raise PreviewError("内容有错误，无法开始预览", errors)
        if errors:
            log.error("内容有 %d 个错误，预览显示上一次检查通过的内容：\n%s", len(errors),
                      "\n".join(f.format() for f in errors))
        else:
            last_good[:] = [checked]
        plugin.use(last_good[0], content)
        plugin.show_errors(errors)
        log.info("正在构建预览……")
        build(config, serve_url=serve_url)

    server = LiveReloadServer(builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path)

    def not_found(code: int) -> bytes | None:
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = not_found
    try:
        builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            log.info("预览已停止")
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
