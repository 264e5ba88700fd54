"""The `channels`, `rules` and `alerts` configuration sections: schema, cross-checks, loading."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from crawler.alerts.smtp_config import SmtpConfig, load_smtp_config, valid_address
from crawler.config import ConfigError, Settings

CONTENT_EVENTS = ("new", "changed", "withdrawn", "comment_deadline")
EventKind = Literal["new", "changed", "withdrawn", "comment_deadline", "health"]
DIGEST_TO_ENV = "NEWSWATCH_DIGEST_TO"
IMPLICIT_EMAIL_CHANNEL = "email"
# Generic webhooks to your own endpoint may be written in the file; every chat service's URL embeds its
# token (dingtalk://token, slack://T/B/secret, …) and must come from the environment (url_env).
PLAIN_URL_SCHEMES = {"json", "jsons", "xml", "xmls", "form", "forms"}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EmailChannel(Strict):
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


class AppriseChannel(Strict):
    type: Literal["apprise"]
    url: str | None = None
    # The name of an environment variable holding the URL: chat webhook URLs carry their secret token.
    url_env: str | None = None
    operator: bool = False

    @model_validator(mode="after")
    def _one_url(self) -> AppriseChannel:
        if (self.url is None) == (self.url_env is None):
            raise ValueError("give exactly one of 'url' or 'url_env' (the name of an environment variable)")
        scheme = (self.url or "").partition("://")[0].lower()
        if self.url is not None and scheme not in PLAIN_URL_SCHEMES:
            raise ValueError(f"a {scheme}:// URL carries the service's access token, and secrets never live in a "
                             "configuration file: put the URL in an environment variable and name it with 'url_env'")
        return self


ChannelSpec = Annotated[EmailChannel | AppriseChannel, Field(discriminator="type")]


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


@dataclass(frozen=True)
class ChannelConfig:
    """One configured channel, with secrets resolved from the environment (never from files)."""

    name: str
    type: str
    operator: bool
    to: tuple[str, ...] = ()
    url: str | None = None
    url_env: str | None = None


@dataclass(frozen=True)
class AlertsConfig:
    channels: dict[str, ChannelConfig]
    rules: tuple[Rule, ...]
    options: AlertOptions
    smtp: SmtpConfig | None

    @property
    def operator_channels(self) -> list[str]:
        return [name for name, channel in self.channels.items() if channel.operator]


def describe(section: str, exc: ValidationError) -> str:
    """One line per problem, each naming the key the way the YAML file spells it."""
    lines = []
    for err in exc.errors():
        loc = list(err["loc"])
        if len(loc) > 2 and loc[0] == "channels":
            del loc[2]  # the union's tag ("email"/"apprise") is not a key the user wrote
        parts = [section] if section else []
        for key in loc:
            if isinstance(key, int) and parts:
                parts[-1] += f"[{key}]"
            else:
                parts.append(str(key))
        message = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
        lines.append(f"{'.'.join(parts)}: {message}")
    return "\n".join(lines)


def validate_section(section: str, model: Any, data: Any) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(describe(section, exc)) from None


class _Channels(BaseModel):
    model_config = ConfigDict(extra="forbid")
    channels: dict[str, ChannelSpec] = Field(default_factory=dict)


class _Rules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rules: list[Rule] = Field(default_factory=list)


def _channels(raw: Mapping[str, Any], env: Mapping[str, str]) -> dict[str, ChannelConfig]:
    specs = validate_section("", _Channels, {"channels": raw.get("channels") or {}}).channels
    env_to = tuple(a.strip() for a in env.get(DIGEST_TO_ENV, "").split(",") if a.strip())
    bad = [a for a in env_to if not valid_address(a)]
    if bad:
        raise ConfigError(f"{DIGEST_TO_ENV}: not an email address: {', '.join(bad)}")
    channels: dict[str, ChannelConfig] = {}
    for name, spec in specs.items():
        if isinstance(spec, EmailChannel):
            to = tuple(spec.to) or env_to
            if not to:
                raise ConfigError(f"channels.{name}.to: no recipients; list them or set {DIGEST_TO_ENV}")
            channels[name] = ChannelConfig(name, "email", spec.operator, to=to)
        else:
            channels[name] = ChannelConfig(name, "apprise", spec.operator, url=spec.url, url_env=spec.url_env)
    # Configuration by environment alone: recipients and an SMTP host make an email channel.
    if env_to and not any(c.type == "email" for c in channels.values()) and IMPLICIT_EMAIL_CHANNEL not in channels:
        channels[IMPLICIT_EMAIL_CHANNEL] = ChannelConfig(IMPLICIT_EMAIL_CHANNEL, "email", False, to=env_to)
    return channels


def _check_rules(rules: list[Rule], channels: dict[str, ChannelConfig], topic_ids: set[str] | None) -> None:
    seen: set[str] = set()
    for index, rule in enumerate(rules):
        where = f"rules[{index}] ({rule.name!r})"
        if rule.name in seen:
            raise ConfigError(f"{where}.name: another rule has this name")
        seen.add(rule.name)
        for name in rule.channels:
            channel = channels.get(name)
            if channel is None:
                raise ConfigError(f"{where}.channels: unknown channel {name!r}; known: {', '.join(sorted(channels)) or 'none'}")
            if channel.operator and set(rule.events) - {"health"}:
                raise ConfigError(f"{where}.channels: {name!r} is an operator channel: it gets source health only, "
                                  "never content alerts")
        if topic_ids is not None:
            unknown = [t for t in rule.topics if t not in topic_ids]
            if unknown:
                raise ConfigError(f"{where}.topics: unknown topic id(s) {', '.join(unknown)}; "
                                  "see crawler/extract/taxonomy.yaml")


def load_alerts_config(settings: Settings, environ: Mapping[str, str] | None = None,
                       topic_ids: set[str] | None = None) -> AlertsConfig:
    """Validate the sections; topic ids are checked when the taxonomy is known (pass its ids)."""
    env = os.environ if environ is None else environ
    raw = settings.raw
    channels = _channels(raw, env)
    rules = validate_section("", _Rules, {"rules": raw.get("rules") or []}).rules
    _check_rules(rules, channels, topic_ids)
    options = validate_section("alerts", AlertOptions, raw.get("alerts") or {})
    needs_smtp = any(c.type == "email" for c in channels.values())
    smtp = load_smtp_config(raw.get("smtp"), env, required=needs_smtp)
    return AlertsConfig(channels=channels, rules=tuple(rules), options=options, smtp=smtp)
