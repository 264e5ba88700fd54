"""Cross-checking the layers field by field: the most trustworthy value wins, and why is noted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from crawler.extract.dates import DateHit, date_from_url, find_date
from crawler.extract.docnumber import is_doc_number_line, normalize_doc_number
from crawler.extract.layers import Layers

# A candidate written with a time of day beats the same day written without one.
_PRECISION = {"month": 0, "day": 1, "minute": 2, "second": 3}
_TRUNCATION = ("...", "…", "..")
# A 文号 printed under the title sits in the first few lines of a policy document.
_DOC_NUMBER_LINES = 6


@dataclass
class Resolved:
    title: str | None = None
    published: datetime | None = None
    written: date | None = None
    source: str | None = None
    author: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    index_number: str | None = None
    validity: str | None = None
    topic_category: str | None = None
    notes: list[str] = field(default_factory=list)


def first(*values: str | None) -> str | None:
    return next((v for v in values if v), None)


def resolve_title(layers: Layers) -> str | None:
    """ArticleTitle meta, then the metadata table, selector, visible heading, <title>.

    Cross-check: a chosen title cut short with "..." gives way to a longer candidate that starts
    with the same words (list-style truncation leaks into some templates' meta tags).
    """
    ranked = [layers.meta.get("title"), layers.table.get("title"), layers.selector.get("title"),
              layers.heading, layers.html_title]
    chosen = first(*ranked)
    if chosen and chosen.endswith(_TRUNCATION):
        stem = chosen.rstrip(".… ")
        longer = [c for c in ranked if c and c.startswith(stem) and not c.endswith(_TRUNCATION)]
        chosen = max(longer, key=len) if longer else chosen
    return chosen


def _first_hit(*values: str | None) -> DateHit | None:
    for value in values:
        hit = find_date(value)
        if hit:
            return hit
    return None


def resolve_published(layers: Layers, urls: Sequence[str], notes: list[str]) -> datetime | None:
    """The visible 发布日期 (table, selector or labelled text) cross-checked with meta PubDate.

    Same day: the more precise one wins (10:31:54 on the page over the meta's 10:31). Different
    days: the visible date wins. The meta PubDate is stamped by the CMS when a page is (re)generated
    or re-published, while the visible date is the one the agency shows readers and lists; on
    one provincial regulator's site the meta says 2025-09-10 for an item dated 2025-08-20 on the page and in its
    column list.
    """
    visible = _first_hit(layers.table.get("published"), layers.selector.get("published"),
                         layers.text.get("published"))
    meta = _first_hit(layers.meta.get("published"))
    if visible and meta:
        if visible.day == meta.day:
            better = meta if _PRECISION[meta.precision] > _PRECISION[visible.precision] else visible
            return better.value
        notes.append(f"published: page shows {visible.day}, meta PubDate says {meta.day}; used the page")
        return visible.value
    if visible or meta:
        return (visible or meta).value  # type: ignore[union-attr]
    for url in urls:
        hit = date_from_url(url) if url else None
        if hit:
            notes.append(f"published: taken from the URL ({hit.precision} precision)")
            return hit.value
    return None


def _written(layers: Layers) -> date | None:
    hit = _first_hit(layers.table.get("written"), layers.text.get("written"))
    return hit.day if hit else None


def resolve_doc_number(layers: Layers, body_lines: Sequence[str]) -> str | None:
    """Labelled 文号 first; else a short line near the top of the body that is one."""
    labelled = normalize_doc_number(first(layers.table.get("doc_number"), layers.selector.get("doc_number"),
                                          layers.text.get("doc_number")))
    if labelled:
        return labelled
    for line in body_lines[:_DOC_NUMBER_LINES]:
        found = is_doc_number_line(line)
        if found:
            return found
    return None


def resolve(layers: Layers, urls: Sequence[str], body_lines: Sequence[str]) -> Resolved:
    """All metadata fields. Layer order: meta tags, labelled tables (and Hanweb markers), per-source
    selectors, visible "label：value" text; dates follow resolve_published's rule instead."""
    notes: list[str] = []
    meta, table, selector, text = layers.meta, layers.table, layers.selector, layers.text
    return Resolved(
        title=resolve_title(layers),
        published=resolve_published(layers, urls, notes),
        written=_written(layers),
        source=first(meta.get("source"), table.get("source"), selector.get("source"), text.get("source")),
        author=first(meta.get("author"), table.get("author"), text.get("author")),
        issuer=first(table.get("issuer"), text.get("issuer")),
        doc_number=resolve_doc_number(layers, body_lines),
        index_number=first(table.get("index_number"), text.get("index_number")),
        validity=first(table.get("validity"), text.get("validity")),
        topic_category=first(table.get("topic_category"), text.get("topic_category")),
        notes=notes,
    )
