"""Project tables in real headless Chromium: a department-year with one 部门整体 report and five project
tables (tests/fixtures/projects-site) built with mkdocs-material, served from a sub-path.

The pages link each other; the explorer filters by kind; the search box offers a kind facet that keeps
only project tables. Screenshots of every new or changed page at 1366 and 390 px go to
``test-artifacts/projects/``.
"""

from __future__ import annotations

from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import ARTIFACTS, Browser
from tests.browser.test_search import reach_facets
from tests.projectsite import DEPARTMENT, ONLY_PROJECTS, PUBLISHED

pytestmark = pytest.mark.browser
WAIT = 30
OVERALL = f"2021/{DEPARTMENT}/"
PROJECT = f"2021/{DEPARTMENT}/projects/kunnan-zhigong-bangfu/"
PAGES = {
    "project": PROJECT,
    "project-2": f"2021/{DEPARTMENT}/projects/zhigong-wenti-huodong/",
    "project-kept": f"2021/{DEPARTMENT}/projects/zhigong-jineng-peixun/",
    "project-unscored": f"2021/{DEPARTMENT}/projects/laomo-liaoyang/",
    "project-incomplete": f"2021/{DEPARTMENT}/projects/gonghui-xinxihua/",
    "overall": OVERALL + "#projects",
    "department": f"departments/{DEPARTMENT}/",
    "department-only-projects": f"departments/{ONLY_PROJECTS[0]}/",
    "year": "2021/",
    "explorer": "explorer/",
}


@pytest.fixture
def site_url(projects_site_url: str) -> str:
    return projects_site_url


def _hrefs(browser: Browser, selector: str) -> list[str]:
    hrefs: list[str] = browser.driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(a => a.href);", selector)
    return hrefs


def test_overall_report_and_projects_link_each_other(browser: Browser, site_url: str) -> None:
    browser.get(site_url + OVERALL)
    listed = _hrefs(browser, "#projects ~ div table.jx-projects a")
    assert sorted(listed) == sorted(f"{site_url}2021/{DEPARTMENT}/projects/{p}/" for p in PUBLISHED)
    browser.get(listed[0])
    assert site_url + OVERALL in _hrefs(browser, ".jx-crumbs a")
    assert browser.driver.find_element(By.ID, "project-name").text


def _settled(driver: Any) -> None:
    """Wait until the explorer shows the view its URL asks for (the script marks the table with it)."""
    WebDriverWait(driver, WAIT).until(lambda d: d.execute_script(
        "return (document.querySelector('table[data-jx-explorer]').getAttribute('data-view') || '') === location.search;"))


def test_explorer_filters_by_kind(browser: Browser, site_url: str) -> None:
    browser.get(site_url + "explorer/")
    driver = browser.driver
    WebDriverWait(driver, WAIT).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-jx-explorer-filters]").is_displayed())
    Select(driver.find_element(By.NAME, "kind")).select_by_value("项目")
    _settled(driver)  # the script fetches the row files on the first filter
    kinds = driver.execute_script(
        "return [...document.querySelectorAll('table[data-jx-explorer] tbody tr')].map(tr => tr.dataset.kind);")
    assert kinds == ["项目"] * (len(PUBLISHED) + 1)
    assert "kind=" in driver.current_url
    Select(driver.find_element(By.NAME, "kind")).select_by_value("部门整体")
    _settled(driver)
    links = _hrefs(browser, "table[data-jx-explorer] tbody a")
    assert links == [site_url + OVERALL]


def test_search_kind_facet_keeps_project_tables(browser: Browser, site_url: str) -> None:
    browser.get(site_url)
    driver = browser.driver
    driver.find_element(By.TAG_NAME, "body").send_keys("/")
    box = driver.find_element(By.CSS_SELECTOR, "[data-jx-search] input[name=q]")
    WebDriverWait(driver, WAIT).until(lambda d: d.switch_to.active_element == box)
    box.send_keys("困难职工")
    WebDriverWait(driver, WAIT).until(lambda d: "找到" in d.find_element(By.ID, "jx-search-meta").text)
    reach_facets(browser)
    facet = "select[data-jx-facet=kind] option"
    WebDriverWait(driver, WAIT).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, facet)) == 3)
    assert [o.text for o in driver.find_elements(By.CSS_SELECTOR, facet)] == ["全部", "部门整体", "项目"]
    everything = _hrefs(browser, "#jx-search-list > li > a")
    assert site_url + OVERALL in everything and site_url + PROJECT in everything
    Select(driver.find_element(By.CSS_SELECTOR, "select[data-jx-facet=kind]")).select_by_value("项目")
    WebDriverWait(driver, WAIT).until(lambda d: site_url + OVERALL not in _hrefs(browser, "#jx-search-list > li > a"))
    found = _hrefs(browser, "#jx-search-list > li > a")
    assert found and all("/projects/" in href for href in found) and site_url + PROJECT in found
    facts = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".jx-search__facts")]
    assert facts and all("项目表" in f for f in facts)
    browser.screenshot(ARTIFACTS / "projects" / "search-kind-1366.png", full_page=False)


@pytest.mark.parametrize("width", [1366, 390])
def test_screenshots(browser: Browser, site_url: str, width: int) -> None:
    """Every new or changed page, for a person to look at; tables scroll inside their region on phones."""
    if width == 390:
        browser.phone(390)
    else:
        browser.driver.set_window_size(1366, 900)
    for name, path in PAGES.items():
        browser.get(site_url + path)
        overflow = browser.driver.execute_script(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;")
        assert not overflow, f"{name} scrolls sideways at {width} px"
        browser.screenshot(ARTIFACTS / "projects" / f"{name}-{width}.png")
