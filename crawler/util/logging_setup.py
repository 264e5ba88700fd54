"""Logging for long-running commands: levels on stdout, and an optional rotating log file."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class LogFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file that, when it cannot be written (the disk full), says so once on stderr instead of a
    traceback per record, and resumes by itself once a write succeeds again; stdout keeps every record."""

    failing = False  # the last write failed; said once on stderr
    _error_now = False  # the write under way failed

    def emit(self, record: logging.LogRecord) -> None:
        super().emit(record)
        if self.failing and not self._error_now:
            self.failing = False
            sys.stderr.write(f"newswatch: writing {self.baseFilename} again\n")
        self._error_now = False

    def handleError(self, record: logging.LogRecord) -> None:  # logging's own (camelCase) name
        self._error_now = True
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):
            super().handleError(record)
            return
        if not self.failing:
            self.failing = True
            sys.stderr.write(f"newswatch: cannot write the log file {self.baseFilename} ({error.strerror or error}); "
                             "records go to stdout only until it can be written again\n")


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
        rotating = LogFileHandler(log_file, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
        rotating.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(rotating)
    # APScheduler logs every job start at INFO; our own one line per crawl outcome is enough.
    logging.getLogger("apscheduler.executors").setLevel(logging.WARNING)
    # apprise logs full notification URLs (which carry tokens) below WARNING.
    logging.getLogger("apprise").setLevel(logging.WARNING)
