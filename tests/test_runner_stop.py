"""CrawlRunner.stop() racing a crawl that is just starting: the child it starts must not crawl on unasked."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest

from crawler.run.runner import CrawlRunner
from tests.simfixtures import Crawler

SOURCE = "zj-mpa-inspections"


@pytest.mark.parametrize("now", [False, True])
def test_a_child_started_just_after_stop_is_stopped_too(crawler: Crawler, monkeypatch: pytest.MonkeyPatch,
                                                        now: bool) -> None:
    runner = CrawlRunner(crawler.settings, crawler.engine, politeness_scale=0.0)
    start_child = subprocess.Popen

    def stop_then_start(*args: Any, **kwargs: Any) -> subprocess.Popen[str]:
        # Ctrl-C lands after the runner checked that it may start this source, before the child exists.
        if now:
            runner.stop(now=True)
        else:
            runner.stop()  # the daemon's stop, and a first Ctrl-C
        return start_child(*args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", stop_then_start)
    [result] = runner.run([crawler.catalog[SOURCE]])
    assert result.outcome == "interrupted", result.message
    if now:
        assert result.message.startswith("stopped before finishing, as asked (SIGKILL)")
