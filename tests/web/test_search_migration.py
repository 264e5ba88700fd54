"""Migration 0008: the search index is built over items stored before it, and goes away on downgrade."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text

from db.engine import make_engine
from db.migrate import alembic_config, upgrade
from tests.alerts.dbfactory import World, at


def test_upgrade_indexes_existing_items_and_downgrade_removes_the_index(database_url: str) -> None:
    upgrade(database_url, "0007")
    engine = make_engine(database_url)
    world = World(engine, database_url)
    world.add_sources()
    world.add_item("zj-kjt-notices", "关于开展科技成果转化试点的通知", at("2026-11-01 00:00"), body_text="试点单位名单")
    upgrade(database_url)
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            found = conn.execute(text("SELECT count(*) FROM items_fts WHERE items_fts MATCH '\"试点单位\"'")).scalar()
            assert found == 1
        else:
            query = text("SELECT count(*) FROM items WHERE (coalesce(title, '') || ' ' || coalesce(doc_number, '') "
                         "|| ' ' || coalesce(body_text, '')) ILIKE '%试点单位%'")
            assert conn.execute(query).scalar() == 1
    command.downgrade(alembic_config(database_url), "0007")
    tables = set(inspect(engine).get_table_names())
    indexes = {i["name"] for i in inspect(engine).get_indexes("items")}
    assert "items_fts" not in tables and "ix_items_published" not in indexes and "ix_items_search_trgm" not in indexes
    upgrade(database_url)
    engine.dispose()
