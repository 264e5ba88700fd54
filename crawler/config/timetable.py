"""The daemon's timetable from the `schedule:` section: time zone, per-source intervals, jitter."""

from __future__ import annotations

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from crawler.config.schedule import ScheduleSection, SourceScheduleOverride


@dataclass(frozen=True)
class ScheduleConfig:
    timezone: ZoneInfo
    default_every_seconds: int = 3600
    jitter_seconds: int = 120
    digest_time: tuple[int, int] = (8, 0)  # the digest section's time (see daemon.py)
    disabled: frozenset[str] = frozenset()
    sources: dict[str, SourceScheduleOverride] = field(default_factory=dict)


def load_schedule_config(section: ScheduleSection, default_timezone: str, digest_time: str = "08:00") -> ScheduleConfig:
    """From the validated section (crawler/config/schedule.py); its zone names were checked there."""
    hour, minute = (int(p) for p in digest_time.split(":"))
    return ScheduleConfig(
        timezone=ZoneInfo(section.timezone or default_timezone),
        default_every_seconds=int(section.default_every_minutes * 60),
        jitter_seconds=section.jitter_seconds,
        digest_time=(hour, minute),
        disabled=frozenset(section.disabled),
        sources=section.sources,
    )
