"""Entry helpers shared by the list parsers: titles, dates, dedupe, link resolution, control bytes."""

from __future__ import annotations

from datetime import date

import pytest

from spiders.entries import Entry, absolute_url, best_title, dedupe_entries, without_control_chars

BASE = "https://www.nmpa.gov.cn/xxgk/ggtg/index.html"


@pytest.mark.parametrize(
    "href, expected",
    [
        ("./qtggtg/20240105.html", "https://www.nmpa.gov.cn/xxgk/ggtg/qtggtg/20240105.html"),
        ("/art/2025/1/2/art_1_3.html\r\n", "https://www.nmpa.gov.cn/art/2025/1/2/art_1_3.html"),
        ("http://mp.weixin.qq.com/s/abc", "http://mp.weixin.qq.com/s/abc"),
        ("javascript:void(0)", None),
        ("mailto:office@nmpa.gov.cn", None),
        ("#top", None),
        ("", None),
        (None, None),
        ("http://[broken/x.html", None),
        ("https://www.nmpa.gov.cn:99999/x.html", None),
        ("ftp://files.nmpa.gov.cn/a.pdf", None),
    ],
)
def test_absolute_url(href: str | None, expected: str | None) -> None:
    assert absolute_url(BASE, href) == expected


def test_control_characters_are_dropped_but_layout_whitespace_kept() -> None:
    assert without_control_chars("<li\x01 class='a'>\t标题\x00\n</li>\x7f") == "<li class='a'>\t标题\n</li>"


def test_best_title_prefers_a_full_title_attribute() -> None:
    assert best_title(
        "关于征求《浙江省细胞治疗...", "关于征求《浙江省细胞治疗产业发展若干措施》意见的通知"
    ) == ("关于征求《浙江省细胞治疗产业发展若干措施》意见的通知")
    assert best_title(" · 浙江省科技厅召开工作会议 ", None) == "浙江省科技厅召开工作会议"


def test_dedupe_keeps_first_order_longest_title_and_any_date() -> None:
    entries = [
        Entry("https://a.gov.cn/1.html", "短标题"),
        Entry("https://a.gov.cn/2.html", "二"),
        Entry("https://a.gov.cn/1.html", "完整的长标题", date(2025, 1, 2)),
    ]
    assert dedupe_entries(entries) == [
        Entry("https://a.gov.cn/1.html", "完整的长标题", date(2025, 1, 2)),
        Entry("https://a.gov.cn/2.html", "二"),
    ]
