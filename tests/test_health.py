"""Health checks on synthetic runs, and transitions recorded once with a recovery event."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from crawler.config import ConfigError
from crawler.config.settings import validate_config
from crawler.run.health import HealthThresholds, RunFacts, evaluate
from db.engine import make_engine, make_session_factory
from db.health_store import set_health
from db.migrate import upgrade
from db.models import ChangeEvent, Source

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=timezone.utc)
T = HealthThresholds()


def run(outcome: str = "ok", signal: str | None = None, message: str = "m", new: int = 0, **stats: int) -> RunFacts:
    return RunFacts(outcome, signal, message, new, {f"newswatch/{k.replace('__', '/')}": v for k, v in stats.items()})


def weekly(n: int, newest: datetime) -> list[datetime]:
    return [newest - timedelta(days=7 * i) for i in range(n)]


@pytest.mark.parametrize(
    "facts, published, state",
    [
        (run("failed", "blocked", "412"), [], "blocked"),
        (run("failed", "unreachable", "timeout"), [], "unreachable"),
        (run("failed", "empty", "no entries"), [], "empty"),
        (run("failed", "error", "binary list"), [], "empty"),
        (run("timeout", None, "timed out"), [], "unreachable"),
        # Out of time while the site kept answering: the site is fine, the message says the crawl timed out.
        (run("timeout", None, "timed out while answering", site_answering=1), [], "ok"),
        (run("timeout", "blocked", "412", site_answering=1), [], "blocked"),
        (run("timeout", None, "timed out while answering", new=5, missing__published=4, site_answering=1), [],
         "degraded"),
        (run("partial", new=1, errors__detail_no_body=4), [], "degraded"),
        (run("ok", new=5, missing__published=4), [], "degraded"),
        (run("ok", new=5, missing__published=1), [], "ok"),
        (run("ok", new=0), weekly(10, NOW - timedelta(days=60)), "quiet"),
        (run("ok", new=0), weekly(10, NOW - timedelta(days=10)), "ok"),
        # A redesigned list page is empty, not quiet, even for a long-silent source.
        (run("failed", "empty", "no entries"), weekly(10, NOW - timedelta(days=90)), "empty"),
        # Selectors matched nothing and the generic extractor read the list meanwhile: still a redesign.
        (run("ok", new=2, list_layout_fallback=1), weekly(10, NOW - timedelta(days=90)), "empty"),
        (run("ok", new=0, list_strategy__generic=3), weekly(10, NOW - timedelta(days=10)), "ok"),
    ],
)
def test_checks(facts: RunFacts, published: list[datetime], state: str) -> None:
    assert evaluate(facts, published, NOW, T).state == state


def test_a_degraded_source_recovers_only_on_articles_read_whole() -> None:
    nothing_new = run("ok", new=0)
    assert evaluate(nothing_new, [], NOW, T, current="degraded") is None  # no evidence either way: stays
    assert evaluate(nothing_new, [], NOW, T, current="blocked").state == "ok"  # reachable again: recovered
    assert evaluate(run("ok", new=4), [], NOW, T, current="degraded").state == "ok"
    assert evaluate(run("failed", "blocked", "412"), [], NOW, T, current="degraded").state == "blocked"


def test_interrupted_run_says_nothing() -> None:
    assert evaluate(run("interrupted"), [], NOW, T) is None


def test_quiet_learns_the_rhythm() -> None:
    daily = [NOW - timedelta(days=20) - timedelta(days=i) for i in range(15)]
    # Daily publisher silent 20 days: quiet (4 x 1 day < 14-day floor, so the floor applies).
    assert evaluate(run(), daily, NOW, T).state == "quiet"
    monthly = [NOW - timedelta(days=20) - timedelta(days=30 * i) for i in range(6)]
    assert evaluate(run(), monthly, NOW, T).state == "ok"


def test_thresholds_validated() -> None:
    assert validate_config({"health": {"quiet_min_days": 3}}).health.quiet_min_days == 3
    with pytest.raises(ConfigError, match="health.quiet_factr: unknown key"):
        validate_config({"health": {"quiet_factr": 3}})


def test_transition_events_once_and_recovery(database_url: str) -> None:
    upgrade(database_url)
    engine = make_engine(database_url)
    sessions = make_session_factory(engine)
    with sessions.begin() as s:
        s.add(Source(id="cn-nmpa-ggtg", name="国家药监局 公告通告"))
    steps = [("blocked", 1), ("blocked", 2), ("blocked", 3), ("ok", 4), ("ok", 5)]
    for state, run_id in steps:
        with sessions.begin() as s:
            set_health(s, "cn-nmpa-ggtg", state, f"run {run_id}", NOW + timedelta(hours=run_id), run_id)
    with sessions() as s:
        events = s.scalars(select(ChangeEvent).order_by(ChangeEvent.id)).all()
        assert [(e.payload["previous"], e.payload["state"]) for e in events] == [("ok", "blocked"), ("blocked", "ok")]
        assert events[1].payload["recovered"] is True
        source = s.get(Source, "cn-nmpa-ggtg")
        assert source.health == "ok" and source.health_since == NOW + timedelta(hours=4)
    engine.dispose()


def test_a_full_disk_says_nothing_about_the_source() -> None:
    # Our fault, not the source's: its state stays as it was (neither a problem nor a recovery is announced).
    assert evaluate(run("failed", "disk_full", "the database or its disk is full"), [], NOW, T) is None
    assert evaluate(run("failed", "spool_failed", "the spool cannot be written either"), [], NOW, T) is None
