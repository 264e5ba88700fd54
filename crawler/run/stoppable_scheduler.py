"""The daemon's APScheduler: a BlockingScheduler that starts no job once the daemon is stopping."""

from __future__ import annotations

import threading
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler


class StoppableScheduler(BlockingScheduler):
    """APScheduler 3.x's blocking loop, woken by shutdown(), processes due jobs one last time after the
    executor was shut down: each due job then logs an ERROR traceback ("cannot schedule new futures after
    shutdown") and has its next run time moved on as if it had run. Jobs fall due whenever a stop waits for
    running crawls, so this gate, not pause(), keeps a clean stop clean."""

    def __init__(self, stopping: threading.Event, **options: Any) -> None:
        super().__init__(**options)
        self.stopping = stopping

    def _process_jobs(self) -> float | None:
        if self.stopping.is_set():
            return None  # no wake-up time: the loop sleeps until shutdown() ends it
        # Job submission holds the job store lock that shutdown() takes before closing the executor, so a
        # round already under way when stopping began finishes before the executor closes.
        return super()._process_jobs()
