"""What the runner learns from a crawl child's progress lines: its latest counts, and when the site last answered.

A crawl stopped at its timeout may be killed before it records its own run (its in-flight requests outlast the
grace period), so whether the site was still answering when time ran out is observed here, by the runner.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Progress payload key -> crawl-run column (crawler/scrapy_ext/run_recorder.py writes the payload).
RUN_COUNTS = {"entries": "entries_seen", "new": "new", "changed": "changed", "errors": "errors", "requests": "requests"}


@dataclass
class ChildProgress:
    clock: Callable[[], float] = time.monotonic
    latest: dict[str, Any] = field(default_factory=dict)
    answers: int = 0
    last_answer_at: float | None = None  # clock() when the answer count last grew
    # Set when the crawl timed out: whether the site had answered shortly before (see stopped).
    answering_at_timeout: bool = False

    def update(self, payload: dict[str, Any]) -> None:
        self.latest = payload
        answers = int(payload.get("answers") or 0)
        if answers > self.answers:
            self.answers, self.last_answer_at = answers, self.clock()

    def timed_out(self, longest_gap: float) -> None:
        """Time ran out: was the site still answering, its last answer no further back than the longest gap
        a site that answers can leave between two answers (handover.longest_answer_gap)?"""
        last = self.last_answer_at
        self.answering_at_timeout = last is not None and self.clock() - last <= longest_gap

    def run_counts(self) -> dict[str, int]:
        """The latest counts, as crawl-run columns (for a run its child never recorded)."""
        return {column: int(self.latest.get(key) or 0) for key, column in RUN_COUNTS.items()}
