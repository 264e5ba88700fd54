"""Getting a database ready for use: migrations applied and the sources table mirroring the catalog."""

from __future__ import annotations

from sqlalchemy import Engine

from crawler.config import Settings
from crawler.config.catalog import CatalogSource
from db.engine import make_engine, make_session_factory
from db.migrate import at_head, upgrade
from db.repository import sync_sources


def source_row(source: CatalogSource) -> dict[str, str]:
    return {
        "id": source.id,
        "name": source.name.zh,
        "agency": source.agency.zh,
        "province": source.province,
        "family": source.family,
    }


def prepare_database(settings: Settings, catalog: dict[str, CatalogSource]) -> Engine:
    engine = make_engine(settings.database_url)
    if not at_head(engine):
        upgrade(settings.database_url)
    with make_session_factory(engine).begin() as session:
        sync_sources(session, [source_row(s) for s in catalog.values()])
    return engine
