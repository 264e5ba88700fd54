"""Leases held by processes: a lease whose holder died on this host is replaced at once, not at expiry."""

from __future__ import annotations

import logging
import os
import socket
from pathlib import Path
from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker

from db import leases

logger = logging.getLogger("newswatch.leases")


def pid_alive(pid: int | None) -> bool:
    """Whether a process runs; a zombie (killed, not yet reaped: common in containers) counts as dead."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc (not Linux): the signal test above is all we have
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def acquire(sessions: sessionmaker[Session], name: str, owner: str, ttl: timedelta) -> leases.LeaseHolder | None:
    """Take the lease (None) or return its live holder; a holder killed on this host no longer counts."""
    host, pid = socket.gethostname(), os.getpid()
    held = leases.try_acquire(sessions, name, owner, ttl, host, pid)
    if held and held.host == host and not pid_alive(held.pid):
        logger.warning("lease %s: holder pid %s is gone; taking over", name, held.pid)
        leases.release(sessions, name, held.owner)
        held = leases.try_acquire(sessions, name, owner, ttl, host, pid)
    return held


def live_leases(sessions: sessionmaker[Session], prefix: str) -> list[leases.LeaseHolder]:
    """Unexpired leases whose holder still runs (holders on other hosts are trusted until expiry)."""
    host = socket.gethostname()
    return [
        leases.LeaseHolder(lease.owner, lease.host, lease.pid, lease.acquired_at, lease.expires_at)
        for lease in leases.active_leases(sessions, prefix)
        if lease.host != host or pid_alive(lease.pid)
    ]
