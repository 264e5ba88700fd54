"""Ctrl-C during a one-off crawl: the first press lets running crawls finish, the second stops them now.

Crawl children run in sessions of their own (the runner starts them so), so a terminal's Ctrl-C reaches only
this process: it is this handler, not the terminal, that tells them to stop.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import click

from crawler.run.runner import CrawlRunner

FIRST_PRESS = ("Ctrl-C: starting no more sources; running crawls are finishing what they fetch "
               "(Ctrl-C again to stop them now)")
SECOND_PRESS = "Ctrl-C again: stopping running crawls now"


class CtrlC:
    """The SIGINT handler: how often Ctrl-C was pressed, and the runner it stops."""

    def __init__(self, runner: CrawlRunner) -> None:
        self.runner = runner
        self.presses = 0

    def __call__(self, _signum: int, _frame: FrameType | None) -> None:
        # Runs in the main thread, which only waits for the runner's threads: runner.stop() cannot deadlock.
        self.presses += 1
        if self.presses == 1:
            click.echo(FIRST_PRESS, err=True)
            self.runner.stop()
        else:
            click.echo(SECOND_PRESS, err=True)
            self.runner.stop(now=True)


@contextmanager
def ctrl_c_stops(runner: CrawlRunner) -> Iterator[CtrlC]:
    """Within the block, Ctrl-C stops the runner (instead of raising KeyboardInterrupt, which would leave the
    crawl children running and the summary unprinted)."""
    handler = CtrlC(runner)
    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield handler
    finally:
        signal.signal(signal.SIGINT, previous)
