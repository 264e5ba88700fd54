"""Static list parsing: catalog selectors, built-in family layouts, JS arrays, the generic fallback."""

from __future__ import annotations

import gc
import json
from datetime import date

import pytest
from parsel import Selector

from crawler.extract.listing import extract_entries
from spiders import list_selectors
from spiders.list_selectors import catalog_selectors, parse_list_page
from tests.conftest import realpage

NMPA = "https://www.nmpa.gov.cn/xxgk/ggtg/index.html"


def page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{body}</body></html>"


def test_real_most_overview_with_four_blocks() -> None:
    golden = json.loads(realpage("most_list.golden.json").read_text(encoding="utf-8"))
    parsed = parse_list_page(realpage("most_list.html").read_text(encoding="utf-8"), golden["url"], "trs")
    assert parsed.strategy == "builtin" and len(parsed.entries) == 17
    expected = [e for e in parsed.entries if not any(p in e.url for p in golden["excluded_paths"])]
    assert len(expected) >= golden["expected_min_detail_links"]
    assert all(any(p in e.url for p in golden["expected_paths"]) for e in expected)
    first = parsed.entries[0]
    assert (
        first.url
        == "https://www.most.gov.cn/xxgk/xinxifenlei/fdzdgknr/fgzc/flfg/202412/t20241226_192778.html"
    )
    assert first.title == "中华人民共和国科学技术普及法（2024年修订）" and first.date == date(2024, 12, 25)


def test_real_anhui_lonsun_list() -> None:
    text = realpage("anhui_list.html").read_text(encoding="utf-8")
    parsed = parse_list_page(text, "https://mpa.ah.gov.cn/ztgz/yssypbgba/yp/index.html", "lonsun")
    assert parsed.strategy == "builtin" and len(parsed.entries) == 15  # the lm_line separators are skipped
    assert parsed.entries[0].title == "药品上市后变更备案共性问题解答（五）"
    assert parsed.entries[1].date == date(2026, 9, 4)  # not sorted on the real page; kept in page order
    assert sum("mpa.ah.gov.cn" in e.url for e in parsed.entries) == 3


def test_nmpa_dates_in_parentheses_and_a_year_inside_the_title() -> None:
    body = (
        '<div class="list"><ul>'
        '<li><a href="./qtggtg/20240105173401120.html">关于2023年度药品审评报告的公告（2024年第3号）</a>'
        "<span>(2024-01-05)</span></li>"
        '<li><a href="../../directory/web/nmpa/images/a.pdf">附件公告</a><span>(2024-01-04)</span></li>'
        "</ul></div>"
    )
    parsed = parse_list_page(page(body), NMPA, "trs")
    assert [(e.url, e.date) for e in parsed.entries] == [
        ("https://www.nmpa.gov.cn/xxgk/ggtg/qtggtg/20240105173401120.html", date(2024, 1, 5)),
        ("https://www.nmpa.gov.cn/directory/web/nmpa/images/a.pdf", date(2024, 1, 4)),
    ]


def test_guangdong_list_with_span_time() -> None:
    body = (
        '<ul class="list"><li><a href="/zwgk_n/tzgg/content/post_4400001.html" title="广东省科学技术厅关于'
        '开展2025年度项目申报的通知">广东省科学技术厅关于开展2025年度...</a><span class="time">2025-03-04</span></li></ul>'
    )
    [entry] = parse_list_page(
        page(body), "https://gdstc.gd.gov.cn/zwgk_n/tzgg/index.html", "gd-static"
    ).entries
    assert entry.title == "广东省科学技术厅关于开展2025年度项目申报的通知" and entry.date == date(2025, 3, 4)


def test_catalog_selectors_win_over_builtins() -> None:
    body = (
        '<ul class="list_common"><li><a href="/a/t20240101_1.html">侧栏</a><span>2024-01-01</span></li></ul>'
        '<table class="zxgk"><tr><td class="t"><a href="/b/t20240102_2.html">正文列表</a></td>'
        '<td class="d">2024/01/02</td></tr></table>'
    )
    selectors = {"list_item": "table.zxgk tr", "list_link": "td.t a", "list_date": "td.d"}
    parsed = parse_list_page(page(body), "https://www.most.gov.cn/x/index.html", "trs", selectors)
    assert parsed.strategy == "catalog"
    assert [(e.title, e.date) for e in parsed.entries] == [("正文列表", date(2024, 1, 2))]


def test_catalog_link_or_date_alone_refine_the_builtins() -> None:
    [layout] = catalog_selectors("lonsun", {"list_date": "em"})
    assert layout.item == "ul.doc_list li" and layout.date == "em"
    assert catalog_selectors("lonsun", {}) == ()


def test_beijing_javascript_array() -> None:
    rows = "".join(
        f"urls[i]='./202401/t2024011{d}_35270{d}.html';headers[i]=\"<a href='./202401/t2024011{d}_35270{d}.html' "
        f"title='关于第{d}批项目的公示'>关于第{d}批项目的公示</a>\";year[i]='2024';month[i]='01';day[i]='1{d}';i++;\n"
        for d in (3, 2, 1)
    )
    text = page(
        f"<div class='list'><script>var urls=new Array();var headers=new Array();var i=0;\n{rows}</script></div>"
    )
    parsed = parse_list_page(text, "https://kw.beijing.gov.cn/col/col2384/index.html", "jsarray")
    assert parsed.strategy == "jsarray"
    assert [(e.url.rsplit("/", 1)[1], e.date) for e in parsed.entries] == [
        (f"t2024011{d}_35270{d}.html", date(2024, 1, 10 + d)) for d in (3, 2, 1)
    ]


def test_redesigned_page_falls_back_to_the_generic_extractor() -> None:
    items = "".join(
        f'<div class="item"><a href="/tztg/202401/t2024010{d}_1{d}.html">科技部关于第{d}批'
        f"重点研发计划项目的通知</a><em>2024-01-0{d}</em></div>"
        for d in range(1, 6)
    )
    parsed = parse_list_page(
        page(f'<div class="news-list">{items}</div>'), "https://www.most.gov.cn/tztg/index.html", "trs"
    )
    assert parsed.strategy == "generic" and len(parsed.entries) == 5
    assert parsed.entries[0].date == date(2024, 1, 1)


def test_nothing_at_all_is_strategy_none() -> None:
    parsed = parse_list_page(page("<p>系统维护中</p>"), NMPA, "trs")
    assert parsed.entries == [] and parsed.strategy == "none"
    assert parse_list_page("", NMPA, "generic").entries == []


def test_damaged_page_with_control_bytes_and_a_broken_href_keeps_the_good_entries() -> None:
    body = (
        '<ul class="info_list2"><li\x01><a href="http://[broken">坏链接</a><span>2024-01-06</span></li>'
        '<li><a href="./202401/t20240105_1.html" title="科技部关于\x00某事项的通知">科技部关于某事项的通知</a>'
        "<span>2024-01-05</span></li></ul>"
    )
    parsed = parse_list_page(page(body), "https://www.most.gov.cn/tztg/index.html", "trs")
    assert [(e.url, e.title) for e in parsed.entries] == [
        ("https://www.most.gov.cn/tztg/202401/t20240105_1.html", "科技部关于某事项的通知")
    ]


def test_the_css_readers_page_is_freed_before_the_generic_extractor_parses_it_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Two parsed trees of a huge list page at once were a third of a crawl child's memory.
    marker = "独一无二的列表页"
    page = f"<html><body><h1>{marker}</h1><ul>" + "".join(
        f'<li><a href="/a/{n}.html">关于第{n}批项目的通知</a><span>2026-01-0{n}</span></li>' for n in range(1, 6)
    ) + "</ul></body></html>"
    alive_during_generic: list[int] = []

    def generic(text: str, url: str) -> list:
        gc.collect()
        trees = [o for o in gc.get_objects() if isinstance(o, Selector) and marker in (o.get() or "")]
        alive_during_generic.append(len(trees))
        return extract_entries(text, url)

    monkeypatch.setattr(list_selectors, "extract_entries", generic)
    parsed = list_selectors.parse_list_page(page, "https://example.gov.cn/list/", "generic")
    assert parsed.strategy == "generic" and len(parsed.entries) == 5
    assert alive_during_generic == [0]
