"""The `digest` configuration section: send time, channels, empty days, catch-up, and the day's time window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from crawler.alerts.config import AlertsConfig
from crawler.config import ConfigError, Settings


@dataclass(frozen=True)
class DigestConfig:
    send_at: time
    channels: tuple[str, ...]
    send_empty: bool
    catch_up_days: int
    closing_soon_days: int
    max_items: int
    tz: ZoneInfo


def load_digest_config(settings: Settings, alerts: AlertsConfig) -> DigestConfig:
    section = settings.config.digest
    hour, minute = (int(p) for p in section.time.split(":"))
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
    return DigestConfig(time(hour, minute), channels, section.send_empty, section.catch_up_days,
                        section.closing_soon_days, section.max_items_per_section, ZoneInfo(settings.timezone))


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
