"""Leader election on PostgreSQL: a session advisory lock held on a connection of the daemon's own.

The `daemon` lease says who leads (host, pid, since) and works on SQLite too, but it can only expire: a
leader killed on another machine blocks its standby for the lease's TTL, and a leader that stalls past
the TTL could lead alongside the daemon that took over. The advisory lock closes both gaps: PostgreSQL
frees it the moment the leader's database session ends, and while that session lives nobody else can
take it. On SQLite this is a no-op and the lease alone decides.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from crawler.run import process_leases
from db import leases
from db.timeutil import utcnow

logger = logging.getLogger("newswatch.daemon")
# Keyed by schema as well: several newswatch installations (or test schemas) may share one database.
LOCK_KEY = "hashtext('newswatch:daemon:' || current_schema())"


class LeaderLock:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.enforced = engine.dialect.name == "postgresql"
        self._connection: Connection | None = None

    def acquire(self) -> bool:
        """Take the lock if it is free (True), or report it held by another session (False)."""
        if not self.enforced:
            return True
        if self._connection is None:
            # Autocommit: a session lock outlives transactions, and an idle-in-transaction connection would
            # hold back vacuum for as long as the daemon leads.
            self._connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            return bool(self._connection.execute(text(f"SELECT pg_try_advisory_lock({LOCK_KEY})")).scalar())
        except SQLAlchemyError:
            self._close()
            raise

    def held(self) -> bool:
        """Whether this daemon still leads: the session holding the lock is alive (only its end, or release(),
        frees a session lock), so a working connection is the proof."""
        if not self.enforced:
            return True
        if self._connection is None:
            return False
        try:
            self._connection.execute(text("SELECT 1"))
            return True
        except SQLAlchemyError as exc:
            logger.error("the leader lock's database session failed: %s", exc)
            self._close()
            return False

    def release(self) -> None:
        if self._connection is None:
            return
        try:
            self._connection.execute(text(f"SELECT pg_advisory_unlock({LOCK_KEY})"))
        except SQLAlchemyError as exc:
            logger.warning("could not release the leader lock (closing its session frees it): %s", exc)
        self._close()

    def _close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.invalidate()  # never back into the pool: the session may still hold the lock
                self._connection.close()
            except SQLAlchemyError as exc:
                logger.debug("closing the leader lock's connection: %s (it is gone, and the lock with it)", exc)
            self._connection = None


def take_leadership(lock: LeaderLock, sessions: sessionmaker[Session], name: str, owner: str,
                    ttl: timedelta) -> leases.LeaseHolder | None:
    """Take the leader lock and the lease `name`: None when this daemon now leads, else who does."""
    if not lock.acquire():
        held = leases.holder(sessions, name)
        return held or leases.LeaseHolder("?", "unknown (a daemon is starting)", None, utcnow(), utcnow())
    held = process_leases.acquire(sessions, name, owner, ttl)
    if held and lock.enforced:
        # Holding the advisory lock proves that the lease holder's database session is gone: it is dead,
        # on whichever machine it ran, so its lease need not be waited out.
        logger.warning("the daemon lease of host %s pid %s is stale; taking over", held.host, held.pid)
        leases.release(sessions, name, held.owner)
        held = process_leases.acquire(sessions, name, owner, ttl)
    if held:
        lock.release()
    return held


def wait_for_leadership(claim: Callable[[], None], refused: type[Exception], stopped: threading.Event,
                        poll: float) -> bool:
    """A standby: call `claim` every `poll` seconds until it stops raising `refused`; False if stopped first."""
    last = ""
    while not stopped.is_set():
        try:
            claim()
            logger.info("standby: the leader is gone; this daemon takes over")
            return True
        except refused as exc:
            if str(exc) != last:  # log each new leader once, not every poll
                logger.info("standby: waiting; %s", exc)
                last = str(exc)
        stopped.wait(poll)
    return False
