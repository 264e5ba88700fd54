"""The baseline of a source: its first crawl that stored items, and the crawls that stored the rest of its archive
when the first one left part of it for later (the cap on new articles per crawl)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from crawler.alerts.context import first_crawl_ends
from tests.alerts.dbfactory import World, at, make_world

SOURCE = "zj-kjt-notices"
NOW = at("2025-03-12 09:00")


def ends(world: World) -> dict:
    with Session(world.engine) as session:
        return first_crawl_ends(session, {SOURCE}, NOW)


def test_the_first_crawl_that_stored_items_ends_the_baseline(database_url: str) -> None:
    world = make_world(database_url)
    world.crawl_run(SOURCE, at("2025-03-10 01:00"), at("2025-03-10 01:10"), new=0, outcome="failed")
    world.crawl_run(SOURCE, at("2025-03-10 02:00"), at("2025-03-10 02:30"), new=5)
    world.crawl_run(SOURCE, at("2025-03-10 08:00"), at("2025-03-10 08:30"), new=1)
    assert ends(world) == {SOURCE: at("2025-03-10 02:30")}


def test_an_archive_left_for_later_is_baseline_until_a_crawl_leaves_nothing(database_url: str) -> None:
    world = make_world(database_url)
    world.crawl_run(SOURCE, at("2025-03-10 02:00"), at("2025-03-10 02:30"), new=500,
                    stats={"newswatch/new_left": 700})
    # A failed crawl in between says nothing of what is left; the next crawl goes on with the archive.
    world.crawl_run(SOURCE, at("2025-03-10 08:00"), at("2025-03-10 08:01"), new=0, outcome="failed")
    world.crawl_run(SOURCE, at("2025-03-10 14:00"), at("2025-03-10 14:30"), new=500,
                    stats={"newswatch/new_left": 200})
    assert ends(world) == {SOURCE: NOW}  # still catching up: everything so far is baseline
    world.crawl_run(SOURCE, at("2025-03-10 20:00"), at("2025-03-10 20:30"), new=200)
    world.crawl_run(SOURCE, at("2025-03-11 02:00"), at("2025-03-11 02:30"), new=1)
    assert ends(world) == {SOURCE: at("2025-03-10 20:30")}
