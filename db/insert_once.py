"""INSERT … ON CONFLICT DO NOTHING on SQLite and PostgreSQL alike: add a row unless its unique key exists."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session


@cache
def _statement(dialect_name: str, table: Table, key: str) -> Any:
    """Built once per table, key and dialect; the values are bound at each execution."""
    # Imported here: the dialects' insert constructs cost every CLI command a tenth of a second otherwise.
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = postgresql if dialect_name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing(index_elements=[key]).returning(table.c.id)


def insert_once(session: Session, model: Any, key: str, values: dict[str, Any]) -> int | None:
    """The new row's id, or None when a row with the same `key` column value exists (race-free: one statement)."""
    statement = _statement(session.get_bind().dialect.name, model.__table__, key)
    return session.scalar(statement, values)
