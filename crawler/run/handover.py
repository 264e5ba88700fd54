"""How a crawl child is started: its command line (no settings, no secrets: `ps` shows it to every user)
and its hand-over, one JSON document on its stdin with the source and every Scrapy setting it needs."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from crawler.config import Settings
from crawler.config.attachments import attachment_policy
from crawler.config.catalog import CatalogSource
from crawler.config.families import spider_name
from crawler.scrapy_ext import settings as scrapy_settings

MIN_DELAY_SECONDS = 0.001
CHILD_MODULE = "crawler.run.child"
PROJECT_SETTINGS_MODULE = "crawler.scrapy_ext.settings"
LENIENT_TLS_CIPHERS = "DEFAULT:@SECLEVEL=0"


def user_agent(settings: Settings) -> str:
    """The User-Agent of every request newswatch sends: crawls, and `sources add` outside them."""
    return f"newswatch/0.1 (+policy monitoring; contact: {settings.contact})"


def crawl_settings(settings: Settings, source: CatalogSource, run_id: int, politeness_scale: float) -> dict[str, Any]:
    polite = source.politeness
    # Never exactly 0: with no delay Scrapy sends a host's queued requests at once, beyond
    # CONCURRENT_REQUESTS_PER_DOMAIN (seen with the simulator); a millisecond keeps one at a time.
    delay = max(polite.download_delay * politeness_scale, MIN_DELAY_SECONDS)
    values: dict[str, Any] = {
        "NEWSWATCH_DATABASE_URL": settings.database_url,
        "NEWSWATCH_RUN_ID": run_id,
        "DOWNLOAD_DELAY": delay,
        "AUTOTHROTTLE_ENABLED": politeness_scale > 0,
        "AUTOTHROTTLE_START_DELAY": max(delay, 0.01),
        "CONCURRENT_REQUESTS_PER_DOMAIN": polite.concurrent_requests_per_host,
        "ROBOTSTXT_OBEY": polite.obey_robots,
        "USER_AGENT": user_agent(settings),
        "LOG_FILE": str(log_path(settings, source.id, run_id)),
        "NEWSWATCH_SPOOL_DIR": str(settings.data_dir / "spool"),
        "LOG_LEVEL": "INFO",
        "DOWNLOAD_TIMEOUT": settings.download_timeout,
        "NEWSWATCH_MAX_NEW_PER_CRAWL": settings.max_new_per_crawl,
    }
    # Attachment fetching adds its settings only when enabled for this source (see attachment_policy.py).
    values.update(attachment_policy(settings, source).crawl_settings(settings.data_dir))
    if source.tls_lenient:
        # Old government servers offer 1024-bit DH keys or legacy ciphers that OpenSSL's default security
        # level refuses (DH_KEY_TOO_SMALL); only sources marked so in the catalog are allowed them.
        values["DOWNLOADER_CLIENT_TLS_CIPHERS"] = LENIENT_TLS_CIPHERS
    if settings.simulator:
        values["NEWSWATCH_SIMULATOR"] = settings.simulator
    if os.environ.get("NEWSWATCH_LOOPBACK_ONLY") == "1":
        values["NEWSWATCH_LOOPBACK_ONLY"] = True
    return values


def longest_answer_gap(settings: Settings, source: CatalogSource, politeness_scale: float) -> float:
    """The longest a site that still answers can leave between two answers in a crawl of this source: one
    request's timeout, plus the politeness delay before it (which AutoThrottle may raise to its maximum)."""
    delay = max(source.politeness.download_delay * politeness_scale, MIN_DELAY_SECONDS)
    if politeness_scale > 0:  # AutoThrottle is on (crawl_settings)
        delay = max(delay, scrapy_settings.AUTOTHROTTLE_MAX_DELAY)
    return settings.download_timeout + delay


def log_path(settings: Settings, source_id: str, run_id: int) -> Path:
    return settings.data_dir / "logs" / f"crawl-{source_id}-{run_id}.log"


def crawl_command(source: CatalogSource) -> list[str]:
    """The child's command line: what it crawls, for `ps` and the operator; everything else is on stdin."""
    return [sys.executable, "-m", CHILD_MODULE, source.id]


def crawl_handover(settings: Settings, source: CatalogSource, run_id: int, politeness_scale: float,
                   extra: dict[str, Any] | None = None, settings_module: str = PROJECT_SETTINGS_MODULE) -> str:
    """The child's stdin: its source (so it never reads the catalog) and its Scrapy settings."""
    scrapy_settings = {**crawl_settings(settings, source, run_id, politeness_scale), **(extra or {})}
    return json.dumps({"spider": spider_name(source.family), "source": source.model_dump(mode="json"),
                       "settings_module": settings_module, "settings": scrapy_settings}, ensure_ascii=False)


def crawl_environment() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env
