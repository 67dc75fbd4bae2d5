"""The plugin lets the site's text go once mkdocs has written it, before Pagefind runs beside it.

A real build of the example through the plugin ends with nothing of the site held by the plugin, and
:func:`release` empties generated files and pages (real mkdocs objects) while the written site is whole.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from jixiao.sitegen.plugin import JixiaoPlugin, release, trim_memory
from tests.sitegen.conftest import config as site_config


def test_build_keeps_nothing_of_the_site_after_writing_it(tmp_path: Path) -> None:
    """After a whole build the plugin holds no page text (only the generated paths) nor search facts; the pages are on disk."""
    config = load_config(config_file=str(site_config(False)), site_dir=str(tmp_path / "site"))
    plugin = config.plugins["jixiao"]
    assert isinstance(plugin, JixiaoPlugin)
    mkdocs_build(config)
    assert plugin.generated and all(f.content == "" for f in plugin.generated)
    assert plugin.search_facts == {} and plugin.files is None
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
