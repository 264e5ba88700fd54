"""How commands show times: the configured timezone with its UTC offset, ISO 8601 in JSON."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from crawler.util.shown_time import local_date, shown, shown_iso

NOON_UTC = datetime(2025, 3, 10, 12, 0, 30, 250000, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("tz", "expected"),
    [
        ("Asia/Shanghai", "2025-03-10 20:00 +08:00"),
        ("UTC", "2025-03-10 12:00 +00:00"),
        ("America/New_York", "2025-03-10 08:00 -04:00"),  # daylight saving time began the day before
        ("Asia/Kolkata", "2025-03-10 17:30 +05:30"),
        (timezone.utc, "2025-03-10 12:00 +00:00"),
    ],
)
def test_a_time_is_shown_in_the_zone_with_its_offset(tz: str, expected: str) -> None:
    assert shown(NOON_UTC, tz) == expected


def test_json_times_are_iso_8601_in_the_zone_to_the_second() -> None:
    assert shown_iso(NOON_UTC, "Asia/Shanghai") == "2025-03-10T20:00:30+08:00"


def test_no_time_shows_as_nothing() -> None:
    assert shown(None, "Asia/Shanghai") == "" and shown_iso(None, "Asia/Shanghai") is None


def test_the_local_day_is_not_the_utc_day() -> None:
    assert local_date(datetime(2025, 3, 9, 17, 0, tzinfo=timezone.utc), "Asia/Shanghai") == date(2025, 3, 10)
