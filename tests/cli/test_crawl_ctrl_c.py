"""Ctrl-C during `newswatch crawl` (a real process, a real SIGINT): the first press starts no more sources and
lets running crawls finish, then prints the summary; the second stops them at once. Nothing is lost either way."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crawler.cli.ctrl_c import FIRST_PRESS, SECOND_PRESS
from crawler.run.process_leases import pid_alive
from db.engine import make_engine
from db.models import CrawlRun, Item, Lease
from simulator.harness import SimClient
from tests.daemonfixtures import kill_recorded_crawls, wait_for

# Two sources on one host: the runner crawls them one after the other, so the second has not started yet
# when Ctrl-C comes during the first.
FIRST, SECOND = "zj-mpa-inspections", "zj-mpa-notices"
INTERRUPTED_EXIT = 130


class CrawlProcess:
    """`newswatch crawl` started by the test; its stderr is read line by line as it comes."""

    def __init__(self, env: dict[str, str], *args: str) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "crawler", "crawl", *args], env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.stderr: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def wait_for_line(self, wanted: Callable[[str], bool], timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self._lines.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                raise AssertionError(f"crawl exited before {what}; stderr: {self.stderr}")
            self.stderr.append(line)
            if wanted(line):
                return
        raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}; stderr: {self.stderr}")

    def finish(self, timeout: float) -> tuple[int, str]:
        """Wait for the exit; returns the exit status and stdout (stderr goes on in self.stderr)."""
        code = self.process.wait(timeout=timeout)
        assert self.process.stdout is not None
        stdout = self.process.stdout.read()
        self._reader.join(timeout=10)
        while (line := self._lines.get_nowait() if not self._lines.empty() else None) is not None:
            self.stderr.append(line)
        return code, stdout


@pytest.fixture
def start_crawl(sim: SimClient, database_url: str, tmp_path: Path) -> Iterator[Callable[..., CrawlProcess]]:
    env = {**os.environ, "NEWSWATCH_DATABASE_URL": database_url, "NEWSWATCH_DATA_DIR": str(tmp_path / "data"),
           "NEWSWATCH_SIMULATOR": sim.base_url, "PYTHONUNBUFFERED": "1"}
    started: list[CrawlProcess] = []

    def start(*args: str) -> CrawlProcess:
        started.append(CrawlProcess(env, *args))
        return started[-1]

    yield start
    for crawl in started:  # a failed test must leave no crawl running: the command, then the children it recorded
        if crawl.process.poll() is None:
            crawl.process.kill()
            crawl.process.wait(timeout=30)
    kill_recorded_crawls(database_url)


def runs(database_url: str, source_id: str) -> list[CrawlRun]:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(select(CrawlRun).where(CrawlRun.source_id == source_id)).all())
    finally:
        engine.dispose()


def count(database_url: str, model: type, *where: object) -> int:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(model).where(*where)) or 0
    finally:
        engine.dispose()


def stored_some(progress_line: str, source_id: str) -> bool:
    """A progress line ("  <source>: 12 entries, 3 new, …") that counts new items."""
    match = re.match(rf"  {re.escape(source_id)}: \d+ entries, (\d+) new", progress_line)
    return bool(match and int(match[1]))


def summary_row(stdout: str, source_id: str) -> str:
    return next(line for line in stdout.splitlines() if line.startswith(source_id))


def test_first_ctrl_c_lets_the_running_crawl_finish_starts_nothing_and_prints_the_summary(
        sim: SimClient, database_url: str, start_crawl: Callable[..., CrawlProcess]) -> None:
    sim.post(f"/_sim/sources/{FIRST}/mode", {"mode": "slow", "delay": 0.05})
    crawl = start_crawl("--source", FIRST, "--source", SECOND)
    crawl.wait_for_line(lambda line: stored_some(line, FIRST), 60, f"{FIRST} to store its first items")
    crawl.process.send_signal(signal.SIGINT)
    code, stdout = crawl.finish(timeout=60)

    assert code == INTERRUPTED_EXIT, crawl.stderr
    assert FIRST_PRESS in crawl.stderr
    assert f"1 source(s) not started: {SECOND}" in crawl.stderr
    assert not any("Aborted" in line or "Traceback" in line for line in crawl.stderr), crawl.stderr
    assert summary_row(stdout, FIRST).split()[1] == "interrupted"
    assert SECOND not in stdout
    assert runs(database_url, SECOND) == []  # never started after the Ctrl-C
    [run] = runs(database_url, FIRST)
    assert run.outcome == "interrupted"
    # Nothing lost: every item the interrupted crawl counted as new is stored, and it holds no lease any more.
    assert 0 < run.new == count(database_url, Item, Item.source_id == FIRST)
    assert count(database_url, Lease) == 0


def test_second_ctrl_c_stops_the_running_crawl_at_once(sim: SimClient, database_url: str,
                                                       start_crawl: Callable[..., CrawlProcess]) -> None:
    # Every answer takes a minute: asked to finish, the crawl would wait that long for the one it is fetching.
    sim.post(f"/_sim/sources/{FIRST}/mode", {"mode": "slow", "delay": 60})
    crawl = start_crawl("--source", FIRST, "--source", SECOND)
    wait_for(lambda: any(sim.requests_log()["by_source"][FIRST].values()), 60, f"a request of {FIRST} to be under way")
    crawl.process.send_signal(signal.SIGINT)
    crawl.wait_for_line(lambda line: line == FIRST_PRESS, 30, "the first Ctrl-C to be taken")
    crawl.process.send_signal(signal.SIGINT)
    pressed = time.monotonic()
    code, stdout = crawl.finish(timeout=30)

    assert time.monotonic() - pressed < 20  # far less than the minute the crawl was waiting for
    assert code == INTERRUPTED_EXIT, crawl.stderr
    assert SECOND_PRESS in crawl.stderr
    assert summary_row(stdout, FIRST).split()[1] == "interrupted"
    assert runs(database_url, SECOND) == []
    [run] = runs(database_url, FIRST)
    assert run.outcome == "interrupted" and run.message.startswith("stopped before finishing, as asked (SIGKILL)")
    assert not pid_alive(run.pid)
    assert count(database_url, Lease) == 0
