"""The feed spider: one conditional request, detail requests for on-site entries, clear errors."""

from __future__ import annotations

from pathlib import Path

from scrapy.http import TextResponse

from spiders.feed import FeedSpider
from tests.spiders.spiderkit import errors, known, make_spider, run, signal, source_dict, start_requests, stat

SOURCE = "zj-kjt-worknews-feed"
XML = {"Content-Type": "application/rss+xml"}


def rss(*items: tuple[str, str]) -> str:
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>Mon, 06 Jan 2025 02:00:00 GMT</pubDate></item>"
        for t, link in items
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>工作动态</title>{body}</channel></rss>'


ITEMS = [
    ("省科技厅召开工作会议", "https://kjt.zj.gov.cn/art/2025/1/6/art_1228971342_1.html"),
    ("科技厅领导调研", "https://kjt.zj.gov.cn/art/2025/1/5/art_1228971342_2.html"),
]


def test_entries_become_detail_requests_and_known_ones_are_skipped() -> None:
    spider = make_spider(FeedSpider, SOURCE, known=known(ITEMS[1][1]))
    [request] = start_requests(spider)
    assert (
        request.url == "https://kjt.zj.gov.cn/module/rss/rssfeed.jsp?colid=1228971342"
        and request.meta["conditional"]
    )
    out = run(spider, request, rss(*ITEMS), cls=TextResponse, headers={**XML, "ETag": '"v1"'})
    assert out.detail_urls == [ITEMS[0][1]] and out.lists == []
    assert [v.etag for v in out.validators] == ['"v1"']
    assert out.details[0].cb_kwargs["entry"].title == "省科技厅召开工作会议"
    assert stat(spider, "entries_seen") == 2


def test_rsshub_feed_follows_only_hosts_the_catalog_allows(tmp_path: Path) -> None:
    entry = source_dict(
        "t-rsshub-nmpa", "feed", "https://rsshub.example.org/nmpa/ggtg", allowed_hosts=["kjt.zj.gov.cn"]
    )
    spider = make_spider(FeedSpider, entry, tmp_path)
    items = [*ITEMS, ("国家药监局公告", "https://www.nmpa.gov.cn/xxgk/ggtg/1.html")]
    out = run(spider, start_requests(spider)[0], rss(*items), cls=TextResponse, headers=XML)
    assert out.detail_urls == [ITEMS[0][1], ITEMS[1][1]] and stat(spider, "entries_skipped/offsite") == 1


def test_broken_feed_is_a_list_parse_error_with_feedparsers_reason() -> None:
    spider = make_spider(FeedSpider, SOURCE)
    out = run(
        spider,
        start_requests(spider)[0],
        '<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</ti',
        cls=TextResponse,
        headers=XML,
    )
    assert out.details == []
    [error] = errors(spider)
    assert error["kind"] == "list_parse" and "does not parse as RSS or Atom" in error["message"]


def test_feed_without_entries_is_empty() -> None:
    spider = make_spider(FeedSpider, SOURCE)
    run(spider, start_requests(spider)[0], rss(), cls=TextResponse, headers=XML)
    assert "zero entries" in signal(spider, "empty")


def test_feed_served_as_html_still_reads() -> None:
    spider = make_spider(FeedSpider, SOURCE)
    out = run(
        spider, start_requests(spider)[0], rss(*ITEMS), headers={"Content-Type": "text/html;charset=UTF-8"}
    )
    assert len(out.details) == 2 and errors(spider) == []


def test_challenge_instead_of_the_feed_is_blocked() -> None:
    spider = make_spider(FeedSpider, SOURCE)
    run(
        spider,
        start_requests(spider)[0],
        "<script>document.cookie='__jsl_clearance_s=1'</script>",
        status=521,
    )
    assert "加速乐" in signal(spider, "blocked")


def test_retired_feed_answering_an_html_page_is_empty() -> None:
    spider = make_spider(FeedSpider, SOURCE)
    page = "<!DOCTYPE html><html><body><div class='list'><ul><li><a href='/a.html'>通知</a></li></ul></div></body></html>"
    run(spider, start_requests(spider)[0], page)
    message = signal(spider, "empty")
    assert "zero entries: layout changed" in message and "no RSS or Atom feed" in message
