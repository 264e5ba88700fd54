"""Target 2, incremental cost: what a re-crawl requests, against the lower bound of requests it must make.

After a full crawl of every simulated source, a re-crawl with nothing new must fetch one list page per
source and no article (lower bound = sources); after k new articles, sources + k (plus any list page the
new articles push the crawl onto: none for the k used here, which fit on each list's first page). Requests
are counted by the simulator's request log. robots.txt requests are counted apart from the others and
reported on their own line: newswatch keeps each host's robots.txt for 24 h in the database, shared by every
crawl child (crawler/scrapy_ext/robots_cache.py), so a re-crawl within a day asks for none and the lower bound of that
line is the same; the note gives what the full crawl before asked (one per host). Knobs: BENCH_NEW_ITEMS
(k, default 6), BENCH_SOURCES.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from bench.common import Row, knob, log, run_main
from bench.crawling import CrawlSetup, bench_tmp, crawlable_sources, temporary_database
from bench.simserver import SimProcess, simulator_process


def is_robots(record: dict[str, Any]) -> bool:
    """A request of the simulator's log for a host's robots.txt (`/<host>/robots.txt`)."""
    path = record["path"].split("?", 1)[0]
    return path.count("/") == 2 and path.endswith("/robots.txt")


def counted_crawl(sim: SimProcess, setup: CrawlSetup, sources: list[str]) -> dict[str, Any]:
    sim.reset_logs()
    _, results = setup.crawl(sources)
    counts = sim.get("/_sim/requests")
    by_source = {s: counts["by_source"].get(s, {}) for s in sources}
    logged = sim.request_log()
    robots = sum(1 for r in logged if is_robots(r))
    return {
        "total": len(logged) - robots,
        "detail": sum(c.get("detail", 0) for c in by_source.values()),
        "by_source": by_source,
        "robots": robots,
        "failed": [r.source_id for r in results if r.outcome != "ok"],
    }


def over_bound(by_source: dict[str, dict[str, int]], new: dict[str, int]) -> str:
    """Sources that requested more than one list page plus their new articles."""
    extra = []
    for source_id, counts in by_source.items():
        lists = counts.get("list", 0) + counts.get("proxy", 0)
        details = counts.get("detail", 0)
        if lists > 1 or details > new.get(source_id, 0):
            extra.append(f"{source_id}: {lists} list, {details} detail")
    return "; ".join(extra)


def rows_for(name: str, measured: dict[str, Any], bound: int, new: dict[str, int], full_robots: int) -> list[Row]:
    note = over_bound(measured["by_source"], new)
    if measured["failed"]:
        note = f"crawl failed: {', '.join(measured['failed'])}; " + note
    with_robots = measured["total"] + measured["robots"]
    return [
        Row("incremental", f"{name}: requests", measured["total"], peer=bound, peer_name="lower bound",
            ratio=measured["total"] / bound, target="ratio 1.00", passed=measured["total"] == bound, note=note),
        # Within 24 h of the full crawl every host's robots.txt is cached: it adds nothing to the lower bound.
        Row("incremental", f"{name}: requests incl. robots.txt", with_robots, peer=bound, peer_name="lower bound",
            ratio=with_robots / bound, target="ratio 1.00", passed=with_robots == bound,
            note=f"{measured['robots']} robots.txt request(s); the full crawl before asked {full_robots} (one per "
                 "host, kept 24 h for every crawl child; see docs/benchmarks.md)"),
    ]


def run() -> list[Row]:
    """Incremental cost: requests of a re-crawl with nothing new and with k new articles vs the lower bound."""
    k = int(knob("NEW_ITEMS", 6))
    with simulator_process() as sim, tempfile.TemporaryDirectory(dir=bench_tmp()) as tmp:
        with temporary_database("sqlite", Path(tmp), "incremental") as url:
            setup = CrawlSetup(sim.url, url, Path(tmp) / "data")
            sources = crawlable_sources(sim.served_sources(), setup.catalog)
            log(f"full crawl of {len(sources)} sources")
            full = counted_crawl(sim, setup, sources)
            log("re-crawl with nothing new")
            quiet = counted_crawl(sim, setup, sources)
            new = {s: 0 for s in sources}
            for index in range(k):
                source_id = sources[index % len(sources)]
                sim.post(f"/_sim/sources/{source_id}/publish", {})
                new[source_id] += 1
            log(f"re-crawl after {k} new articles")
            fresh = counted_crawl(sim, setup, sources)
            setup.close()
    rows = rows_for("nothing new", quiet, len(sources), {}, full["robots"])
    rows.insert(1, Row("incremental", "nothing new: article requests", quiet["detail"], target="0",
                       passed=quiet["detail"] == 0))
    rows += rows_for(f"{k} new", fresh, len(sources) + k, new, full["robots"])
    return rows


if __name__ == "__main__":
    run_main("incremental", run)
