"""Logging for long-running commands: levels on stdout, and an optional rotating log file."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def setup_logging(level: str = "INFO", log_file: str | None = None, max_bytes: int = 10_000_000, backups: int = 5) -> None:
    root = logging.getLogger()
    root.setLevel(level.upper())
    for handler in list(root.handlers):
        root.removeHandler(handler)
    stdout = logging.StreamHandler(sys.stdout)
    stdout.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(stdout)
    if log_file:
        Path(log_file).parent.mkdir(parents=True, exist_ok=True)
        rotating = logging.handlers.RotatingFileHandler(log_file, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
        rotating.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(rotating)
    # APScheduler logs every job start at INFO; our own one line per crawl outcome is enough.
    logging.getLogger("apscheduler.executors").setLevel(logging.WARNING)
    # apprise logs full notification URLs (which carry tokens) below WARNING.
    logging.getLogger("apprise").setLevel(logging.WARNING)
