"""Every source the database knows, with the catalog's agency kind and English names: the console's filter lists."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from crawler.alerts.context import SourceInfo
from crawler.config.catalog import CatalogSource
from db.models import Source


def source_directory(session: Session, catalog: Mapping[str, CatalogSource]) -> dict[str, SourceInfo]:
    """Database rows (health, and sources dropped from the catalog) completed with the catalog loaded at start."""
    directory = {}
    for row in session.scalars(select(Source).order_by(Source.id)):
        entry = catalog.get(row.id)
        directory[row.id] = SourceInfo(
            id=row.id, name=row.name, agency=row.agency or (entry.agency.zh if entry else ""),
            agency_en=entry.agency.en if entry else "", province=row.province or (entry.province if entry else ""),
            agency_kind=entry.agency_kind if entry else "", home_url=entry.start_urls[0] if entry else "",
            health=row.health or "ok", health_since=row.health_since, health_message=row.health_message or "",
        )
    return directory


def provinces(directory: Mapping[str, SourceInfo]) -> list[str]:
    return sorted({s.province for s in directory.values() if s.province})


def agency_kinds(directory: Mapping[str, SourceInfo]) -> list[str]:
    return sorted({s.agency_kind for s in directory.values() if s.agency_kind})
