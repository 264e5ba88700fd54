"""Scrapy extension: reports progress on stdout and writes the crawl-run record when the crawl closes."""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from sqlalchemy.exc import OperationalError

from crawler.run_outcome import decide_outcome
from db.engine import make_engine, make_session_factory
from db.repository import finish_run
from db.write_errors import reason as reason_of

PROGRESS_PREFIX = "NWPROGRESS "
# The run's outcome, as one JSON line on stdout when the spider closes.
OUTCOME_PREFIX = "NWOUTCOME "
PROGRESS_INTERVAL = 0.5
logger = logging.getLogger("newswatch.crawl")


class CrawlRunRecorder:
    def __init__(self, crawler: Any, database_url: str, run_id: int) -> None:
        self.crawler = crawler
        self.database_url = database_url
        self.run_id = run_id
        self.last_progress = 0.0

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlRunRecorder:
        url = crawler.settings.get("NEWSWATCH_DATABASE_URL")
        run_id = crawler.settings.getint("NEWSWATCH_RUN_ID")
        if not url or not run_id:
            raise NotConfigured("not started by the newswatch runner: no crawl-run record to write")
        recorder = cls(crawler, url, run_id)
        for handler, signal in (
            (recorder.progress, signals.item_scraped),
            (recorder.progress, signals.item_dropped),
            (recorder.progress, signals.response_received),
            (recorder.spider_closed, signals.spider_closed),
        ):
            crawler.signals.connect(handler, signal=signal)
        return recorder

    def progress(self, *args: Any, **kwargs: Any) -> None:
        now = time.monotonic()
        if now - self.last_progress < PROGRESS_INTERVAL:
            return
        self.last_progress = now
        self._emit(self.crawler.stats.get_stats())

    def _emit(self, stats: dict[str, Any]) -> None:
        payload = {
            "entries": stats.get("newswatch/entries_seen", 0),
            "new": stats.get("newswatch/items/new", 0),
            "changed": stats.get("newswatch/items/changed", 0),
            "errors": stats.get("newswatch/errors", 0),
            "requests": stats.get("downloader/request_count", 0),
        }
        sys.stdout.write(PROGRESS_PREFIX + json.dumps(payload) + "\n")
        sys.stdout.flush()

    def spider_closed(self, spider: Any, reason: str) -> None:
        stats = self.crawler.stats.get_stats()
        self._emit(stats)
        result = decide_outcome(stats, reason)
        kept = {k: v for k, v in stats.items() if k.startswith(("newswatch/", "downloader/response_status_count"))}
        kept = {k: v for k, v in kept.items() if isinstance(v, (int, float, str))}
        if result.signal:
            kept["signal"] = result.signal
        # The outcome also goes to the runner on stdout: it records it if this process cannot (database full).
        minimal = {**result.counts, "stats": {"signal": result.signal} if result.signal else {}}
        outcome = {"outcome": result.outcome, "message": result.message, "counts": minimal}
        sys.stdout.write(OUTCOME_PREFIX + json.dumps(outcome, ensure_ascii=False) + "\n")
        sys.stdout.flush()
        full = {**result.counts, "error_log": result.error_log, "stats": kept}
        engine = make_engine(self.database_url)
        try:
            # A full database may still take the short record (it may fit in place) when it refuses the long one.
            for counts in (full, minimal):
                try:
                    with make_session_factory(engine).begin() as session:
                        finish_run(session, self.run_id, result.outcome, result.message, counts)
                    return
                except OperationalError as exc:
                    logger.error("could not record crawl run %d (%s)%s", self.run_id, reason_of(exc),
                                 "" if counts is full else "; the runner records its outcome")
        finally:
            engine.dispose()
