"""Search results for people, in real headless Chromium: ranking, snippets, highlighting, lazy loading.

A generated corpus (12 reports, 4 departments) is built with two departments renamed 稷山县教育局 and
临县宣传教育部, so that 教育局 is a whole name in one and only a run of characters in the other; the
ranking tests run on it indexed in one bundle and in parts by department (searched together). The
example site (大同市总工会) gives the readable-snippet case. Screenshots of the results at 1366 and
390 px are saved to ``test-artifacts/`` and axe-core checks the open results at both widths.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from benchmarks.corpus import generate
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from jixiao import pipeline
from jixiao.check import check
from tests.browser.conftest import ARTIFACTS, Browser
from tests.browser.test_accessibility import violations
from tests.browser.test_search import type_query
from tests.sitegen.conftest import build_example
from tests.sitegen.test_searchcache import department_config

pytestmark = pytest.mark.browser
WAIT = 30
NAMES = ("稷山县教育局", "临县宣传教育部", "安泽县妇女联合会")


@pytest.fixture(scope="module", params=["one bundle", "parts by department"])
def named_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
               serve_site: Callable[[Path], str]) -> str:
    """12 generated reports; the first two departments renamed to :data:`NAMES` in every file. Indexed in one
    bundle, and in parts by department (``search_department_part_pages: 3``: four bundles, searched together)."""
    root = tmp_path_factory.mktemp("named-site")
    generate(root / "content", 12, seed=5)
    folders = sorted(p for p in (root / "content").iterdir() if p.is_dir())
    for folder, name in zip(folders, NAMES, strict=False):
        old = (folder / "department.yaml").read_text(encoding="utf-8").splitlines()[0].split(": ", 1)[1]
        for file in folder.iterdir():
            file.write_text(file.read_text(encoding="utf-8").replace(old, name), encoding="utf-8")
    if request.param == "one bundle":
        build_example(root / "site", root / "content", search=True)
    else:
        content = root / "content"
        pipeline.build(check(content, "content"), content, root / "site", department_config(root, 3))
        listed = json.loads((root / "site" / "pagefind" / "shards.json").read_text(encoding="utf-8"))
        assert listed["merge"] is True and len(listed["bundles"]) > 1
    yield serve_site(root / "site")
    shutil.rmtree(root, ignore_errors=True)


def _type(browser: Browser, query: str) -> None:
    """Open the search box with the keyboard and type ``query``; wait for the count and a first result."""
    type_query(browser, query, "#jx-search-list .md-search-result__item")


def _results(browser: Browser) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = browser.driver.execute_script("""
        return [...document.querySelectorAll('#jx-search-list > li.md-search-result__item')].map(li => ({
          title: li.querySelector('h1').textContent,
          snippets: [...li.querySelectorAll('article p:not(.jx-search__facts)')].map(p => p.textContent),
          marks: [...li.querySelectorAll('mark')].map(m => m.textContent)}));""")
    return found


def _scrolled_results(browser: Browser, count: int) -> list[dict[str, Any]]:
    """The results drawn so far, after scrolling the list as a reader does to the first place among the
    first ``count`` still waiting for its data (a place loads its data when it comes into view: how many
    fit on the first screen depends on the results' heights)."""
    browser.driver.execute_script("""
        const place = [...document.querySelectorAll('#jx-search-list > li')].slice(0, arguments[0])
          .find(li => li.classList.contains('jx-search__pending'));
        if (place) place.scrollIntoView({block: 'nearest'});""", count)
    return _results(browser)


def _fragments(browser: Browser) -> int:
    """Result fragments the page has fetched so far (Pagefind's per-page result data)."""
    count: int = browser.driver.execute_script(
        "return performance.getEntriesByType('resource').filter(e => e.name.includes('/fragment/')).length")
    return count


def _pending_in_view(browser: Browser) -> int:
    """Result places on screen (in the results' scroll area) still waiting for their data."""
    count: int = browser.driver.execute_script("""
        const w = document.querySelector('.md-search__scrollwrap').getBoundingClientRect();
        return [...document.querySelectorAll('#jx-search-list > li.jx-search__pending')].filter(li => {
          const r = li.getBoundingClientRect(); return r.bottom > w.top && r.top < w.bottom; }).length;""")
    return count


def test_whole_department_name_ranks_first(browser: Browser, named_site: str) -> None:
    """教育局 lists 稷山县教育局's three reports, newest first, before any of 临县宣传教育部's."""
    browser.get(named_site)
    _type(browser, "教育局")
    WebDriverWait(browser.driver, WAIT).until(lambda d: len(_scrolled_results(browser, 3)) >= 3)
    titles = [r["title"] for r in _results(browser)]
    assert titles[:3] == [f"稷山县教育局 {year} 年度自评报告" for year in (2023, 2022, 2021)]
    other = [i for i, t in enumerate(titles) if t.startswith("临县宣传教育部")]
    assert all(i >= 3 for i in other)
    assert "教育局" in _results(browser)[0]["marks"]


def test_department_named_in_full_is_found_however_the_browser_splits_it(browser: Browser, named_site: str) -> None:
    """安泽县妇女联合会, typed in full, lists that department's reports first, newest first.

    Chromium's word splitter does not know 安泽县 and splits it into single characters, which the index
    (split by jieba at build time) does not hold as words: an as-typed search inside the department
    finds nothing, so its reports must come from the department itself."""
    browser.get(named_site)
    _type(browser, "安泽县妇女联合会")
    titles = [r["title"] for r in _results(browser)]
    own = [t for t in titles if t.startswith("安泽县妇女联合会")]
    assert len(own) >= 2, titles
    assert titles[: len(own)] == own, titles
    years = [int(t.split()[1]) for t in own]
    assert years == sorted(years, reverse=True), titles


def test_snippet_is_a_readable_sentence_with_the_match_marked(browser: Browser, site_url: str) -> None:
    """An indicator is found as a sentence (name: weight, target, actual, scores), never header soup."""
    browser.get(site_url)
    _type(browser, "救助困难职工人数")
    results = _results(browser)
    snippets = [s for r in results for s in r["snippets"]]
    assert any("救助困难职工人数：权重 3，目标值 >=299人，业绩值 299人，得分 3，复核得分 3.00" in s for s in snippets), snippets
    assert not any("目标值业绩值" in s.replace(" ", "") or ". =100%" in s for s in snippets)
    assert "救助困难职工人数" in results[0]["marks"]
    mark = browser.driver.find_element(By.CSS_SELECTOR, "#jx-search-list mark")
    style = browser.driver.execute_script(
        "const s = getComputedStyle(arguments[0]); return [s.fontWeight, s.backgroundColor, s.color];", mark)
    assert style == ["700", "rgb(255, 232, 115)", "rgb(31, 31, 31)"]


def test_fragments_load_as_results_come_into_view(browser: Browser, named_site: str) -> None:
    """Only the results on screen fetch their data; scrolling the list fetches the rest."""
    browser.get(named_site)
    _type(browser, "预算")
    driver = browser.driver
    places = len(driver.find_elements(By.CSS_SELECTOR, "#jx-search-list > li"))
    assert places == 10  # the first batch of the 12 reports
    WebDriverWait(driver, WAIT).until(lambda d: _pending_in_view(browser) == 0)
    first = _fragments(browser)
    assert 1 <= first < places, f"{first} of {places} fragments fetched before scrolling"
    pending = driver.find_elements(By.CSS_SELECTOR, "#jx-search-list > li.jx-search__pending")
    assert pending, "every result was filled without scrolling"
    for _ in range(4 * places):  # scroll down half a screen at a time until every place has its data
        driver.execute_script(
            "const w = document.querySelector('.md-search__scrollwrap'); w.scrollTop += w.clientHeight / 2;")
        WebDriverWait(driver, WAIT).until(lambda d: _pending_in_view(browser) == 0)
        if not driver.find_elements(By.CSS_SELECTOR, "#jx-search-list > li.jx-search__pending"):
            break
    assert _fragments(browser) > first
    assert len(_results(browser)) == places


@pytest.mark.parametrize("width", [1366, 390])
def test_results_screenshot_and_axe(browser: Browser, named_site: str, width: int) -> None:
    """The open results at both widths: saved for review, no axe-core violation, nothing off-screen."""
    if width < 600:
        browser.phone(width)
    else:
        browser.driver.set_window_size(width, 900)
    browser.get(named_site)
    if width < 600:
        browser.driver.find_element(By.CSS_SELECTOR, "label.jx-search-toggle").click()
        box = browser.driver.find_element(By.CSS_SELECTOR, "[data-jx-search] input[name=q]")
        WebDriverWait(browser.driver, WAIT).until(lambda d: box.is_displayed())
        box.send_keys("教育局")
        WebDriverWait(browser.driver, WAIT).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#jx-search-list .md-search-result__item"))
    else:
        _type(browser, "教育局")
    WebDriverWait(browser.driver, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#jx-search-list mark"))
    overflow = browser.driver.execute_script(
        "const l = document.getElementById('jx-search-list'); return l.scrollWidth - l.clientWidth")
    assert overflow <= 0
    browser.screenshot(ARTIFACTS / f"search-results-{width}.png", full_page=False)
    assert violations(browser) == []


def test_the_top_results_are_drawn_before_the_search_as_typed_runs(browser: Browser, named_site: str) -> None:
    """The pages holding the exact phrase rank first, so they are drawn as soon as that search is done: the
    first result is on screen while the box still says 正在搜索… (the search as typed, the costly one on
    ~1,000 pages, runs after it and only adds the pages not yet listed); the final order is unchanged."""
    driver = browser.driver
    browser.get(named_site)
    driver.execute_script("""
        window.__metaAtFirst = null;
        new MutationObserver((_, obs) => {
          if (document.querySelector('#jx-search-list .md-search-result__item')) {
            window.__metaAtFirst = document.getElementById('jx-search-meta').textContent;
            obs.disconnect();
          }
        }).observe(document.body, {childList: true, subtree: true});""")
    _type(browser, "预算")
    assert driver.execute_script("return window.__metaAtFirst") == "正在搜索…"
    assert driver.find_element(By.ID, "jx-search-meta").text == "找到 12 份报告"
    assert len(driver.find_elements(By.CSS_SELECTOR, "#jx-search-list > li")) == 10
