"""Why a digest send did nothing: no channel, nothing due yet (and when), a retry pending, or all sent."""

from __future__ import annotations

import copy
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from crawler.alerts.glossary import Glossary
from crawler.config import Settings
from crawler.digest.nothing_sent import NO_CHANNEL, why_nothing_due, why_nothing_sent
from crawler.digest.send import send_due_digests
from db.engine import make_session_factory
from db.models import DigestSend
from tests.alerts.dbfactory import World, at, make_world, settings_for
from tests.alerts.servers import SmtpServer
from tests.digest.scenario import DAY, DIGEST_RAW

SEND_TIME = at("2025-03-11 00:05")  # 08:05 on the 11th in Shanghai: the digest of the 10th is due


@pytest.fixture
def world(database_url: str, fixed_glossary: Glossary) -> World:
    return make_world(database_url)


def settings(world: World, tmp_path: Path, port: int = 25, **digest: Any) -> Settings:
    raw = copy.deepcopy(DIGEST_RAW)
    raw["smtp"]["port"] = port
    raw["digest"].update({"catch_up_days": 0, **digest})
    return settings_for(world.url, tmp_path, raw)


def test_a_database_that_never_crawled_says_when_the_first_digest_goes_out(world: World, tmp_path: Path) -> None:
    line = why_nothing_due(settings(world, tmp_path), world.engine, SEND_TIME)
    assert line == ("no digest due yet: nothing has been crawled; the first digest covers the day of the first "
                    "crawl and goes out the next day at 08:00 (Asia/Shanghai)")


@pytest.mark.parametrize("now", [at("2025-03-10 06:00"), at("2025-03-10 23:59")])  # 14:00, then 07:59 next day
def test_the_first_day_says_when_its_digest_goes_out(world: World, tmp_path: Path, now: Any) -> None:
    world.crawl_run("zj-kjt-notices", at("2025-03-10 02:00"), at("2025-03-10 02:05"), new=12)
    line = why_nothing_due(settings(world, tmp_path), world.engine, now)
    assert line == "no digest due yet: the first, for 2025-03-10, goes out at 2025-03-11 08:00 +08:00"


def test_everything_sent_says_which_was_last_and_when_the_next_goes_out(world: World, tmp_path: Path,
                                                                        smtp_server: SmtpServer) -> None:
    world.crawl_run("zj-kjt-notices", at("2025-03-10 02:00"), at("2025-03-10 02:05"), new=12)
    config = settings(world, tmp_path, smtp_server.port)
    assert len(send_due_digests(config, world.engine, SEND_TIME)) == 1
    line = why_nothing_due(config, world.engine, SEND_TIME + timedelta(hours=1))
    assert line == ("no digest due: every due date was already sent (the latest, for 2025-03-10); the next, "
                    "for 2025-03-11, goes out at 2025-03-12 08:00 +08:00")
    assert why_nothing_sent(config, world.engine, DAY) == "digest 2025-03-10 was already sent to every digest channel"


def test_a_digest_waiting_for_its_retry_is_not_called_sent(world: World, tmp_path: Path) -> None:
    world.crawl_run("zj-kjt-notices", at("2025-03-10 02:00"), at("2025-03-10 02:05"), new=12)
    with make_session_factory(world.engine).begin() as session:
        session.add(DigestSend(digest_date=DAY, channel="analysts-mail", status="pending", attempts=2,
                               last_error="connection refused\nmore detail", next_attempt_at=at("2025-03-11 00:09")))
    config = settings(world, tmp_path)
    expected = ("nothing sent now: digest 2025-03-10 → analysts-mail waits for its retry at 2025-03-11 08:09 +08:00 "
                "(attempt 2 failed: connection refused)")
    assert why_nothing_due(config, world.engine, SEND_TIME) == expected
    assert why_nothing_sent(config, world.engine, DAY) == expected


def test_a_digest_another_process_is_sending_is_named(world: World, tmp_path: Path) -> None:
    world.crawl_run("zj-kjt-notices", at("2025-03-10 02:00"), at("2025-03-10 02:05"), new=12)
    with make_session_factory(world.engine).begin() as session:
        session.add(DigestSend(digest_date=DAY, channel="analysts-mail", status="sending",
                               next_attempt_at=at("2025-03-11 00:10")))
    line = why_nothing_due(settings(world, tmp_path), world.engine, SEND_TIME)
    assert line == ("nothing sent now: digest 2025-03-10 → analysts-mail is being sent by another process "
                    "(its claim lapses at 2025-03-11 08:10 +08:00)")


def test_no_channel_is_said_rather_than_already_sent(world: World, tmp_path: Path) -> None:
    world.crawl_run("zj-kjt-notices", at("2025-03-10 02:00"), at("2025-03-10 02:05"), new=12)
    config = settings(world, tmp_path, channels=[])
    assert why_nothing_due(config, world.engine, SEND_TIME) == NO_CHANNEL
    assert why_nothing_sent(config, world.engine, DAY) == NO_CHANNEL
