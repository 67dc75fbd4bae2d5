"""The built report page in real headless Chromium: content, no off-site requests, phone and print."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import ARTIFACTS, Browser

pytestmark = pytest.mark.browser
REPORT = "2021/datong-zonggonghui/"


def test_report_page_shows_total_grade_and_cells_without_leaving_the_server(browser: Browser, site_url: str) -> None:
    browser.get(site_url + REPORT)
    driver = browser.driver
    assert driver.execute_script("return document.documentElement.lang") == "zh-CN"
    assert "93.98" in driver.find_element(By.ID, "claimed-total").text
    assert "优秀" in driver.find_element(By.ID, "claimed-grade").text
    rows = driver.find_elements(By.CSS_SELECTOR, "table.jx-indicators th[scope=row]")
    names = [r.get_attribute("textContent") for r in rows]
    assert "救助困难职工人数" in names
    cell = driver.find_element(By.XPATH, "//th[@scope='row'][.='救助困难职工人数']/following-sibling::td[2]")
    assert cell.text == ">=299人"
    group = driver.find_element(By.XPATH, "//th[@scope='rowgroup'][.='数量']")
    assert group.get_attribute("rowspan") == "8"
    requested = browser.requests()
    assert any(url.startswith(site_url) for url in requested)
    assert browser.offsite() == []


def test_report_page_fits_a_phone_and_prints_on_a4(browser: Browser, site_url: str) -> None:
    browser.phone(390)
    browser.get(site_url + REPORT)
    driver = browser.driver
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"page scrolls sideways by {overflow}px on a 390px phone"
    browser.screenshot(ARTIFACTS / "report-phone-390.png")
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    browser.print_pdf(ARTIFACTS / "report-a4.pdf")
    assert (ARTIFACTS / "report-a4.pdf").read_bytes().startswith(b"%PDF")
    assert browser.offsite() == []


def test_pages_link_to_each_other_from_a_sub_path(browser: Browser, site_url: str) -> None:
    browser.get(site_url)
    driver = browser.driver
    driver.find_element(By.LINK_TEXT, "大同市总工会 2021 年度").click()
    assert driver.current_url == site_url + REPORT
    driver.find_element(By.CSS_SELECTOR, ".jx-crumbs a").click()
    assert driver.current_url == site_url + "departments/datong-zonggonghui/"
    assert browser.offsite() == []


@pytest.mark.parametrize("page", ["", "2021/", "departments/datong-zonggonghui/", "years/", "departments/"])
def test_index_pages_fit_a_phone(browser: Browser, site_url: str, page: str) -> None:
    browser.phone(390)
    browser.get(site_url + page)
    overflow = browser.driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page or 'home'} scrolls sideways by {overflow}px on a 390px phone"
    name = page.strip("/").replace("/", "-") or "home"
    browser.screenshot(ARTIFACTS / f"{name}-phone-390.png")
    assert browser.offsite() == []


def test_home_search_box_finds_the_report(browser: Browser, site_url: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(site_url)
    driver = browser.driver
    box = driver.find_element(By.ID, "jx-q")
    box.send_keys("困难职工")
    box.submit()
    WebDriverWait(driver, 20).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#jx-search-list a.md-search-result__link"))
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#jx-search-list a")]
    assert any(REPORT in (href or "") for href in links)
    assert browser.offsite() == []
