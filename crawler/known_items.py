"""What a crawl already knows about its source: stored URLs, so list paging can stop early."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from spiders.entries import Entry


@dataclass
class KnownItems:
    urls: set[str] = field(default_factory=set)
    due_for_recheck: set[str] = field(default_factory=set)
    # Page through the whole list when the last crawl did not finish cleanly, so nothing it missed stays missed.
    full_crawl: bool = True

    @classmethod
    def empty(cls) -> KnownItems:
        return cls()

    def is_known(self, url: str) -> bool:
        return url in self.urls

    def needs_fetch(self, url: str) -> bool:
        return url not in self.urls or url in self.due_for_recheck

    def settled(self, entries: list[Entry]) -> bool:
        """True when this page reached known ground: its oldest entry is known and no gap follows a known one.

        Lists are newest first, so new items sit at the head; an unknown entry after a known one is a gap
        (an item missed earlier) and the crawl keeps paging to make sure nothing older is missing too.
        """
        if not entries or not self.is_known(entries[-1].url):
            return False
        first_known = next(i for i, e in enumerate(entries) if self.is_known(e.url))
        return all(self.is_known(e.url) for e in entries[first_known:])


def load_known_items(database_url: str, source_id: str, now: datetime) -> KnownItems:
    from db.engine import make_engine
    from db.repository import known_item_state

    engine = make_engine(database_url)
    try:
        urls, due, last_run_clean = known_item_state(engine, source_id, now)
    finally:
        engine.dispose()
    return KnownItems(urls=urls, due_for_recheck=due, full_crawl=not last_run_clean)
