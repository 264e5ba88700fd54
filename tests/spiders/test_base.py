"""SourceSpider: source loading, entry filtering, list-answer classification and paging decisions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import scrapy
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler

from spiders.entries import Entry
from spiders.hanweb import HanwebSpider
from spiders.static_list import StaticListSpider
from tests.spiders.spiderkit import known, make_spider, signal, source_dict, stat

NMPA = "https://www.nmpa.gov.cn/xxgk/ggtg/index.html"


def response(
    status: int = 200,
    body: bytes = b"<html><body>ok</body></html>",
    url: str = NMPA,
    meta: dict | None = None,
    headers: dict | None = None,
) -> HtmlResponse:
    return HtmlResponse(
        url=url, status=status, body=body, headers=headers or {}, request=scrapy.Request(url, meta=meta or {})
    )


def test_source_of_another_family_is_refused() -> None:
    with pytest.raises(ValueError, match=r"family .trs.*crawls hanweb-jpaas, hanweb-classic, hanweb-auto"):
        make_spider(HanwebSpider, "cn-nmpa-announcements")


def test_unknown_source_and_missing_source_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown source"):
        make_spider(StaticListSpider, "xx-nope-nothing")
    with pytest.raises(ValueError, match="pass the source id"):
        StaticListSpider.from_crawler(get_crawler(StaticListSpider))


def test_allowed_domains_are_the_source_hosts(tmp_path: Path) -> None:
    entry = source_dict(
        "t-feed-hub", "generic", "https://rsshub.example.org/x", allowed_hosts=["kjt.zj.gov.cn"]
    )
    spider = make_spider(StaticListSpider, entry, tmp_path)
    assert spider.allowed_domains == ["kjt.zj.gov.cn", "rsshub.example.org"]


def test_entries_seen_keeps_on_site_articles_and_counts_the_rest() -> None:
    spider = make_spider(StaticListSpider, "cn-nmpa-announcements")
    kept = spider.entries_seen(
        [
            Entry("https://www.nmpa.gov.cn/xxgk/ggtg/1.html", "一"),
            Entry("https://mp.weixin.qq.com/s/x", "二"),
            Entry("https://www.nmpa.gov.cn/xxgk/ggtg/3.pdf", "三"),
        ]
    )
    assert [e.title for e in kept] == ["一"]
    assert stat(spider, "entries_seen") == 1
    assert stat(spider, "entries_skipped/offsite") == 1 and stat(spider, "entries_skipped/attachment") == 1
    assert list(spider.seen) == ["https://www.nmpa.gov.cn/xxgk/ggtg/1.html"]


def test_challenge_412_is_blocked() -> None:
    spider = make_spider(StaticListSpider, "cn-nmpa-announcements")
    body = b"<html><head><meta id='x' content='qqq' r='m'><script>$_ts=window['$_ts'];</script></head></html>"
    assert spider.list_response_ok(response(412, body)) is False
    assert "412" in signal(spider, "blocked") and "does not bypass" in signal(spider, "blocked")
    assert spider.list_trouble


def test_later_page_missing_ends_the_list_quietly() -> None:
    spider = make_spider(StaticListSpider, "cn-nmpa-announcements")
    assert spider.list_response_ok(response(404), later_page=True) is False
    assert signal(spider, "empty") is None and stat(spider, "paging_ended_missing_page") == 1
    assert spider.list_response_ok(response(404)) is False
    assert "HTTP 404" in signal(spider, "empty")


def test_not_modified_is_neither_error_nor_entries() -> None:
    spider = make_spider(StaticListSpider, "cn-nmpa-announcements")
    assert spider.list_response_ok(response(304, b"")) is False
    assert stat(spider, "list_not_modified") == 1 and stat(spider, "errors") is None


def test_validators_only_for_conditional_requests() -> None:
    spider = make_spider(StaticListSpider, "cn-nmpa-announcements")
    headers = {"ETag": '"abc"', "Last-Modified": "Mon, 05 Jan 2026 01:00:00 GMT"}
    seen = list(spider.list_validators(response(meta={"conditional": True}, headers=headers)))
    assert [(v.etag, v.last_modified) for v in seen] == [('"abc"', "Mon, 05 Jan 2026 01:00:00 GMT")]
    assert list(spider.list_validators(response(headers=headers))) == []


def test_keep_paging_stops_at_max_pages_and_at_known_ground() -> None:
    old = [Entry(f"https://www.nmpa.gov.cn/a/{i}.html", str(i)) for i in range(3)]
    spider = make_spider(StaticListSpider, "cn-nmpa-announcements", known=known(*(e.url for e in old)))
    assert spider.keep_paging(old, pages=1) is False  # routine crawl, every entry known
    new_head = [Entry("https://www.nmpa.gov.cn/a/new.html", "new"), *old]
    assert spider.keep_paging(new_head, pages=1) is False  # new items on top, known ground below
    gap = [old[0], Entry("https://www.nmpa.gov.cn/a/gap.html", "gap"), old[1]]
    assert spider.keep_paging(gap, pages=1) is True  # a missed item between known ones: keep looking
    assert spider.keep_paging(gap, pages=10) is False and stat(spider, "paging_capped") == 1
    assert spider.keep_paging(gap, pages=1, more=False) is False
    spider.known.full_crawl = True
    assert spider.keep_paging(old, pages=1) is True  # the last crawl failed: read the whole list


def test_detail_requests_skip_known_and_repeated_urls() -> None:
    spider = make_spider(
        StaticListSpider, "cn-nmpa-announcements", known=known("https://www.nmpa.gov.cn/a/1.html")
    )
    entries = [
        Entry("https://www.nmpa.gov.cn/a/1.html", "1"),
        Entry("https://www.nmpa.gov.cn/a/2.html", "2"),
        Entry("http://www.nmpa.gov.cn/a/2.html", "2 again over http"),
    ]
    assert [r.url for r in spider.detail_requests(entries)] == ["https://www.nmpa.gov.cn/a/2.html"]


def test_page_text_decodes_gbk_bytes_of_a_non_text_response() -> None:
    body = '<html><head><meta charset="gb2312"></head><body>国家药品监督管理局 公告</body></html>'.encode(
        "gbk"
    )
    plain = Response(url=NMPA, body=body, request=scrapy.Request(NMPA))
    assert "国家药品监督管理局 公告" in StaticListSpider.page_text(plain)


def test_page_text_reads_a_gbk_page_served_as_utf8_by_its_meta_charset() -> None:
    # A server default (charset=utf-8) in front of a GBK page: the bytes fail UTF-8, the meta tag fits them.
    body = '<html><head><meta charset="gb2312"></head><body>国家药品监督管理局 公告</body></html>'.encode("gbk")
    served = response(body=body, headers={"Content-Type": "text/html; charset=utf-8"})
    assert "国家药品监督管理局 公告" in StaticListSpider.page_text(served)


def test_page_text_keeps_a_short_utf8_page_with_a_few_bad_bytes() -> None:
    body = "<html><body><h1>科技厅通知</h1><p>请于3月10日前提交申报材料。</p></body></html>".encode() + b"\xff\xfe"
    served = response(body=body, headers={"Content-Type": "text/html; charset=utf-8"})
    assert "科技厅通知" in StaticListSpider.page_text(served)


def test_new_articles_are_capped_per_crawl_newest_first_and_the_rest_counted(tmp_path: Path) -> None:
    entry = source_dict("t-gov-huge", "generic", "https://example.gov.cn/list/", max_new_per_crawl=2)
    spider = make_spider(StaticListSpider, entry, tmp_path, known=known("https://example.gov.cn/a/known.html"))
    spider.known.due_for_recheck = {"https://example.gov.cn/a/known.html"}
    entries = [
        Entry("https://example.gov.cn/a/pinned.html", "置顶", date(2020, 1, 1)),
        Entry("https://example.gov.cn/a/known.html", "已知", date(2026, 1, 1)),
        Entry("https://example.gov.cn/a/3.html", "三", date(2026, 3, 3)),
        Entry("https://example.gov.cn/a/2.html", "二", date(2026, 2, 2)),
    ]
    urls = [r.url for r in spider.detail_requests(entries)]
    # A re-check is not a new article: it does not count against the cap.
    assert urls == ["https://example.gov.cn/a/known.html", "https://example.gov.cn/a/3.html",
                    "https://example.gov.cn/a/2.html"]
    assert stat(spider, "new_left") == 1 and stat(spider, "new_cap") == 2
    later_page = [Entry("https://example.gov.cn/a/1.html", "一", date(2026, 1, 2))]
    assert list(spider.detail_requests(later_page)) == []
    assert stat(spider, "new_left") == 2
