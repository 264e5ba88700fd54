"""Atom documents of items (feedgen): stable entry ids from the item id, so a reader never shows an item twice."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from html import escape

from feedgen.feed import FeedGenerator

from crawler.alerts.context import SourceInfo
from db.models import Item

TAG_AUTHORITY = "tag:newswatch,2026"  # never change it: entry ids are built on it
SUMMARY_CHARS = 400
EPOCH = datetime(2026, 1, 1, tzinfo=timezone.utc)  # `updated` of a feed with no entry yet


def entry_id(item_id: int) -> str:
    return f"{TAG_AUTHORITY}:item:{item_id}"


@dataclass(frozen=True)
class FeedSpec:
    key: str  # "items", "source:zj-kjt-notices", …: part of the feed id and of its ETag
    title: str
    self_url: str
    page_url: str  # the console page showing the same items


def entry_updated(item: Item) -> datetime:
    return item.first_seen_at


def last_modified(items: Sequence[Item]) -> datetime:
    return max((entry_updated(i) for i in items), default=EPOCH)


def etag(spec: FeedSpec, items: Sequence[Item]) -> str:
    """Changes when an entry is added, dropped, re-versioned or withdrawn; nothing else."""
    digest = hashlib.sha256(spec.key.encode())
    for item in items:
        digest.update(f"|{item.id}:{item.version}:{item.status}".encode())
    return f'"{digest.hexdigest()[:32]}"'


def _summary(item: Item) -> str:
    text = " ".join((item.body_text or "").split())
    return text[:SUMMARY_CHARS] + ("…" if len(text) > SUMMARY_CHARS else "")


def build_atom(spec: FeedSpec, items: Sequence[Item], sources: Mapping[str, SourceInfo], base_url: str) -> bytes:
    feed = FeedGenerator()
    feed.id(f"{TAG_AUTHORITY}:feed:{spec.key}")
    feed.title(spec.title)
    feed.author({"name": "newswatch"})
    feed.link(href=spec.self_url, rel="self", type="application/atom+xml")
    feed.link(href=spec.page_url, rel="alternate", type="text/html")
    feed.updated(last_modified(items))
    feed.generator("newswatch")
    for item in items:
        source = sources.get(item.source_id)
        entry = feed.add_entry(order="append")
        entry.id(entry_id(item.id))
        entry.title(f"{item.title} ({item.doc_number})" if item.doc_number else item.title)
        # One link, the original: feedgen writes no rel on entry links, and two would both be "alternate".
        entry.link(href=item.url)
        entry.updated(entry_updated(item))
        if item.published_at is not None:
            entry.published(item.published_at)
        entry.author({"name": (source.agency or source.name) if source else item.source_id})
        for topic in item.topics or []:
            entry.category(term=str(topic))
        summary = _summary(item) or item.title
        entry.summary(summary)
        console = f"{base_url}items/{item.id}"
        entry.content(f"<p>{escape(summary)}</p><p><a href=\"{escape(console)}\">newswatch: fields, versions, "
                      f"cluster</a></p>", type="html")
    return feed.atom_str(pretty=False)  # type: ignore[no-any-return]
