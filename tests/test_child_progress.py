"""What the runner learns from a crawl child's progress: whether the site was still answering when time ran out."""

from __future__ import annotations

from crawler.run.child_progress import ChildProgress


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_site_that_answered_within_the_longest_gap_was_answering() -> None:
    clock = Clock()
    progress = ChildProgress(clock=clock)
    progress.update({"answers": 3, "new": 2})
    clock.now += 30
    progress.timed_out(longest_gap=30)
    assert progress.answering_at_timeout


def test_a_site_silent_for_longer_than_the_longest_gap_was_not() -> None:
    clock = Clock()
    progress = ChildProgress(clock=clock)
    progress.update({"answers": 3})
    clock.now += 10
    progress.update({"answers": 3, "errors": 2})  # more progress, but no new answer: requests failing
    clock.now += 25
    progress.timed_out(longest_gap=30)
    assert not progress.answering_at_timeout


def test_a_site_that_never_answered_was_not_answering() -> None:
    progress = ChildProgress(clock=Clock())
    progress.update({"requests": 4})
    progress.timed_out(longest_gap=30)
    assert not progress.answering_at_timeout


def test_run_counts_are_the_latest_reported_as_run_columns() -> None:
    progress = ChildProgress(clock=Clock())
    progress.update({"entries": 60, "new": 4, "changed": 1, "errors": 0, "requests": 9, "answers": 9})
    assert progress.run_counts() == {"entries_seen": 60, "new": 4, "changed": 1, "errors": 0, "requests": 9}
