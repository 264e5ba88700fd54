"""Sends that went out but whose record the database refused (its disk full, or it down): held in memory and
written before anything else is sent, so a full disk never makes an alert or a digest go out twice.

Without this, the row would stay claimed ("sending") and be sent again once the claim expired. A long-running
sender (the daemon) keeps one UnrecordedSends for its whole life; a one-off command holds one for its pass and
says so when it ends with records still held (that is the crash window deliveries.py describes).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from db.engine import make_session_factory
from db.write_errors import reason

logger = logging.getLogger("newswatch.alerts")
Record = Callable[[Session], None]


@dataclass
class UnrecordedSends:
    held: list[tuple[str, Record]] = field(default_factory=list)
    # The daemon's alert cycle and digest job may run at the same time.
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, engine: Engine, label: str, write: Record) -> str | None:
        """Write what a send did; when the database refuses, hold the write and return why (None: written)."""
        try:
            _write(engine, write)
        except OperationalError as exc:
            why = reason(exc)
            with self._lock:
                self.held.append((label, write))
            logger.error("%s went out but could not be recorded (%s): held, and nothing more is sent until the "
                         "database takes it", label, why)
            return why
        return None

    def flush(self, engine: Engine) -> str | None:
        """Write the held records, oldest first; why the database still refuses, or None once all are written."""
        with self._lock:
            while self.held:
                label, write = self.held[0]
                try:
                    _write(engine, write)
                except OperationalError as exc:
                    return reason(exc)
                self.held.pop(0)
                logger.info("%s: recorded now", label)
        return None

    def paused(self, why: str) -> str:
        """The line a sending pass reports when held records keep it from sending anything."""
        labels = ", ".join(label for label, _ in self.held)
        return (f"sending paused: {len(self.held)} send(s) went out but are not recorded yet ({labels}); the "
                f"database still refuses writes ({why}): free space, nothing is sent twice meanwhile")


def _write(engine: Engine, write: Record) -> None:
    with make_session_factory(engine).begin() as session:
        write(session)
