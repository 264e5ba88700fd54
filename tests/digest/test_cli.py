"""`newswatch digest` and `newswatch alerts …` through click, against a config file and loopback servers."""

from __future__ import annotations

import copy
import errno
import os
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from click.testing import CliRunner

from crawler.alerts.glossary import Glossary
from crawler.cli import alerts_cmd, digest_cmd
from crawler.cli.context import AppContext
from tests.alerts.dbfactory import at, make_world
from tests.alerts.servers import SmtpServer, WebhookSink
from tests.digest.scenario import DIGEST_RAW, Day, build_day


@pytest.fixture
def day(sqlite_url: str, fixed_glossary: Glossary) -> Day:
    return build_day(sqlite_url)


def cli() -> click.Group:
    group = click.Group("newswatch")
    alerts_cmd.register(group)
    digest_cmd.register(group)
    return group


def write(config: dict[str, Any], tmp_path: Path) -> Path:
    path = tmp_path / "newswatch.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def run(config: dict[str, Any], tmp_path: Path, *args: str) -> Any:
    return CliRunner().invoke(cli(), list(args), obj=AppContext(config_path=str(write(config, tmp_path))))


def config_for(day: Day, server: SmtpServer, **extra: Any) -> dict[str, Any]:
    raw = copy.deepcopy(DIGEST_RAW)
    raw["smtp"]["port"] = server.port
    return {"database_url": day.world.url, **raw, **extra}


def test_digest_preview_writes_the_html(day: Day, tmp_path: Path, smtp_server: SmtpServer) -> None:
    out = tmp_path / "digest.html"
    result = run(config_for(day, smtp_server), tmp_path, "digest", "--date", "2025-03-10", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and "newswatch 日报 2025-03-10" in result.output
    assert day.cell.title in out.read_text(encoding="utf-8")
    assert smtp_server.sink.messages == []  # a preview sends nothing


def test_digest_without_out_prints_the_text(day: Day, tmp_path: Path, smtp_server: SmtpServer) -> None:
    result = run(config_for(day, smtp_server), tmp_path, "digest", "--date", "2025-03-10")
    assert result.exit_code == 0 and "HIGHLIGHTS 重点关注" in result.output


def test_digest_send_by_date_sends_once(day: Day, tmp_path: Path, smtp_server: SmtpServer) -> None:
    config = config_for(day, smtp_server)
    first = run(config, tmp_path, "digest", "--date", "2025-03-10", "--send")
    second = run(config, tmp_path, "digest", "--date", "2025-03-10", "--send")
    assert first.exit_code == 0 and "sent" in first.output
    assert "already sent" in second.output and len(smtp_server.sink.messages) == 1


def test_a_day_that_is_not_over_cannot_be_sent(day: Day, tmp_path: Path, smtp_server: SmtpServer) -> None:
    result = run(config_for(day, smtp_server), tmp_path, "digest", "--date", "2999-01-01", "--send")
    assert result.exit_code != 0 and "not over yet" in result.output


def test_a_bad_date_is_explained(day: Day, tmp_path: Path, smtp_server: SmtpServer) -> None:
    result = run(config_for(day, smtp_server), tmp_path, "digest", "--date", "10/03/2025")
    assert result.exit_code == 2 and "is not a date like 2025-03-10" in result.output


def test_alerts_test_prints_a_line_per_channel(day: Day, tmp_path: Path, smtp_server: SmtpServer,
                                               webhook: WebhookSink) -> None:
    config = config_for(day, smtp_server)
    config["channels"]["hook"] = {"type": "apprise", "url": f"json://127.0.0.1:{webhook.port}/hook"}
    result = run(config, tmp_path, "alerts", "test")
    assert result.exit_code == 0, result.output
    assert "analysts-mail" in result.output and "hook" in result.output and "FAILED" not in result.output
    assert len(smtp_server.sink.messages) == 1 and len(webhook.bodies) == 1


def test_alerts_send_and_status(day: Day, tmp_path: Path, smtp_server: SmtpServer,
                                webhook: WebhookSink) -> None:
    config = config_for(day, smtp_server)
    config["channels"]["ops"] = {"type": "apprise", "url": f"json://127.0.0.1:{webhook.port}/ops", "operator": True}
    config["alerts"] = {"max_event_age_hours": 24 * 365 * 100}  # the scenario's events are from 2025
    sent = run(config, tmp_path, "alerts", "send")
    status = run(config, tmp_path, "alerts", "status")
    assert sent.exit_code == 0, sent.output
    assert "ops: sent 2 event(s)" in sent.output and "2 sent" in sent.output
    assert "ops" in status.output and "sent" in status.output
    assert {b["title"] for b in webhook.bodies} == {"newswatch: 2 source health"}


def test_digest_preview_on_a_full_disk_leaves_no_half_file(day: Day, tmp_path: Path, smtp_server: SmtpServer,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "digest.html"
    out.write_text("yesterday's preview", encoding="utf-8")
    real_write = os.write

    def full(fd: int, data: bytes | memoryview) -> int:
        real_write(fd, bytes(data[:1000]))  # part of the page fits, then the disk is full
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("crawler.util.file_writes.os.write", full)
    result = run(config_for(day, smtp_server), tmp_path, "digest", "--date", "2025-03-10", "--out", str(out))
    monkeypatch.undo()
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"could not write {out}: No space left on device" in result.output
    assert out.read_text(encoding="utf-8") == "yesterday's preview"  # the old file, whole
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary left
    assert smtp_server.sink.messages == []


def test_send_on_the_first_day_says_when_the_first_digest_goes_out(sqlite_url: str, tmp_path: Path,
                                                                  smtp_server: SmtpServer,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    world = make_world(sqlite_url)
    world.crawl_run("zj-kjt-notices", at("2025-03-10 02:00"), at("2025-03-10 02:05"), new=12)
    monkeypatch.setattr(digest_cmd, "utcnow", lambda: at("2025-03-10 06:00"))  # 14:00 in Shanghai, same day
    raw = copy.deepcopy(DIGEST_RAW)
    raw["smtp"]["port"] = smtp_server.port
    result = run({"database_url": sqlite_url, **raw}, tmp_path, "digest", "--send")
    assert result.exit_code == 0, result.output
    assert result.output == "no digest due yet: the first, for 2025-03-10, goes out at 2025-03-11 08:00 +08:00\n"


def test_send_without_a_channel_says_so(day: Day, tmp_path: Path, smtp_server: SmtpServer) -> None:
    config = config_for(day, smtp_server)
    config["digest"] = {**config["digest"], "channels": []}
    result = run(config, tmp_path, "digest", "--date", "2025-03-10", "--send")
    assert result.exit_code == 0, result.output
    assert "no digest channel is configured" in result.output and "already sent" not in result.output
