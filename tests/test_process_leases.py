"""A lease whose holder on this host is dead or dying (killed moments ago) never blocks the next crawl."""

from __future__ import annotations

import subprocess
from datetime import timedelta

import pytest

from crawler.run import process_leases
from crawler.run.process_leases import _dying, pid_alive
from db import leases
from db.engine import make_engine, make_session_factory
from db.migrate import upgrade

RUNNING = "Name:\tpython\nState:\tS (sleeping)\nSigPnd:\t0000000000000000\nShdPnd:\t0000000000000000\n"


@pytest.mark.parametrize(
    "status, cmdline, dying",
    [
        (RUNNING, b"python\0-m\0scrapy\0", False),
        (RUNNING.replace("S (sleeping)", "Z (zombie)"), b"", True),
        (RUNNING.replace("S (sleeping)", "X (dead)"), b"", True),
        # SIGKILL sent, not yet acted on (the process sits in uninterruptible I/O on a busy machine)
        (RUNNING.replace("S (sleeping)", "D (disk sleep)").replace("ShdPnd:\t0000000000000000", "ShdPnd:\t0000000000000100"),
         b"python\0", True),
        (RUNNING.replace("SigPnd:\t0000000000000000", "SigPnd:\t0000000000000100"), b"python\0", True),
        # exiting: its memory, and with it the command line, already released
        (RUNNING.replace("S (sleeping)", "R (running)"), b"", True),
        # other signals pending (SIGTERM) do not make a process dying
        (RUNNING.replace("ShdPnd:\t0000000000000000", "ShdPnd:\t0000000000004000"), b"python\0", False),
    ],
)
def test_dying_from_proc_status(status: str, cmdline: bytes, dying: bool) -> None:
    assert _dying(status, cmdline) is dying


def test_a_killed_holder_on_this_host_is_replaced_at_once(sqlite_url: str) -> None:
    upgrade(sqlite_url)
    engine = make_engine(sqlite_url)
    sessions = make_session_factory(engine)
    holder = subprocess.Popen(["sleep", "60"])
    try:
        assert process_leases.acquire(sessions, "source:a", "crawl-1", timedelta(hours=1)) is None
        leases.set_pid(sessions, "source:a", "crawl-1", holder.pid)
        assert process_leases.acquire(sessions, "source:a", "crawl-2", timedelta(hours=1)).pid == holder.pid
        holder.kill()  # not reaped yet: a zombie of this process
        assert not pid_alive(holder.pid)
        assert process_leases.acquire(sessions, "source:a", "crawl-2", timedelta(hours=1)) is None
        assert leases.holder(sessions, "source:a").owner == "crawl-2"
    finally:
        holder.kill()
        holder.wait()
        engine.dispose()
