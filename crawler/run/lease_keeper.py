"""Renewing a crawl's short leases (distributed mode) on a thread: from the runner for as long as it holds them
(while it probes the source and starts and waits for the crawl child), and from the child while it crawls
(crawler/distributed/lease_renewal.py), so that they outlive a killed runner. Either one alive keeps the
leases; both gone (a dead machine), they lapse within their TTL."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import timedelta

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from db import leases

logger = logging.getLogger("newswatch.lease_renewal")
STOP_WAIT_SECONDS = 5.0


class LeaseKeeper:
    """Renews named leases every third of their TTL on a thread of its own.

    A lease found taken by someone else (ours expired, e.g. while the database was unreachable) calls
    `on_lost` once: the crawl must stop, or two crawls of one host could overlap. A failed renewal is
    only logged: the lease still has the rest of its TTL, and the next renewal may succeed.
    """

    def __init__(self, sessions: sessionmaker[Session], names: Sequence[str], owner: str, ttl: float,
                 on_lost: Callable[[list[str]], None]) -> None:
        self.sessions = sessions
        self.names = list(names)
        self.owner = owner
        self.ttl = ttl
        self.on_lost = on_lost
        self.lost: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="newswatch-lease-renewal", daemon=True)

    def renew_once(self) -> list[str]:
        """Renew every lease; returns those no longer ours (and reports them through on_lost once)."""
        lost = []
        for name in self.names:
            try:
                if not leases.renew(self.sessions, name, self.owner, timedelta(seconds=self.ttl)):
                    lost.append(name)
            except SQLAlchemyError as exc:
                logger.warning("could not renew lease %s (it lasts %.0f s more at most): %s", name, self.ttl, exc)
        if lost and not self.lost:
            self.lost = lost
            self.on_lost(lost)
        return lost

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """No renewal after this returns (one in flight is waited for a moment): the leases can be released."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=STOP_WAIT_SECONDS)

    def _loop(self) -> None:
        while not self._stop.wait(self.ttl / 3):
            self.renew_once()
            if self.lost:
                return
