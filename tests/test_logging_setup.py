"""The daemon's rotating log file on a full disk: one line on stderr instead of a traceback per record, every
record still on stdout, and the file written again once space is freed."""

from __future__ import annotations

import errno
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.util.logging_setup import LogFileHandler, setup_logging


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)


def test_a_full_disk_never_stops_the_daemon_logging(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch, restore_logging: None) -> None:
    log_file = tmp_path / "logs" / "daemon.log"
    setup_logging("INFO", str(log_file))
    [handler] = [h for h in logging.getLogger().handlers if isinstance(h, LogFileHandler)]
    log = logging.getLogger("newswatch.daemon")
    log.info("before")

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(handler.stream, "write", full)
    for n in range(3):
        log.warning("crawl %d: failed", n)
    captured = capsys.readouterr()
    assert all(f"crawl {n}: failed" in captured.out for n in range(3))  # stdout keeps every record
    assert captured.err.count("\n") == 1 and "No space left on device" in captured.err
    assert "Traceback" not in captured.err and "Logging error" not in captured.err

    monkeypatch.undo()  # space freed
    log.info("after")
    handler.flush()
    assert "writing" in capsys.readouterr().err
    written = log_file.read_text(encoding="utf-8")
    assert "before" in written and "after" in written
