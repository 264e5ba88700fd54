"""Recognising a full database or disk, or a locked SQLite database, in an error, whatever raised it."""

from __future__ import annotations

import errno

from sqlalchemy.exc import StatementError

from db.engine import sqlite_busy_timeout

# SQLITE_FULL: "database or disk is full" (the file system is full, or PRAGMA max_page_count was reached).
SQLITE_FULL = 13
# SQLITE_BUSY ("database is locked"): another connection, usually another process, held the lock past the busy
# timeout. PostgreSQL has no such error: its writers wait for each other row by row.
SQLITE_BUSY = 5
LOCKED = "database is locked by another process"
# PostgreSQL SQLSTATE disk_full ("could not extend file …: No space left on device").
POSTGRES_DISK_FULL = "53100"
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
# Drivers that carry no error code still say so in their message.
DISK_FULL_WORDS = ("database or disk is full", "no space left on device", "disk quota exceeded")


def _chain(exc: BaseException) -> list[BaseException]:
    """The error, the driver error it wraps (SQLAlchemy's .orig) and its causes, each once."""
    found: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not seen for seen in found):
        found.append(current)
        current = getattr(current, "orig", None) or current.__cause__ or current.__context__
    return found


def _says_full(error: BaseException) -> bool:
    if isinstance(error, OSError) and error.errno in DISK_FULL_ERRNOS:
        return True
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF == SQLITE_FULL:
        return True
    if getattr(error, "sqlstate", None) == POSTGRES_DISK_FULL:
        return True
    # A SQLAlchemy error's text also holds the statement's parameters (crawled text): only drivers' own
    # messages are read.
    return not isinstance(error, StatementError) and any(w in str(error).lower() for w in DISK_FULL_WORDS)


def is_disk_full(exc: BaseException) -> bool:
    """True when the error says the database, or the disk it (or a file) is written to, is full."""
    return any(_says_full(error) for error in _chain(exc))


def is_locked(exc: BaseException) -> bool:
    """True when SQLite gave up waiting for a lock another connection holds ("database is locked")."""
    return any(_says_locked(error) for error in _chain(exc))


def _says_locked(error: BaseException) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF == SQLITE_BUSY
    return not isinstance(error, StatementError) and "database is locked" in str(error).lower()


def locked_message() -> str:
    """What to tell the user once the wait for a locked database is over."""
    return f"{LOCKED}; giving up after {sqlite_busy_timeout():g} s"


def reason(exc: BaseException) -> str:
    """The driver's or OS's own words for an error, without SQLAlchemy's statement and parameters."""
    if is_locked(exc):
        return LOCKED
    chain = _chain(exc)
    inner = next((e for e in chain if not isinstance(e, StatementError)), chain[-1])
    if isinstance(inner, OSError) and inner.strerror:
        return f"{inner.strerror} ({inner.filename})" if inner.filename else inner.strerror
    return str(inner).strip().splitlines()[0] if str(inner).strip() else type(inner).__name__
