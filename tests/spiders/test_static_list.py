"""The static list spider: paging stops (pager total, empty or missing page, repeats, cap, known ground)."""

from __future__ import annotations

from pathlib import Path

from spiders.static_list import StaticListSpider
from tests.conftest import realpage
from tests.spiders.spiderkit import (
    builtin_entry,
    errors,
    known,
    make_spider,
    run,
    signal,
    source_dict,
    start_requests,
    stat,
)

MOST = "https://www.most.gov.cn/tztg/index.html"
# The TRS pattern in the catalog: pages are followed even when the page states no pager.
MOST_WITH_PATTERN = builtin_entry(
    "cn-most-notices", paging={"page_pattern": "index_{n}.html", "first_page_number": 1, "max_pages": 10}
)


def most_page(ids: range, pager: str = "") -> str:
    items = "".join(
        f'<li><a href="./2025{n:02d}/t2025{n:02d}01_{n}.html" title="科技部关于第{n}项工作的通知">'
        f"科技部关于第{n}项工作的通知</a><span>2025-{n % 12 + 1:02d}-01</span></li>"
        for n in sorted(ids, reverse=True)
    )
    return (
        f"<html><head><meta charset='utf-8'></head><body><ul class='info_list2'>{items}</ul>"
        f"<script>{pager}</script></body></html>"
    )


def test_without_a_catalog_pattern_or_a_pager_one_page_is_read() -> None:
    spider = make_spider(StaticListSpider, "cn-most-notices")
    out = run(spider, start_requests(spider)[0], most_page(range(11, 21)))
    assert len(out.details) == 10 and out.lists == [] and signal(spider, "empty") is None


def test_trs_pages_follow_index_n_until_the_pager_total() -> None:
    spider = make_spider(StaticListSpider, "cn-most-notices")
    [first] = start_requests(spider)
    assert first.url == MOST and first.meta["conditional"]
    out = run(spider, first, most_page(range(21, 31), 'createPageHTML(3, 0, "index", "html");'))
    assert len(out.details) == 10
    [second] = out.lists
    assert second.url == "https://www.most.gov.cn/tztg/index_1.html" and not second.meta["conditional"]
    [third] = run(spider, second, most_page(range(11, 21))).lists
    assert third.url == "https://www.most.gov.cn/tztg/index_2.html"
    out = run(spider, third, most_page(range(1, 11)))
    assert len(out.details) == 10 and out.lists == []  # page 3 of 3
    assert stat(spider, "entries_seen") == 30 and stat(spider, "list_strategy/builtin") == 3


def test_without_a_pager_total_paging_ends_at_a_missing_page() -> None:
    spider = make_spider(StaticListSpider, MOST_WITH_PATTERN)
    [second] = run(spider, start_requests(spider)[0], most_page(range(11, 21))).lists
    out = run(spider, second, "<html><body>404</body></html>", status=404)
    assert out.lists == [] and signal(spider, "empty") is None and errors(spider) == []


def test_a_later_page_without_entries_or_repeating_page_one_ends_paging() -> None:
    spider = make_spider(StaticListSpider, MOST_WITH_PATTERN)
    [second] = run(spider, start_requests(spider)[0], most_page(range(11, 21))).lists
    assert run(spider, second, "<html><body><ul class='info_list2'></ul></body></html>").lists == []
    assert stat(spider, "paging_ended_empty_page") == 1 and signal(spider, "empty") is None

    spider = make_spider(StaticListSpider, MOST_WITH_PATTERN)
    [second] = run(spider, start_requests(spider)[0], most_page(range(11, 21))).lists
    out = run(spider, second, most_page(range(11, 21)))  # the site answers page 1 for any page number
    assert out.lists == [] and out.details == [] and stat(spider, "paging_ended_repeat") == 1


def test_paging_is_capped_at_max_pages() -> None:
    spider = make_spider(StaticListSpider, MOST_WITH_PATTERN)  # max_pages 10
    request = start_requests(spider)[0]
    for page in range(1, 11):
        out = run(spider, request, most_page(range(1000 - 10 * page, 1010 - 10 * page)))
        request = out.lists[0] if out.lists else None
    assert request is None and stat(spider, "paging_capped") == 1


def test_routine_crawl_stops_at_known_ground() -> None:
    spider = make_spider(StaticListSpider, "cn-most-notices")
    urls = run(spider, start_requests(spider)[0], most_page(range(1, 11))).detail_urls
    routine = make_spider(StaticListSpider, "cn-most-notices", known=known(*urls[3:]))
    out = run(routine, start_requests(routine)[0], most_page(range(1, 11)))
    assert out.detail_urls == urls[:3] and out.lists == []


def test_empty_first_page_is_the_empty_signal() -> None:
    spider = make_spider(StaticListSpider, "cn-nmpa-announcements")
    run(spider, start_requests(spider)[0], "<html><body><div class='list'><ul></ul></div></body></html>")
    message = signal(spider, "empty")
    assert "zero entries: layout changed" in message and "built-in trs layouts" in message


def test_nmpa_challenge_is_blocked() -> None:
    spider = make_spider(StaticListSpider, "cn-nmpa-announcements")
    body = b"<html><head><meta content='{qqq' r='m'><script>$_ts=window['$_ts'];</script></head></html>"
    out = run(spider, start_requests(spider)[0], body, status=412)
    assert out.lists == [] and out.details == [] and "412" in signal(spider, "blocked")


def test_nmpa_skips_pdf_and_weixin_entries() -> None:
    spider = make_spider(StaticListSpider, "cn-nmpa-announcements")
    items = (
        '<li><a href="./qtggtg/20240105173401120.html">国家药监局关于某事项的公告</a><span>(2024-01-05)</span></li>'
        '<li><a href="https://mp.weixin.qq.com/s/abc">图解：公告要点</a><span>(2024-01-04)</span></li>'
        '<li><a href="./P020240103.pdf">公告附件</a><span>(2024-01-03)</span></li>'
    )
    out = run(
        spider,
        start_requests(spider)[0],
        f"<html><body><div class='list'><ul>{items}</ul></div></body></html>",
    )
    assert out.detail_urls == ["https://www.nmpa.gov.cn/xxgk/ggtg/qtggtg/20240105173401120.html"]
    assert stat(spider, "entries_skipped/offsite") == 1 and stat(spider, "entries_skipped/attachment") == 1
    assert out.lists[0].url == "https://www.nmpa.gov.cn/xxgk/ggtg/index_1.html"


def test_gbk_page_with_the_charset_only_in_a_meta_tag(tmp_path: Path) -> None:
    # 堃 is in GBK but not in the declared GB2312: pages rely on decoders reading GB2312 as GB18030.
    entry = source_dict("t-gd-gbk", "gd-static", "https://county.example.gov.cn/tzgg/index.html")
    spider = make_spider(StaticListSpider, entry, tmp_path)
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'
        '<ul class="list"><li><a href="/tzgg/content/post_1234567.html">关于堃镕科技项目申报的通知</a>'
        '<span class="time">2025-02-03</span></li></ul></body></html>'
    )
    out = run(spider, start_requests(spider)[0], html.encode("gbk"), headers={"Content-Type": "text/html"})
    [detail] = out.details
    assert detail.cb_kwargs["entry"].title == "关于堃镕科技项目申报的通知"


def test_lonsun_real_page_pages_by_its_own_pager_up_to_the_pager_count() -> None:
    spider = make_spider(StaticListSpider, "ah-mpa-notices")  # no page_pattern in the catalog
    out = run(spider, start_requests(spider)[0], realpage("anhui_list.html").read_bytes())
    assert len(out.details) == 3 and stat(spider, "entries_skipped/offsite") == 12
    [second] = out.lists
    assert second.url == "https://mpa.ah.gov.cn/content/column/31415151?pageIndex=2"  # Ls.pagination's URL
    assert second.cb_kwargs["total"] == 6
    assert stat(spider, "page_pattern_stated") == "/content/column/31415151?pageIndex={n}"


def test_the_catalogs_pattern_wins_over_the_pager() -> None:
    entry = builtin_entry("ah-mpa-notices", paging={"page_pattern": "/content/column/6785921?pageIndex={n}",
                                                    "first_page_number": 2})
    spider = make_spider(StaticListSpider, entry)
    [second] = run(spider, start_requests(spider)[0], realpage("anhui_list.html").read_bytes()).lists
    assert second.url == "https://mpa.ah.gov.cn/content/column/6785921?pageIndex=2"


def test_generic_source_reads_one_page_without_a_pattern(tmp_path: Path) -> None:
    entry = source_dict("t-generic-url", "generic", "https://www.example.gov.cn/news/")
    spider = make_spider(StaticListSpider, entry, tmp_path)
    items = "".join(
        f'<li><a href="/news/202401/t2024010{d}_{d}.html">关于第{d}批科技项目立项的通知</a>'
        f"<span>2024-01-0{d}</span></li>"
        for d in range(1, 6)
    )
    out = run(spider, start_requests(spider)[0], f"<html><body><ul class='x'>{items}</ul></body></html>")
    assert len(out.details) == 5 and out.lists == [] and stat(spider, "list_strategy/generic") == 1
