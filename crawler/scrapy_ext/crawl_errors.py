"""Recording crawl problems in Scrapy stats so the run record can say what went wrong."""

from __future__ import annotations

import logging
from typing import Any

ERROR_LOG_KEY = "newswatch/error_log"
ERROR_LOG_LIMIT = 50
# List pages the generic list extractor had to read because the family's or catalog's selectors matched nothing.
LAYOUT_FALLBACK_STAT = "newswatch/list_layout_fallback"
logger = logging.getLogger("newswatch.crawl")


def record_error(stats: Any, kind: str, message: str, url: str | None = None) -> None:
    """Count the error by kind, keep its message for the crawl-run record, and log it."""
    stats.inc_value("newswatch/errors")
    stats.inc_value(f"newswatch/errors/{kind}")
    log = stats.get_value(ERROR_LOG_KEY) or []
    if len(log) < ERROR_LOG_LIMIT:
        log.append({"kind": kind, "message": message, "url": url})
        stats.set_value(ERROR_LOG_KEY, log)
    logger.error("%s: %s%s", kind, message, f" ({url})" if url else "")


def record_signal(stats: Any, kind: str, message: str, url: str | None = None) -> None:
    """A source-level condition (blocked, empty, unreachable) that decides the source's health."""
    stats.set_value(f"newswatch/signal/{kind}", message)
    record_error(stats, kind, message, url)
