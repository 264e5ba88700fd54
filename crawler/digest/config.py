"""The `digest` configuration section: send time, channels, empty days, catch-up, and the day's time window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field

from crawler.alerts.config import AlertsConfig, validate_section
from crawler.config import ConfigError, Settings

DEFAULT_TIME = "08:00"


class DigestSection(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    # Local time the digest of the previous day goes out; default: schedule.digest_time, else 08:00.
    time: str | None = Field(default=None, pattern=r"^\d{1,2}:\d{2}$")
    # Default: every email channel that is not an operator channel.
    channels: list[str] | None = None
    send_empty: bool = True
    catch_up_days: int = Field(default=3, ge=0, le=60)
    # Drafts closing within this many days are marked "closing soon".
    closing_soon_days: int = Field(default=7, ge=0, le=60)
    # Gmail clips mail over ~100 kB: past this many items a section says "and N more" instead.
    max_items_per_section: int = Field(default=100, ge=1, le=2000)


@dataclass(frozen=True)
class DigestConfig:
    send_at: time
    channels: tuple[str, ...]
    send_empty: bool
    catch_up_days: int
    closing_soon_days: int
    max_items: int
    tz: ZoneInfo


def _parse_time(text: str, key: str) -> time:
    hour, minute = (int(p) for p in text.split(":"))
    if hour > 23 or minute > 59:
        raise ConfigError(f"{key}: {text!r} is not a time of day")
    return time(hour, minute)


def load_digest_config(settings: Settings, alerts: AlertsConfig) -> DigestConfig:
    section: DigestSection = validate_section("digest", DigestSection, settings.raw.get("digest") or {})
    schedule: Any = settings.raw.get("schedule") or {}
    # The daemon's schedule section may carry the time too; one value, whichever the user set.
    scheduled = schedule.get("digest_time") if isinstance(schedule, dict) else None
    send_at = _parse_time(section.time or scheduled or DEFAULT_TIME, "digest.time")
    if section.channels is None:
        channels = tuple(n for n, c in alerts.channels.items() if c.type == "email" and not c.operator)
    else:
        channels = tuple(section.channels)
        for name in channels:
            channel = alerts.channels.get(name)
            if channel is None:
                raise ConfigError(f"digest.channels: unknown channel {name!r}; known: "
                                  f"{', '.join(sorted(alerts.channels)) or 'none'}")
            if channel.operator:
                raise ConfigError(f"digest.channels: {name!r} is an operator channel; the digest is content")
    try:
        tz = ZoneInfo(settings.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"timezone: unknown time zone {settings.timezone!r}") from None
    return DigestConfig(send_at, channels, section.send_empty, section.catch_up_days, section.closing_soon_days,
                        section.max_items_per_section, tz)


def day_window(digest_date: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The local calendar day as [start, end) in UTC; DST-safe because both ends are local midnights."""
    start = datetime.combine(digest_date, time(0), tzinfo=tz)
    end = datetime.combine(digest_date + timedelta(days=1), time(0), tzinfo=tz)
    return start.astimezone(ZoneInfo("UTC")), end.astimezone(ZoneInfo("UTC"))


def due_at(digest_date: date, config: DigestConfig) -> datetime:
    """The digest of a day goes out the next morning at the configured time, once the day is complete."""
    return datetime.combine(digest_date + timedelta(days=1), config.send_at, tzinfo=config.tz)


def due_dates(now: datetime, config: DigestConfig) -> list[date]:
    """Dates whose send time has passed, newest due one and up to catch_up_days before it, oldest first."""
    local_today = now.astimezone(config.tz).date()
    latest = local_today - timedelta(days=1)
    if now < due_at(latest, config):
        latest -= timedelta(days=1)
    return [latest - timedelta(days=n) for n in range(config.catch_up_days, -1, -1)]
