"""Search and the report explorer in real headless Chromium, served from a sub-path.

Each query is typed into the header search box of the built example site; the result must name the
report and link to the right section (an anchor), with the matched words marked. The explorer is
filtered and sorted on a site built from a generated corpus, and the visible rows are compared with
the rows computed in Python. The ``browser`` fixture fails any test whose pages requested anything
outside the local server.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from benchmarks.corpus import generate
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

from jixiao.render import explorer
from tests.browser.conftest import ARTIFACTS, Browser
from tests.sitegen.conftest import build_example

pytestmark = pytest.mark.browser
REPORT = "2021/datong-zonggonghui/"
TITLE = "大同市总工会 2021 年度自评报告"
WAIT = 30

# query -> the section (anchor, heading) that must be among the report's results
QUERIES = {
    "困难职工": ("funds", "1．资金使用情况"),
    "工会经费": ("funds", "1．资金使用情况"),
    "职业技能培训": ("output", "（一）履职完成情况"),
    "大同市总工会": ("organization", "2．组织架构"),
    "满意度": ("satisfaction", "（三）社会满意度情况"),
    "93.98": ("result", "三、部门（单位）整体支出绩效目标及开展情况"),
}


def type_query(browser: Browser, query: str, results: str = ".md-search-result__item") -> None:
    """Open the search box with the keyboard and type ``query``; wait for the count and a first result
    (an element matching ``results``)."""
    driver = browser.driver
    driver.find_element(By.TAG_NAME, "body").send_keys("/")
    box = driver.find_element(By.CSS_SELECTOR, "[data-jx-search] input[name=q]")
    WebDriverWait(driver, WAIT).until(lambda d: d.switch_to.active_element == box)
    box.send_keys(query)
    WebDriverWait(driver, WAIT).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, results) and "找到" in d.find_element(By.ID, "jx-search-meta").text)


def reach_facets(browser: Browser) -> None:
    """Move the pointer over the facets, as a reader about to pick one does (their values load then)."""
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(browser.driver).move_to_element(
        browser.driver.find_element(By.CSS_SELECTOR, "[data-jx-search] .jx-search__facets")).perform()


def _filter_files(browser: Browser) -> int:
    """Pagefind filter files the page has fetched so far."""
    count: int = browser.driver.execute_script(
        "return performance.getEntriesByType('resource').filter(e => e.name.includes('/pagefind/filter/')).length")
    return count


def _search(browser: Browser, query: str) -> list[dict[str, str]]:
    """Open the search box with the keyboard, type ``query``, wait for results; the result links."""
    driver = browser.driver
    type_query(browser, query)
    links: list[dict[str, str]] = driver.execute_script("""
        return [...document.querySelectorAll('#jx-search-list .md-search-result__link')].map(a => ({
          href: a.href, h1: (a.querySelector('h1') || {}).textContent || '',
          h2: (a.querySelector('h2') || {}).textContent || '',
          marks: [...a.querySelectorAll('mark')].map(m => m.textContent).join('|')}));""")
    return links


@pytest.mark.parametrize("query", list(QUERIES))
def test_query_finds_report_and_section(browser: Browser, site_url: str, query: str) -> None:
    """The report is the result; the expected section links with its anchor and marks the query."""
    browser.get(site_url)
    links = _search(browser, query)
    anchor, heading = QUERIES[query]
    assert links[0]["href"] == site_url + REPORT
    assert links[0]["h1"] == TITLE
    sections = {link["href"]: link for link in links[1:]}
    assert all(href.startswith(site_url + REPORT + "#") for href in sections)
    section = sections.get(site_url + REPORT + "#" + anchor)
    assert section is not None, f"{query}: no link to #{anchor} in {list(sections)}"
    assert section["h2"] == heading
    assert query in section["marks"].split("|")


def test_result_opens_the_section_by_keyboard(browser: Browser, site_url: str) -> None:
    """Arrow keys move through the results; Enter opens the section on the report page."""
    browser.get(site_url + "years/")
    links = _search(browser, "职业技能培训")
    driver = browser.driver
    driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    assert driver.switch_to.active_element.get_attribute("href") == links[0]["href"]
    driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    assert driver.switch_to.active_element.get_attribute("href") == links[1]["href"]
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    WebDriverWait(driver, WAIT).until(lambda d: d.current_url == links[1]["href"])
    assert driver.current_url.startswith(site_url + REPORT + "#")
    driver.find_element(By.TAG_NAME, "body").send_keys("/")
    box = driver.find_element(By.CSS_SELECTOR, "[data-jx-search] input[name=q]")
    WebDriverWait(driver, WAIT).until(lambda d: d.switch_to.active_element == box)
    box.send_keys(Keys.ESCAPE)
    assert not driver.find_element(By.ID, "__search").is_selected()


def test_quoted_phrase_and_no_match(browser: Browser, site_url: str) -> None:
    """A quoted phrase still finds the report; a word in no report says so."""
    browser.get(site_url)
    links = _search(browser, '"困难职工"')
    assert links[0]["href"] == site_url + REPORT
    box = browser.driver.find_element(By.CSS_SELECTOR, "[data-jx-search] input[name=q]")
    box.clear()
    box.send_keys("火星探测器")
    WebDriverWait(browser.driver, WAIT).until(
        lambda d: d.find_element(By.ID, "jx-search-meta").text == "没有找到相关报告")


def test_search_reads_on_a_phone(browser: Browser, site_url: str) -> None:
    """At 390 px the magnifier opens the box; results fit the screen without sideways scrolling."""
    browser.phone(390)
    browser.get(site_url + REPORT)
    driver = browser.driver
    driver.find_element(By.CSS_SELECTOR, "label.jx-search-toggle").click()
    box = driver.find_element(By.CSS_SELECTOR, "[data-jx-search] input[name=q]")
    WebDriverWait(driver, WAIT).until(lambda d: box.is_displayed())
    box.send_keys("满意度")
    WebDriverWait(driver, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".md-search-result__item"))
    first = driver.find_element(By.CSS_SELECTOR, ".md-search-result__link")
    rect = driver.execute_script("return arguments[0].getBoundingClientRect().toJSON()", first)
    assert rect["left"] >= 0 and rect["right"] <= 390
    assert first.is_displayed()
    browser.screenshot(ARTIFACTS / "search-phone-390.png", full_page=False)


# --- a generated corpus: facets and the explorer ------------------------------------------------


@dataclass(frozen=True)
class Rows:
    """The explorer's rows (default order) and the years they span, newest first."""

    rows: tuple[explorer.ExplorerRow, ...]
    years: tuple[int, ...]


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory, serve_site: Callable[[Path], str]) -> tuple[str, Rows]:
    root = tmp_path_factory.mktemp("corpus-site")
    generate(root / "content", 12, seed=5)
    checked = build_example(root / "site", root / "content", search=True)
    rows = explorer.explorer_rows(checked.reports, checked.corpus.site.grade_bands)
    return serve_site(root / "site"), Rows(rows, tuple(sorted({r.year for r in rows}, reverse=True)))


def test_year_facet_narrows_results(browser: Browser, corpus_site: tuple[str, Rows]) -> None:
    url, page = corpus_site
    browser.get(url)
    _search(browser, "预算")
    driver = browser.driver
    assert _filter_files(browser) == 0  # a query alone reads no facet values
    reach_facets(browser)
    year = str(page.years[-1])
    WebDriverWait(driver, WAIT).until(
        lambda d: year in [o.text for o in d.find_elements(By.CSS_SELECTOR, "select[data-jx-facet=year] option")])
    Select(driver.find_element(By.CSS_SELECTOR, "select[data-jx-facet=year]")).select_by_value(year)
    expected = sum(r.year == int(year) for r in page.rows)
    WebDriverWait(driver, WAIT).until(
        lambda d: d.find_element(By.ID, "jx-search-meta").text == f"找到 {expected} 份报告")
    facts = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".jx-search__facts")]
    assert facts and all(f"{year} 年度" in f for f in facts)
    assert _filter_files(browser) > 0


def _visible_rows(browser: Browser) -> list[tuple[str, int, str]]:
    rows: list[list[str]] = browser.driver.execute_script("""
        return [...document.querySelectorAll('table[data-jx-explorer] tbody tr')].map(tr =>
          [tr.querySelector('a').getAttribute('href'), tr.cells[3].textContent, tr.cells[4].textContent]);""")
    return [(href, int(year), total) for href, year, total in rows]


def test_explorer_filters_and_sorts(browser: Browser, corpus_site: tuple[str, Rows]) -> None:
    """Year and grade filters show exactly the matching rows; the 复核总分 header sorts by it."""
    url, page = corpus_site
    browser.get(url + "explorer/")
    driver = browser.driver
    WebDriverWait(driver, WAIT).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-jx-explorer-filters]").is_displayed())
    every = [("../" + r.link.url, r.year, format(r.computed, "f") if r.computed is not None else "—")
             for r in page.rows]
    assert sorted(_visible_rows(browser)) == sorted(every)

    year = page.years[0]
    grade = next(r.grade.label for r in page.rows if r.year == year and r.grade)
    # the script fetches the row files on the first filter or sort: wait for each view to show
    Select(driver.find_element(By.NAME, "year")).select_by_value(str(year))
    _until_rows(browser, sorted(e for e, r in zip(every, page.rows, strict=True) if r.year == year))
    Select(driver.find_element(By.NAME, "grade")).select_by_value(grade)
    expected = [e for e, r in zip(every, page.rows, strict=True) if r.year == year and r.grade and r.grade.label == grade]
    assert expected
    _until_rows(browser, sorted(expected))
    assert f"显示 {len(expected)} / {len(page.rows)} 份报告" in driver.find_element(By.CLASS_NAME, "jx-explorer__count").text
    assert f"year={year}" in driver.current_url

    driver.find_element(By.CSS_SELECTOR, "[data-jx-explorer-filters] button[type=reset]").click()
    name = page.rows[0].department.text
    driver.find_element(By.NAME, "department").send_keys(name)
    _until_rows(browser, sorted(e for e, r in zip(every, page.rows, strict=True) if name in r.department.text))

    driver.find_element(By.CSS_SELECTOR, "[data-jx-explorer-filters] button[type=reset]").click()
    _until_rows(browser, sorted(every))
    header = driver.find_element(By.CSS_SELECTOR, "th[data-key=computed] button")
    header.send_keys(Keys.ENTER)
    by_total = sorted(every, key=lambda e: Decimal(e[2]), reverse=True)
    WebDriverWait(driver, WAIT).until(lambda d: [Decimal(t) for _, _, t in _visible_rows(browser)]
                                      == [Decimal(t) for _, _, t in by_total])
    assert driver.find_element(By.CSS_SELECTOR, "th[data-key=computed]").get_attribute("aria-sort") == "descending"
    header.send_keys(Keys.ENTER)
    WebDriverWait(driver, WAIT).until(lambda d: [Decimal(t) for _, _, t in _visible_rows(browser)]
                                      == sorted(Decimal(t) for _, _, t in every))


def _until_rows(browser: Browser, expected: list[tuple[str, int, str]]) -> None:
    """Wait until the table shows exactly ``expected`` (in any order); fail with what it shows."""
    try:
        WebDriverWait(browser.driver, WAIT).until(lambda d: sorted(_visible_rows(browser)) == expected)
    except TimeoutException:
        assert sorted(_visible_rows(browser)) == expected


def test_explorer_without_javascript_shows_the_full_table(
        browser: Browser, corpus_site: tuple[str, Rows]) -> None:
    url, page = corpus_site
    browser.cdp("Emulation.setScriptExecutionDisabled", {"value": True})
    browser.get(url + "explorer/")
    driver = browser.driver
    rows = driver.find_elements(By.CSS_SELECTOR, "table[data-jx-explorer] tbody tr")
    assert len(rows) == len(page.rows)
    assert not driver.find_element(By.CSS_SELECTOR, "[data-jx-explorer-filters]").is_displayed()
    assert not driver.find_element(By.CSS_SELECTOR, "label.jx-search-toggle").is_displayed()
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "table[data-jx-explorer] tbody a")]
    assert links == [url + r.link.url for r in page.rows]


def test_explorer_fits_a_phone(browser: Browser, corpus_site: tuple[str, Rows]) -> None:
    url, _ = corpus_site
    browser.phone(390)
    browser.get(url + "explorer/")
    overflow = browser.driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"page scrolls sideways by {overflow}px on a 390px phone"
    browser.screenshot(ARTIFACTS / "explorer-phone-390.png", full_page=False)
