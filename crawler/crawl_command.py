"""The command line of one crawl child: `python -m scrapy crawl <spider> -a source=<id> -s …`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from crawler.attachments_config import attachment_policy
from crawler.catalog import Source
from crawler.config import Settings
from crawler.families import spider_name


MIN_DELAY_SECONDS = 0.001


def crawl_settings(settings: Settings, source: Source, run_id: int, politeness_scale: float) -> dict[str, str]:
    polite = source.politeness
    # Never exactly 0: with no delay Scrapy sends a host's queued requests at once, beyond
    # CONCURRENT_REQUESTS_PER_DOMAIN (seen with the simulator); a millisecond keeps one at a time.
    delay = max(polite.download_delay * politeness_scale, MIN_DELAY_SECONDS)
    values = {
        "NEWSWATCH_DATABASE_URL": settings.database_url,
        "NEWSWATCH_RUN_ID": str(run_id),
        "NEWSWATCH_CATALOGS": "|".join(str(p) for p in settings.catalog_paths),
        "DOWNLOAD_DELAY": str(delay),
        "AUTOTHROTTLE_ENABLED": "True" if politeness_scale > 0 else "False",
        "AUTOTHROTTLE_START_DELAY": str(max(delay, 0.01)),
        "CONCURRENT_REQUESTS_PER_DOMAIN": str(polite.concurrent_requests_per_host),
        "ROBOTSTXT_OBEY": "True" if polite.obey_robots else "False",
        "USER_AGENT": f"newswatch/0.1 (+policy monitoring; contact: {settings.contact})",
        "LOG_FILE": str(log_path(settings, source.id, run_id)),
        "NEWSWATCH_SPOOL_DIR": str(settings.data_dir / "spool"),
        "LOG_LEVEL": "INFO",
        "DOWNLOAD_TIMEOUT": str(settings.download_timeout),
    }
    # Attachment fetching adds its settings only when enabled for this source (see attachment_policy.py).
    values.update(attachment_policy(settings, source).crawl_settings(settings.data_dir))
    if settings.simulator:
        values["NEWSWATCH_SIMULATOR"] = settings.simulator
    if os.environ.get("NEWSWATCH_LOOPBACK_ONLY") == "1":
        values["NEWSWATCH_LOOPBACK_ONLY"] = "True"
    return values


def log_path(settings: Settings, source_id: str, run_id: int) -> Path:
    return settings.data_dir / "logs" / f"crawl-{source_id}-{run_id}.log"


def crawl_command(settings: Settings, source: Source, run_id: int, politeness_scale: float) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", spider_name(source.family), "-a", f"source={source.id}"]
    for key, value in crawl_settings(settings, source, run_id, politeness_scale).items():
        command += ["-s", f"{key}={value}"]
    return command


def crawl_environment() -> dict[str, str]:
    env = dict(os.environ)
    env["SCRAPY_SETTINGS_MODULE"] = "crawler.scrapy_settings"
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env
