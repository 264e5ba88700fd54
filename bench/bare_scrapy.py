"""The crawl-throughput peer: bare Scrapy replaying a recorded list of requests, with no parsing and no storage.

`python -m bench.bare_scrapy REQUESTS.json STATS.json --base-url SIM [--settings S.json]` fetches every request of the file
(method, URL, body, content type, as the simulator logged them for newswatch) with the settings a newswatch
crawl child runs with when politeness is off, and writes Scrapy's stats to STATS.json. The simulator logs
each request under the real host's path, so the peer requests the real URL and newswatch's simulator routing
sends it to the simulator, exactly as it does for newswatch's own requests.
"""

from __future__ import annotations

import argparse
import base64
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess

from crawler.scrapy_ext import settings as nw


class BareSpider(scrapy.Spider):
    name = "bare"
    custom_settings = {"HTTPERROR_ALLOW_ALL": True}  # as newswatch spiders: every answer reaches the callback

    def __init__(self, requests: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.recorded = requests

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for index, record in enumerate(self.recorded):
            body = base64.b64decode(record["body"])
            headers = {"Content-Type": record["content_type"]} if record["content_type"] else {}
            # Earlier requests first, like the crawl that was recorded (the scheduler is LIFO otherwise).
            yield scrapy.Request(real_url(record["path"]), method=record["method"], body=body or None,
                                 headers=headers, callback=self.parse, dont_filter=True, priority=-index)

    def parse(self, response: Any) -> None:
        return None  # no parsing, no items, no storage


def real_url(simulator_path: str) -> str:
    """/kjt.zj.gov.cn/col/x.html?a=1 -> https://kjt.zj.gov.cn/col/x.html?a=1 (the simulator ignores the scheme)."""
    return "https://" + simulator_path.lstrip("/")


# Settings a newswatch crawl child gets per source (crawler/run/handover.py) that matter to fetching.
PER_SOURCE_KEYS = ("DOWNLOAD_DELAY", "AUTOTHROTTLE_ENABLED", "AUTOTHROTTLE_START_DELAY", "CONCURRENT_REQUESTS_PER_DOMAIN",
                   "USER_AGENT")


def bare_settings(simulator: str, per_source: dict[str, str], log_file: str) -> dict[str, Any]:
    """newswatch's crawl-child settings (crawler/scrapy_ext/settings.py, plus the per-source values the runner passes
    with politeness off), minus its spider, pipelines and extensions. Requests reach the simulator the way
    newswatch's do: real-site URLs rewritten by newswatch's SimulatorRoutingMiddleware (so the rewrite's cost
    is on both sides, as it is on neither in production)."""
    return {
        "DOWNLOADER_MIDDLEWARES": {"crawler.scrapy_ext.simulator_routing.SimulatorRoutingMiddleware": 55},
        "NEWSWATCH_SIMULATOR": simulator,
        "BOT_NAME": "bare",
        # newswatch's robots.txt requests (one per host and 24 h) are in the log it replays, like any other.
        "ROBOTSTXT_OBEY": False,
        "CONCURRENT_REQUESTS": nw.CONCURRENT_REQUESTS,
        "CONCURRENT_REQUESTS_PER_DOMAIN": nw.CONCURRENT_REQUESTS_PER_DOMAIN,
        "CONCURRENT_ITEMS": nw.CONCURRENT_ITEMS,  # a cost per response on both sides, whether items come or not
        "DOWNLOAD_TIMEOUT": nw.DOWNLOAD_TIMEOUT,
        "RETRY_ENABLED": nw.RETRY_ENABLED,
        "RETRY_TIMES": nw.RETRY_TIMES,
        "RETRY_HTTP_CODES": nw.RETRY_HTTP_CODES,
        "DOWNLOAD_MAXSIZE": nw.DOWNLOAD_MAXSIZE,
        "DOWNLOAD_WARNSIZE": nw.DOWNLOAD_WARNSIZE,
        "REDIRECT_MAX_TIMES": nw.REDIRECT_MAX_TIMES,
        "COOKIES_ENABLED": nw.COOKIES_ENABLED,
        "TELNETCONSOLE_ENABLED": False,
        "EXTENSIONS": {"scrapy.extensions.remote_control.RemoteControl": None},
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": nw.REQUEST_FINGERPRINTER_IMPLEMENTATION,
        "LOG_LEVEL": "INFO",
        "LOG_FILE": log_file,
        **{key: per_source[key] for key in PER_SOURCE_KEYS if key in per_source},
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.bare_scrapy")
    parser.add_argument("requests", type=Path)
    parser.add_argument("stats", type=Path)
    parser.add_argument("--base-url", required=True, help="the simulator, e.g. http://127.0.0.1:8000")
    parser.add_argument("--settings", type=Path, help="JSON of the per-source settings newswatch's child had")
    args = parser.parse_args()
    recorded = json.loads(args.requests.read_text(encoding="utf-8"))
    per_source = json.loads(args.settings.read_text(encoding="utf-8")) if args.settings else {}
    process = CrawlerProcess(bare_settings(args.base_url.rstrip("/"), per_source, str(args.stats.with_suffix(".log"))))
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, requests=recorded)
    process.start()
    stats = {k: v for k, v in crawler.stats.get_stats().items() if isinstance(v, (int, float, str))}
    args.stats.write_text(json.dumps(stats, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
