"""List-item date helpers: dates standing alone, month-day dates and the years they take."""

from __future__ import annotations

from datetime import date

import pytest

from crawler.extract.listing_dates import box_date, month_day, url_year, with_year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-09", date(2024, 5, 9)),
        ("[2024-05-09]", date(2024, 5, 9)),
        ("（2024.5.9）", date(2024, 5, 9)),
        ("2024年05月09日 10:30", date(2024, 5, 9)),
        ("2026/9/16 7:51:00", date(2026, 9, 16)),
        ("发布时间：2020.04.22", date(2020, 4, 22)),
        ("时间: 2020-04-21", date(2020, 4, 21)),
        ("21 2024-05", date(2024, 5, 21)),  # a calendar box: day, then year-month
        ("2024.05 21", date(2024, 5, 21)),
        ("05-21 2024", date(2024, 5, 21)),
        ("2024 05-21", date(2024, 5, 21)),
        ("截至2024年5月9日24时的情况", None),  # a date inside other words is not a date box
        ("05-09", None),
        ("2024-13-01", None),
    ],
)
def test_box_date(text: str, expected: date | None) -> None:
    assert box_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("[05-09]", (5, 9)), ("5月9日", (5, 9)), ("05/09", (5, 9)), ("13-01", None), ("2024-05-09", None), ("第5-9批", None)],
)
def test_month_day(text: str, expected: tuple[int, int] | None) -> None:
    assert month_day(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.gov.cn/tzgg/202405/t20240509_1.html", (2024, 5)),
        ("https://a.gov.cn/art/2024/5/9/art_1_2.html", (2024, 5)),
        ("http://www.gov.cn/xinwen/2020-04/22/content_5504947.htm", (2020, 4)),
        ("https://www.nmpa.gov.cn/xxgk/ggtg/20230210173401120.html", (2023, 2)),
        ("https://a.gov.cn/show.aspx?id=2024", None),
        ("https://a.gov.cn/news/12345.html", None),
    ],
)
def test_url_year(url: str, expected: tuple[int, int] | None) -> None:
    assert url_year(url) == expected


def test_month_day_takes_the_url_year_then_the_heading_year() -> None:
    assert with_year((5, 9), "https://a.gov.cn/202405/t20240509_1.html", 2019) == date(2024, 5, 9)
    # Filed in January, shown as 12-30: published the year before.
    assert with_year((12, 30), "https://a.gov.cn/202501/t20250102_1.html", None) == date(2024, 12, 30)
    assert with_year((5, 9), "https://a.gov.cn/show.aspx?id=3", 2019) == date(2019, 5, 9)
    assert with_year((5, 9), "https://a.gov.cn/show.aspx?id=3", None) is None
