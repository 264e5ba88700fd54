"""Fixtures of the simulator tests: one running simulator per test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from simulator.harness import SimClient, running_simulator


@pytest.fixture(scope="module")
def sim() -> Iterator[SimClient]:
    with running_simulator() as client:
        yield client
