"""Channels: email over SMTP and chat/webhooks through apprise URLs, built from a plain dict registry."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

import apprise

from crawler.alerts.config import AlertsConfig, ChannelConfig
from crawler.alerts.messages import Message
from crawler.notify.safety import redact
from crawler.notify.smtp import SendError, build_email, send_email

# Chat services cut long messages (DingTalk ~20 kB, WeCom 4 kB, Slack 40 kB): stay under the smallest.
CHAT_TEXT_LIMIT = 3500


class Channel(Protocol):
    name: str

    def send(self, message: Message, now: datetime) -> str:
        """Deliver or raise SendError; returns a short note on how it went."""
        ...


@dataclass
class EmailChannel:
    name: str
    config: ChannelConfig
    alerts: AlertsConfig

    def send(self, message: Message, now: datetime) -> str:
        smtp = self.alerts.smtp
        if smtp is None:
            raise SendError(f"channel {self.name}: no SMTP server configured (smtp.host or NEWSWATCH_SMTP_HOST)")
        email = build_email(smtp.sender, self.config.to, message.title, message.text, message.html, now,
                            headers={"X-Newswatch-Channel": self.name})
        refused = send_email(smtp, email, list(self.config.to))
        note = f"mailed to {len(self.config.to) - len(refused)} recipient(s) via {smtp.host}:{smtp.port}"
        return note + (f"; refused: {', '.join(refused)}" if refused else "")


@dataclass
class AppriseChannel:
    name: str
    config: ChannelConfig
    alerts: AlertsConfig
    environ: Mapping[str, str]

    def url(self) -> str:
        if self.config.url:
            return self.config.url
        value = self.environ.get(self.config.url_env or "", "")
        if not value:
            raise SendError(f"channel {self.name}: environment variable {self.config.url_env} is not set")
        return value

    def send(self, message: Message, now: datetime) -> str:
        url = self.url()
        notifier = apprise.Apprise()
        if not notifier.add(url):
            raise SendError(f"channel {self.name}: apprise does not understand this URL (scheme "
                            f"{url.partition('://')[0]!r}); see the apprise URL list")
        text = message.text if len(message.text) <= CHAT_TEXT_LIMIT else message.text[:CHAT_TEXT_LIMIT] + "\n…"
        # Plain text in: apprise escapes it for Markdown/HTML services, so crawled text cannot format.
        result = notifier.notify(body=text, title=message.title, body_format=apprise.NotifyFormat.TEXT,
                                 timeout=self.alerts.options.send_timeout_seconds)
        if not result:
            problems = [entry.message for entry in result.logs() if entry.level in ("WARNING", "ERROR", "CRITICAL")]
            detail = "; ".join(problems[-3:]) or getattr(result.status, "name", "failed")
            raise SendError(redact(f"channel {self.name}: {detail}", [url, *_url_secrets(url)]))
        return f"notified {url.partition('://')[0]}://…"


def _url_secrets(url: str) -> list[str | None]:
    """Path and query of a webhook URL, where services keep the token; redacted from any message."""
    rest = url.partition("://")[2]
    host, _, tail = rest.partition("/")
    return [tail or None, host.partition("@")[0] if "@" in host else None]


ChannelFactory = Callable[[ChannelConfig, AlertsConfig, Mapping[str, str]], Channel]
REGISTRY: dict[str, ChannelFactory] = {
    "email": lambda c, a, _env: EmailChannel(c.name, c, a),
    "apprise": lambda c, a, env: AppriseChannel(c.name, c, a, env),
}


def build_channels(config: AlertsConfig, environ: Mapping[str, str] | None = None) -> dict[str, Channel]:
    env = os.environ if environ is None else environ
    return {name: REGISTRY[spec.type](spec, config, env) for name, spec in config.channels.items()}
