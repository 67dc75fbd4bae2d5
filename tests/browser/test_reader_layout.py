"""Every page kind as a reader sees it at 1366 px and on a 390 px phone (real Chromium).

Project tables' pages (项目支出绩效自评表, in each of their states) are checked on the project-table site
(tests/fixtures/projects-site) the same way.

Checks that no figure a reader came for (得分, 复核得分, the funds amounts, 执行率, the ranking's
numbers, file names) is cut off or hidden behind a sideways scroll, that a report's verdict is in the
first screen, and that each finding of the audit box links to its row, which is marked. Saves a
screenshot of every page kind at both widths under ``test-artifacts/`` (look at them).
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import ARTIFACTS, Browser

pytestmark = pytest.mark.browser
REPORT = "2021/datong-zonggonghui/"
PAGES = {
    "report": REPORT, "year": "2021/", "department": "departments/datong-zonggonghui/", "home": "",
    "years": "years/", "departments": "departments/", "explorer": "explorer/", "downloads": "downloads/",
    "about": "about/", "method": "method/", "404": "404.html",
}
WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}
PROJECT = "2021/datong-zonggonghui/projects/kunnan-zhigong-bangfu/"
#: project tables in their states: a total that differs, rows kept as printed, no score listed, weights short of 100
PROJECT_PAGES = {
    "project": PROJECT, "project-kept": "2021/datong-zonggonghui/projects/zhigong-jineng-peixun/",
    "project-unscored": "2021/datong-zonggonghui/projects/laomo-liaoyang/",
    "project-incomplete": "2021/datong-zonggonghui/projects/gonghui-xinxihua/",
}

#: cells that must be fully visible: every number of the report's tables, the ranking and the explorer,
#: and every cell of the downloads table
KEY_CELLS = ("table.jx-funds td.jx-num, table.jx-indicators td.jx-num, table.jx-score-summary td.jx-num, "
             "table.jx-summary td.jx-num, table.jx-explorer td.jx-num, table.jx-downloads th, "
             "table.jx-downloads td, table.jx-project-funds td.jx-num, table.jx-project-indicators td.jx-num")

_HIDDEN_CELLS = """
const width = document.documentElement.clientWidth, bad = [];
for (const el of document.querySelectorAll(arguments[0])) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;
  const box = el.closest('.jx-scroll');
  const right = box ? Math.min(width, box.getBoundingClientRect().right) : width;
  if (r.right > right + 1 || r.left < -1) bad.push(el.textContent.trim() + ' (right edge ' + Math.round(r.right) + ')');
}
return bad;
"""


def _screen(browser: Browser, size: str) -> None:
    width, height = WIDTHS[size]
    browser.cdp("Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": size == "phone"})


def _check_layout(browser: Browser, url: str, kind: str, size: str) -> None:
    _screen(browser, size)
    browser.get(url)
    driver = browser.driver
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{kind} scrolls sideways by {overflow}px at {WIDTHS[size][0]}px"
    hidden = driver.execute_script(_HIDDEN_CELLS, KEY_CELLS)
    assert hidden == [], f"{kind} at {WIDTHS[size][0]}px: cut off or behind a sideways scroll: {hidden[:5]}"
    browser.screenshot(ARTIFACTS / "pages" / f"{kind}-{WIDTHS[size][0]}.png")
    assert browser.offsite() == []


@pytest.mark.parametrize("size", WIDTHS)
@pytest.mark.parametrize("kind", PAGES)
def test_no_key_figure_is_cut_off(browser: Browser, site_url: str, kind: str, size: str) -> None:
    _check_layout(browser, site_url + PAGES[kind], kind, size)


@pytest.mark.parametrize("size", WIDTHS)
@pytest.mark.parametrize("kind", PROJECT_PAGES)
def test_no_key_figure_of_a_project_table_is_cut_off(browser: Browser, projects_site_url: str, kind: str,
                                                     size: str) -> None:
    _check_layout(browser, projects_site_url + PROJECT_PAGES[kind], kind, size)


@pytest.mark.parametrize("size", WIDTHS)
@pytest.mark.parametrize(("page", "words"), [("report", "复核总分与报告一致：93.98 分"),
                                             ("project", "复核总分 98.33，表中所列 100，相差 1.67 分。")])
def test_verdict_is_in_the_first_screen(browser: Browser, site_url: str, projects_site_url: str, size: str,
                                        page: str, words: str) -> None:
    _screen(browser, size)
    browser.get(site_url + REPORT if page == "report" else projects_site_url + PROJECT)
    verdict = browser.driver.find_element(By.ID, "verdict")
    assert verdict.text.startswith(words)
    bottom = browser.driver.execute_script("return arguments[0].getBoundingClientRect().bottom", verdict)
    assert bottom <= WIDTHS[size][1], f"the verdict ends {bottom}px down, below the first screen"


@pytest.mark.parametrize("size", WIDTHS)
def test_download_file_names_stay_on_one_line(browser: Browser, site_url: str, size: str) -> None:
    _screen(browser, size)
    browser.get(site_url + "downloads/")
    lines = browser.driver.execute_script(
        "return [...document.querySelectorAll('.jx-downloads .jx-c-file a')]"
        ".map(a => [a.textContent, a.getClientRects().length])")
    assert lines and all(n == 1 for _, n in lines), lines
    hashes = browser.driver.find_elements(By.CSS_SELECTOR, ".jx-downloads code.jx-hash")
    assert hashes and not any(h.is_displayed() for h in hashes)  # collapsed until asked for


def _follow_finding_links(browser: Browser, size: str) -> int:
    """Click every finding's link; each lands on screen on a marked row that links back. Returns how many."""
    driver = browser.driver
    links = driver.find_elements(By.CSS_SELECTOR, ".jx-findings a.jx-finding-link")
    for n in range(len(links)):
        link = driver.find_elements(By.CSS_SELECTOR, ".jx-findings a.jx-finding-link")[n]
        target = link.get_attribute("href").rsplit("#", 1)[1]
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
        link.click()
        row = driver.find_element(By.ID, target)
        assert row.tag_name == "tr" and "jx-flagged" in (row.get_attribute("class") or "").split()
        top = driver.execute_script("return arguments[0].getBoundingClientRect().top", row)
        assert 0 <= top < WIDTHS[size][1], f"row #{target} is not on screen after following its link ({top})"
        number = link.find_element(By.XPATH, "./ancestor::li").get_attribute("id")
        # the marked row links back to the finding
        back = row.find_elements(By.CSS_SELECTOR, "a.jx-row-flag")
        assert any(a.get_attribute("href").endswith(f"#{number}") for a in back)
    return len(links)


@pytest.mark.parametrize("size", WIDTHS)
def test_each_finding_links_to_its_marked_row(browser: Browser, site_url: str, size: str) -> None:
    _screen(browser, size)
    browser.get(site_url + REPORT)
    # the example's funds table: two rows with 其中 > 预算数 and 执行数 > 预算数
    assert _follow_finding_links(browser, size) == 4
    browser.screenshot(ARTIFACTS / "pages" / f"report-finding-{WIDTHS[size][0]}.png", full_page=False)


@pytest.mark.parametrize("size", WIDTHS)
def test_each_finding_of_a_project_table_links_to_its_marked_row(browser: Browser, projects_site_url: str,
                                                                 size: str) -> None:
    _screen(browser, size)
    browser.get(projects_site_url + PROJECT)
    # a 效益指标 subtotal and its row's score (both on the row), and the printed total (the 总分 row)
    assert _follow_finding_links(browser, size) == 3
    browser.screenshot(ARTIFACTS / "pages" / f"project-finding-{WIDTHS[size][0]}.png", full_page=False)


def test_404_page_is_chinese_styled_under_a_sub_path_and_leads_home(browser: Browser, site_url: str) -> None:
    browser.get(site_url + "404.html")
    driver = browser.driver
    assert driver.find_element(By.TAG_NAME, "h1").text == "页面不存在"
    styled = driver.execute_script(
        "return [...document.styleSheets].some(s => (s.href || '').endsWith('/assets/jixiao.css') && s.cssRules.length)")
    assert styled, "assets/jixiao.css did not load under the sub-path"
    driver.find_element(By.LINK_TEXT, "返回首页").click()
    assert driver.current_url == site_url


def test_footer_names_the_host_on_every_page(browser: Browser, site_url: str) -> None:
    for page in ("", REPORT, "404.html"):
        browser.get(site_url + page)
        footer = browser.driver.find_element(By.CSS_SELECTOR, ".jx-footer").text
        assert "主办单位：大同市财政局" in footer
