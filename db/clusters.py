"""Linking reposts: items with the same 文号 or near-identical text on other sources share a cluster."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.models import Item
from db.simhash_math import BAND_BITS, BANDS, MAX_DISTANCE

SIMHASH_BAND_COLUMNS = ("simhash_b0", "simhash_b1", "simhash_b2", "simhash_b3")


def _bands(fingerprint: int) -> list[int]:
    mask = (1 << BAND_BITS) - 1
    return [fingerprint >> (BAND_BITS * i) & mask for i in range(BANDS)]


def _signed(fingerprint: int) -> int:
    return fingerprint - (1 << 64) if fingerprint >= 1 << 63 else fingerprint


def assign_cluster(session: Session, item: Item, fingerprint: int | None) -> None:
    """Store the fingerprint and join the cluster of an earlier item with the same 文号 or near-equal text."""
    bands = _bands(fingerprint) if fingerprint is not None else [None] * BANDS
    item.simhash = _signed(fingerprint) if fingerprint is not None else None
    for column, value in zip(SIMHASH_BAND_COLUMNS, bands, strict=True):
        setattr(item, column, value)
    match = same_document_number(session, item)
    if match is None and fingerprint is not None:
        close = [c for c in near_duplicate_candidates(session, item, bands)
                 if c.simhash is not None and ((c.simhash ^ item.simhash) & (1 << 64) - 1).bit_count() <= MAX_DISTANCE]
        match = min(close, key=lambda c: c.id) if close else None
    if match is not None:
        if match.cluster_id is None:
            match.cluster_id = match.id
        item.cluster_id = match.cluster_id
    else:
        item.cluster_id = item.id


def near_duplicate_candidates(session: Session, item: Item, bands: list[int], limit: int = 50) -> list[Item]:
    """Items sharing at least one simhash band with this one (index lookups only)."""
    conditions = [getattr(Item, col) == value for col, value in zip(SIMHASH_BAND_COLUMNS, bands, strict=True)]
    query = select(Item).where(or_(*conditions), Item.id != item.id).limit(limit)
    return list(session.scalars(query))


def same_document_number(session: Session, item: Item) -> Item | None:
    if not item.doc_number:
        return None
    query = select(Item).where(Item.doc_number == item.doc_number, Item.id != item.id).order_by(Item.id).limit(1)
    return session.scalar(query)


def cluster_members(session: Session, cluster_id: int) -> list[Item]:
    return list(session.scalars(select(Item).where(Item.cluster_id == cluster_id).order_by(Item.id)))
