"""Starting crawl children cheaply: each is forked from a server process that has already imported Scrapy, the
spiders, the pipelines and the database layer (multiprocessing's forkserver), so a child's start-up costs a fork
and its crawl's own set-up, not a second of imports.

The server is started on the first crawl child a process needs and lives as long as that process. A child gets
its own session (a Ctrl-C at the terminal reaches the runner only, which decides what its children hear), the
environment of the moment it was started, its source's id in its process title (`ps` shows what it crawls,
never a secret), and a pipe for its stdout and stderr, which the runner reads for progress lines.
"""

from __future__ import annotations

import gc
import io
import json
import multiprocessing
import os
import signal
import subprocess
import sys
from multiprocessing.connection import Connection
from typing import IO

# What the server imports once: everything a crawl child runs, and the program's main module (which each child
# would otherwise import again, as multiprocessing does for a child's __main__).
PRELOAD = ["__main__", "crawler.run.child_preload"]
_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(PRELOAD)


def process_title(source_id: str) -> str:
    return f"newswatch crawl {source_id}"


class CrawlChild:
    """A running crawl child, with the part of subprocess.Popen's interface the runner uses."""

    def __init__(self, source_id: str, handover: str, environment: dict[str, str]) -> None:
        read_end, write_end = os.pipe()
        output = Connection(write_end, readable=False)
        self._process = _context.Process(target=_run, args=(source_id, handover, environment, output),
                                         name=process_title(source_id))
        try:
            self._process.start()
        finally:
            output.close()
        self.pid: int = self._process.pid  # type: ignore[assignment]
        self.stdout: IO[str] = open(read_end, encoding="utf-8", errors="replace")  # noqa: SIM115 (the reader closes it)

    @property
    def returncode(self) -> int | None:
        return self._process.exitcode

    def poll(self) -> int | None:
        return self._process.exitcode

    def wait(self, timeout: float | None = None) -> int:
        self._process.join(timeout)
        if self._process.exitcode is None:
            raise subprocess.TimeoutExpired(self._process.name, timeout or 0)
        return self._process.exitcode

    def send_signal(self, sig: int) -> None:
        if self._process.exitcode is None:
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:  # ended meanwhile
                pass

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def _run(source_id: str, handover: str, environment: dict[str, str], output: Connection) -> None:
    """In the forked child: become a process of its own, then crawl."""
    # What the server imported lives as long as the child: its garbage collector leaves those objects alone
    # (never scanned, so their pages stay shared with the server instead of being copied), as gc.freeze intends.
    gc.freeze()
    os.setsid()
    from setproctitle import setproctitle  # first: it moves the environment the next lines change

    setproctitle(process_title(source_id))
    os.environ.clear()
    os.environ.update(environment)
    _redirect_output(output.fileno())
    output.close()
    from crawler.run.child import crawl

    sys.exit(crawl(source_id, json.loads(handover)))


def _redirect_output(fd: int) -> None:
    """stdout and stderr to the runner's pipe, line by line; stdin from nowhere."""
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    sys.stdout = io.TextIOWrapper(open(1, "wb", closefd=False), encoding="utf-8", line_buffering=True)  # noqa: SIM115
    sys.stderr = io.TextIOWrapper(open(2, "wb", closefd=False), encoding="utf-8", line_buffering=True)  # noqa: SIM115


def start_child(source_id: str, handover: str) -> CrawlChild:
    """A crawl child with this process's environment as it is now."""
    return CrawlChild(source_id, handover, dict(os.environ))


def stop_server() -> None:
    """Stop the fork server (its children must have ended) and wait for it: the CPU time and peak memory of the
    children it reaped then count in this process's getrusage(RUSAGE_CHILDREN), as those of children started
    directly would. Benchmarks call it before reading that meter; the next crawl child starts a new server.
    (multiprocessing has no public call for it; _stop is the one its own tests use.)"""
    from multiprocessing import forkserver

    forkserver._forkserver._stop()

