"""The cap on new articles per crawl: the newest entries first (by date where dated), the rest counted as left."""

from __future__ import annotations

from datetime import date

from spiders.entries import Entry
from spiders.new_articles import NewArticleBudget, newest_first


def entry(name: str, day: int | None = None) -> Entry:
    return Entry(f"https://example.gov.cn/{name}.html", name, date(2026, 1, day) if day else None)


def test_newest_first_orders_by_date_and_keeps_list_order_on_ties() -> None:
    pinned_old = entry("pinned", 1)
    entries = [pinned_old, entry("a", 20), entry("b", 20), entry("c", 19)]
    assert [e.title for e in newest_first(entries)] == ["a", "b", "c", "pinned"]


def test_an_undated_entry_keeps_its_place_after_the_dated_one_before_it() -> None:
    entries = [entry("head"), entry("old", 3), entry("after-old"), entry("new", 9)]
    assert [e.title for e in newest_first(entries)] == ["head", "new", "old", "after-old"]


def test_the_budget_takes_the_newest_and_counts_the_rest_over_every_page() -> None:
    budget = NewArticleBudget(cap=3)
    page_one = {e.url: e for e in [entry("pinned", 1), entry("a", 20), entry("b", 19)]}
    assert budget.take(page_one) == {entry("a", 20).url, entry("b", 19).url, entry("pinned", 1).url}
    page_two = {e.url: e for e in [entry("c", 18), entry("d", 17)]}
    assert budget.take(page_two) == set()
    assert budget.left == set(page_two) and budget.taken == 3


def test_an_over_full_page_gives_its_newest_entries() -> None:
    budget = NewArticleBudget(cap=2)
    page = {e.url: e for e in [entry("pinned", 1), entry("a", 20), entry("b", 21), entry("c", 2)]}
    assert budget.take(page) == {entry("a", 20).url, entry("b", 21).url}
    assert budget.left == {entry("pinned", 1).url, entry("c", 2).url}
