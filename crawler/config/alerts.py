"""Schemas of the alerting sections: `channels`, `rules`, `alerts` (delivery options) and `smtp`."""

from __future__ import annotations

import re
from email.utils import parseaddr
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

CONTENT_EVENTS = ("new", "changed", "withdrawn", "comment_deadline")
EventKind = Literal["new", "changed", "withdrawn", "comment_deadline", "health"]
DIGEST_TO_ENV = "NEWSWATCH_DIGEST_TO"
IMPLICIT_EMAIL_CHANNEL = "email"
# Generic webhooks to your own endpoint may be written in the file; every chat service's URL embeds its
# token (dingtalk://token, slack://T/B/secret, …) and must come from the environment (url_env).
PLAIN_URL_SCHEMES = {"json", "jsons", "xml", "xmls", "form", "forms"}
Security = Literal["starttls", "ssl", "none"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
PASSWORD_ENV = "NEWSWATCH_SMTP_PASSWORD"
_ADDRESS = re.compile(r"^[^@\s<>]+@[^@\s<>]+$")


def valid_address(text: str) -> bool:
    """A bare address or 'Name <address>'; enough to catch typos, the server has the last word."""
    _name, address = parseaddr(text)
    return bool(address) and bool(_ADDRESS.match(address))


class SmtpSection(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    host: str | None = None
    port: int | None = Field(default=None, ge=1, le=65535)
    security: Security = "starttls"
    user: str | None = None
    sender: str | None = Field(default=None, alias="from")
    timeout: float = Field(default=30, gt=0)
    # A private CA (corporate relay, test server): a PEM file of certificates to trust.
    ca_file: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _no_password(cls, data: Any) -> Any:
        if isinstance(data, dict) and "password" in data:
            raise ValueError(f"the SMTP password is read only from the environment variable {PASSWORD_ENV}, "
                             "never from a file: remove the 'password' key")
        return data


class EmailChannelSpec(Strict):
    type: Literal["email"]
    # Empty: the recipients come from NEWSWATCH_DIGEST_TO (comma-separated).
    to: list[str] = Field(default_factory=list)
    operator: bool = False

    @field_validator("to")
    @classmethod
    def _addresses(cls, to: list[str]) -> list[str]:
        for address in to:
            if not valid_address(address):
                raise ValueError(f"not an email address: {address!r}")
        return to


class AppriseChannelSpec(Strict):
    type: Literal["apprise"]
    url: str | None = None
    # The name of an environment variable holding the URL: chat webhook URLs carry their secret token.
    url_env: str | None = None
    operator: bool = False

    @model_validator(mode="after")
    def _one_url(self) -> AppriseChannelSpec:
        if (self.url is None) == (self.url_env is None):
            raise ValueError("give exactly one of 'url' or 'url_env' (the name of an environment variable)")
        scheme = (self.url or "").partition("://")[0].lower()
        if self.url is not None and scheme not in PLAIN_URL_SCHEMES:
            raise ValueError(f"a {scheme}:// URL carries the service's access token, and secrets never live in a "
                             "configuration file: put the URL in an environment variable and name it with 'url_env'")
        return self


ChannelSpec = Annotated[EmailChannelSpec | AppriseChannelSpec, Field(discriminator="type")]


class Rule(Strict):
    name: str = Field(min_length=1)
    events: list[EventKind] = Field(default_factory=lambda: list(CONTENT_EVENTS), min_length=1)
    sources: list[str] = Field(default_factory=list)  # source ids; shell patterns such as zj-mpa-* allowed
    agencies: list[str] = Field(default_factory=list)  # Chinese or English agency name
    agency_kinds: list[Literal["science", "drug", "ministry"]] = Field(default_factory=list)
    provinces: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)  # taxonomy ids
    keywords: list[str] = Field(default_factory=list)  # Chinese or English; English ones expand via the glossary
    channels: list[str] = Field(default_factory=list)
    mode: Literal["immediate", "digest"] = "immediate"

    @model_validator(mode="after")
    def _coherent(self) -> Rule:
        if "health" in self.events and (self.topics or self.keywords):
            raise ValueError("topics and keywords need an item, and health events have none: "
                             "put 'health' in a rule of its own")
        if self.mode == "immediate" and not self.channels:
            raise ValueError("an immediate rule needs at least one channel")
        return self


class AlertOptions(Strict):
    max_attempts: int = Field(default=8, ge=1, le=100)
    # Retries wait backoff_seconds × 2^(attempt-1), at most backoff_max_seconds: 1 min, 2, 4 … 6 h.
    backoff_seconds: float = Field(default=60, gt=0)
    backoff_max_seconds: float = Field(default=6 * 3600, gt=0)
    # Older events are left to the digest: an alert about last week is noise, not news.
    max_event_age_hours: float = Field(default=48, gt=0)
    # A new item published longer ago than this was found by paging back (backfill), not published now.
    stale_item_days: float = Field(default=30, gt=0)
    # The first crawl of a source finds its whole archive as "new"; that is a baseline, not news.
    skip_first_crawl: bool = True
    deadline_days: int = Field(default=3, ge=0, le=60)
    max_items_per_message: int = Field(default=20, ge=1, le=200)
    send_timeout_seconds: float = Field(default=30, gt=0)


