"""Health is judged at real time, or at the simulator's time when crawling the simulator."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from crawler.run.clock import health_clock
from db.timeutil import utcnow
from simulator.harness import running_simulator


def test_real_time_without_a_simulator() -> None:
    assert health_clock(None) is utcnow


def test_the_simulators_clock_when_crawling_it() -> None:
    with running_simulator() as sim:
        expected = datetime.fromisoformat(sim.get("/_sim/clock").json()["now"])
        assert health_clock(sim.base_url)() == expected


def test_an_unreachable_simulator_falls_back_to_real_time() -> None:
    before = datetime.now(timezone.utc)
    judged = health_clock("http://127.0.0.1:9")()  # the discard port: nothing listens
    assert before <= judged <= datetime.now(timezone.utc) + timedelta(seconds=1)
