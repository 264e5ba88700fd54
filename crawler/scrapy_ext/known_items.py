"""What a crawl already knows about its source: stored URLs and dates, due re-checks, list validators and
where each list was read from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from crawler.util.urls import canonical_url
from spiders.entries import Entry


@dataclass
class KnownItems:
    published: dict[str, date | None] = field(default_factory=dict)  # canonical URL -> publish date
    due_for_recheck: set[str] = field(default_factory=set)
    list_validators: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # URL -> (ETag, Last-Modified)
    # List page URL -> where its list was read from by a recent clean crawl ("jpaas": the page is a shell).
    list_via: dict[str, str] = field(default_factory=dict)
    # Page through the whole list when the last crawl did not finish cleanly, so nothing it missed stays missed.
    full_crawl: bool = True

    @classmethod
    def empty(cls) -> KnownItems:
        return cls()

    def is_known(self, url: str) -> bool:
        return canonical_url(url) in self.published

    def needs_fetch(self, url: str) -> bool:
        key = canonical_url(url)
        return key not in self.published or key in self.due_for_recheck

    def settled(self, entries: list[Entry]) -> bool:
        """True when this page reached known ground: its oldest entry is known and no gap follows a known one.

        Lists are newest first, so new items sit at the head; an unknown entry after a known one is a gap
        (an item missed earlier) and the crawl keeps paging to make sure nothing older is missing too.
        """
        if not entries or not self.is_known(entries[-1].url):
            return False
        first_known = next(i for i, e in enumerate(entries) if self.is_known(e.url))
        return all(self.is_known(e.url) for e in entries[first_known:])

    def missing_from_list(self, seen: dict[str, Entry]) -> list[str]:
        """Known items dated inside the span of the list pages just read but no longer listed there."""
        dates = [e.date for e in seen.values() if e.date]
        if not dates:
            return []
        oldest, newest = min(dates), max(dates)
        return sorted(
            url for url, published in self.published.items()
            if published and oldest < published <= newest and url not in seen
        )


def load_known_items(database_url: str, source_id: str, now: datetime) -> KnownItems:
    from db.engine import make_engine
    from db.repository import known_item_state

    engine = make_engine(database_url)
    try:
        state = known_item_state(engine, source_id, now)
    finally:
        engine.dispose()
    return KnownItems(published=state.published, due_for_recheck=state.due, list_validators=state.validators,
                      list_via=state.list_via, full_crawl=not state.last_run_clean)
