"""Deciding how a crawl run ended, from its Scrapy stats: a pure function, tested with synthetic stats."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crawler.scrapy_ext.crawl_errors import ERROR_LOG_KEY
from db.repository import NEW_LEFT_STAT

SIGNAL_PREFIX = "newswatch/signal/"
# A source-level signal means the source itself could not be read: the run failed, whatever else happened.
SOURCE_SIGNALS = ("blocked", "empty", "unreachable", "error")
# Our own faults, not the source's: the database (or the disk under it or under the spool) is full, or the
# database is down and the spool cannot be written. The crawl stops at once, the run fails, and the health
# checks learn nothing about the source from it. The first that applies names the run's signal.
DISK_FULL = "disk_full"
SPOOL_FAILED = "spool_failed"
LOCAL_SIGNALS = (DISK_FULL, SPOOL_FAILED)
# The hosts of list entries skipped as off-site (comma-separated), for the message of a list skipped whole.
OFFSITE_HOSTS_STAT = "newswatch/entries_skipped/offsite_hosts"
# 1 in the stats of a run stopped at the crawl timeout while the site was still answering (the runner watches
# the child's progress, crawler/run/child_progress.py): it ran out of time, the site is not unreachable.
SITE_ANSWERING_STAT = "newswatch/site_answering"
# The cap on new articles the crawl ran with, recorded when it left some for the next crawls: how many is
# NEW_LEFT_STAT, defined with the database, which reads it (the next crawl reads the lists whole again).
NEW_CAP_STAT = "newswatch/new_cap"


@dataclass(frozen=True)
class RunOutcome:
    outcome: str  # ok | partial | failed | interrupted
    signal: str | None
    message: str
    counts: dict[str, int]
    error_log: list[dict[str, Any]]


def counts_from_stats(stats: dict[str, Any]) -> dict[str, int]:
    def get(key: str) -> int:
        return int(stats.get(key) or 0)

    return {
        "entries_seen": get("newswatch/entries_seen"),
        "new": get("newswatch/items/new"),
        "changed": get("newswatch/items/changed"),
        "unchanged": get("newswatch/items/unchanged"),
        "withdrawn": get("newswatch/items/withdrawn"),
        "errors": get("newswatch/errors"),
        "requests": get("downloader/request_count"),
    }


def decide_outcome(stats: dict[str, Any], finish_reason: str) -> RunOutcome:
    counts = counts_from_stats(stats)
    error_log = list(stats.get(ERROR_LOG_KEY) or [])
    signal = next((s for s in SOURCE_SIGNALS if stats.get(SIGNAL_PREFIX + s)), None)
    local = next((s for s in LOCAL_SIGNALS if stats.get(SIGNAL_PREFIX + s)), None)
    if local:
        # Whatever the source did, and however Scrapy closed the spider (we stopped it): the run failed.
        return RunOutcome("failed", local, local_fault_message(stats, local), counts, error_log)
    if finish_reason not in ("finished",):
        message = f"the crawl stopped before finishing ({finish_reason})"
        return RunOutcome("interrupted", signal, message, counts, error_log)
    if signal:
        return RunOutcome("failed", signal, str(stats[SIGNAL_PREFIX + signal]), counts, error_log)
    unreadable = next((e for e in error_log if e["kind"] == "list_parse"), None)
    if unreadable and not counts["entries_seen"]:
        # Not one entry could be read from the list: as good as a list that parsed to nothing (layout or
        # format changed), never "0 new items". Some entries read and a later page broken stays partial.
        message = f"the list could not be read, not one entry: layout or format changed ({unreadable['message']})"
        return RunOutcome("failed", "empty", message, counts, error_log)
    skipped = all_entries_skipped(stats, counts)
    if skipped:
        return RunOutcome("failed", "empty", skipped, counts, error_log)
    if counts["errors"]:
        kinds = sorted({e["kind"] for e in error_log})
        message = f"{counts['errors']} error(s): {', '.join(kinds)}; see the run's error log"
        return RunOutcome("partial", None, message + new_left_note(stats), counts, error_log)
    if not counts["entries_seen"] and stats.get("newswatch/list_not_modified"):
        return RunOutcome("ok", None, "list unchanged since the last crawl (HTTP 304)", counts, error_log)
    message = f"{counts['entries_seen']} entries, {counts['new']} new, {counts['changed']} changed"
    return RunOutcome("ok", None, message + new_left_note(stats), counts, error_log)


def new_left_note(stats: dict[str, Any]) -> str:
    """How many new articles this run left for the next crawls (its cap), or "" when it left none."""
    left = int(stats.get(NEW_LEFT_STAT) or 0)
    if not left:
        return ""
    cap = int(stats.get(NEW_CAP_STAT) or 0)
    return (f"; {left} more new article(s) left for the next crawls (at most {cap} new per crawl: "
            "max_new_per_crawl), newest first")


def all_entries_skipped(stats: dict[str, Any], counts: dict[str, int]) -> str | None:
    """Why a list whose every entry was left out (off-site, a file) is as good as empty; None if it is not."""
    offsite = int(stats.get("newswatch/entries_skipped/offsite") or 0)
    files = int(stats.get("newswatch/entries_skipped/attachment") or 0)
    if counts["entries_seen"] or not (offsite or files):
        return None
    parts = []
    if offsite:
        hosts = str(stats.get(OFFSITE_HOSTS_STAT) or "").replace(",", ", ")
        parts.append(f"{offsite} on other hosts ({hosts}; list a host in the source's allowed_hosts to follow it)")
    if files:
        parts.append(f"{files} links to files, not article pages")
    return f"every entry of the list was skipped, nothing to read: {'; '.join(parts)}"


def timeout_message(site_answering: bool, timeout: float, new: int) -> str:
    """Why a crawl ended at the crawl timeout: out of time while the site answered, or waiting on a silent site."""
    stopped = f"timed out after {timeout:.0f} s"
    if not site_answering:
        return stopped
    return (f"{stopped} while the site was still answering ({new} new article(s) stored); the next crawl goes on "
            "where this one stopped. If it keeps happening, raise crawl_timeout or lower max_new_per_crawl")


def local_fault_message(stats: dict[str, Any], signal: str) -> str:
    """What a run stopped by a full disk (or a dead database and spool) did with the pages it had fetched."""
    spooled, lost = int(stats.get("newswatch/spooled") or 0), int(stats.get("newswatch/not_kept") or 0)
    kept = f"{spooled} fetched page(s) wait in the spool for the next crawl" if spooled else "nothing waits in the spool"
    refetch = f"; {lost} not kept, the next crawl fetches them again" if lost else ""
    return f"{stats[SIGNAL_PREFIX + signal]}; {kept}{refetch}"
