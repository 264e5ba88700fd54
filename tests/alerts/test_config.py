"""The channels/rules/alerts/smtp sections: valid examples load, mistakes are rejected naming the key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from crawler.alerts.config import load_alerts_config
from crawler.config import ConfigError
from crawler.config.settings import with_environment
from tests.alerts.dbfactory import settings_for

EXAMPLE: dict[str, Any] = {
    "smtp": {"host": "smtp.example.com", "port": 587, "security": "starttls", "user": "x",
             "from": "newswatch <nw@example.com>"},
    "channels": {
        "analysts-mail": {"type": "email", "to": ["a@example.com"]},
        "dingtalk-team": {"type": "apprise", "url_env": "NEWSWATCH_DINGTALK_URL"},
        "ops": {"type": "apprise", "url": "json://127.0.0.1:9000/hook", "operator": True},
    },
    "rules": [{"name": "cell therapy in Zhejiang", "events": ["new", "changed", "comment_deadline"],
               "keywords": ["cell therapy", "干细胞"], "provinces": ["zhejiang"], "channels": ["dingtalk-team"],
               "mode": "immediate"}],
    "alerts": {"max_attempts": 5},
}


def load(raw: dict[str, Any], env: dict[str, str] | None = None, topic_ids: set[str] | None = None) -> Any:
    """As every command loads it: the environment merged into the file's keys, then cross-checked."""
    merged, _ = with_environment(raw, env or {})
    return load_alerts_config(settings_for("sqlite://", Path("."), merged), env or {}, topic_ids)


def test_the_documented_example_loads() -> None:
    config = load(EXAMPLE, {"NEWSWATCH_SMTP_PASSWORD": "s3cret"})
    assert set(config.channels) == {"analysts-mail", "dingtalk-team", "ops"}
    assert config.operator_channels == ["ops"]
    assert config.rules[0].keywords == ["cell therapy", "干细胞"]
    assert config.options.max_attempts == 5
    assert config.smtp is not None and config.smtp.port == 587 and config.smtp.password == "s3cret"
    assert "s3cret" not in repr(config.smtp) and "s3cret" not in config.smtp.describe()


def test_environment_overrides_smtp_settings_and_supplies_recipients() -> None:
    env = {"NEWSWATCH_SMTP_HOST": "mail.internal", "NEWSWATCH_SMTP_PORT": "2525", "NEWSWATCH_SMTP_USER": "bot",
           "NEWSWATCH_DIGEST_TO": "a@example.com, b@example.com"}
    config = load({"smtp": {"host": "ignored.example.com", "security": "none", "from": "nw@example.com"},
                   "channels": {"mail": {"type": "email"}}}, env)
    assert (config.smtp.host, config.smtp.port, config.smtp.user) == ("mail.internal", 2525, "bot")
    assert config.channels["mail"].to == ("a@example.com", "b@example.com")


def test_environment_alone_makes_an_email_channel() -> None:
    config = load({}, {"NEWSWATCH_SMTP_HOST": "127.0.0.1", "NEWSWATCH_DIGEST_TO": "a@example.com"})
    assert config.channels["email"].to == ("a@example.com",)
    assert config.smtp is not None and config.smtp.port == 587  # starttls by default


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"smtp": {"host": "h", "password": "p"}}, "NEWSWATCH_SMTP_PASSWORD"),
        ({"smtp": {"host": "h", "hots": "x"}}, "smtp.hots: unknown key"),
        ({"smtp": {"host": "h", "security": "tls"}}, "smtp.security"),
        ({"channels": {"c": {"type": "apprise", "urll": "json://x"}}}, "channels.c.urll: unknown key"),
        ({"channels": {"c": {"type": "apprise"}}}, "exactly one of 'url' or 'url_env'"),
        ({"channels": {"c": {"type": "apprise", "url": "dingtalk://secret-token/"}}}, "name it with 'url_env'"),
        ({"channels": {"c": {"type": "pager"}}}, "channels.c"),
        ({"channels": {"c": {"type": "email", "to": ["not-an-address"]}}}, "not an email address"),
        ({"rules": [{"name": "r", "channels": ["nope"]}]}, "unknown channel 'nope'"),
        ({"rules": [{"name": "r"}]}, "rules[0]: an immediate rule needs at least one channel"),
        ({"rules": [{"name": "r", "mode": "digest", "event": ["new"]}]}, "rules[0].event: unknown key"),
        ({"rules": [{"name": "r", "mode": "digest", "events": ["created"]}]}, "rules[0].events[0]"),
        ({"rules": [{"name": "r", "mode": "digest", "events": ["health"], "keywords": ["x"]}]}, "put 'health'"),
        ({"alerts": {"max_attempts": 0}}, "alerts.max_attempts"),
    ],
)
def test_mistakes_are_rejected_naming_the_key(raw: dict[str, Any], expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load(raw)
    assert expected in str(caught.value)


def test_operator_channels_take_no_content_rules() -> None:
    raw = {"channels": {"ops": {"type": "apprise", "url": "json://127.0.0.1/x", "operator": True}},
           "rules": [{"name": "r", "events": ["new"], "channels": ["ops"]}]}
    with pytest.raises(ConfigError, match="operator channel"):
        load(raw)
    raw["rules"] = [{"name": "r", "events": ["health"], "sources": ["zj-*"], "channels": ["ops"]}]
    assert load(raw).rules[0].events == ["health"]


def test_email_channels_need_an_smtp_host_and_recipients() -> None:
    with pytest.raises(ConfigError, match="smtp.host"):
        load({"channels": {"m": {"type": "email", "to": ["a@example.com"]}}})
    with pytest.raises(ConfigError, match="NEWSWATCH_DIGEST_TO"):
        load({"smtp": {"host": "h"}, "channels": {"m": {"type": "email"}}})


def test_topics_are_checked_against_the_taxonomy_when_known() -> None:
    raw = {"rules": [{"name": "r", "topics": ["cell-therapy", "astrology"], "mode": "digest"}]}
    with pytest.raises(ConfigError, match="unknown topic id"):
        load(raw, topic_ids={"cell-therapy"})
    assert load(raw, topic_ids=None).rules[0].topics == ["cell-therapy", "astrology"]
