"""The explorer (报告一览) past one page, in real headless Chromium, served from a sub-path.

A generated corpus of 250 reports spans three explorer pages. Without JavaScript the pages, followed by
their 下一页 links, list every report exactly once. With it, each column's sort and the filters, paged by
the script, give exactly the rows a Python sort of all reports gives; the row files are fetched only
when the reader sorts or filters, each once, and only the chosen year's (and the departments file) under a
year filter.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from benchmarks.corpus import generate
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

from jixiao.render import explorer
from jixiao.render.env import pct
from tests.browser.conftest import ARTIFACTS, Browser
from tests.browser.test_accessibility import violations
from tests.projectsite import make_content
from tests.sitegen.conftest import build_example

pytestmark = pytest.mark.browser
WAIT = 30
REPORTS = 250

#: column -> the value it sorts by (None: missing, listed last in either direction)
SORT_VALUES: dict[str, Callable[[explorer.ExplorerRow], Any]] = {
    "department": lambda r: r.department.text,
    "kind": lambda r: r.kind,
    "project": lambda r: r.project or None,
    "year": lambda r: r.year,
    "computed": lambda r: r.computed,
    "claimed": lambda r: r.claimed,
    "grade": lambda r: r.grade.level if r.grade and r.grade.level else None,
    "rate": lambda r: None if r.rate is None else Decimal(pct(r.rate).removesuffix("%")),  # the rate as shown
    "findings": lambda r: r.findings,
}


def python_sort(rows: list[explorer.ExplorerRow], key: str, descending: bool) -> list[explorer.ExplorerRow]:
    """The order the explorer promises: by the column, missing values last, ties in the default order."""
    value = SORT_VALUES[key]
    present = sorted((r for r in rows if value(r) is not None), key=value, reverse=descending)  # stable
    return present + [r for r in rows if value(r) is None]


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory,
               serve_site: Callable[[Path], str]) -> tuple[str, list[explorer.ExplorerRow]]:
    root = tmp_path_factory.mktemp("explorer-site")
    generate(root / "content", REPORTS, seed=11)
    checked = build_example(root / "site", root / "content")
    return serve_site(root / "site"), list(explorer.explorer_rows(checked.reports, checked.corpus.site.grade_bands))


def _page_links(browser: Browser) -> list[str]:
    """The report each visible row links to (absolute URLs)."""
    links: list[str] = browser.driver.execute_script("""
        return [...document.querySelectorAll('table[data-jx-explorer] tbody tr')].map(tr =>
          (tr.cells[2].querySelector('a') || tr.cells[0].querySelector('a')).href);""")
    return links


def _settled(browser: Browser) -> None:
    """Wait until the script shows the view the URL asks for (it marks the table with the query it shows)."""
    WebDriverWait(browser.driver, WAIT).until(lambda d: d.execute_script(
        "const t = document.querySelector('table[data-jx-explorer]');"
        "return !t.hasAttribute('data-ready') || (t.getAttribute('data-view') || '') === location.search;"))


def _walk(browser: Browser) -> list[str]:
    """Every row of every page, following 下一页 (a real link, or the script's) until there is none."""
    seen: list[str] = []
    while True:
        _settled(browser)
        seen.extend(_page_links(browser))
        following = browser.driver.find_elements(By.XPATH, "//nav[@data-jx-explorer-pager]/a[text()='下一页']")
        if not following:
            return seen
        if following[0].get_attribute("data-page"):
            following[0].click()  # the script's view: it shows the page itself
        else:
            browser.get(following[0].get_attribute("href"))  # a real page


def _row_file_requests(browser: Browser) -> list[str]:
    return [u.rsplit("/", 1)[1] for u in browser.requests() if "/explorer/rows/" in u]


def test_without_javascript_the_pages_list_every_report_once(
        browser: Browser, paged_site: tuple[str, list[explorer.ExplorerRow]]) -> None:
    url, rows = paged_site
    browser.cdp("Emulation.setScriptExecutionDisabled", {"value": True})
    browser.get(url + "explorer/")
    assert browser.driver.find_element(By.TAG_NAME, "caption").text == f"全部报告（{REPORTS} 份）：第 1 / 3 页，第 1–100 份"
    assert _walk(browser) == [url + r.link.url for r in rows]
    assert browser.driver.current_url == url + "explorer/3/"
    assert _row_file_requests(browser) == []


def test_sorting_every_column_equals_a_python_sort_of_all_reports(
        browser: Browser, paged_site: tuple[str, list[explorer.ExplorerRow]]) -> None:
    url, rows = paged_site
    browser.get(url + "explorer/")
    driver = browser.driver
    WebDriverWait(driver, WAIT).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-jx-explorer-filters]").is_displayed())
    assert _row_file_requests(browser) == []  # the first load carries no row data beyond its page
    for key in SORT_VALUES:
        button = driver.find_element(By.CSS_SELECTOR, f"th[data-key={key}] button")
        for _ in range(2):  # first click, then the reverse
            button.click()
            direction = driver.find_element(By.CSS_SELECTOR, f"th[data-key={key}]").get_attribute("aria-sort")
            expected = [url + r.link.url for r in python_sort(rows, key, direction == "descending")]
            assert _walk(browser) == expected, f"{key} {direction}"
            assert f"sort={key}" in driver.current_url
            # back to the first page of this view for the next click
            driver.find_element(By.XPATH, "//nav[@data-jx-explorer-pager]/a[text()='1']").click()
    assert sorted(_row_file_requests(browser)) == sorted(["departments.json", *(f"{y}.json" for y in {r.year for r in rows})])


def test_filters_cover_every_page_and_fetch_only_the_chosen_year(
        browser: Browser, paged_site: tuple[str, list[explorer.ExplorerRow]]) -> None:
    url, rows = paged_site
    browser.get(url + "explorer/")
    driver = browser.driver
    WebDriverWait(driver, WAIT).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-jx-explorer-filters]").is_displayed())
    year = max(r.year for r in rows)
    grade = "优秀"
    Select(driver.find_element(By.NAME, "year")).select_by_value(str(year))
    Select(driver.find_element(By.NAME, "grade")).select_by_value(grade)
    expected = [url + r.link.url for r in rows if r.year == year and r.grade and r.grade.label == grade]
    assert _walk(browser) == expected
    assert driver.find_element(By.CLASS_NAME, "jx-explorer__count").text == f"显示 {len(expected)} / {REPORTS} 份报告"
    assert sorted(_row_file_requests(browser)) == sorted([f"{year}.json", "departments.json"])
    part = rows[0].department.text[:2]
    driver.find_element(By.NAME, "department").send_keys(part)
    expected = [url + r.link.url for r in rows if r.year == year and r.grade and r.grade.label == grade
                and part in r.department.text]
    assert _walk(browser) == expected
    assert "department=" in driver.current_url and f"year={year}" in driver.current_url


def test_a_linked_view_opens_sorted_and_paged(browser: Browser,
                                              paged_site: tuple[str, list[explorer.ExplorerRow]]) -> None:
    """?sort=computed&dir=asc&page=2 is a view of its own: a reader can send it to someone."""
    url, rows = paged_site
    browser.get(url + "explorer/?sort=computed&dir=asc&page=2")
    WebDriverWait(browser.driver, WAIT).until(lambda d: d.find_element(By.CSS_SELECTOR, "table[data-ready]"))
    _settled(browser)
    assert _page_links(browser) == [url + r.link.url for r in python_sort(rows, "computed", False)][100:200]
    assert browser.driver.find_element(By.CSS_SELECTOR, "th[data-key=computed]").get_attribute("aria-sort") == "ascending"
    assert browser.driver.find_element(By.CSS_SELECTOR, "nav[data-jx-explorer-pager] [aria-current=page]").text == "2"


@pytest.mark.parametrize("width", [1366, 390])
def test_pages_fit_the_screen_and_pass_axe(browser: Browser, paged_site: tuple[str, list[explorer.ExplorerRow]],
                                           width: int) -> None:
    """A middle page with its pager, then the script's sorted view: no sideways scroll, no axe violation."""
    url, _ = paged_site
    _set_width(browser, width)
    browser.get(url + "explorer/2/")
    WebDriverWait(browser.driver, WAIT).until(lambda d: d.find_element(By.CSS_SELECTOR, "table[data-ready]"))
    overflow = browser.driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"explorer/2/ scrolls sideways by {overflow}px at {width}px"
    assert violations(browser) == []
    browser.screenshot(ARTIFACTS / f"explorer-paged-{width}.png", full_page=False)
    browser.driver.execute_script("document.querySelector('nav[data-jx-explorer-pager]').scrollIntoView()")
    browser.screenshot(ARTIFACTS / f"explorer-pager-{width}.png", full_page=False)
    browser.get(url + "explorer/?sort=rate&dir=desc&kind=部门整体&page=9")  # past the end: the last page
    WebDriverWait(browser.driver, WAIT).until(lambda d: d.find_element(By.CSS_SELECTOR, "table[data-ready]"))
    _settled(browser)
    assert browser.driver.find_element(By.CSS_SELECTOR, "nav[data-jx-explorer-pager] [aria-current=page]").text == "3"
    assert violations(browser) == []
    browser.screenshot(ARTIFACTS / f"explorer-sorted-{width}.png", full_page=False)


def _rate_cells(browser: Browser) -> list[str]:
    cells: list[str] = browser.driver.execute_script("""
        return [...document.querySelectorAll('table[data-jx-explorer] tbody td[data-label="预算执行率"]')]
          .map(td => td.textContent);""")
    return cells


def test_a_questioned_rate_keeps_its_flag_when_sorted_filtered_or_read_from_the_page(
        browser: Browser, site_url: str) -> None:
    """大同市总工会 2021's 133.30% comes from a 金额合计 row the audit questions: it reads "133.30% 待核实"
    without the script, in the script's sorted and filtered views (the row files' "q" column), and when
    the row files cannot be read and the script sorts this page's own rows (read back from the table)."""
    flagged = ["133.30% 待核实"]
    browser.cdp("Emulation.setScriptExecutionDisabled", {"value": True})
    browser.get(site_url + "explorer/")
    assert _rate_cells(browser) == flagged
    assert "标“待核实”的执行率来自复核发现问题的资金表合计行" in browser.driver.find_element(By.TAG_NAME, "article").text
    browser.cdp("Emulation.setScriptExecutionDisabled", {"value": False})
    for view in ("?sort=rate&dir=desc", "?year=2021&grade=优秀"):
        _open_view(browser, site_url + "explorer/" + view)
        assert _rate_cells(browser) == flagged, view
    assert "2021.json" in _row_file_requests(browser)
    _sort_page_rows_only(browser, site_url, "rate")
    assert _rate_cells(browser) == flagged
    _screenshots(browser, site_url, "explorer-flagged")


def _open_view(browser: Browser, url: str) -> None:
    """Open an explorer view (query string) and wait until the script has drawn it and fetched nothing more."""
    browser.get(url)
    WebDriverWait(browser.driver, WAIT).until(lambda d: d.find_element(By.CSS_SELECTOR, "table[data-ready]"))
    _settled(browser)


def _sort_page_rows_only(browser: Browser, site_url: str, key: str) -> None:
    """The row files blocked: the script sorts the page's own rows by ``key`` (read back from the table)."""
    browser.cdp("Network.enable")
    browser.cdp("Network.setBlockedURLs", {"urls": ["*/explorer/rows/*"]})
    browser.get(site_url + "explorer/")
    WebDriverWait(browser.driver, WAIT).until(lambda d: d.find_element(By.CSS_SELECTOR, "table[data-ready]"))
    browser.driver.find_element(By.CSS_SELECTOR, f"th[data-key={key}] button").click()
    WebDriverWait(browser.driver, WAIT).until(
        lambda d: "仅限本页" in d.find_element(By.CLASS_NAME, "jx-explorer__count").text)


def _set_width(browser: Browser, width: int) -> None:
    """A phone at 390 px (touch, mobile viewport), or a 1366×900 laptop screen."""
    if width == 390:
        browser.phone(390)
    else:
        browser.cdp("Emulation.setDeviceMetricsOverride", {"width": 1366, "height": 900, "deviceScaleFactor": 1,
                                                           "mobile": False})


def _screenshots(browser: Browser, site_url: str, name: str) -> None:
    """The explorer's first page at 1366 and 390 px, saved as ``<name>-<width>.png`` for a person to look at."""
    for width in (1366, 390):
        _set_width(browser, width)
        browser.get(site_url + "explorer/")
        browser.screenshot(ARTIFACTS / f"{name}-{width}.png")


@pytest.fixture(scope="module")
def printed_grade_site_url(tmp_path_factory: pytest.TempPathFactory, serve_site: Callable[[Path], str]) -> str:
    """The project-table site with 劳模疗休养 (scores not printed) given a printed grade 良好: 报告未列得分."""
    root = tmp_path_factory.mktemp("printed-grade")
    content = make_content(root)
    table = content / "datong-zonggonghui" / "2021" / "projects" / "laomo-liaoyang.yaml"
    table.write_text(table.read_text(encoding="utf-8") + "claimed:\n  grade: 良好\n", encoding="utf-8")
    build_example(root / "site", content)
    return serve_site(root / "site")


def _grade_cells(browser: Browser) -> dict[str, str]:
    cells: dict[str, str] = browser.driver.execute_script("""
        const out = {};
        for (const tr of document.querySelectorAll('table[data-jx-explorer] tbody tr'))
          out[tr.cells[2].textContent] = tr.querySelector('td[data-label="等级"]').textContent;
        return out;""")
    return cells


def test_a_grade_only_printed_says_so_when_sorted_filtered_or_read_from_the_page(
        browser: Browser, printed_grade_site_url: str) -> None:
    """劳模疗休养项目 prints 良好 but no score: its 等级 reads "良好 报告所列" without the script, in the
    script's sorted and filtered views (the row files' "o" column) and when the script sorts this page's own
    rows (read back from the table); scored reports' grades stay bare."""
    browser.cdp("Emulation.setScriptExecutionDisabled", {"value": True})
    browser.get(printed_grade_site_url + "explorer/")
    cells = _grade_cells(browser)
    assert cells["劳模疗休养项目"] == "良好 报告所列" and cells["—"] == "优秀"
    assert "标“报告所列”的等级是报告自己写的" in browser.driver.find_element(By.TAG_NAME, "article").text
    browser.cdp("Emulation.setScriptExecutionDisabled", {"value": False})
    for view in ("?sort=grade&dir=desc", "?year=2021&grade=良好"):
        _open_view(browser, printed_grade_site_url + "explorer/" + view)
        assert _grade_cells(browser)["劳模疗休养项目"] == "良好 报告所列", view
        assert violations(browser) == [], view  # the quieter mark keeps its contrast (axe, WCAG 2.1 AA)
    assert list(_grade_cells(browser)) == ["劳模疗休养项目"]  # the grade filter still reads the grade shown
    _sort_page_rows_only(browser, printed_grade_site_url, "grade")
    assert _grade_cells(browser)["劳模疗休养项目"] == "良好 报告所列"
    _screenshots(browser, printed_grade_site_url, "explorer-printed-grade")
