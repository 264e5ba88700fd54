"""The `schedule:` section's schema, and the cron check shared with the catalog's per-source schedules."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


def check_timezone(name: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}; use an IANA name such as Asia/Shanghai") from None
    return name


def check_cron(expression: str) -> str:
    """A five-field crontab expression that fires at least once; refused with the reason otherwise."""
    from apscheduler.triggers.cron import CronTrigger  # only configurations with a cron pay for the import

    try:
        trigger = CronTrigger.from_crontab(expression, timezone="UTC")
    except ValueError as exc:
        raise ValueError(f"not a cron expression {expression!r} ({exc}); write five fields, e.g. '0 8 * * mon-fri'") from None
    if trigger.get_next_fire_time(None, datetime.now(timezone.utc)) is None:
        raise ValueError(f"the cron expression {expression!r} never fires (no such date)")
    return expression


class Timing(BaseModel):
    """When one source is crawled: every so often, or on a cron expression; never both."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    cron: str | None = None

    @model_validator(mode="after")
    def _one_way(self) -> Timing:
        if self.cron is not None:
            check_cron(self.cron)
        intervals = [k for k in ("every_seconds", "every_minutes") if getattr(self, k, None) is not None]
        if self.cron is not None and intervals:
            raise ValueError(f"give either cron or {intervals[0]}, not both")
        return self


class SourceScheduleOverride(Timing):
    every_seconds: int | None = Field(default=None, ge=1)


class ScheduleSection(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    timezone: str | None = None  # default: the top-level timezone
    default_every_minutes: float = Field(default=60, gt=0)
    jitter_seconds: int = Field(default=120, ge=0)
    disabled: list[str] = Field(default_factory=list)
    sources: dict[str, SourceScheduleOverride] = Field(default_factory=dict)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str | None) -> str | None:
        return None if name is None else check_timezone(name)

    @model_validator(mode="before")
    @classmethod
    def _moved_keys(cls, data: Any) -> Any:
        if isinstance(data, dict) and "digest_time" in data:
            raise ValueError("digest_time moved to the digest section: write digest: {time: 'HH:MM'}")
        return data
