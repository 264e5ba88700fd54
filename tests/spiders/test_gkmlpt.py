"""The gkmlpt spider: JSON pages until `total`, an empty page, known ground or the page cap."""

from __future__ import annotations

import json

import scrapy
from scrapy.http import TextResponse

from spiders.gkmlpt import GkmlptSpider
from tests.spiders.spiderkit import Yielded, errors, known, make_spider, run, signal, start_requests, stat


def answer(ids: range, total: int) -> str:
    articles = [
        {
            "id": n,
            "identifier": f"006940116/2025-{n:05d}",
            "title": f"关于第{n}批药品抽检结果的通告",
            "url": f"https://mpa.gd.gov.cn/gkmlpt/content/4/{n}/post_{n}.html",
            "created_at": f"2025-01-{n % 28 + 1:02d} 09:00:00",
        }
        for n in sorted(ids, reverse=True)
    ]
    return json.dumps({"articles": articles, "total": total}, ensure_ascii=False)


def json_run(spider: GkmlptSpider, request: scrapy.Request, body: str) -> Yielded:
    return run(spider, request, body, cls=TextResponse, headers={"Content-Type": "application/json"})


def test_pages_until_total() -> None:
    spider = make_spider(GkmlptSpider, "gd-mpa-gkmlpt")
    [first] = start_requests(spider)
    assert first.url == "https://mpa.gd.gov.cn/gkmlpt/api/all/2849?page=1&sid=755"
    out = json_run(spider, first, answer(range(81, 101), 45))
    assert len(out.details) == 20
    [second] = out.lists
    assert second.url == "https://mpa.gd.gov.cn/gkmlpt/api/all/2849?page=2&sid=755"
    third = json_run(spider, second, answer(range(61, 81), 45)).lists[0]
    out = json_run(spider, third, answer(range(56, 61), 45))
    assert len(out.details) == 5 and out.lists == []
    assert stat(spider, "entries_seen") == 45 and errors(spider) == []


def test_routine_crawl_stops_at_known_ground() -> None:
    spider = make_spider(GkmlptSpider, "gd-mpa-gkmlpt")
    urls = json_run(spider, start_requests(spider)[0], answer(range(1, 21), 400)).detail_urls
    routine = make_spider(GkmlptSpider, "gd-mpa-gkmlpt", known=known(*urls[1:]))
    out = json_run(routine, start_requests(routine)[0], answer(range(1, 21), 400))
    assert out.detail_urls == urls[:1] and out.lists == []


def test_no_articles_on_the_first_page_is_empty_and_a_later_empty_page_just_ends() -> None:
    spider = make_spider(GkmlptSpider, "gd-mpa-gkmlpt")
    json_run(spider, start_requests(spider)[0], '{"articles": [], "total": 0}')
    assert "zero entries" in signal(spider, "empty")

    spider = make_spider(GkmlptSpider, "gd-mpa-gkmlpt")
    [second] = json_run(spider, start_requests(spider)[0], answer(range(1, 21), 400)).lists
    assert json_run(spider, second, '{"articles": [], "total": 400}').lists == []
    assert signal(spider, "empty") is None


def test_broken_answer_is_a_list_parse_error() -> None:
    spider = make_spider(GkmlptSpider, "gd-mpa-gkmlpt")
    json_run(spider, start_requests(spider)[0], '{"articles": [')
    [error] = errors(spider)
    assert error["kind"] == "list_parse" and "not JSON" in error["message"]


def test_off_site_articles_are_skipped() -> None:
    spider = make_spider(GkmlptSpider, "gd-mpa-gkmlpt")
    body = json.dumps(
        {
            "total": 1,
            "articles": [
                {"title": "省政府文件", "url": "https://www.gd.gov.cn/gkmlpt/content/1/post_1.html"}
            ],
        },
        ensure_ascii=False,
    )
    out = json_run(spider, start_requests(spider)[0], body)
    assert (
        out.details == [] and stat(spider, "entries_skipped/offsite") == 1 and signal(spider, "empty") is None
    )
