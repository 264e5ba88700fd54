"""INSERT … ON CONFLICT DO NOTHING on SQLite and PostgreSQL alike: add a row unless its unique key exists."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_once(session: Session, model: Any, key: str, values: dict[str, Any]) -> int | None:
    """The new row's id, or None when a row with the same `key` column value exists (race-free: one statement)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(model).values(**values).on_conflict_do_nothing(index_elements=[key])
    return session.scalar(statement.returning(model.id))
