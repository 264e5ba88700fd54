"""Fixtures of the console tests: a seeded database (SQLite and PostgreSQL) and a client of the console over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.web.webworld import Seeded, client_for, make_world, seed


@pytest.fixture
def seeded(database_url: str) -> Iterator[Seeded]:
    world = make_world(database_url)
    yield seed(world)
    world.engine.dispose()


@pytest.fixture
def client(seeded: Seeded, database_url: str, tmp_path: Path) -> Iterator[TestClient]:
    with client_for(database_url, tmp_path) as test_client:
        yield test_client
        test_client.app.state.config.engine.dispose()  # type: ignore[attr-defined]
