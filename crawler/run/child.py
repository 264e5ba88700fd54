"""A crawl child: one Scrapy crawl of one source in its own process (Twisted's reactor cannot be restarted in
a process), its hand-over (handover.py) a JSON document.

The runner forks its children from a process that has already imported all of this (child_process.py); by hand,
`python -m crawler.run.child <source id>` reads the hand-over on stdin. The exit code is 1 when Scrapy could
not even start the crawl, as for `scrapy crawl`.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

# The source travels in the settings, so the spider never loads the catalog (spiders/base.py).
SOURCE_SETTING = "NEWSWATCH_SOURCE"


def crawl(source_id: str, handover: dict[str, Any]) -> int:
    """Run the crawl the hand-over describes; the process's exit code."""
    if handover["source"]["id"] != source_id:
        print(f"the hand-over is for {handover['source']['id']!r}, not {source_id!r}", file=sys.stderr)
        return 2
    settings = Settings()
    settings.setmodule(handover["settings_module"], priority="project")
    settings.setdict({**handover["settings"], SOURCE_SETTING: handover["source"]}, priority="cmdline")
    process = CrawlerProcess(settings)
    process.crawl(handover["spider"], source=source_id)
    process.start()
    return 1 if process.bootstrap_failed else 0


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m crawler.run.child <source id>, the hand-over on stdin", file=sys.stderr)
        return 2
    return crawl(argv[1], json.load(sys.stdin))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
