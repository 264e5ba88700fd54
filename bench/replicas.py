"""A synthetic catalog of many sources for the steady-state benchmark: copies of the real catalog on copies of
its hosts, so families keep the real catalog's proportions and every copy is served by the simulator as its
original is.

Copy k of a source `zj-kjt-notices` is `zj-kjt-notices-rk`; it lives on `rk.<original host>` (a host of its
own, with its own politeness). The simulator side (replicate_sites, in the simulator's process) and the
newswatch side (replica_catalog) name them alike.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import urlsplit, urlunsplit

from crawler.config.catalog import CatalogSource, load_catalog


def served_originals() -> list[str]:
    """The catalog sources the simulator serves, in a fixed order: what is copied."""
    from simulator import sites

    catalog = load_catalog()
    return sorted(s for s in sites.SOURCES if s in catalog)  # copies are never in the catalog


def replica_host(host: str, k: int) -> str:
    return f"r{k}.{host}"


def replica_plan(count: int, served: list[str]) -> list[tuple[str, int]]:
    """(original source id, copy number) of `count` sources: whole copies of the served catalog, the last one cut."""
    return [(served[i % len(served)], i // len(served)) for i in range(count)]


def replica_id(source_id: str, k: int) -> str:
    return f"{source_id}-r{k}"


def _moved(url: str, hosts: set[str], k: int) -> str:
    parts = urlsplit(url)
    if parts.hostname not in hosts:
        return url
    netloc = replica_host(parts.hostname, k) + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def replica_catalog(count: int, served: list[str]) -> dict[str, CatalogSource]:
    """newswatch's catalog of the copies (the originals are not in it)."""
    catalog = load_catalog()
    sources: dict[str, CatalogSource] = {}
    for source_id, k in replica_plan(count, served):
        original = catalog[source_id]
        own = {urlsplit(u).hostname or "" for u in original.start_urls} | set(original.allowed_hosts)
        copy = original.model_copy(update={
            "id": replica_id(source_id, k),
            "start_urls": [_moved(u, own, k) for u in original.start_urls],
            "allowed_hosts": [replica_host(h, k) if h in own else h for h in original.allowed_hosts],
        })
        sources[copy.id] = copy
    return sources


def replicate_sites(count: int, served: list[str], history: int) -> int:
    """In the simulator's process, before its corpus is built: add the copies (with `history` articles each) to
    the simulator's registry. Returns the number of hosts served."""
    from simulator import sites

    for source_id, k in replica_plan(count, served):
        original = sites.SOURCES[source_id]
        host = replica_host(original.host, k)
        if host not in sites.HOSTS:
            sites.HOSTS[host] = dataclasses.replace(sites.HOSTS[original.host], host=host)
        sites.SOURCES[replica_id(source_id, k)] = dataclasses.replace(
            original, id=replica_id(source_id, k), host=host, history=history)
    return len({s.host for s in sites.SOURCES.values()})
