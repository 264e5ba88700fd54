"""Hanweb classic paging: the column page's batch, then the data proxy until the total or known ground."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from spiders.hanweb import HanwebSpider
from tests.conftest import realpage
from tests.spiders.hanwebpages import column_page, proxy_answer, records
from tests.spiders.spiderkit import errors, known, make_spider, run, signal, source_dict, start_requests, stat

JS_COLUMN = "http://da.jiangsu.gov.cn/col/col84586/index.html"
ZJ_COLUMN = "https://kjt.zj.gov.cn/col/col1228971341/index.html"
COL = 1228971341


def form(request) -> dict[str, list[str]]:
    return parse_qs(request.body.decode())


def test_real_jiangsu_column_then_the_web_jpage_proxy() -> None:
    spider = make_spider(HanwebSpider, "js-mpa-notices")
    [column] = start_requests(spider)
    assert column.url == JS_COLUMN and column.meta["conditional"]
    out = run(spider, column, realpage("jiangsu_list.html").read_bytes())
    assert len(out.details) == 45  # two units (PC table, mobile list) of the same 45 records, deduped
    assert out.detail_urls[0] == "http://da.jiangsu.gov.cn/art/2026/7/19/art_91813_11805627.html"
    [proxy] = out.lists
    assert urlsplit(proxy.url).path == "/module/web/jpage/dataproxy.jsp"
    assert parse_qs(urlsplit(proxy.url).query) == {
        "startrecord": ["46"],
        "endrecord": ["90"],
        "perpage": ["15"],
    }
    assert proxy.method == "POST" and form(proxy)["webid"] == ["18"] and form(proxy)["columnid"] == ["91813"]
    assert stat(spider, "hanweb_mode") == "classic"

    # The last group repeats the previous group's last row; the total (50) is then reached.
    rows = records(91813, range(1, 6))
    tail = run(
        spider,
        proxy,
        proxy_answer(['<li><a href="/art/2026/7/19/art_91813_11805627.html">重复</a></li>', *rows], 50),
    )
    assert len(tail.details) == 5 and tail.lists == []
    assert stat(spider, "entries_seen") == 50 and errors(spider) == []


def test_proxy_path_from_the_pages_jpage_call_when_the_catalog_has_none(tmp_path: Path) -> None:
    entry = source_dict(
        "t-hanweb-classic", "hanweb-classic", "https://kxjst.example.gov.cn/col/col9/index.html"
    )
    spider = make_spider(HanwebSpider, entry, tmp_path)
    page = column_page(
        9, "123", records(9, range(1, 46)), total=100, proxy_url="/module/web/jpage/dataproxy.jsp"
    )
    [proxy] = run(spider, start_requests(spider)[0], page).lists
    assert urlsplit(proxy.url).path == "/module/web/jpage/dataproxy.jsp"


def test_routine_crawl_stops_at_known_ground() -> None:
    rows = records(COL, range(1, 46))
    spider = make_spider(HanwebSpider, "zj-kjt-notices")
    everything = run(spider, start_requests(spider)[0], column_page(COL, "5339897", rows, total=130))
    assert len(everything.details) == 45 and len(everything.lists) == 1  # first crawl: read on

    routine = make_spider(HanwebSpider, "zj-kjt-notices", known=known(*everything.detail_urls[1:]))
    out = run(routine, start_requests(routine)[0], column_page(COL, "5339897", rows, total=130))
    assert out.detail_urls == everything.detail_urls[:1] and out.lists == []


def test_paging_stops_at_max_pages() -> None:
    spider = make_spider(HanwebSpider, "zj-kjt-notices")
    request = run(
        spider, start_requests(spider)[0], column_page(COL, "5339897", records(COL, range(2000, 2045)), 5000)
    ).lists[0]
    for page in range(2, 21):
        out = run(
            spider, request, proxy_answer(records(COL, range(2000 - 45 * page, 2045 - 45 * page)), 5000)
        )
        if page < 20:
            [request] = out.lists
    assert out.lists == [] and stat(spider, "paging_capped") == 1


def test_classic_family_reports_a_missing_proxy_as_empty() -> None:
    spider = make_spider(HanwebSpider, "js-kjt-notices")
    column = start_requests(spider)[0]
    [proxy] = run(spider, column, column_page(82571, "1", records(82571, range(1, 46)), 100)).lists
    out = run(spider, proxy, "<html><body>404 Not Found</body></html>", status=404)
    assert out.lists == [] and "HTTP 404" in signal(spider, "empty")


def test_broken_proxy_answer_is_a_list_parse_error() -> None:
    spider = make_spider(HanwebSpider, "zj-kjt-notices")
    [proxy] = run(
        spider, start_requests(spider)[0], column_page(COL, "5339897", records(COL, range(1, 46)), 100)
    ).lists
    run(spider, proxy, "<datastore><recordset><record>")
    assert [e["kind"] for e in errors(spider)] == ["list_parse"]
    assert "not well-formed" in errors(spider)[0]["message"]
