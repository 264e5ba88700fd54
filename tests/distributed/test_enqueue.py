"""Putting crawls on the queue: configuration, stable keys, host interleaving, pushes that survive a broker outage."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from crawler.config import ConfigError, load_settings
from crawler.config.catalog import load_catalog
from crawler.distributed.config import load_distributed_config
from crawler.distributed.enqueue import Dispatcher, interleave_hosts, scheduled_key
from db.crawl_requests import get_request
from tests.distributed.fakes import MemoryBroker, catalog_database


def settings_with(section: object) -> object:
    return replace(load_settings(environ={}), raw={"distributed": section})


def test_configuration_is_optional_validated_and_overridable() -> None:
    assert load_distributed_config(load_settings(environ={}), environ={}) is None
    env = {"NEWSWATCH_REDIS_URL": "redis://10.0.0.5:6379/2", "NEWSWATCH_QUEUE": "crawls"}
    config = load_distributed_config(load_settings(environ={}), environ=env)
    assert config is not None and (config.redis_url, config.queue, config.lease_ttl_seconds) == (env["NEWSWATCH_REDIS_URL"], "crawls", 60.0)
    configured = load_distributed_config(settings_with({"redis_url": "redis://r:6379/0", "reconcile_seconds": 5}), environ={})
    assert configured is not None and configured.reconcile_seconds == 5.0 and configured.queue == "newswatch"
    for bad, message in (({"redis_url": "redis://r", "lease_ttl": 5}, "unknown key"), ({"queue": "q"}, "redis_url is required"),
                         ({"redis_url": "http://r"}, "redis://"), ({"redis_url": "redis://r", "lease_ttl_seconds": 1}, "greater than or equal to 10")):
        with pytest.raises(ConfigError, match=message):
            load_distributed_config(settings_with(bad), environ={})


def test_a_scheduled_run_has_one_key_whatever_the_float_round_trip() -> None:
    run = datetime(2026, 3, 1, 8, 0, 0, 999_600, tzinfo=timezone(timedelta(hours=8)))
    through_job_store = datetime.fromtimestamp(run.timestamp() + 2e-7, UTC)
    assert scheduled_key("a-b-c", run) == scheduled_key("a-b-c", through_job_store) == "schedule:a-b-c:1772323201"


def test_batches_alternate_hosts_busiest_first() -> None:
    catalog = load_catalog()
    ordered = interleave_hosts(list(catalog.values()))
    assert sorted(s.id for s in ordered) == sorted(catalog)
    hosts = [s.primary_host for s in ordered]
    busiest = max(set(hosts), key=hosts.count)
    assert hosts[0] == busiest
    distinct = len(set(hosts))
    assert len(set(hosts[:distinct])) == distinct  # every host once before any host twice


def test_a_push_during_a_broker_outage_waits_in_the_outbox(sqlite_url: str) -> None:
    broker = MemoryBroker()
    with catalog_database(sqlite_url) as sessions:
        dispatcher = Dispatcher(sessions, broker, requested_by="test", max_retries=2)  # type: ignore[arg-type]
        broker.reachable = False
        request_id = dispatcher.submit("zj-kjt-notices", "manual", "manual:1")
        assert request_id is not None and broker.pushed == []
        with sessions() as session:
            row = get_request(session, request_id)
            assert row.status == "pending" and row.job_id is not None  # named, so the reconciler sees it missing
        assert dispatcher.submit("zj-kjt-notices", "manual", "manual:2") is None  # coalesced with the pending one
