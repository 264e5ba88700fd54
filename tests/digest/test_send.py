"""Sending digests through a real SMTP server on loopback: arrives once, survives outages, catches up."""

from __future__ import annotations

import copy
import sqlite3
from datetime import datetime, timedelta, timezone
from email.header import decode_header, make_header
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from crawler.alerts.glossary import Glossary
from crawler.config import Settings
from crawler.digest import send as digest_send
from crawler.digest.send import send_digest, send_due_digests
from crawler.notify.deliveries import CLAIM_TIMEOUT
from crawler.notify.unrecorded import UnrecordedSends
from db.engine import make_session_factory
from db.models import DigestSend
from tests.alerts.dbfactory import make_world, settings_for
from tests.alerts.servers import SmtpServer, parts
from tests.digest.scenario import DAY, DIGEST_RAW, Day, build_day

SEND_TIME = datetime(2025, 3, 11, 0, 5, tzinfo=timezone.utc)  # 08:05 on the 11th in Shanghai


@pytest.fixture
def day(database_url: str, fixed_glossary: Glossary) -> Day:
    return build_day(database_url)


def settings(day: Day, tmp_path: Path, server: SmtpServer, **digest: Any) -> Settings:
    raw = copy.deepcopy(DIGEST_RAW)
    raw["smtp"]["port"] = server.port
    raw["digest"].update({"catch_up_days": 0, **digest})
    return settings_for(day.world.url, tmp_path, raw)


def subject(message: EmailMessage) -> str:
    return str(make_header(decode_header(message["Subject"])))


def records(day: Day) -> list[DigestSend]:
    with make_session_factory(day.world.engine)() as session:
        return list(session.scalars(select(DigestSend).order_by(DigestSend.digest_date)))


def test_the_digest_arrives_with_both_parts_sections_and_a_chinese_subject(day: Day, tmp_path: Path,
                                                                           smtp_server: SmtpServer) -> None:
    lines = send_due_digests(settings(day, tmp_path, smtp_server), day.world.engine, SEND_TIME)

    assert len(lines) == 1 and lines[0].startswith("digest 2025-03-10 → analysts-mail: sent")
    [mail] = smtp_server.sink.messages
    assert subject(mail).startswith("newswatch 日报 2025-03-10: 3 highlight(s), 4 new, 1 changed")
    assert mail["To"] == "analyst@example.com" and mail["From"].addresses[0].display_name == "新闻监测 newswatch"
    body = parts(mail)
    assert set(body) == {"text/plain", "text/html"}
    for heading in ("Highlights 重点关注", "New 新发布", "Changed 变更", "Open for comment 征求意见", "Withdrawn 撤回",
                    "Source health 数据源状态"):
        assert heading in body["text/html"]
    for item in (day.cell, day.drug, day.changed, day.withdrawn, day.soon):
        assert item.title in body["text/plain"] and item.title in body["text/html"]
    assert "<script" not in body["text/html"] and "onerror" not in body["text/html"]
    [record] = records(day)
    assert (record.digest_date, record.status, record.attempts, record.sent_at) == (DAY, "sent", 1, SEND_TIME)


def test_sending_twice_for_the_same_date_delivers_once(day: Day, tmp_path: Path, smtp_server: SmtpServer) -> None:
    config = settings(day, tmp_path, smtp_server)
    first = send_due_digests(config, day.world.engine, SEND_TIME)
    again = send_due_digests(config, day.world.engine, SEND_TIME + timedelta(hours=1))
    by_hand = send_digest(config, day.world.engine, DAY, SEND_TIME + timedelta(hours=2))
    assert (len(first), again, by_hand) == (1, [], [])
    assert len(smtp_server.sink.messages) == 1


def test_an_smtp_outage_loses_nothing_and_the_next_cycle_delivers(day: Day, tmp_path: Path,
                                                                  smtp_server: SmtpServer) -> None:
    config = settings(day, tmp_path, smtp_server)
    smtp_server.stop()
    down = send_due_digests(config, day.world.engine, SEND_TIME)
    [record] = records(day)
    assert "FAILED, retry after 2025-03-11 08:06 +08:00" in down[0] and (record.status, record.attempts) == ("pending", 1)
    assert record.next_attempt_at == SEND_TIME + timedelta(seconds=60)

    smtp_server.start()
    assert send_due_digests(config, day.world.engine, SEND_TIME + timedelta(seconds=30)) == []  # backing off
    up = send_due_digests(config, day.world.engine, SEND_TIME + timedelta(seconds=61))

    assert len(up) == 1 and "sent" in up[0] and len(smtp_server.sink.messages) == 1
    [record] = records(day)
    assert (record.status, record.attempts, record.last_error) == ("sent", 2, "")


def test_digests_missed_while_the_daemon_was_down_go_out_at_the_next_start(day: Day, tmp_path: Path,
                                                                           smtp_server: SmtpServer) -> None:
    config = settings(day, tmp_path, smtp_server, catch_up_days=5)
    late_start = datetime(2025, 3, 12, 10, 0, tzinfo=timezone.utc)  # 18:00 on the 12th: the 11th is due too

    lines = send_due_digests(config, day.world.engine, late_start)

    # The database's first activity is on 2025-03-08: earlier days in the catch-up window have nothing to say.
    dates = [subject(m).split(":")[0][-10:] for m in smtp_server.sink.messages]
    assert dates == ["2025-03-08", "2025-03-09", "2025-03-10", "2025-03-11"] and len(lines) == 4
    assert subject(smtp_server.sink.messages[1]).endswith("nothing new, 2 open for comment, 1 source problem(s)")


def test_an_empty_day_can_send_nothing(day: Day, tmp_path: Path, smtp_server: SmtpServer) -> None:
    config = settings(day, tmp_path, smtp_server, send_empty=False)
    empty_day = datetime(2025, 3, 10, 0, 5, tzinfo=timezone.utc)  # the 9th had only a health event

    lines = send_due_digests(config, day.world.engine, empty_day)

    assert lines == ["digest 2025-03-09 → analysts-mail: nothing new, not sent (digest.send_empty is false)"]
    assert smtp_server.sink.messages == [] and records(day)[0].status == "empty"
    assert send_due_digests(config, day.world.engine, empty_day + timedelta(hours=1)) == []


def test_a_digest_another_sender_is_sending_is_left_to_it(day: Day, tmp_path: Path, smtp_server: SmtpServer) -> None:
    with make_session_factory(day.world.engine).begin() as session:
        session.add(DigestSend(digest_date=DAY, channel="analysts-mail", status="sending",
                               next_attempt_at=SEND_TIME + timedelta(minutes=5)))
    config = settings(day, tmp_path, smtp_server)

    assert send_due_digests(config, day.world.engine, SEND_TIME) == []
    later = send_due_digests(config, day.world.engine, SEND_TIME + timedelta(minutes=6))  # that sender died

    assert len(later) == 1 and len(smtp_server.sink.messages) == 1


def test_nothing_is_due_on_a_database_that_never_crawled(database_url: str, tmp_path: Path,
                                                         smtp_server: SmtpServer) -> None:
    world = make_world(database_url)
    raw = copy.deepcopy(DIGEST_RAW)
    raw["smtp"]["port"] = smtp_server.port
    assert send_due_digests(settings_for(world.url, tmp_path, raw), world.engine, SEND_TIME) == []
    assert smtp_server.sink.messages == []


def test_a_digest_sent_but_not_recorded_on_a_full_disk_is_never_sent_twice(day: Day, tmp_path: Path,
                                                                           smtp_server: SmtpServer,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The mail went out, then the database (its disk full) refused the "sent" record: the daemon holds it and
    sends nothing more, even after the claim expired, until the record is written."""
    real_record = digest_send._record_in

    def disk_full(session: Any, digest_date: Any, channel: str, values: dict[str, object]) -> None:
        if values.get("status") == "sent":
            raise OperationalError("UPDATE digest_sends …", {}, sqlite3.OperationalError("database or disk is full"))
        real_record(session, digest_date, channel, values)

    config = settings(day, tmp_path, smtp_server)
    held = UnrecordedSends()  # the daemon's, kept across its cycles
    monkeypatch.setattr(digest_send, "_record_in", disk_full)

    first = send_due_digests(config, day.world.engine, SEND_TIME, unrecorded=held)
    assert len(smtp_server.sink.messages) == 1
    assert "NOT RECORDED (database or disk is full): held, not sent again" in first[0]
    [record] = records(day)
    assert record.status == "sending"  # claimed; the claim expires after CLAIM_TIMEOUT

    still_full = send_due_digests(config, day.world.engine, SEND_TIME + CLAIM_TIMEOUT * 2, unrecorded=held)
    assert len(still_full) == 1 and still_full[0].startswith("sending paused: 1 send(s)")
    assert len(smtp_server.sink.messages) == 1  # the expired claim was not taken again

    monkeypatch.undo()  # space freed
    assert send_due_digests(config, day.world.engine, SEND_TIME + CLAIM_TIMEOUT * 3, unrecorded=held) == []
    [record] = records(day)
    assert (record.status, record.sent_at, record.attempts) == ("sent", SEND_TIME, 1)
    assert held.held == [] and len(smtp_server.sink.messages) == 1
    assert send_due_digests(config, day.world.engine, SEND_TIME + CLAIM_TIMEOUT * 4) == []


def test_a_full_database_at_claim_time_sends_nothing_and_keeps_it_due(day: Day, tmp_path: Path,
                                                                      smtp_server: SmtpServer,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(*_args: Any) -> None:
        raise OperationalError("INSERT INTO digest_sends …", {}, sqlite3.OperationalError("database or disk is full"))

    config = settings(day, tmp_path, smtp_server)
    monkeypatch.setattr(digest_send, "claim", disk_full)
    [line] = send_due_digests(config, day.world.engine, SEND_TIME)
    assert "FAILED, not sent: the database refuses writes (database or disk is full); it stays due" in line
    assert smtp_server.sink.messages == [] and records(day) == []
    monkeypatch.undo()
    assert len(send_due_digests(config, day.world.engine, SEND_TIME + timedelta(minutes=5))) == 1
    assert len(smtp_server.sink.messages) == 1
