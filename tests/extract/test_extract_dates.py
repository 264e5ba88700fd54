"""Date parsing: every written form seen on the sites, URL dates, and impossible dates rejected."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from crawler.extract.dates import date_from_url, find_date, han_number, parse_date
from crawler.util.china_time import CHINA_TZ


def cn(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=CHINA_TZ)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("2019-06-05", cn(2019, 6, 5), "day"),
        ("2019/6/5", cn(2019, 6, 5), "day"),
        ("2019.06.05", cn(2019, 6, 5), "day"),
        ("2019年6月5日", cn(2019, 6, 5), "day"),
        ("2019年06月05日 10:30", cn(2019, 6, 5, 10, 30), "minute"),
        ("2019-06-05 10:31:54", cn(2019, 6, 5, 10, 31, 54), "second"),
        ("2019年6月5日10时30分", cn(2019, 6, 5, 10, 30), "minute"),
        ("二〇一九年六月五日", cn(2019, 6, 5), "day"),
        ("二零一九年十月三十一日", cn(2019, 10, 31), "day"),
        ("二〇二〇年十二月二十日", cn(2020, 12, 20), "day"),
        ("二○二四年二月十一日", cn(2024, 2, 11), "day"),  # U+25CB white circle, common in scans
        ("２０１９－０６－０５", cn(2019, 6, 5), "day"),
        ("２０１９年６月５日", cn(2019, 6, 5), "day"),
        ("发布时间：2019-06-05 10:31", cn(2019, 6, 5, 10, 31), "minute"),
        ("发布日期：2019年6月5日", cn(2019, 6, 5), "day"),
        ("日期：2019/06/05", cn(2019, 6, 5), "day"),
        ("成文日期：2026年02月06日", cn(2026, 2, 6), "day"),
        ("2019-06-05T02:31:54Z", cn(2019, 6, 5, 10, 31, 54), "second"),
        ("2019-06-05 24:00", cn(2019, 6, 5), "day"),  # an impossible time keeps the date
    ],
)
def test_written_forms(text: str, expected: datetime, precision: str) -> None:
    hit = find_date(text)
    assert hit is not None
    assert hit.value == expected
    assert hit.precision == precision
    assert hit.value.utcoffset() == timedelta(hours=8)


@pytest.mark.parametrize(
    "text",
    ["2019-02-30", "2019-13-01", "2019年0月5日", "1800-01-01", "电话：0571-87054006", "第782号", "", "无"],
)
def test_impossible_or_absent_dates(text: str) -> None:
    assert find_date(text) is None


def test_first_valid_date_wins_after_an_invalid_one() -> None:
    assert parse_date("2019-02-30 或 2019-03-01") == date(2019, 3, 1)


def test_parse_helpers() -> None:
    assert find_date("发布时间：2025-08-12 10:31:54").value == cn(2025, 8, 12, 10, 31, 54)
    assert parse_date("2025年8月12日") == date(2025, 8, 12)
    assert find_date(None) is None and parse_date(None) is None


@pytest.mark.parametrize(("text", "value"), [("五", 5), ("十", 10), ("十一", 11), ("二十", 20), ("三十一", 31)])
def test_han_numbers(text: str, value: int) -> None:
    assert han_number(text) == value


@pytest.mark.parametrize(
    ("url", "expected", "precision"),
    [
        ("http://da.jiangsu.gov.cn/art/2025/8/12/art_91813_11621526.html", cn(2025, 8, 12), "day"),
        ("https://www.most.gov.cn/xxgk/fgzc/bmgz/202602/t20260211_195895.html", cn(2026, 2, 11), "day"),
        ("https://www.nmpa.gov.cn/xxgk/ggtg/qtggtg/20230210173401120.html",
         cn(2023, 2, 10, 17, 34, 1), "second"),
        ("http://www.news.cn/politics/2019-06/05/c_1124588.htm", cn(2019, 6, 5), "day"),
        ("http://kjt.example.gov.cn/news/20190605/123.html", cn(2019, 6, 5), "day"),
        ("http://kjt.example.gov.cn/news/201906/abc.html", cn(2019, 6, 1), "month"),
    ],
)
def test_dates_in_urls(url: str, expected: datetime, precision: str) -> None:
    hit = date_from_url(url)
    assert hit is not None
    assert (hit.value, hit.precision) == (expected, precision)


@pytest.mark.parametrize(
    "url",
    [
        "http://mpa.shandong.gov.cn/col/col101798/art/2025/art_caa68dfab4bd418e8872089c3a680fde.html",
        "https://mpa.ah.gov.cn/ztgz/yssypbgba/yp/123426111.html",
        "https://example.gov.cn/art/2019/13/45/art_1.html",
        "https://example.gov.cn/list?date=20190605",
    ],
)
def test_urls_without_a_usable_date(url: str) -> None:
    assert date_from_url(url) is None


def test_list_cell_dates_in_common_shapes() -> None:
    assert parse_date("(2024-01-05)") == date(2024, 1, 5)
    assert parse_date("2024年1月5日") == date(2024, 1, 5)
    assert parse_date("2024/13/40") is None and parse_date("无日期") is None
