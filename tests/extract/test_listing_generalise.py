"""List classes seen on real pages the project had not been developed on, with our own small markup: lists
carried only as data in an inline script, and category tags in an element of their own inside title links."""

from __future__ import annotations

import json

import pytest

from crawler.extract.listing import extract_entries

ITEMS = [(f"/art/2024/5/{d}/art_{d}.html", f"关于开展第{d}批某项工作检查的通知", f"2024-05-{d:02d}") for d in range(1, 7)]
BASE = "https://www.example.gov.cn/col/col1/index.html"


def _records(title: str, url: str, day: str) -> list[dict[str, str]]:
    return [{title: t, url: u, day: d} for u, t, d in ITEMS]


@pytest.mark.parametrize(
    "script",
    [
        "var listData = " + json.dumps(_records("title", "url", "pubDate"), ensure_ascii=False) + "; draw(listData);",
        "render(" + json.dumps({"total": 6, "rows": _records("docTitle", "docUrl", "docDate")}, ensure_ascii=False) + ");",
        "window.page = {\"list\": " + json.dumps(_records("Title", "LinkUrl", "PubDate"), ensure_ascii=False) + "};",
    ],
)
def test_a_list_carried_only_as_script_data(script: str) -> None:
    html = f"<html><body><div class='nav'><a href='/'>首页</a></div><ul id='list'></ul><script>{script}</script></body></html>"
    entries = extract_entries(html.encode(), BASE)
    assert [(e.url, e.title, e.date.isoformat() if e.date else None) for e in entries] == [
        ("https://www.example.gov.cn" + u, t, d) for u, t, d in ITEMS
    ]


def test_script_data_does_not_replace_a_list_in_the_markup() -> None:
    items = "".join(f"<li><a href='{u}'>{t}</a><span>{d}</span></li>" for u, t, d in ITEMS)
    menu = json.dumps([{"title": f"栏目{n}", "url": f"/col/{n}/"} for n in range(8)], ensure_ascii=False)
    html = f"<html><body><ul class='list'>{items}</ul><script>var menu = {menu};</script></body></html>"
    assert [e.title for e in extract_entries(html.encode(), BASE)] == [t for _, t, _ in ITEMS]


def test_script_data_with_too_few_records_is_not_a_list() -> None:
    data = json.dumps(_records("title", "url", "date")[:2], ensure_ascii=False)
    html = f"<html><body><div></div><script>var cfg = {data};</script></body></html>"
    assert extract_entries(html.encode(), BASE) == []


@pytest.mark.parametrize(
    "tag",
    ["<span class='tag'>[通知公告]</span>", "<em class='type'>政策解读</em>", "<span>【部门文件】</span>"],
)
def test_a_category_tag_in_its_own_element_leaves_the_title(tag: str) -> None:
    items = "".join(f"<li><a href='{u}'>{tag}{t}</a><span>{d}</span></li>" for u, t, d in ITEMS)
    html = f"<html><body><ul class='result'>{items}</ul></body></html>"
    assert [e.title for e in extract_entries(html.encode(), BASE)] == [t for _, t, _ in ITEMS]


def test_a_bracketed_column_word_written_into_the_title_stays() -> None:
    # The site writes it as part of the title's text: a reader sees 【专栏】 as the title's start.
    items = "".join(f"<li><a href='{u}'>【半年报】{t}</a><span>{d}</span></li>" for u, t, d in ITEMS)
    html = f"<html><body><ul class='list'>{items}</ul></body></html>"
    assert [e.title for e in extract_entries(html.encode(), BASE)] == [f"【半年报】{t}" for _, t, _ in ITEMS]


def test_an_unclassed_short_word_opening_a_title_stays() -> None:
    items = "".join(f"<li><a href='{u}'><b>关于</b>{t[2:]}</a><span>{d}</span></li>" for u, t, d in ITEMS)
    html = f"<html><body><ul class='list'>{items}</ul></body></html>"
    assert [e.title for e in extract_entries(html.encode(), BASE)] == [t for _, t, _ in ITEMS]
