"""Peak memory of one crawl child: `python -m bench.crawl_memory --database URL --simulator URL --source ID`.

Runs one crawl through the runner and prints JSON with the child's peak resident set size. It runs in a
process of its own because getrusage(RUSAGE_CHILDREN) reports the largest child ever waited for: here,
that is the crawl child and nothing else. (Scrapy's own `memusage/max` is sampled once a minute, so a
short crawl would only report its start-up size.)
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from bench.crawling import CrawlSetup
from crawler.run.child_process import stop_server


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.crawl_memory")
    parser.add_argument("--database", required=True)
    parser.add_argument("--simulator", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--data-dir", type=Path, required=True)
    args = parser.parse_args()
    setup = CrawlSetup(args.simulator, args.database, args.data_dir)
    started = time.perf_counter()
    result = setup.runner().run_one(setup.catalog[args.source])
    seconds = time.perf_counter() - started
    setup.close()
    stop_server()  # the crawl child's fork server, waited for: the child's peak counts in RUSAGE_CHILDREN
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # Linux: kilobytes
    print(json.dumps({"peak_mb": peak_kb / 1024, "outcome": result.outcome, "counts": result.counts,
                      "seconds": seconds, "message": result.message}))


if __name__ == "__main__":
    main()
