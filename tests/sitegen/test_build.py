"""Real mkdocs-material builds of the example: pages, links, determinism, and atomic replacement."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from click.testing import CliRunner

from jixiao.check import check
from jixiao.cli import cli
from tests.sitegen.conftest import CONFIG, build_example, tree_digest
from tests.sitegen.conftest import config as site_config


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"href", "src"} and value:
                self.urls.append(value)


def _text(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_report_page_shows_total_grade_and_every_indicator(example_site: Path) -> None:
    html = _text(example_site, "2021/datong-zonggonghui")
    checked = check(Path(__file__).resolve().parents[2] / "content", "content")
    assert '<html lang="zh-CN"' in html
    assert "93.98" in html and "优秀" in html
    for indicator in checked.corpus.reports[0].indicators():
        assert f'<th scope="row" class="jx-c-name">{indicator.name}</th>' in html
    for anchor in ("basic", "budget", "result", "performance", "problems", "disclosure", "other", "funds", "output"):
        assert f'id="{anchor}"' in html


def test_department_year_and_home_pages_exist(example_site: Path) -> None:
    assert "大同市总工会" in _text(example_site, "departments/datong-zonggonghui")
    assert "大同市总工会" in _text(example_site, "2021")
    home = (example_site / "index.html").read_text(encoding="utf-8")
    assert 'id="count-reports">1<' in home


def test_no_third_party_references_and_every_local_link_resolves(example_site: Path) -> None:
    for page in example_site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        base = "http://site.invalid/" + page.relative_to(example_site).as_posix()
        for url in parser.urls:
            absolute = urljoin(base, url)
            parts = urlsplit(absolute)
            if parts.scheme in {"data", "mailto"} or url.startswith("#"):
                continue
            assert parts.netloc == "site.invalid", f"{page}: off-site reference {url}"
            target = example_site / parts.path.lstrip("/")
            assert target.is_file() or (target / "index.html").is_file(), f"{page}: broken link {url}"
    css = "".join(p.read_text(encoding="utf-8") for p in example_site.rglob("*.css"))
    assert not re.search(r"@import|fonts\.g(oogle|static)apis", css)


def test_nav_stays_short_and_pages_stay_small(example_site: Path) -> None:
    html = _text(example_site, "2021/datong-zonggonghui")
    assert html.count('class="md-nav__link') < 40  # 4 top-level entries plus this page's table of contents
    assert len(html.encode()) < 200_000


def test_two_builds_are_byte_identical(example_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "site"
    build_example(again)
    assert tree_digest(again) == tree_digest(example_site)


def test_broken_content_fails_the_build_and_keeps_the_previous_site(tmp_path: Path, content_copy: Path) -> None:
    site = tmp_path / "site"
    runner = CliRunner()
    config = str(site_config(search=False))
    ok = runner.invoke(cli, ["build", "--content", str(content_copy), "--site-dir", str(site), "--config", config])
    assert ok.exit_code == 0, ok.output
    before = tree_digest(site)
    report = content_copy / "datong-zonggonghui" / "2021.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("weight: 3,", "weight: 三,", 1), encoding="utf-8")
    failed = runner.invoke(cli, ["build", "--content", str(content_copy), "--site-dir", str(site),
                                 "--config", config])
    assert failed.exit_code == 1
    assert "JX-S004" in failed.output
    assert tree_digest(site) == before


def test_markup_in_content_is_shown_as_text_everywhere(tmp_path: Path, content_copy: Path) -> None:
    dept = content_copy / "datong-zonggonghui" / "department.yaml"
    dept.write_text('name: "大同<script>alert(1)</script>总工会\\"><img src=x onerror=alert(2)>"\n', encoding="utf-8")
    narrative = content_copy / "datong-zonggonghui" / "2021.md"
    narrative.write_text(narrative.read_text(encoding="utf-8").replace(
        "需要说明的其他问题无。", "<script>alert(3)</script> ![x](https://tracker.example/p.png)"),
        encoding="utf-8")
    site = tmp_path / "site"
    build_example(site, content_copy)
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        assert "<img src=x" not in html and 'href="javascript' not in html, page
        assert not re.search(r'src="https?://tracker', html), page  # an image would be a third-party request
    report = _text(site, "2021/datong-zonggonghui")
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in report
    title = re.search(r"<title>(.*?)</title>", report, re.S)
    assert title is not None and "<" not in title.group(1)


def test_plain_mkdocs_build_generates_the_pages_and_refuses_broken_content(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """``mkdocs build`` on its own: the plugin loads and checks content/ itself."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    config = load_config(config_file=str(site_config(search=False)), site_dir=str(tmp_path / "plain"))
    mkdocs_build(config)
    assert "93.98" in _text(tmp_path / "plain", "2021/datong-zonggonghui")

    project = tmp_path / "project"
    shutil.copytree(CONFIG.parent / "templates", project / "templates")
    shutil.copytree(CONFIG.parent / "content", project / "content")
    shutil.copy(CONFIG, project / "mkdocs.yml")
    (project / "content" / "datong-zonggonghui" / "2021.yaml").write_text("year: [", encoding="utf-8")
    broken = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(tmp_path / "broken"))
    with pytest.raises(Abort):
        mkdocs_build(broken)
    assert any("JX-Y001" in r.getMessage() for r in caplog.records)  # mkdocs logs the plugin's message
