"""The cap on new articles per crawl: which new list entries are fetched now (the newest), how many wait.

A list of tens of thousands of entries would otherwise queue as many detail requests at once (hundreds of MB
in the crawl child) and outlast any crawl timeout. What is left is not stored, so it stays unknown: the run
records how many wait (run_outcome.NEW_LEFT_STAT) and the next crawl pages through the list again to fetch
them (db.repository.known_item_state), newest first again, until none is left.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spiders.entries import Entry


def newest_first(entries: list[Entry]) -> list[Entry]:
    """The entries newest by date first. Lists are newest first, so list order is the best guess for an
    undated entry: it keeps its place after the dated entry before it. Equal dates keep their list order."""
    keyed: list[tuple[date, Entry]] = []
    latest = date.max  # undated entries at the head of a list stay at the head
    for entry in entries:
        latest = entry.date or latest
        keyed.append((latest, entry))
    return [entry for _, entry in sorted(keyed, key=lambda pair: pair[0], reverse=True)]  # stable sort


@dataclass
class NewArticleBudget:
    """At most `cap` new articles per crawl, over every list page of the crawl."""

    cap: int
    taken: int = 0
    left: set[str] = field(default_factory=set)  # keys of the new entries left for the next crawls

    def take(self, fresh: dict[str, Entry]) -> set[str]:
        """The keys (canonical URLs) of the new entries of one list page to fetch now; the others wait."""
        room = max(self.cap - self.taken, 0)
        if len(fresh) <= room:
            chosen = set(fresh)
        else:
            key_of = {entry: key for key, entry in fresh.items()}  # one key per entry: keys are their URLs
            chosen = {key_of[entry] for entry in newest_first(list(fresh.values()))[:room]}
        self.taken += len(chosen)
        self.left.update(key for key in fresh if key not in chosen)
        return chosen
