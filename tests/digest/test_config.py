"""The digest section, the local day's window and which dates are due at a given moment."""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from crawler.alerts.config import load_alerts_config
from crawler.config import ConfigError
from crawler.digest.config import DigestConfig, day_window, due_dates, load_digest_config
from tests.alerts.dbfactory import settings_for

SHANGHAI = ZoneInfo("Asia/Shanghai")
CHANNELS = {"mail": {"type": "email", "to": ["a@example.com"]},
            "chat": {"type": "apprise", "url": "json://127.0.0.1:1/x"},
            "ops": {"type": "email", "to": ["ops@example.com"], "operator": True}}


def load(raw: dict[str, Any]) -> DigestConfig:
    settings = settings_for("sqlite://", Path("."), {"smtp": {"host": "h"}, "channels": CHANNELS, **raw})
    return load_digest_config(settings, load_alerts_config(settings, {}))


def test_defaults() -> None:
    config = load({})
    assert (config.send_at, config.channels, config.send_empty, config.catch_up_days) == (time(8), ("mail",), True, 3)


def test_the_digest_time_has_one_key() -> None:
    assert load({"digest": {"time": "09:15"}}).send_at == time(9, 15)
    with pytest.raises(ConfigError, match="schedule: digest_time moved to the digest section"):
        load({"schedule": {"digest_time": "07:30"}})
    with pytest.raises(ConfigError, match="digest.time: String should match pattern"):
        load({"digest": {"time": "99:99"}})


@pytest.mark.parametrize(
    ("digest", "expected"),
    [
        ({"time": "25:00"}, "digest.time"),
        ({"time": "8am"}, "digest.time"),
        ({"channels": ["nope"]}, "unknown channel 'nope'"),
        ({"channels": ["ops"]}, "operator channel"),
        ({"sendempty": True}, "digest.sendempty: unknown key"),
        ({"catch_up_days": -1}, "digest.catch_up_days"),
    ],
)
def test_mistakes_are_rejected_naming_the_key(digest: dict[str, Any], expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load({"digest": digest})
    assert expected in str(caught.value)


def test_the_day_is_the_local_calendar_day() -> None:
    start, end = day_window(date(2025, 3, 10), SHANGHAI)
    assert (start, end) == (datetime(2025, 3, 9, 16, tzinfo=timezone.utc), datetime(2025, 3, 10, 16, tzinfo=timezone.utc))
    start, end = day_window(date(2025, 3, 9), ZoneInfo("America/New_York"))  # the DST switch: 23 hours
    assert (end - start).total_seconds() == 23 * 3600


def test_yesterdays_digest_is_due_once_todays_send_time_has_passed() -> None:
    config = load({"digest": {"catch_up_days": 0}})
    before = datetime(2025, 3, 10, 23, 59, tzinfo=timezone.utc)  # 07:59 on the 11th in Shanghai
    on_time = datetime(2025, 3, 11, 0, 0, tzinfo=timezone.utc)  # 08:00 on the 11th
    assert due_dates(before, config) == [date(2025, 3, 9)]
    assert due_dates(on_time, config) == [date(2025, 3, 10)]


def test_catch_up_reaches_back_the_configured_number_of_days() -> None:
    config = load({"digest": {"catch_up_days": 2}})
    assert due_dates(datetime(2025, 3, 11, 1, tzinfo=timezone.utc), config) == [
        date(2025, 3, 8), date(2025, 3, 9), date(2025, 3, 10)]
