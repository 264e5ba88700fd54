"""A source's first crawl in the digest: the archive it found is summarised per source, not listed item by item.

The first crawl of a source stores everything its list pages still show, often hundreds of items published over
months or years. Alerts already leave them out (crawler/alerts/dispatch.py skip_reason, "baseline"); listing them
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

from crawler.alerts.context import EventContext, SourceInfo, first_crawl_ends, unknown_source
from crawler.alerts.safety import one_line

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


def published_day(ctx: EventContext, tz: ZoneInfo) -> date | None:
    """The local day the item was published (else the date it was written), as its card shows it."""
    item = ctx.item
    if item is None:
        return None
    return item.published_at.astimezone(tz).date() if item.published_at else item.written_date


def split_archive(session: Session, contexts: Sequence[EventContext], digest_date: date, window_end: datetime,
                  tz: ZoneInfo) -> tuple[list[EventContext], list[EventContext]]:
    """The day's contexts without the first-crawl archive, and the archive's 'new' contexts."""
    sources_with_new = {c.event.source_id for c in contexts if c.event.kind == "new" and c.item is not None}
    ends = first_crawl_ends(session, sources_with_new, window_end)
    recent_from = digest_date - timedelta(days=RECENT_DAYS)
    kept: list[EventContext] = []
    archive: list[EventContext] = []
    for ctx in contexts:
        end = ends.get(ctx.event.source_id)
        in_first_crawl = ctx.event.kind == "new" and ctx.item is not None and end is not None \
            and ctx.event.created_at <= end
        published = published_day(ctx, tz)
        recent = published is not None and published >= recent_from
        (archive if in_first_crawl and not recent else kept).append(ctx)
    return kept, archive


def summarise(archive: Sequence[EventContext], sources: dict[str, SourceInfo], tz: ZoneInfo) -> list[Baseline]:
    """One line per source, in source order."""
    by_source: dict[str, list[EventContext]] = {}
    for ctx in archive:
        by_source.setdefault(ctx.event.source_id, []).append(ctx)
    summaries = []
    for source_id in sorted(by_source):
        dates = [day for day in (published_day(c, tz) for c in by_source[source_id]) if day is not None]
        source = sources.get(source_id) or unknown_source(source_id)
        summaries.append(Baseline(source_id, one_line(source.name, 120), len(by_source[source_id]),
                                  min(dates, default=None), max(dates, default=None),
                                  len(by_source[source_id]) - len(dates)))
    return summaries
