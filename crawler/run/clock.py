"""The time a source's health is judged at: real time, or the simulator's clock when crawling the simulator.

The bundled simulator's corpus is anchored at a fixed date; judged at real time, weeks later, every one of
its sources would look quiet.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from crawler.util.simulator_url import simulator_json
from db.timeutil import utcnow

logger = logging.getLogger(__name__)


def health_clock(simulator: str | None) -> Callable[[], datetime]:
    if not simulator:
        return utcnow

    def simulated() -> datetime:
        try:
            return datetime.fromisoformat(simulator_json(simulator, "/_sim/clock", timeout=10)["now"])
        except (OSError, ValueError, KeyError) as exc:
            logger.warning("the simulator's clock cannot be read (%r); judging health at real time", exc)
            return utcnow()

    return simulated
