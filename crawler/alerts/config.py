"""The alerting configuration ready for use: channels resolved (recipients, secrets from the environment),
rules cross-checked against them, delivery options and SMTP."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crawler.config.alerts import (
    DIGEST_TO_ENV,
    IMPLICIT_EMAIL_CHANNEL,
    AlertOptions,
    AppriseChannelSpec,
    EmailChannelSpec,
    Rule,
    valid_address,
)
from crawler.config.errors import ConfigError
from crawler.notify.smtp_config import SmtpConfig, load_smtp_config

if TYPE_CHECKING:
    from crawler.config.settings import Settings

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


def _channels(specs: Mapping[str, EmailChannelSpec | AppriseChannelSpec], env: Mapping[str, str]) -> dict[str, ChannelConfig]:
    env_to = tuple(a.strip() for a in env.get(DIGEST_TO_ENV, "").split(",") if a.strip())
    bad = [a for a in env_to if not valid_address(a)]
    if bad:
        raise ConfigError(f"{DIGEST_TO_ENV}: not an email address: {', '.join(bad)}")
    channels: dict[str, ChannelConfig] = {}
    for name, spec in specs.items():
        if isinstance(spec, EmailChannelSpec):
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
    """The validated sections (crawler/config/alerts.py) cross-checked and resolved: channel names in rules,
    recipients and SMTP settings from the environment; topic ids are checked when the taxonomy is known."""
    env = os.environ if environ is None else environ
    config = settings.config
    channels = _channels(config.channels, env)
    _check_rules(config.rules, channels, topic_ids)
    needs_smtp = any(c.type == "email" for c in channels.values())
    smtp = load_smtp_config(config.smtp, env, required=needs_smtp)
    return AlertsConfig(channels=channels, rules=tuple(config.rules), options=config.alerts, smtp=smtp)
