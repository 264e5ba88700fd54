"""The simulated hosts and sources as plain data: a dict registry keyed by host and by source id."""

from __future__ import annotations

from simulator import sites_national, sites_provinces, sites_zhejiang
from simulator.site_model import (
    CLASSIC,
    FEED,
    GD_STATIC,
    GKMLPT,
    HANWEB_CLASSIC,
    HANWEB_FAMILIES,
    HANWEB_JPAAS,
    JPAAS,
    JSARRAY,
    LONSUN,
    TRS,
    Host,
    JpaasIds,
    SiteColumn,
)

__all__ = [
    "CLASSIC", "FEED", "GD_STATIC", "GKMLPT", "HANWEB_CLASSIC", "HANWEB_FAMILIES", "HANWEB_JPAAS", "HOSTS",
    "JPAAS", "JSARRAY", "LONSUN", "SOURCES", "TRS", "Host", "JpaasIds", "SiteColumn", "hanweb_column", "source_by_path",
    "source_for_column", "sources_on_host",
]

HOSTS: dict[str, Host] = {**sites_zhejiang.HOSTS, **sites_provinces.HOSTS, **sites_national.HOSTS}
SOURCES: dict[str, SiteColumn] = {**sites_zhejiang.SOURCES, **sites_provinces.SOURCES, **sites_national.SOURCES}


def sources_on_host(host: str) -> list[SiteColumn]:
    return [s for s in SOURCES.values() if s.host == host]


def source_for_column(host: str, column_id: int) -> SiteColumn | None:
    for source in sources_on_host(host):
        if source.column_id == column_id:
            return source
    return None


def hanweb_column(host: str, column_id: int) -> SiteColumn | None:
    """The Hanweb source (classic or jpaas) of `host` whose column is `column_id`."""
    source = source_for_column(host, column_id)
    return source if source is not None and source.family in HANWEB_FAMILIES else None


def source_by_path(host: str, list_dir: str) -> SiteColumn | None:
    """The source whose start URL lives in the folder `list_dir` of `host` (static families)."""
    for source in sources_on_host(host):
        if source.column_path.rsplit("/", 1)[0] + "/" == list_dir:
            return source
    return None


def _check_registry() -> None:
    """Fail at import, not at request time, when a source names a host or agency that does not exist."""
    from simulator.agencies import AGENCIES

    for source in SOURCES.values():
        if source.host not in HOSTS:
            raise ValueError(f"source {source.id} lives on unknown host {source.host}")
        if source.agency not in AGENCIES:
            raise ValueError(f"source {source.id} names unknown agency {source.agency}")


_check_registry()
