"""Leases held by processes: a lease whose holder died on this host is replaced at once, not at expiry."""

from __future__ import annotations

import logging
import os
import socket
from datetime import timedelta
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from db import leases

logger = logging.getLogger("newswatch.leases")


def pid_alive(pid: int | None) -> bool:
    """Whether a process runs and will go on running. A process that is dying counts as dead: a zombie
    (killed, not yet reaped: common in containers), one already exiting (its memory and command line
    released), or one with a SIGKILL pending (it runs no more of its own code). A crawl killed moments
    ago must not block the next one."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return False  # reaped between the signal test and now
    except OSError:
        return True  # no /proc (not Linux): the signal test above is all we have
    return not _dying(status, cmdline)


_SIGKILL_BIT = 1 << (9 - 1)


def _dying(status: str, cmdline: bytes) -> bool:
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    state = fields.get("State", "").strip()[:1]
    pending = int(fields.get("SigPnd", "0").strip() or "0", 16) | int(fields.get("ShdPnd", "0").strip() or "0", 16)
    return state in ("Z", "X") or bool(pending & _SIGKILL_BIT) or not cmdline


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
