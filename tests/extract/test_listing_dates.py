"""List-item date helpers: dates standing alone, month-day dates and the years they take."""

from __future__ import annotations

from datetime import date

import pytest

from crawler.extract.listing_dates import box_date, month_day, url_year, with_year
from crawler.extract.listing_text import short_year_date


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
        ("18-02-22", date(2018, 2, 22)),  # a two-digit year
        ("[18-02-22]", date(2018, 2, 22)),
        ("发布时间：17.11.25", date(2017, 11, 25)),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18-02-22", date(2018, 2, 22)),
        ("（18-02-22）", date(2018, 2, 22)),
        ("09.12.31", date(2009, 12, 31)),
        ("18-02-22 09:30", date(2018, 2, 22)),
        ("24-06-02", date(2024, 6, 2)),  # today plus the margin
        ("24-06-03", None),  # later than that: not a date of the list
        ("98-05-12", None),  # 2098, in the future: the last century is not guessed
        ("18-13-22", None),  # no month 13
        ("18-02-30", None),
        ("22/02/18", None),  # slashes: a day-first date elsewhere
        ("18-02.22", None),
        ("18-2-22", None),
        ("2018-02-22", None),  # a full date is date_only's
        ("第18-02-22号", None),
        ("18-02-22 关于某某的通知", None),
    ],
)
def test_short_year_date(text: str, expected: date | None) -> None:
    assert short_year_date(text, today=date(2024, 5, 31)) == expected
