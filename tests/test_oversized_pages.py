"""A page over the download size limit (DOWNLOAD_MAXSIZE, 8 MB), or a small compressed answer that unpacks past
it, is reported as too big, never as a site that did not answer."""

from __future__ import annotations

import gzip
from pathlib import Path

import scrapy
from scrapy.exceptions import DownloadCancelledError
from sqlalchemy import select
from twisted.python.failure import Failure

from db.engine import make_session_factory
from db.models import CrawlRun, Source
from spiders.static_list import StaticListSpider
from tests.fakesite import Page, article_page, crawl_user_source, generic_source, list_page, serve
from tests.spiders.spiderkit import errors, make_spider, signal, source_dict

OVER_LIMIT = b"<html><body>" + b"<p>" + b"x" * (9 * 1024 * 1024) + b"</p></body></html>"
HTML = {"Content-Type": "text/html; charset=utf-8"}
# 20 MB of markup in about 20 KB.
GZIP_BOMB = Page(gzip.compress(b"<html><body>" + b" " * (20 * 1024 * 1024)),
                 headers={**HTML, "Content-Encoding": "gzip"})


def crawl_list(tmp_path: Path, list_answer: Page) -> tuple[str, str, str, str]:
    """(run outcome, run message, source health, health message) of a crawl whose list page is `list_answer`."""
    with serve({"/col/index.html": list_answer}) as site:
        result, engine = crawl_user_source(tmp_path, generic_source("t-big-notices", f"{site.url}/col/index.html"))
    with make_session_factory(engine)() as s:
        source = s.get(Source, "t-big-notices")
        health = (source.health, source.health_message)
    engine.dispose()
    return result.outcome, result.message, *health


def test_a_list_page_over_the_size_limit_is_reported_as_too_big(tmp_path: Path) -> None:
    outcome, message, health, health_message = crawl_list(tmp_path, Page(OVER_LIMIT))
    assert outcome == "failed" and health == "empty"
    assert message == health_message
    assert message.startswith("the list page http://127.0.0.1:") and "/col/index.html is larger than the 8 MB " \
        "download limit: not read; open it in a browser to see what the site serves there" in message
    assert "unreachable" not in message and "DownloadCancelledError" not in message


def test_a_compressed_list_page_that_unpacks_past_the_limit_is_reported_as_too_big(tmp_path: Path) -> None:
    outcome, message, health, _ = crawl_list(tmp_path, GZIP_BOMB)
    assert outcome == "failed" and health == "empty"
    assert "/col/index.html is a compressed answer that unpacks to more than the 8 MB download limit: not read" \
        in message
    assert "IgnoreRequest" not in message


def test_an_article_over_the_size_limit_is_one_error_of_the_run(tmp_path: Path) -> None:
    links = [("/art/big.html", "很大的通知", "2026-06-04")]
    links += [(f"/art/{n}.html", f"关于第{n}批项目的通知", f"2026-06-0{n}") for n in (1, 2, 3)]
    pages = {"/col/index.html": Page(list_page(links)), "/art/big.html": Page(OVER_LIMIT)}
    pages.update({path: Page(article_page(title, day, f"{title}。各有关单位：现将有关事项通知如下。" * 5))
                  for path, title, day in links[1:]})
    with serve(pages) as site:
        result, engine = crawl_user_source(tmp_path, generic_source("t-big-notices", f"{site.url}/col/index.html"))
    assert result.outcome == "partial" and result.counts["new"] == 3
    assert result.message.startswith("1 error(s): page_too_big")
    with make_session_factory(engine)() as s:
        log = s.scalar(select(CrawlRun.error_log).where(CrawlRun.id == result.run_id))
    engine.dispose()
    assert log == [{"kind": "page_too_big", "message": "the article page is larger than the 8 MB download limit: "
                    "not read", "url": f"{site.url}/art/big.html"}]


def test_a_download_cancelled_while_it_arrived_is_too_big_too(tmp_path: Path) -> None:
    # Without a Content-Length Scrapy cancels the download part way, with an empty message.
    spider = make_spider(StaticListSpider, source_dict("t-big-notices", "generic", "https://example.gov.cn/"), tmp_path)
    failure = Failure(DownloadCancelledError(""))
    failure.request = scrapy.Request("https://example.gov.cn/")  # type: ignore[attr-defined]
    spider.list_failed(failure)
    assert signal(spider, "unreachable") is None
    assert signal(spider, "error").startswith("the list page https://example.gov.cn/ is larger than the")
    assert errors(spider)[0]["url"] == "https://example.gov.cn/"
