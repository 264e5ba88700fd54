"""Target 2, incremental cost: what a re-crawl requests, against the lower bound of requests it must make.

After a full crawl of every simulated source, a re-crawl with nothing new must fetch one list page per
source and no article (lower bound = sources); after k new articles, sources + k (plus any list page the
new articles push the crawl onto: none for the k used here, which fit on each list's first page). Requests
are counted by the simulator. robots.txt is reported on its own line: each crawl child asks for it once
per host; against the simulator that request goes to the simulator's own root and is dropped by Scrapy's
offsite filter, so it is read from the crawl's Scrapy stats (`robotstxt/request_count`), which is what a real
host would receive. Knobs: BENCH_NEW_ITEMS (k, default 6), BENCH_SOURCES.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from bench.common import Row, knob, log, run_main
from bench.crawling import CrawlSetup, bench_tmp, crawlable_sources, temporary_database
from bench.simserver import SimProcess, simulator_process
from crawler.crawl_command import log_path
from crawler.runner import CrawlResult

_ROBOTS_STAT = re.compile(r"'robotstxt/request_count':\s*(\d+)")


def robots_requests(setup: CrawlSetup, results: list[CrawlResult]) -> int:
    """robots.txt requests the crawl children made, from the stats each one dumps into its log."""
    total = 0
    for result in results:
        if result.run_id is None:
            continue
        path = log_path(setup.settings, result.source_id, result.run_id)
        match = _ROBOTS_STAT.search(path.read_text(encoding="utf-8", errors="replace")) if path.exists() else None
        total += int(match.group(1)) if match else 0
    return total


def counted_recrawl(sim: SimProcess, setup: CrawlSetup, sources: list[str]) -> dict[str, Any]:
    sim.reset_logs()
    _, results = setup.crawl(sources)
    counts = sim.get("/_sim/requests")
    by_source = {s: counts["by_source"].get(s, {}) for s in sources}
    logged = [r for r in sim.request_log()]
    return {
        "total": len(logged),
        "detail": sum(c.get("detail", 0) for c in by_source.values()),
        "by_source": by_source,
        "robots": robots_requests(setup, results),
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


def rows_for(name: str, measured: dict[str, Any], bound: int, new: dict[str, int]) -> list[Row]:
    note = over_bound(measured["by_source"], new)
    if measured["failed"]:
        note = f"crawl failed: {', '.join(measured['failed'])}; " + note
    with_robots = measured["total"] + measured["robots"]
    return [
        Row("incremental", f"{name}: requests", measured["total"], peer=bound, peer_name="lower bound",
            ratio=measured["total"] / bound, target="ratio 1.00", passed=measured["total"] == bound, note=note),
        Row("incremental", f"{name}: requests incl. robots.txt", with_robots, peer=bound, peer_name="lower bound",
            ratio=with_robots / bound, target="ratio 1.00", passed=with_robots == bound,
            note=f"{measured['robots']} robots.txt request(s): one per crawl child and host (see docs/benchmarks.md)"),
    ]


def run() -> list[Row]:
    """Incremental cost: requests of a re-crawl with nothing new and with k new articles vs the lower bound."""
    k = int(knob("NEW_ITEMS", 6))
    with simulator_process() as sim, tempfile.TemporaryDirectory(dir=bench_tmp()) as tmp:
        with temporary_database("sqlite", Path(tmp), "incremental") as url:
            setup = CrawlSetup(sim.url, url, Path(tmp) / "data")
            sources = crawlable_sources(sim.served_sources(), setup.catalog)
            log(f"full crawl of {len(sources)} sources")
            setup.crawl(sources)
            log("re-crawl with nothing new")
            quiet = counted_recrawl(sim, setup, sources)
            new = {s: 0 for s in sources}
            for index in range(k):
                source_id = sources[index % len(sources)]
                sim.post(f"/_sim/sources/{source_id}/publish", {})
                new[source_id] += 1
            log(f"re-crawl after {k} new articles")
            fresh = counted_recrawl(sim, setup, sources)
            setup.close()
    rows = rows_for("nothing new", quiet, len(sources), {})
    rows.insert(1, Row("incremental", "nothing new: article requests", quiet["detail"], target="0",
                       passed=quiet["detail"] == 0))
    rows += rows_for(f"{k} new", fresh, len(sources) + k, new)
    return rows


if __name__ == "__main__":
    run_main("incremental", run)
