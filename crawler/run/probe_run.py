"""What the runner does with a list probe's answers: the run of an unchanged source, and the crawl child's
share of them (see crawler/run/list_probe.py)."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from crawler.config import Settings
from crawler.run.handover import MIN_DELAY_SECONDS, user_agent
from crawler.run.list_probe import ListProbe, unchanged
from crawler.run.probe_fetch import ProbeAnswer, ProbeFetcher
from crawler.scrapy_ext import settings as scrapy_settings
from db.list_probe_state import PROBE_STAT, PROBE_URLS_STAT

UNCHANGED_MESSAGE = "list unchanged since the last crawl (the runner's probe: HTTP 304 or the same page; no crawl child)"
# Scrapy settings of a crawl child: the probe's answers (crawler/scrapy_ext/probed_responses.py), and whether it
# reads its lists without validators (the daily full check).
PROBED_SETTING = "NEWSWATCH_PROBED"  # read by crawler/scrapy_ext/probed_responses.py
FULL_CHECK_SETTING = "NEWSWATCH_FULL_CHECK"


@dataclass(frozen=True)
class Probed:
    """The answers of one source's probe (none: it was not probed)."""

    answers: list[ProbeAnswer] = field(default_factory=list)
    started: datetime | None = None
    seconds: float = 0.0

    @property
    def unchanged(self) -> bool:
        return unchanged(self.answers)

    def stats(self) -> dict[str, Any]:
        """Run stats as a crawl child would write them for the same answers, marked as the probe's."""
        statuses = Counter(a.status for a in self.answers if a.status is not None)
        stats: dict[str, Any] = {
            PROBE_STAT: "unchanged" if self.unchanged else "changed",
            PROBE_URLS_STAT: "\n".join(a.url for a in self.answers),
            "newswatch/list_pages": len(self.answers),
            "newswatch/list_not_modified": statuses.get(304, 0),
            "newswatch/probe_same_page": sum(1 for a in self.answers if a.same_page),
            "downloader/request_count": len(self.answers),
        }
        stats.update({f"downloader/response_status_count/{status}": n for status, n in statuses.items()})
        return stats


def new_probe(settings: Settings, politeness_scale: float, stopping: threading.Event) -> ListProbe:
    fetcher = ProbeFetcher(user_agent(settings), settings.download_timeout, scrapy_settings.DOWNLOAD_MAXSIZE,
                           settings.simulator)
    return ListProbe(fetcher, politeness_scale, stopping, MIN_DELAY_SECONDS)


def probe_settings(answers: list[ProbeAnswer], full: bool) -> dict[str, Any]:
    """The crawl child's settings for what the probe learnt: the answers it got (never one that did not come)."""
    values: dict[str, Any] = {}
    handed = [a.handover() for a in answers if a.status is not None]
    if handed:
        values[PROBED_SETTING] = handed
    if full:
        values[FULL_CHECK_SETTING] = True
    return values
