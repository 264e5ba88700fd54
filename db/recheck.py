"""The decaying re-check schedule: young items are re-fetched often, old ones rarely, none never."""

from __future__ import annotations

from datetime import datetime, timedelta

# (age below, re-check interval). Calibrated on how these sites edit: corrections and attachment
# swaps come in the first days; after a quarter a document is practically frozen but can still vanish.
RECHECK_STEPS: tuple[tuple[timedelta, timedelta], ...] = (
    (timedelta(days=2), timedelta(hours=6)),
    (timedelta(days=14), timedelta(days=1)),
    (timedelta(days=90), timedelta(days=7)),
)
OLD_ITEM_INTERVAL = timedelta(days=30)


def recheck_interval(age: timedelta) -> timedelta:
    for limit, interval in RECHECK_STEPS:
        if age < limit:
            return interval
    return OLD_ITEM_INTERVAL


def is_due_for_recheck(published: datetime, last_checked: datetime, now: datetime) -> bool:
    return now - last_checked >= recheck_interval(now - published)
