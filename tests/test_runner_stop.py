"""CrawlRunner.stop() racing a crawl that is just starting: the child it starts must not crawl on unasked."""

from __future__ import annotations

import signal
import threading
from typing import Any

import pytest

from crawler.cli.ctrl_c import CtrlC
from crawler.run import runner as runner_module
from crawler.run.child_process import CrawlChild
from crawler.run.runner import CrawlRunner
from tests.simfixtures import Crawler

SOURCE = "zj-mpa-inspections"


@pytest.mark.parametrize("now", [False, True])
def test_a_child_started_just_after_stop_is_stopped_too(crawler: Crawler, monkeypatch: pytest.MonkeyPatch,
                                                        now: bool) -> None:
    runner = CrawlRunner(crawler.settings, crawler.engine, politeness_scale=0.0)
    start_child = runner_module.start_child

    def stop_then_start(*args: Any, **kwargs: Any) -> CrawlChild:
        # Ctrl-C lands after the runner checked that it may start this source, before the child exists.
        if now:
            runner.stop(now=True)
        else:
            runner.stop()  # the daemon's stop, and a first Ctrl-C
        return start_child(*args, **kwargs)

    monkeypatch.setattr(runner_module, "start_child", stop_then_start)
    [result] = runner.run([crawler.catalog[SOURCE]])
    assert result.outcome == "interrupted", result.message
    if now:
        assert result.message.startswith("stopped before finishing, as asked (SIGKILL)")


def test_a_second_ctrl_c_landing_while_the_first_is_still_stopping_the_runner_is_taken(
        crawler: Crawler, monkeypatch: pytest.MonkeyPatch) -> None:
    """Signal handlers run in the main thread between two bytecodes: the second press can interrupt the first
    press's stop() while it holds the runner's lock, and must not wait for that lock forever."""
    runner = CrawlRunner(crawler.settings, crawler.engine, politeness_scale=0.0)
    handler = CtrlC(runner)
    pressed_again = threading.Event()

    class InterruptedSet(threading.Event):
        def set(self) -> None:  # inside the first press's stop(), under the runner's lock
            super().set()
            if not pressed_again.is_set():
                pressed_again.set()
                handler(signal.SIGINT, None)

    runner.stopping = InterruptedSet()
    presses = threading.Thread(target=handler, args=(signal.SIGINT, None), daemon=True)
    presses.start()
    presses.join(timeout=10)
    assert not presses.is_alive(), "the second Ctrl-C waited for the lock the first one held"
    assert handler.presses == 2 and runner._stop_signal == signal.SIGKILL
