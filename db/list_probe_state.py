"""What the runner's list probe reads and writes: whether a source may be answered by a probe, and the run of
a source the probe found unchanged (crawler/run/list_probe.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models import CrawlRun, Item, ListPageState, Source
from db.recheck import is_due_for_recheck
from db.repository import CLEAN_OUTCOMES, new_left

# The run stat naming the first list pages a crawl asked for conditionally, newline-separated (spiders/base.py).
PROBE_URLS_STAT = "newswatch/probe_urls"
# The run stat of a run the probe answered without a crawl child.
PROBE_STAT = "newswatch/probe"


@dataclass(frozen=True)
class ProbeTarget:
    url: str
    etag: str | None
    last_modified: str | None
    fingerprint: str | None = None  # the digest of the page as last read (crawler/util/page_digest.py)


@dataclass(frozen=True)
class ProbePlan:
    """Either the pages to probe, or why the source needs a crawl child now (`full`: one that reads its lists
    without validators, the first crawl, after an unclean one, and once a day)."""

    targets: tuple[ProbeTarget, ...] = ()
    reason: str = ""
    full: bool = False


def probe_plan(session: Session, source_id: str, now: datetime, full_every: timedelta) -> ProbePlan:
    """The pages to probe for this source, when its last run was clean and left validators for every first list
    page it asked for; otherwise why not."""
    last = session.execute(
        select(CrawlRun.outcome, CrawlRun.stats)
        .where(CrawlRun.source_id == source_id, CrawlRun.finished_at.is_not(None))
        .order_by(CrawlRun.id.desc()).limit(1)
    ).first()
    if last is None or last.outcome not in CLEAN_OUTCOMES or new_left(last.stats):
        return ProbePlan(reason="first crawl, or the last one was not clean", full=True)
    checked = session.scalar(select(Source.full_check_at).where(Source.id == source_id))
    if checked is None or not now - full_every < checked <= now + timedelta(minutes=5):
        return ProbePlan(reason="the daily full check is due", full=True)
    urls = [u for u in str((last.stats or {}).get(PROBE_URLS_STAT) or "").split("\n") if u]
    if not urls:
        return ProbePlan(reason="the last crawl named no first list page")
    rows = {row.url: row for row in session.execute(
        select(ListPageState.url, ListPageState.etag, ListPageState.last_modified, ListPageState.fingerprint)
        .where(ListPageState.url.in_(urls)))}
    targets = []
    for url in urls:
        row = rows.get(url)
        if row is None or not (row.etag or row.last_modified or row.fingerprint):
            return ProbePlan(reason=f"neither validators nor a digest kept for {url}")
        targets.append(ProbeTarget(url, row.etag, row.last_modified, row.fingerprint))
    if recheck_due(session, source_id, now):
        return ProbePlan(reason="stored items are due for a re-check")
    return ProbePlan(tuple(targets))


def recheck_due(session: Session, source_id: str, now: datetime) -> bool:
    """Any active item of the source due for a re-check (db/recheck.py): only a crawl child fetches those."""
    rows = session.execute(
        select(Item.published_at, Item.first_seen_at, Item.last_checked_at)
        .where(Item.source_id == source_id, Item.status == "active")
    )
    return any(is_due_for_recheck(published or first_seen, checked, now) for published, first_seen, checked in rows)


def record_unchanged(session: Session, source_id: str, trigger: str, host: str, started: datetime,
                     finished: datetime, message: str, stats: dict[str, Any]) -> CrawlRun:
    """The run of a source the probe found unchanged: ok, nothing seen, its probe requests counted."""
    requests = int(stats.get("downloader/request_count") or 0)
    run = CrawlRun(source_id=source_id, trigger=trigger, host=host, pid=None, outcome="ok", message=message,
                   started_at=started, finished_at=finished, requests=requests, stats=stats, error_log=[])
    session.add(run)
    session.flush()
    return run


def mark_full_check(session: Session, source_id: str, when: datetime) -> None:
    session.execute(update(Source).where(Source.id == source_id).values(full_check_at=when))
