"""Pages read through an engine that cannot write."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from crawler.web.readonly import read_only_engine
from tests.web.webworld import Seeded


def test_read_only_engine_reads_and_refuses_writes(seeded: Seeded, database_url: str) -> None:
    engine = read_only_engine(database_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM items")).scalar() == 5
        with pytest.raises(DBAPIError), engine.begin() as conn:
            conn.execute(text("UPDATE items SET title = 'x'"))
        with pytest.raises(DBAPIError), engine.begin() as conn:
            conn.execute(text("DELETE FROM sources"))
    finally:
        engine.dispose()
