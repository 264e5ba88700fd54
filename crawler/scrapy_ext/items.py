"""What spiders hand to pipelines: a fetched detail page, raw, with where it was listed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass
class RawPage:
    source_id: str
    url: str
    status: int
    body: bytes
    header_charset: str | None = None
    list_title: str | None = None
    list_date: date | None = None
    recheck: bool = False  # a known item fetched again (due, or missing from its list)
    fields: dict[str, Any] = field(default_factory=dict)  # filled by the extraction pipeline


@dataclass
class ListPageSeen:
    """A list page answered 200: its validators (and digest) are kept for the next crawl's conditional GET, and
    `list_via` says where its list was read from ("jpaas": the page is a shell, see ListPageState)."""

    source_id: str
    url: str
    etag: str | None
    last_modified: str | None
    list_via: str | None = None
    # The digest of the page read (crawler/util/page_digest.py): the runner's probe compares it when the server
    # sends no validators.
    fingerprint: str | None = None
