"""The search step: report pages are marked for Pagefind, a real Pagefind run indexes only them, and
the jixiao plugin runs it in every build (``jixiao build``, ``mkdocs build``) unless told not to."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from jixiao.cli import cli
from jixiao.sitegen.search import BUNDLE_DIR, SearchFacts, index, mark_report
from tests.sitegen.conftest import CONFIG, build_example, tree_digest

FACTS = SearchFacts(department="大同市总工会", year=2021, grade="优秀", total="93.98")


def _page(body: str) -> str:
    return (
        '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>t</title></head>'
        f'<body><nav>导航栏文字 首页 年度</nav><main>{body}</main></body></html>'
    )


def test_mark_report_wraps_content_with_filters_and_meta() -> None:
    """The content sits inside data-pagefind-body; facts are attributes of empty elements."""
    html = mark_report("<h2 id=\"a\">一、基本情况</h2><p>正文</p>", FACTS)
    assert html.startswith("<div data-pagefind-body>")
    assert html.rstrip().endswith("</div>")
    for attr in ('data-pagefind-filter="year:2021"', 'data-pagefind-filter="department:大同市总工会"',
                 'data-pagefind-filter="grade:优秀"', 'data-pagefind-meta="total:93.98"',
                 'data-pagefind-meta="title:大同市总工会 2021 年度自评报告"'):
        assert attr in html


def test_mark_report_escapes_and_drops_empty_facts() -> None:
    """Quotes are escaped, ASCII commas (Pagefind's pair separator) replaced, empty facts left out."""
    html = mark_report("<p>x</p>", SearchFacts(department='A"B,C', year=2020))
    assert 'department:A&quot;B，C' in html
    assert "grade:" not in html and "total:" not in html


def test_index_holds_only_marked_pages(tmp_path: Path) -> None:
    """Pagefind indexes the marked report pages, not the unmarked chrome-only pages."""
    (tmp_path / "index.html").write_text(_page("<h1>首页</h1><p>欢迎访问</p>"), encoding="utf-8")
    for year in (2021, 2022):
        page = tmp_path / str(year) / "datong" / "index.html"
        page.parent.mkdir(parents=True)
        body = mark_report('<h2 id="basic">一、基本情况</h2><p>实际救助困难职工299人。</p>',
                           SearchFacts("大同市总工会", year, "优秀", "93.98"))
        page.write_text(_page(body), encoding="utf-8")
    stats = index(tmp_path)
    assert stats.pages == 2
    assert stats.path == (tmp_path / "pagefind").resolve()
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["zh"]
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
    fragments = [gzip.decompress(f.read_bytes()).decode("utf-8")
                 for f in (tmp_path / "pagefind" / "fragment").iterdir()]
    assert len(fragments) == 2
    for fragment in fragments:
        text = fragment.replace("\u200b", "")  # Pagefind joins segmented words with zero-width spaces
        assert "实际救助困难职工299人" in text
        assert "导航栏文字" not in text and "欢迎访问" not in text
        assert "大同市总工会 20" in text  # the title meta
    assert len(list((tmp_path / "pagefind" / "filter").iterdir())) >= 1
    assert stats.bytes > 0


# --- the search step inside the build: failures are coded, exit 1, and keep the previous site -------


def _project(root: Path) -> Path:
    """A copy of the project (mkdocs.yml, templates, content) under ``root``; returns its mkdocs.yml."""
    for name in ("templates", "content"):
        shutil.copytree(CONFIG.parent / name, root / name)
    shutil.copy(CONFIG, root / "mkdocs.yml")
    return root / "mkdocs.yml"


def _build(config: Path, site: Path) -> Result:
    args = ["build", "--content", str(config.parent / "content"), "--site-dir", str(site), "--config", str(config)]
    return CliRunner().invoke(cli, args)


def _previous_site(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>上一次的网站</title>\n", encoding="utf-8")
    return site, tree_digest(site)


def test_missing_pagefind_is_jx_b001_exit_1_and_keeps_the_previous_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind's own lookup (PAGEFIND_BINARY_PATH) points at no program: a coded error, not a crash."""
    config = _project(tmp_path / "project")
    site, before = _previous_site(tmp_path)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "not-installed" / "pagefind_extended"))
    result = _build(config, site)
    assert result.exit_code == 1, result.output
    assert "[JX-B001]" in result.output and "找不到 Pagefind 程序" in result.output
    assert "Traceback" not in result.output and "内部错误" not in result.output
    assert tree_digest(site) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_failing_pagefind_is_jx_b002_exit_1_and_keeps_the_previous_site(tmp_path: Path) -> None:
    """A site the index cannot be put into (a file named pagefind at the root; Pagefind's own failure, its exit
    code: ``test_searchrun.py``)."""
    config = _project(tmp_path / "project")
    (config.parent / "templates" / "docs" / "pagefind").write_text("不是目录\n", encoding="utf-8")
    site, before = _previous_site(tmp_path)
    result = _build(config, site)
    assert result.exit_code == 1, result.output
    assert "[JX-B002]" in result.output and "Pagefind 未能为网站生成搜索索引（无法放入网站目录）" in result.output
    assert "网站未更新" in result.output and "内部错误" not in result.output
    assert tree_digest(site) == before


def test_search_index_false_skips_the_indexer(tmp_path: Path) -> None:
    """The option under ``plugins: - jixiao:``: no pagefind/ in the built site."""
    build_example(tmp_path / "site")
    assert (tmp_path / "site" / "2021" / "datong-zonggonghui" / "index.html").is_file()
    assert not (tmp_path / "site" / BUNDLE_DIR).exists()


def test_jixiao_build_indexes_the_site(tmp_path: Path) -> None:
    """With the project's mkdocs.yml the plugin writes the index before the site is swapped in."""
    build_example(tmp_path / "site", search=True)
    entry = json.loads((tmp_path / "site" / BUNDLE_DIR / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["zh"]["page_count"] == 1
