"""The plugin never holds the whole site's text: files wait on disk, pages' HTML is packed, all is let go.

A real build of the example through the plugin: while mkdocs converts the pages, the generated files are
staged on disk (``sitegen.staging``; the plugin and mkdocs hold no content) and every converted page's
HTML is held compressed until its template is rendered; the build ends with nothing of the site held by
the plugin and no staging folder in the site. :func:`release` empties generated files and pages (real
mkdocs objects) while the written site is whole. A staged page is read back with its exact text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from jixiao.check import check
from jixiao.render.site import GeneratedFile
from jixiao.sitegen.plugin import JixiaoPlugin, release, trim_memory
from jixiao.sitegen.staging import NAME, Staging
from tests.conftest import CONTENT
from tests.sitegen.conftest import config as site_config


def test_build_keeps_nothing_of_the_site_after_writing_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While pages are converted the site's files wait on disk (data files in the site already) and each
    converted page's HTML is packed; after the build the plugin holds no page text (only the generated
    paths), no search facts and no staging folder; the pages are on disk."""
    seen: dict[str, object] = {}
    converted = JixiaoPlugin.on_page_content

    def spy(self: JixiaoPlugin, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        out = converted(self, html, page=page, config=config, files=files)
        if "report" not in seen and page.file.src_uri == "2021/datong-zonggonghui/index.md":
            assert self.files is not None and self.staging is not None
            seen["report"] = out
            seen["packed"] = len(self.packed)
            seen["in memory"] = [f.src_uri for f in self.files if f.generated_by and f.page is None
                                 and (f.abs_src_path is None or NAME in f.abs_src_path)]
            seen["held"] = [f.path for f in self.generated if f.content]
            seen["staged"] = (self.staging.root / "2021" / "datong-zonggonghui" / "index.md").is_file()
        return out

    monkeypatch.setattr(JixiaoPlugin, "on_page_content", spy)
    config = load_config(config_file=str(site_config(False)), site_dir=str(tmp_path / "site"))
    plugin = config.plugins["jixiao"]
    assert isinstance(plugin, JixiaoPlugin)
    plugin.use(check(CONTENT, "content"), CONTENT)  # as ``jixiao build`` hands it the checked content
    mkdocs_build(config)
    assert plugin.checked is None  # the models went once the pages were made
    assert seen["report"] == "" and seen["packed"] and seen["staged"] is True
    assert seen["in memory"] == [] and seen["held"] == []
    assert plugin.generated and all(f.content == "" for f in plugin.generated)
    assert plugin.search_facts == {} and plugin.files is None and plugin.packed == {}
    assert plugin.staging is None and not (tmp_path / "site" / NAME).exists()
    html = (tmp_path / "site" / "2021" / "datong-zonggonghui" / "index.html").read_text(encoding="utf-8")
    assert "93.98" in html


def test_release_empties_generated_files_and_pages(tmp_path: Path) -> None:
    """Generated files lose their content, pages their Markdown and HTML; files read from disk keep theirs."""
    config = load_config(config_file=str(site_config(False)), site_dir=str(tmp_path / "site"))
    config.plugins._current_plugin = "jixiao"  # as mkdocs sets it while a plugin's event runs
    generated = File.generated(config, "a/index.md", content="# 标题\n" + "正文" * 1000)
    on_disk = File("style.css", str(tmp_path), str(tmp_path / "site"), use_directory_urls=True)
    (tmp_path / "style.css").write_text("body {}", encoding="utf-8")
    page = Page(None, generated, config)
    page.markdown, page.content = "# 标题", "<h1>标题</h1>"
    release(Files([generated, on_disk]))
    assert generated.content_bytes == b"" and page.markdown is None and page.content is None
    assert on_disk.content_string == "body {}"
    release(None)  # nothing to do
    trim_memory()  # collects and trims without error on any platform


def test_a_staged_page_is_read_back_exactly(tmp_path: Path) -> None:
    """Line endings, a leading BOM and non-ASCII text come back as rendered (mkdocs' own reading would change them)."""
    config = load_config(config_file=str(site_config(False)), site_dir=str(tmp_path / "site"))
    config.plugins._current_plugin = "jixiao"
    staging = Staging(tmp_path / "site")
    text = "\ufeff---\ntitle: 甲\n---\r\n正文\r第二行\n"
    kept = staging.keep(GeneratedFile("a/index.md", text))
    assert kept.content == "" and kept.path == "a/index.md"
    page = staging.file(config, kept)
    assert staging.source(page) == text
    data = staging.file(config, staging.keep(GeneratedFile("data/a.csv", b"\xef\xbb\xbfx,y\r\n")))
    assert Path(data.abs_dest_path).read_bytes() == b"\xef\xbb\xbfx,y\r\n"  # moved into the site already
    assert data.abs_src_path == data.abs_dest_path and staging.source(data) is None
    staging.close()
    assert not (tmp_path / "site" / NAME).exists()
