"""The console as a person uses it, in headless Chromium: search, a filter, an item's diff, a source's runs.
With NEWSWATCH_SCREENSHOTS=1 each page is also saved to docs/screenshots/ (the README shows them)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.harness import SimClient
from tests.simfixtures import Crawler
from tests.web.browser import BLOCKED, CHROMIUM, CHROMIUM_ARGS, EDITED_MARK, crawl_demo_like, serving

if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is missing: install Debian's chromium (apt-get install -y chromium) "
                "to run the browser tests", allow_module_level=True)

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="module")
def console(simulator_server: SimClient, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    folder = tmp_path_factory.mktemp("console")
    crawler = Crawler(simulator_server, f"sqlite:///{folder / 'console.sqlite3'}", folder)
    try:
        edited_url = crawl_demo_like(simulator_server, crawler)
        with serving(crawler) as base_url:
            yield base_url, edited_url
    finally:
        crawler.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def screenshot(page: Page, name: str) -> None:
    if os.environ.get("NEWSWATCH_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def test_search(page: Page, console: tuple[str, str]) -> None:
    base_url, _ = console
    page.goto(f"{base_url}/items")
    screenshot(page, "items")
    first_title = page.locator("table.items tbody tr td:nth-child(2) a").first.inner_text()
    term = first_title[4:6]  # two Chinese characters from inside a title
    page.get_by_label("Search").fill(term)
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/items\?q="))
    titles = page.locator("table.items tbody tr td:nth-child(2) a").all_inner_texts()
    assert first_title in titles
    screenshot(page, "search")


def test_filter_by_source(page: Page, console: tuple[str, str]) -> None:
    base_url, _ = console
    page.goto(f"{base_url}/items")
    page.get_by_label("Source").select_option("js-kjt-notices")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"source=js-kjt-notices"))
    sources = page.locator("table.items tbody tr td:nth-child(4)").all_inner_texts()
    assert sources and set(sources) == {"江苏省科学技术厅"}
    expect(page.get_by_label("Source")).to_have_value("js-kjt-notices")


def test_item_diff(page: Page, console: tuple[str, str]) -> None:
    base_url, edited_url = console
    page.goto(f"{base_url}/items")
    page.get_by_label("Search").fill(EDITED_MARK)
    page.get_by_role("button", name="Search").click()
    page.locator("table.items tbody tr td:nth-child(2) a").first.click()
    expect(page.locator("h1")).to_contain_text(EDITED_MARK)
    assert page.get_by_role("link", name="Original page 原文").get_attribute("href") == edited_url
    expect(page.locator("#versions")).to_have_text("Versions 版本 (2)")
    expect(page.locator("table.fields-diff")).to_contain_text("title")
    expect(page.locator("table.body-diff ins").first).to_contain_text("2027年1月1日")
    page.locator("section.diff").first.scroll_into_view_if_needed()
    screenshot(page, "item-diff")


def test_source_runs(page: Page, console: tuple[str, str]) -> None:
    base_url, _ = console
    page.goto(f"{base_url}/sources")
    expect(page.locator(f'a[href="/sources/{BLOCKED}"]')).to_be_visible()
    screenshot(page, "sources")
    page.locator(f'a[href="/sources/{BLOCKED}"]').click()
    expect(page.locator("h1")).to_contain_text(BLOCKED)
    runs = page.locator("table.runs tr:has(td)")
    expect(runs).to_have_count(2)
    expect(runs.first).not_to_contain_text("\tok\t")
    expect(page.locator("table.transitions")).to_contain_text("blocked")
    screenshot(page, "source-runs")


def test_digests_and_feeds(page: Page, console: tuple[str, str]) -> None:
    base_url, _ = console
    page.goto(f"{base_url}/digests")
    expect(page.locator("iframe.digest")).to_be_visible()
    screenshot(page, "digests")
    page.get_by_role("link", name="Feeds 订阅").click()
    expect(page.get_by_role("link", name="All new items")).to_have_attribute("href", "/feeds/items.atom")
