"""Fault injection: crawl children and the daemon killed at random moments, many times over, while the
simulated sites change; afterwards the database matches the ground truth and no alert went out twice."""

from __future__ import annotations

import os
import random
import signal
import threading
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from sqlalchemy import func, select

from crawler.alerts.delivery import dispatch_pending
from crawler.config import load_settings
from db.engine import make_session_factory
from db.models import ChangeEvent, CrawlRun, Item, ItemVersion
from db.timeutil import utcnow
from simulator.harness import running_simulator
from tests.alerts.servers import WebhookSink
from tests.daemonfixtures import DaemonHarness, kill_recorded_crawls
from tests.simfixtures import Crawler

SOURCE = "zj-kjt-notices"
ROUNDS = int(os.environ.get("NEWSWATCH_FAULT_ROUNDS", "8"))


def kill_child_later(crawler_runner: object, delay: float) -> threading.Thread:
    def kill() -> None:
        time.sleep(delay)
        for child in list(getattr(crawler_runner, "_children", {}).values()):
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGKILL)

    thread = threading.Thread(target=kill, daemon=True)
    thread.start()
    return thread


def test_random_kills_lose_and_duplicate_nothing(tmp_path: Path, webhook: WebhookSink) -> None:
    rng = random.Random(20261123)
    with running_simulator() as sim:
        sim.post(f"/_sim/sources/{SOURCE}/mode", {"mode": "slow", "delay": 0.01})
        crawler = Crawler(sim, f"sqlite:///{tmp_path / 'db.sqlite3'}", tmp_path)
        config = {"channels": {"hook": {"type": "apprise", "url": f"json://127.0.0.1:{webhook.port}/hook"}},
                  "rules": [{"name": "all", "channels": ["hook"], "mode": "immediate"}],
                  "alerts": {"skip_first_crawl": False, "stale_item_days": 100000, "max_event_age_hours": 100000}}
        settings = load_settings(environ={"NEWSWATCH_DATABASE_URL": crawler.database_url,
                                          "NEWSWATCH_DATA_DIR": str(tmp_path)})
        settings = replace(settings, raw=config)
        from crawler.run.runner import CrawlRunner

        for round_no in range(ROUNDS):
            # The site changes between rounds: new articles, an edit.
            for _ in range(rng.randint(0, 2)):
                sim.post(f"/_sim/sources/{SOURCE}/publish", {})
            if rng.random() < 0.4:
                victim = rng.choice(sim.truth(SOURCE)[:10])
                sim.post(f"/_sim/sources/{SOURCE}/edit", {"id": victim["id"], "title": victim["title"] + f"（第{round_no}次修订）"})
                with make_session_factory(crawler.engine).begin() as s:  # make known items due for a re-check
                    for item in s.scalars(select(Item)):
                        item.last_checked_at = item.last_checked_at.replace(year=2020)
            runner = CrawlRunner(crawler.settings, crawler.engine, politeness_scale=0.0)
            kill_child_later(runner, rng.uniform(0.3, 3.0))
            runner.run([crawler.catalog[SOURCE]])
            dispatch_pending(settings, crawler.engine, utcnow())

        # Then the daemon, killed with SIGKILL at a random moment and restarted.
        harness = DaemonHarness(tmp_path / "d", crawler.database_url, sim.base_url,
                                {"jitter_seconds": 0, "disabled": [s for s in crawler.catalog if s != SOURCE],
                                 "sources": {SOURCE: {"every_seconds": 2}}})
        (tmp_path / "d").mkdir()
        try:
            for _ in range(2):
                sim.post(f"/_sim/sources/{SOURCE}/publish", {})
                daemon = harness.start()
                time.sleep(rng.uniform(2.0, 5.0))
                daemon.kill()
                daemon.wait(timeout=30)
        finally:
            harness.stop_all()
        # The orphaned crawl children die too, as in a machine crash.
        kill_recorded_crawls(crawler.database_url)

        # A final clean crawl and alert cycle.
        sim.post(f"/_sim/sources/{SOURCE}/mode", {"mode": "ok"})
        with make_session_factory(crawler.engine).begin() as s:
            for item in s.scalars(select(Item)):
                item.last_checked_at = item.last_checked_at.replace(year=2020)
        final = crawler.crawl(SOURCE)[SOURCE]
        assert final.outcome == "ok", final.message
        dispatch_pending(settings, crawler.engine, utcnow())
        truth = {a["url"]: a for a in sim.truth(SOURCE)}

        with make_session_factory(crawler.engine)() as s:
            stored = {i.url: i for i in s.scalars(select(Item).where(Item.source_id == SOURCE))}
            assert set(stored) == set(truth)  # nothing lost, nothing extra
            assert all(stored[u].title == truth[u]["title"] for u in truth)  # every edit caught
            events = s.execute(select(ChangeEvent.kind, ChangeEvent.item_id).where(ChangeEvent.kind != "health")).all()
            news = Counter(item_id for kind, item_id in events if kind == "new")
            assert len(news) == len(truth) and max(news.values()) == 1  # one "new" per document
            versions = s.scalar(select(func.count(ItemVersion.id)))
            changed = sum(1 for kind, _ in events if kind == "changed")
            assert changed == versions - len(truth)  # one "changed" per later version
            assert s.scalar(select(func.count(CrawlRun.id)).where(CrawlRun.outcome == "running")) == 0
            events_per_url = Counter(stored_url for stored_url, item in stored.items()
                                     for kind, item_id in events if item_id == item.id)
        assert webhook.bodies, "alerts were delivered"
        # No alert went out twice: a document is named in no more messages than it has events.
        mentions = Counter(url for body in webhook.bodies for url in truth if url in str(body.get("message", "")))
        assert mentions and all(mentions[url] <= events_per_url[url] for url in mentions)
