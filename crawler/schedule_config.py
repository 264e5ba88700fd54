"""The `schedule:` section of the configuration: timezone, per-source intervals, jitter, digest time."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from crawler.config import ConfigError


class _SourceSchedule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    every_seconds: int | None = Field(default=None, ge=1)
    cron: str | None = None


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")
    timezone: str | None = None
    default_every_minutes: float = Field(default=60, gt=0)
    jitter_seconds: int = Field(default=120, ge=0)
    digest_time: str = Field(default="08:00", pattern=r"^\d{1,2}:\d{2}$")
    disabled: list[str] = Field(default_factory=list)
    sources: dict[str, _SourceSchedule] = Field(default_factory=dict)


@dataclass(frozen=True)
class ScheduleConfig:
    timezone: ZoneInfo
    default_every_seconds: int = 3600
    jitter_seconds: int = 120
    digest_time: tuple[int, int] = (8, 0)
    disabled: frozenset[str] = frozenset()
    sources: dict[str, _SourceSchedule] = field(default_factory=dict)


def load_schedule_config(raw: dict[str, Any], default_timezone: str) -> ScheduleConfig:
    try:
        section = _Section.model_validate(raw.get("schedule") or {})
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"schedule.{key}: {first['msg']}") from None
    tz_name = section.timezone or default_timezone
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"schedule.timezone: unknown time zone {tz_name!r}") from None
    hour, minute = (int(p) for p in section.digest_time.split(":"))
    if hour > 23 or minute > 59:
        raise ConfigError(f"schedule.digest_time: {section.digest_time!r} is not a time of day")
    return ScheduleConfig(
        timezone=tz,
        default_every_seconds=int(section.default_every_minutes * 60),
        jitter_seconds=section.jitter_seconds,
        digest_time=(hour, minute),
        disabled=frozenset(section.disabled),
        sources=section.sources,
    )
