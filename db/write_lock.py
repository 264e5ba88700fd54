"""Making sure a SQLite database can be written before a crawl starts, saying so while another process holds it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

from db.engine import sqlite_busy_timeout
from db.write_errors import is_locked


def wait_until_writable(engine: Engine, on_wait: Callable[[float], None]) -> None:
    """Return once SQLite's write lock could be taken (it is released again at once). While another process
    holds it, call on_wait(seconds) once and wait up to the busy timeout; past that, raise the driver's
    "database is locked" error. Without this, each source of a crawl would wait the whole timeout in
    silence and fail on its own."""
    if engine.dialect.name != "sqlite":
        return  # PostgreSQL locks rows, not the database: its writers wait for each other row by row
    timeout = sqlite_busy_timeout()
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        try:
            try:
                _take_write_lock(cursor, 0.0)
            except Exception as exc:
                if not is_locked(exc):
                    raise
                on_wait(timeout)
                _take_write_lock(cursor, timeout)
            cursor.execute("ROLLBACK")
        finally:
            # The connection goes back to the pool: with the waiting time every connection has.
            cursor.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
            cursor.close()
    finally:
        connection.close()


def _take_write_lock(cursor: Any, wait: float) -> None:
    cursor.execute(f"PRAGMA busy_timeout={int(wait * 1000)}")
    cursor.execute("BEGIN IMMEDIATE")
