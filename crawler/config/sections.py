"""Schemas of the `digest`, `health`, `distributed` and `attachments` sections."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator

from crawler.config.attachment_policy import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TYPES,
    check_host_name,
    check_type_names,
)

TIME_OF_DAY = r"^([01]?\d|2[0-3]):[0-5]\d$"


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DigestSection(Section):
    # Local time the digest of the previous day goes out.
    time: str = Field(default="08:00", pattern=TIME_OF_DAY)
    # Default: every email channel that is not an operator channel.
    channels: list[str] | None = None
    send_empty: bool = True
    catch_up_days: int = Field(default=3, ge=0, le=60)
    # Drafts closing within this many days are marked "closing soon".
    closing_soon_days: int = Field(default=7, ge=0, le=60)
    # Gmail clips mail over ~100 kB: past this many items a section says "and N more" instead.
    max_items_per_section: int = Field(default=100, ge=1, le=2000)


class HealthThresholds(Section):
    # Degraded when more than this share of the run's new items lack a key field (body or publish date).
    degraded_missing_share: float = Field(default=0.5, gt=0, le=1)
    degraded_min_items: int = Field(default=3, ge=1)
    # Quiet when nothing new appeared for quiet_factor × the usual gap between publications (median of
    # the last quiet_history gaps), and never sooner than quiet_min_days: calibrated on provincial
    # columns that publish weekly to monthly, so a holiday lull does not cry wolf.
    quiet_factor: float = Field(default=4.0, gt=1)
    quiet_min_days: float = Field(default=14.0, gt=0)
    quiet_history: int = Field(default=20, ge=3)


class DistributedSection(Section):
    """Absent (and NEWSWATCH_REDIS_URL unset) means local mode."""

    redis_url: str | None = None
    queue: str = Field(default="newswatch", min_length=1)
    # Crawl leases live this long unless the crawl child renews them (every third of it): a machine that
    # dies mid-crawl frees its source and host after at most this long.
    lease_ttl_seconds: float = Field(default=60.0, ge=10)
    # A worker whose job's host is busy waits this long, then puts the job back at the end of the queue.
    host_wait_seconds: float = Field(default=5.0, ge=0)
    # How often the leader pushes requests the broker lost and retries those of lost workers.
    reconcile_seconds: float = Field(default=15.0, ge=1)
    # A request whose worker was lost this many times is given up (status failed).
    max_retries: int = Field(default=3, ge=0)
    # How often a standby daemon checks whether the leader is gone.
    standby_poll_seconds: float = Field(default=2.0, ge=0.2)

    @field_validator("redis_url")
    @classmethod
    def _redis_url(cls, url: str | None) -> str | None:
        if url is not None and not url.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError(f"must be a redis://, rediss:// or unix:// URL (got {url!r})")
        return url


class AttachmentsSection(Section):
    # Off by default: fetching attachments adds requests to every new article's host.
    enabled: StrictBool = False
    max_bytes: int = Field(default=DEFAULT_MAX_BYTES, ge=1)
    types: list[str] = Field(default_factory=lambda: list(DEFAULT_TYPES), min_length=1)
    hosts: list[str] = Field(default_factory=list)

    @field_validator("types", mode="before")
    @classmethod
    def _types(cls, value: Any) -> Any:
        return check_type_names(value) if isinstance(value, list) else value

    @field_validator("hosts", mode="before")
    @classmethod
    def _hosts(cls, value: Any) -> Any:
        return [check_host_name(h) for h in value] if isinstance(value, list) else value
