"""The simulator's shared mutable state: corpus, failure modes, list validators and the request log."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from simulator.corpus import DEFAULT_ANCHOR, DEFAULT_SEED, Corpus
from simulator.faults import FaultModes
from simulator.sites import SOURCES
from simulator.validators import Validators

COUNTED_KINDS = ("list", "proxy", "detail", "attachment")
RESET_DRAIN_SECONDS = 10.0


class RequestLog:
    """Thread-safe; tests read it through GET /_sim/requests to check politeness and revisits."""

    def __init__(self, source_ids: list[str]) -> None:
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._source_ids = list(source_ids)
        # In-flight counts survive a reset: requests running meanwhile still finish and leave.
        self._in_flight: Counter[str] = Counter()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self._total = 0
            self._by_host: Counter[str] = Counter()
            self._by_source = {sid: Counter() for sid in self._source_ids}
            self._peak: Counter[str] = Counter({host: n for host, n in self._in_flight.items() if n})

    @contextmanager
    def track(self, host: str) -> Iterator[None]:
        """Count one request to a simulated host for as long as it is being answered."""
        with self._lock:
            self._total += 1
            self._by_host[host] += 1
            self._in_flight[host] += 1
            self._peak[host] = max(self._peak[host], self._in_flight[host])
        try:
            yield
        finally:
            with self._lock:
                self._in_flight[host] -= 1
                if not any(self._in_flight.values()):
                    self._idle.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no request is being answered; False if some still are after `timeout` seconds."""
        with self._lock:
            return self._idle.wait_for(lambda: not any(self._in_flight.values()), timeout)

    def classify(self, source_id: str | None, kind: str) -> None:
        """Attribute an already tracked request to a source once the router knows which one it was."""
        if source_id is None or kind not in COUNTED_KINDS:
            return
        with self._lock:
            self._by_source[source_id][kind] += 1

    def summary(self) -> dict[str, Any]:
        with self._lock:
            return {
                "total": self._total,
                "by_host": dict(self._by_host),
                "by_source": {sid: {k: c[k] for k in COUNTED_KINDS} for sid, c in self._by_source.items()},
                "max_concurrency_by_host": dict(self._peak),
            }


@dataclass
class Simulator:
    corpus: Corpus
    faults: FaultModes
    log: RequestLog
    validators: Validators
    # Set on a reset: answers held back by a slow or silent mode stop waiting (see dispatch).
    interrupt: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def create(cls, anchor: date | datetime = DEFAULT_ANCHOR, seed: int = DEFAULT_SEED) -> Simulator:
        ids = list(SOURCES)
        return cls(Corpus(anchor, seed), FaultModes(ids), RequestLog(ids), Validators())

    def reset(self) -> None:
        """Back to the initial corpus, platforms and validators, every source in mode ok; the request log
        is reset separately. Answers still held back by an earlier slow or silent mode end first (their
        clients are usually gone), so nothing from before the reset runs alongside what comes after."""
        previous, self.interrupt = self.interrupt, threading.Event()
        previous.set()
        if not self.log.wait_idle(RESET_DRAIN_SECONDS):
            raise RuntimeError(f"requests still being answered {RESET_DRAIN_SECONDS} s after a reset")
        self.corpus.reset()
        self.faults.reset()
        self.validators.reset()
