"""A source's first crawl in the digest: the archive it found is summarised per source, not listed item by item.

The first crawl of a source stores everything its list pages still show, often hundreds of items published over
months or years. Alerts already leave them out (crawler/alerts/delivery.py skip_reason, "baseline"); listing them
all as "new" would bury the day's real news. Items of that crawl published on the digest's day or the day before
are news all the same and stay listed. Drafts still open for comment reach the digest through its open-drafts
section either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from crawler.alerts.cards import published_day
from crawler.alerts.context import EventContext, SourceInfo, first_crawl_ends, unknown_source
from crawler.notify.safety import one_line

# Items of a first crawl published this many days before the digest's day, or later, are listed as new.
RECENT_DAYS = 1


@dataclass(frozen=True)
class Baseline:
    """What one source's first crawl found that the digest does not list: how many, published when."""

    source_id: str
    name: str
    items: int
    oldest: date | None
    newest: date | None
    undated: int


def recent_from(digest_date: date) -> date:
    """The first publication day a first crawl's item may have to be listed as new in this digest."""
    return digest_date - timedelta(days=RECENT_DAYS)


def split_archive(session: Session, contexts: Sequence[EventContext], digest_date: date, window_end: datetime,
                  tz: ZoneInfo) -> tuple[list[EventContext], list[EventContext]]:
    """The day's contexts without the first-crawl archive, and the archive's 'new' contexts."""
    sources_with_new = {c.event.source_id for c in contexts if c.event.kind == "new" and c.item is not None}
    ends = first_crawl_ends(session, sources_with_new, window_end)
    first_recent = recent_from(digest_date)
    kept: list[EventContext] = []
    archive: list[EventContext] = []
    for ctx in contexts:
        end = ends.get(ctx.event.source_id)
        if ctx.event.kind == "new" and ctx.item is not None and end is not None and ctx.event.created_at <= end:
            published = published_day(ctx.item, tz)
            if published is None or published < first_recent:
                archive.append(ctx)
                continue
        kept.append(ctx)
    return kept, archive


def summarise(archive: Sequence[EventContext], sources: dict[str, SourceInfo], tz: ZoneInfo) -> list[Baseline]:
    """One line per source, in source order."""
    by_source: dict[str, list[EventContext]] = {}
    for ctx in archive:
        by_source.setdefault(ctx.event.source_id, []).append(ctx)
    summaries = []
    for source_id in sorted(by_source):
        days = [published_day(c.item, tz) for c in by_source[source_id] if c.item is not None]
        dates = [day for day in days if day is not None]
        source = sources.get(source_id) or unknown_source(source_id)
        summaries.append(Baseline(source_id, one_line(source.name, 120), len(by_source[source_id]),
                                  min(dates, default=None), max(dates, default=None),
                                  len(by_source[source_id]) - len(dates)))
    return summaries
