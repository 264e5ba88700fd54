"""Engine and session factory: SQLite in WAL mode by default, any SQLAlchemy URL otherwise."""

from __future__ import annotations

import logging
import math
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

logger = logging.getLogger("newswatch.db")
# How long a SQLite connection waits for another process's write lock before failing with "database is locked".
# A crawl child and the CLI write at the same time, each in short transactions: they wait for each other.
BUSY_TIMEOUT_ENV = "NEWSWATCH_SQLITE_BUSY_TIMEOUT"
DEFAULT_BUSY_TIMEOUT = 30.0


def normalize_url(url: str) -> str:
    """Use the psycopg 3 driver for plain postgresql:// URLs (psycopg2 is not a dependency)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str, **kwargs: Any) -> Engine:
    url = normalize_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        kwargs.setdefault("connect_args", {"timeout": sqlite_busy_timeout()})
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def sqlite_busy_timeout() -> float:
    """Seconds to wait for a SQLite lock: NEWSWATCH_SQLITE_BUSY_TIMEOUT, inherited by crawl children."""
    value = os.environ.get(BUSY_TIMEOUT_ENV, "").strip()
    if not value:
        return DEFAULT_BUSY_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds >= 0):
        logger.warning("%s=%r is not a number of seconds; using %g", BUSY_TIMEOUT_ENV, value, DEFAULT_BUSY_TIMEOUT)
        return DEFAULT_BUSY_TIMEOUT
    return seconds


# Caps the SQLite file at this many pages (never below its current size): writes beyond it fail exactly as on a
# full disk (SQLITE_FULL). Read at each new connection, so crawl children started with it inherit it; the
# disk-full tests use it, and it can serve as a size quota.
MAX_PAGES_ENV = "NEWSWATCH_SQLITE_MAX_PAGES"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(sqlite_busy_timeout() * 1000)}")
    max_pages = os.environ.get(MAX_PAGES_ENV, "").strip()
    if max_pages:
        cursor.execute(f"PRAGMA max_page_count={int(max_pages)}")
    cursor.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def make_url_safe(url: str) -> str:
    """The URL with any password masked, for messages and logs."""
    return make_url(url).render_as_string(hide_password=True)
