"""Source health: declarative checks over a crawl run and the source's history decide its state.

States (ARCHITECTURE.md): ok, empty, blocked, unreachable, degraded, quiet. Checks run in order (signal,
layout changed, degraded, quiet) and the first that fires wins; each is a small pure function, tested with
synthetic runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median
from typing import Any

from crawler.config.sections import HealthThresholds
from crawler.run.outcome import LOCAL_SIGNALS, SITE_ANSWERING_STAT
from crawler.scrapy_ext.crawl_errors import LAYOUT_FALLBACK_STAT


@dataclass(frozen=True)
class RunFacts:
    """What the checks need of one finished run."""

    outcome: str
    signal: str | None
    message: str
    new: int
    stats: dict[str, Any]


@dataclass(frozen=True)
class Verdict:
    state: str
    message: str


Check = Callable[[RunFacts, Sequence[datetime], datetime, HealthThresholds], Verdict | None]


def check_signal(run: RunFacts, _published: Sequence[datetime], _now: datetime, _t: HealthThresholds) -> Verdict | None:
    if run.signal in ("blocked", "unreachable", "empty"):
        return Verdict(run.signal, run.message)
    if run.signal == "error":
        # A list page that answers an odd status or binary data cannot be read: the layout changed.
        return Verdict("empty", run.message)
    if run.outcome == "timeout" and not run.stats.get(SITE_ANSWERING_STAT):
        return Verdict("unreachable", run.message)
    # A crawl that ran out of time while the site kept answering says nothing bad of the site: the other
    # checks judge what it read, and its message says it timed out (ok is the state, not a recovery claim).
    return None


def check_layout_changed(run: RunFacts, _published: Sequence[datetime], _now: datetime,
                         _t: HealthThresholds) -> Verdict | None:
    """The family's (or catalog's) list selectors matched nothing: a redesign. The generic list extractor read
    the entries meanwhile, so nothing is missed, but the source is `empty` for its own parser until fixed."""
    pages = int(run.stats.get(LAYOUT_FALLBACK_STAT, 0))
    if not pages:
        return None
    return Verdict("empty", f"list layout changed: the source's list selectors matched nothing on {pages} list "
                            f"page(s); the generic list extractor read them meanwhile ({run.new} new item(s) stored). "
                            "Update the source's selectors in the catalog")


def check_degraded(run: RunFacts, _published: Sequence[datetime], _now: datetime, t: HealthThresholds) -> Verdict | None:
    no_body = int(run.stats.get("newswatch/errors/detail_no_body", 0))
    no_date = int(run.stats.get("newswatch/missing/published", 0))
    attempted = _new_articles_read(run)
    if attempted < t.degraded_min_items:
        return None
    missing = no_body + no_date
    if missing / attempted > t.degraded_missing_share:
        return Verdict("degraded", f"{no_body} of {attempted} new articles had no body and {no_date} no publish date: "
                                   "titles still come through but the article layout changed")
    return None


def _new_articles_read(run: RunFacts) -> int:
    """New articles this run fetched, stored or not (an article without a body is not stored)."""
    return run.new + int(run.stats.get("newswatch/errors/detail_no_body", 0))


def check_quiet(run: RunFacts, published: Sequence[datetime], now: datetime, t: HealthThresholds) -> Verdict | None:
    dates = sorted(published, reverse=True)[: t.quiet_history + 1]
    if len(dates) < 4:
        return None
    gaps = [(a - b).total_seconds() for a, b in zip(dates, dates[1:], strict=False)]
    usual = timedelta(seconds=median(gaps))
    limit = max(usual * t.quiet_factor, timedelta(days=t.quiet_min_days))
    silence = now - dates[0]
    if silence > limit:
        return Verdict("quiet", f"nothing new for {silence.days} days; this source usually publishes every "
                                f"{usual.total_seconds() / 86400:.1f} days")
    return None


CHECKS: tuple[Check, ...] = (check_signal, check_layout_changed, check_degraded, check_quiet)


def evaluate(run: RunFacts, published: Sequence[datetime], now: datetime, thresholds: HealthThresholds,
             current: str | None = None) -> Verdict | None:
    """The source's state after this run; None when the run says nothing about it (interrupted, skipped, or
    stopped by our own fault, such as a full disk: nothing about the source was learnt). `current` is the
    source's state before the run: a degraded source recovers only on enough new articles read whole, not
    on a run that simply found nothing new (that would announce a recovery that did not happen)."""
    if run.outcome in ("interrupted", "skipped", "running") or run.signal in LOCAL_SIGNALS:
        return None
    verdicts = (check(run, published, now, thresholds) for check in CHECKS)
    verdict = next((v for v in verdicts if v), Verdict("ok", run.message))
    too_few_to_tell = _new_articles_read(run) < thresholds.degraded_min_items
    if current == "degraded" and verdict.state in ("ok", "quiet") and too_few_to_tell:
        return None
    return verdict
