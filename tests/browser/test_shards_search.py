"""The header search of an assembled site (jixiao assemble) finds reports of every shard, from a sub-path.

The site of ``tests/shardsite.py`` is built as three region shards (each with its own Pagefind index)
and assembled; in headless Chromium, served under ``/sub/``, the header search box is asked for a
department of each shard: the first result must be that department's report, so the indexes of the
shards that are not the primary one are searched too. The search is progressive (each bundle its own
Pagefind instance): the first bundle's results are drawn before any other bundle is read, the others'
are added below them, and a query naming a department searches that department's shard first.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import WebDriverWait

from jixiao import pipeline
from jixiao.domain.shards import shard_id
from jixiao.sitegen.manifest import read_manifest
from tests.browser.conftest import Browser
from tests.browser.test_search import WAIT, _search, type_query
from tests.conftest import ROOT
from tests.shardsite import REGIONS, make_sharded

pytestmark = pytest.mark.browser
CONFIG = ROOT / "mkdocs.yml"
#: query (a department's name) -> the shard it is in, and the start of its pages' URLs
QUERIES = {
    "大同市总工会": ("大同市", "2021/datong-zonggonghui/"),
    "某市民政局": ("太原市", "20"),
    "大同市妇女联合会": ("省本级", "2021/datong-fulian/"),
}


@pytest.fixture(scope="module")
def assembled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The assembled site's project folder: ``content``, ``shards/<name>``, ``site``."""
    root = tmp_path_factory.mktemp("assembled")
    content = make_sharded(root)
    folders = []
    for name in REGIONS:
        _, shard, part = pipeline.plan_shard(content, "content", name)
        pipeline.build_shard(shard, part, content, root / "shards" / name, CONFIG)
        folders.append(root / "shards" / name)
    pipeline.assemble(folders, content, root / "site", CONFIG)
    return root


@pytest.fixture(scope="module")
def assembled_url(assembled: Path, serve_site: Callable[[Path], str]) -> str:
    return serve_site(assembled / "site")


@pytest.mark.parametrize("query", list(QUERIES))
def test_header_search_finds_every_shard(browser: Browser, assembled_url: str, query: str) -> None:
    """A department of each shard (the primary index's and the merged ones') is the first result."""
    shard, prefix = QUERIES[query]
    browser.get(assembled_url + "years/")
    links = _search(browser, query)
    first = links[0]
    assert first["href"].startswith(assembled_url + prefix), (shard, links[:3])
    assert query in first["h1"] or query in first["marks"], (shard, first)


#: Records, when the first result is drawn, the Pagefind metadata and index chunks fetched so far and
#: what the box says; the page's resource timing lists every completed fetch.
_AT_FIRST = """
window.__jxAtFirst = null;
new MutationObserver(function (_, obs) {
  if (!document.querySelector('#jx-search-list .md-search-result__item')) return;
  obs.disconnect();
  window.__jxAtFirst = {
    fetched: performance.getEntriesByType('resource').map(function (e) { return e.name; })
      .filter(function (n) { return /\\.pf_(meta|index)$/.test(n); }),
    meta: document.getElementById('jx-search-meta').textContent};
}).observe(document.body, {childList: true, subtree: true});
"""


def _bundle(url: str) -> str:
    """The bundle a Pagefind metadata file or index chunk belongs to: its folder under pagefind/ ("" for the first)."""
    found = re.search(r"/pagefind/(.*?)/?(?:pagefind\.[^/]+\.pf_meta|index/[^/]+\.pf_index)$", url)
    assert found, url
    return found.group(1)


def _fetched(browser: Browser) -> list[str]:
    names: list[str] = browser.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => /\\.pf_(meta|index)$/.test(n))")
    return names


def _all_results(browser: Browser) -> list[str]:
    """Every result's link: 更多结果 pressed until all places show, each place scrolled into view (and so filled)."""
    driver = browser.driver
    while driver.execute_script("return !document.querySelector('[data-jx-search] .jx-search__more').hidden"):
        driver.execute_script("document.querySelector('[data-jx-search] .jx-search__more').click()")
    for _ in range(100):  # a place is filled once in view: one at a time
        slot = driver.execute_script("""
            var slot = document.querySelector('#jx-search-list .jx-search__pending');
            if (slot) slot.scrollIntoView();
            return slot;""")
        if slot is None:
            break
        WebDriverWait(driver, WAIT).until(staleness_of(slot))
    hrefs: list[str] = driver.execute_script(
        "return [...document.querySelectorAll('#jx-search-list .md-search-result__item > a:first-child')]"
        ".map(a => a.href)")
    return hrefs


def _shard_pages(assembled: Path) -> dict[str, str]:
    """The start of each report page's URL (year/department/) -> its shard."""
    return {f"{r.key[1]}/{r.key[0]}/": name for name in REGIONS
            for r in read_manifest(assembled / "shards" / name).reports}


def test_first_bundle_is_drawn_before_the_others_are_read(browser: Browser, assembled: Path,
                                                          assembled_url: str) -> None:
    """A query found in every shard: when its first result is drawn, one bundle's metadata and index chunks
    alone have been fetched and the box is still searching; then every other bundle is searched and its
    reports are added to the list, until the count shows every report of every shard."""
    browser.get(assembled_url + "years/")
    browser.driver.execute_script(_AT_FIRST)
    type_query(browser, "满意度")
    at_first = browser.driver.execute_script("return window.__jxAtFirst")
    assert at_first["meta"] == "正在搜索…"
    assert len({_bundle(url) for url in at_first["fetched"]}) == 1, at_first["fetched"]
    listed = json.loads((assembled / "site" / "pagefind" / "shards.json").read_text(encoding="utf-8"))["bundles"]
    assert {_bundle(url) for url in _fetched(browser)} == {b.removeprefix("./").rstrip("/") for b in listed}
    hrefs = _all_results(browser)
    count = browser.driver.find_element(By.ID, "jx-search-meta").text
    assert count == f"找到 {len(hrefs)} 份报告" and len(set(hrefs)) == len(hrefs)
    shard_of = _shard_pages(assembled)
    shards = {shard_of[page] for href in hrefs for page in shard_of if href.startswith(assembled_url + page)}
    assert shards == set(REGIONS), hrefs
    # the bundles are listed in the shards' order (sorted names); the first bundle's results drawn at once
    # (a page of them at most) stay above every other shard's
    first_shard = REGIONS[[b.removeprefix("./").rstrip("/") for b in listed].index(_bundle(at_first["fetched"][0]))]
    mine = [shard_of[page] == first_shard for href in hrefs for page in shard_of if href.startswith(assembled_url + page)]
    assert all(mine[:min(mine.count(True), 10)]) and mine.count(True) < len(mine), hrefs


def test_a_named_department_searches_its_shard_first(browser: Browser, assembled: Path, assembled_url: str) -> None:
    """A query naming a department of a shard that is not the first: its first result is that department's
    report, drawn when only that shard's index chunks have been fetched (pagefind/department-shards.json)."""
    browser.get(assembled_url + "years/")
    browser.driver.execute_script(_AT_FIRST)
    links = _search(browser, "大同市妇女联合会")
    at_first = browser.driver.execute_script("return window.__jxAtFirst")
    chunks = {_bundle(url) for url in at_first["fetched"] if url.endswith(".pf_index")}
    assert chunks == {f"shards/{shard_id('省本级')}"}, at_first["fetched"]
    assert links[0]["href"].startswith(assembled_url + "2021/datong-fulian/")
