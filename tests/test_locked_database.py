"""A SQLite database another process holds locked (BEGIN EXCLUSIVE): commands wait the busy timeout
(NEWSWATCH_SQLITE_BUSY_TIMEOUT), then say so in one line, never a traceback or the SQL they were running."""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import CrawlRun, Lease
from simulator.harness import SimClient
from tests.simfixtures import Crawler

SOURCE = "zj-mpa-inspections"
BUSY_TIMEOUT_ENV = "NEWSWATCH_SQLITE_BUSY_TIMEOUT"


@contextmanager
def locked(database: Path) -> Iterator[None]:
    """Hold the database's write lock from this process, as another program (sqlite3, a backup) would."""
    connection = sqlite3.connect(database, isolation_level=None)
    try:
        connection.execute("BEGIN EXCLUSIVE")
        yield
    finally:
        connection.close()


def newswatch(tmp_path: Path, sim: SimClient, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'test.sqlite3'}",
           "NEWSWATCH_DATA_DIR": str(tmp_path / "data"), "NEWSWATCH_SIMULATOR": sim.base_url, BUSY_TIMEOUT_ENV: "1"}
    return subprocess.run([sys.executable, "-m", "crawler", *args], env=env, capture_output=True, text=True,
                          timeout=120)


def test_crawl_of_a_locked_database_says_so_in_one_line_and_changes_nothing(crawler: Crawler, sim: SimClient,
                                                                            tmp_path: Path) -> None:
    with locked(tmp_path / "test.sqlite3"):
        result = newswatch(tmp_path, sim, "crawl", "--source", SOURCE)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == ["database is locked by another process; retrying for up to 1 s",
                                          "Error: database is locked by another process; giving up after 1 s"]
    with crawler.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(CrawlRun)) == 0
        assert connection.scalar(select(func.count()).select_from(Lease)) == 0


@pytest.mark.parametrize("command", [["crawl"], ["status"], ["items", "list"]])
def test_a_new_database_locked_before_its_tables_exist_fails_in_one_line(sim: SimClient, tmp_path: Path,
                                                                         command: list[str]) -> None:
    with locked(tmp_path / "test.sqlite3"):
        result = newswatch(tmp_path, sim, *command)
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["Error: database is locked by another process; giving up after 1 s"]


def test_a_lock_taken_once_the_crawl_runs_fails_the_source_in_one_line(sim: SimClient, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch,
                                                                      caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "0.2")
    crawler = Crawler(sim, f"sqlite:///{tmp_path / 'test.sqlite3'}", tmp_path)
    try:
        with locked(tmp_path / "test.sqlite3"), caplog.at_level(logging.ERROR, logger="newswatch.runner"):
            result = crawler.crawl(SOURCE)[SOURCE]
    finally:
        crawler.close()
    assert (result.outcome, result.message) == ("failed", "database is locked by another process; giving up after 0.2 s")
    # (Records below ERROR are other loggers' chatter, e.g. Alembic's INFO when an earlier test set up logging.)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage() for r in errors] == [f"crawl of {SOURCE}: {result.message}"]
    assert all(r.exc_info is None for r in caplog.records)  # no traceback


@pytest.mark.parametrize("value", ["soon", "-1", "inf"])
def test_a_busy_timeout_that_is_not_seconds_is_reported_and_the_default_used(
        value: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from db.engine import DEFAULT_BUSY_TIMEOUT, sqlite_busy_timeout

    monkeypatch.setenv(BUSY_TIMEOUT_ENV, value)
    with caplog.at_level(logging.WARNING, logger="newswatch.db"):
        assert sqlite_busy_timeout() == DEFAULT_BUSY_TIMEOUT
    assert [r.getMessage() for r in caplog.records] == [f"{BUSY_TIMEOUT_ENV}={value!r} is not a number of seconds; using 30"]
