"""Scrapy extension: reports progress on stdout and writes the crawl-run record when the crawl closes."""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from sqlalchemy.exc import OperationalError

from crawler.run.child_lines import OUTCOME_PREFIX, PROGRESS_PREFIX
from crawler.run.outcome import decide_outcome
from db.engine import make_engine, make_session_factory
from db.repository import finish_run, set_run_pid
from db.write_errors import reason as reason_of

PROGRESS_INTERVAL = 0.5
ANSWERS_STAT = "newswatch/site_answers"
logger = logging.getLogger("newswatch.crawl")


class CrawlRunRecorder:
    def __init__(self, crawler: Any, database_url: str, run_id: int) -> None:
        self.crawler = crawler
        self.database_url = database_url
        self.run_id = run_id
        self.last_progress = 0.0
        # False once the runner is gone (killed): the crawl goes on and records itself, silently.
        self.runner_listening = True

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
            (recorder.response_arrived, signals.response_received),  # before progress, which reports the count
            (recorder.progress, signals.response_received),
            (recorder.spider_opened, signals.spider_opened),
            (recorder.spider_closed, signals.spider_closed),
        ):
            crawler.signals.connect(handler, signal=signal)
        return recorder

    def spider_opened(self, spider: Any) -> None:
        """The run names this process, so whoever finds it running can tell whether it still lives."""
        engine = make_engine(self.database_url)
        try:
            with make_session_factory(engine).begin() as session:
                set_run_pid(session, self.run_id, os.getpid())
        except OperationalError as exc:
            logger.warning("could not record this crawl's pid in run %d (%s)", self.run_id, reason_of(exc))
        finally:
            engine.dispose()

    def progress(self, *args: Any, **kwargs: Any) -> None:
        now = time.monotonic()
        if now - self.last_progress < PROGRESS_INTERVAL:
            return
        self.last_progress = now
        self._emit(self.crawler.stats.get_stats())

    def response_arrived(self, response: Any, **kwargs: Any) -> None:
        """Count the site's real answers (a 5xx or 429 is the site failing or refusing): the runner watches
        them to tell a site that was still answering when the crawl timed out from one that had gone silent."""
        if response.status < 500 and response.status != 429:
            self.crawler.stats.inc_value(ANSWERS_STAT)

    def _tell_runner(self, line: str) -> None:
        """One line to the runner on stdout; a runner killed meanwhile (closed pipe) is normal, not an error."""
        if not self.runner_listening:
            return
        try:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
        except (BrokenPipeError, ValueError):
            self.runner_listening = False
            # Later writes (and the flush at exit) must not raise again: stdout goes nowhere from now on.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
            logger.info("the runner that started this crawl is gone; the crawl goes on and records its own run")

    def _emit(self, stats: dict[str, Any]) -> None:
        payload = {
            "entries": stats.get("newswatch/entries_seen", 0),
            "new": stats.get("newswatch/items/new", 0),
            "changed": stats.get("newswatch/items/changed", 0),
            "errors": stats.get("newswatch/errors", 0),
            "requests": stats.get("downloader/request_count", 0),
            "answers": stats.get(ANSWERS_STAT, 0),
        }
        self._tell_runner(PROGRESS_PREFIX + json.dumps(payload))

    def spider_closed(self, spider: Any, reason: str) -> None:
        stats = self.crawler.stats.get_stats()
        self._emit(stats)
        result = decide_outcome(stats, reason)
        kept = {k: v for k, v in stats.items() if k.startswith(("newswatch/", "downloader/response_status_count"))}
        kept = {k: v for k, v in kept.items() if isinstance(v, (int, float, str))}
        if result.signal:
            kept["signal"] = result.signal
        minimal = {**result.counts, "stats": {"signal": result.signal} if result.signal else {}}
        full = {**result.counts, "error_log": result.error_log, "stats": kept}
        # The database record first: it must not depend on the runner still being there.
        self._record(result.outcome, result.message, full, minimal)
        # The outcome also goes to the runner on stdout: it records it if this process could not (database full).
        outcome = {"outcome": result.outcome, "message": result.message, "counts": minimal}
        self._tell_runner(OUTCOME_PREFIX + json.dumps(outcome, ensure_ascii=False))

    def _record(self, outcome: str, message: str, full: dict[str, Any], minimal: dict[str, Any]) -> None:
        engine = make_engine(self.database_url)
        try:
            # A full database may still take the short record (it may fit in place) when it refuses the long one.
            for counts in (full, minimal):
                try:
                    with make_session_factory(engine).begin() as session:
                        finish_run(session, self.run_id, outcome, message, counts)
                    return
                except OperationalError as exc:
                    logger.error("could not record crawl run %d (%s)%s", self.run_id, reason_of(exc),
                                 "" if counts is full else "; the runner records its outcome")
        finally:
            engine.dispose()
