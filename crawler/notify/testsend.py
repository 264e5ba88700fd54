"""`newswatch alerts test`: one test message to every configured channel, and how each one went."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timezone

from crawler.alerts.messages import Message
from crawler.alerts.rules import load_setup
from crawler.config import Settings
from crawler.notify.channels import build_channels
from crawler.notify.smtp import SendError
from crawler.notify.templating import render

logger = logging.getLogger("newswatch.alerts")


def sample_message(channel: str, operator: bool, now: datetime) -> Message:
    role = "operator channel (source health)" if operator else "content channel (alerts and digests)"
    title = f"newswatch test message 测试消息 → {channel}"
    lines = [
        f"This is a test from newswatch to the {role} '{channel}'.",
        "如果您看到这条消息，说明通知渠道配置正确。",
        f"Sent {now.isoformat(timespec='seconds')}.",
    ]
    html = render("test.html", title=title, lines=lines)
    return Message(title=title, text="\n".join([title, "", *lines]) + "\n", html=html)


def test_channels(settings: Settings, now: datetime | None = None,
                  environ: Mapping[str, str] | None = None) -> list[tuple[str, bool, str]]:
    """(channel name, ok, what happened) for each channel, in configuration order; nothing is recorded."""
    when = now or datetime.now(timezone.utc)
    config = load_setup(settings, environ).config
    results = []
    for name, channel in build_channels(config, environ).items():
        try:
            note = channel.send(sample_message(name, config.channels[name].operator, when), when)
        except SendError as exc:
            logger.warning("channel %s: test message failed: %s", name, exc)
            results.append((name, False, str(exc)))
            continue
        results.append((name, True, note))
    return results


# The name is the public API (`newswatch alerts test`); this keeps pytest from collecting it as a test
# when a test module imports it.
test_channels.__test__ = False  # type: ignore[attr-defined]
