"""A crawl child: `python -m crawler.run.child <source id>`, its hand-over (handover.py) on stdin.

One Scrapy crawl of one source in its own process (Twisted's reactor cannot be restarted in a process);
the exit code is 1 when Scrapy could not even start the crawl, as for `scrapy crawl`.
"""

from __future__ import annotations

import json
import sys

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

# The source travels in the settings, so the spider never loads the catalog (spiders/base.py).
SOURCE_SETTING = "NEWSWATCH_SOURCE"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m crawler.run.child <source id>, the hand-over on stdin", file=sys.stderr)
        return 2
    handover = json.load(sys.stdin)
    if handover["source"]["id"] != argv[1]:
        print(f"the hand-over is for {handover['source']['id']!r}, not {argv[1]!r}", file=sys.stderr)
        return 2
    settings = Settings()
    settings.setmodule(handover["settings_module"], priority="project")
    settings.setdict({**handover["settings"], SOURCE_SETTING: handover["source"]}, priority="cmdline")
    process = CrawlerProcess(settings)
    process.crawl(handover["spider"], source=argv[1])
    process.start()
    return 1 if process.bootstrap_failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
