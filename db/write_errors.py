"""Recognising a full database or disk in an error, whatever raised it: SQLite, PostgreSQL or the OS."""

from __future__ import annotations

import errno

from sqlalchemy.exc import StatementError

# SQLITE_FULL: "database or disk is full" (the file system is full, or PRAGMA max_page_count was reached).
SQLITE_FULL = 13
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


def reason(exc: BaseException) -> str:
    """The driver's or OS's own words for an error, without SQLAlchemy's statement and parameters."""
    chain = _chain(exc)
    inner = next((e for e in chain if not isinstance(e, StatementError)), chain[-1])
    if isinstance(inner, OSError) and inner.strerror:
        return f"{inner.strerror} ({inner.filename})" if inner.filename else inner.strerror
    return str(inner).strip().splitlines()[0] if str(inner).strip() else type(inner).__name__
