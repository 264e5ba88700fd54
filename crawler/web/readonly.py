"""A database engine that can only read: every page of the console uses it, so no page can change anything."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, event

from db.engine import make_engine


def _sqlite_read_only(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def _postgres_read_only(dbapi_connection: Any, _record: Any) -> None:
    # psycopg 3 starts a transaction for the SET unless autocommit; commit it so the setting holds for the session.
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    dbapi_connection.commit()


def read_only_engine(url: str) -> Engine:
    """The same database as `url`, through connections that refuse every write (SQLite query_only,
    PostgreSQL read-only transactions)."""
    engine = make_engine(url)
    listener = _sqlite_read_only if engine.dialect.name == "sqlite" else _postgres_read_only
    event.listen(engine, "connect", listener)
    return engine
