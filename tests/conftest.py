"""Test-wide fixtures: no network beyond loopback, databases (SQLite and PostgreSQL), realpages."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from crawler.alerts import rules as rules_module
from crawler.alerts.glossary import Glossary
from crawler.util.loopback import is_loopback_host
from simulator.harness import SimClient, running_simulator
from tests.alerts.dbfactory import TEST_TOPICS
from tests.alerts.servers import SmtpServer, WebhookSink, running_webhook, start_smtp
from tests.simfixtures import Crawler

REPO_ROOT = Path(__file__).resolve().parents[1]
REALPAGES = REPO_ROOT.parent / "shared" / "realpages"
POSTGRES_URL = os.environ.get("NEWSWATCH_TEST_POSTGRES_URL")

# Crawl children started by tests refuse non-loopback requests too (see crawler/scrapy_ext/loopback_only.py).
os.environ["NEWSWATCH_LOOPBACK_ONLY"] = "1"
_real_connect = socket.socket.connect
_real_getaddrinfo = socket.getaddrinfo


def _guarded_connect(self: socket.socket, address: object) -> object:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0] if isinstance(address, tuple) else str(address)
        if not is_loopback_host(str(host)):
            raise OSError(f"tests may not reach the network: connect to {address!r} refused")
    return _real_connect(self, address)


def _guarded_getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
    if host not in (None, "") and not is_loopback_host(str(host)):
        raise OSError(f"tests may not reach the network: name lookup of {host!r} refused")
    return _real_getaddrinfo(host, *args, **kwargs)


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.getaddrinfo = _guarded_getaddrinfo  # type: ignore[assignment]


def realpage(name: str) -> Path:
    path = REALPAGES / name
    if not path.exists():
        pytest.skip(f"../shared/realpages/{name} not present (the real-page corpus lives outside the repo)")
    return path


def _postgres_schema_url(base_url: str, schema: str) -> str:
    sep = "&" if "?" in base_url else "?"
    return f"{base_url}{sep}options=-csearch_path%3D{schema}"


@contextmanager
def postgres_schema(prefix: str = "t") -> Iterator[str]:
    """A private schema in the test PostgreSQL, dropped afterwards; skips when none is configured."""
    if not POSTGRES_URL:
        pytest.skip("NEWSWATCH_TEST_POSTGRES_URL is not set (CI sets it; see README)")
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(_pg_driver(POSTGRES_URL))
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield _postgres_schema_url(_pg_driver(POSTGRES_URL), schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a private schema in the test PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    with postgres_schema() as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.sqlite3'}"


def _pg_driver(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://") else url


@pytest.fixture(scope="session")
def simulator_server() -> Iterator[SimClient]:
    """One site simulator in a thread of the test process, shared by the whole session."""
    with running_simulator() as client:
        yield client


@pytest.fixture
def sim(simulator_server: SimClient) -> SimClient:
    """The shared simulator as new: initial corpus, every source in mode ok, request counts at zero."""
    simulator_server.reset()
    return simulator_server


@pytest.fixture
def crawler(sim: SimClient, sqlite_url: str, tmp_path: Path) -> Iterator[Crawler]:
    """newswatch wired to that simulator and a fresh SQLite database (modules with other needs define their own)."""
    crawler = Crawler(sim, sqlite_url, tmp_path)
    yield crawler
    crawler.close()


@pytest.fixture
def fixed_glossary(monkeypatch: pytest.MonkeyPatch) -> Glossary:
    """A fixed glossary, so tests do not depend on the bundled taxonomy's exact contents."""
    glossary = Glossary(TEST_TOPICS)
    monkeypatch.setattr(rules_module, "load_glossary", lambda: glossary)
    return glossary


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A local SMTP server that keeps every message it receives (tests/alerts/servers.py)."""
    server = start_smtp()
    yield server
    server.stop()


@pytest.fixture
def webhook() -> Iterator[WebhookSink]:
    """A local webhook that records every JSON body POSTed to it."""
    with running_webhook() as sink:
        yield sink


# The longest tests (up to two minutes of crawling each) are dealt out to the test processes first: pytest-xdist's
# worksteal scheduler gives each process one contiguous share of the list and lets idle ones take from the tail of
# another's, so each share starts with its part of the longest tests and ends with short ones that can move.
LONGEST_FIRST = (
    "tests/distributed/test_cluster.py",
    "tests/test_crawl_catalog.py",
    "tests/test_incremental_requests.py",
    "tests/test_failure_modes.py",
    "tests/test_fault_injection.py",
    "tests/test_attachments_crawl.py",
    "tests/test_crawl_timeout.py",
    "tests/test_daemon.py",
    "tests/test_crawl_zhejiang.py",
    "tests/web/test_browser.py",
)


# Wall seconds of the longest tests in a `make test` on a 2-core machine (2026-12-07, crawl children forked from a
# preloaded server; the machine was also running a benchmark); others in those
# modules count as DEFAULT_LONG_SECONDS.
MEASURED_SECONDS = {
    "test_three_workers_crawl_the_catalog_once_and_one_host_at_a_time": 86,
    "test_every_served_source_stores_every_article_exactly_once": 55,
    "test_recrawl_makes_one_request_per_source_then_sources_plus_k": 52,
    "test_a_worker_killed_mid_crawl_is_replaced_and_every_article_stored_once": 43,
    "test_a_broker_restart_loses_no_requested_crawl": 41,
    "test_random_kills_lose_and_duplicate_nothing": 27,
    "test_search": 27,
    "test_a_standby_takes_over_from_a_killed_leader_without_double_scheduling": 25,
    "test_a_crawl_that_timed_out_waiting_for_a_silent_site_is_unreachable": 23,
    "test_a_crawl_that_ran_out_of_time_while_the_site_answered_is_not_unreachable": 23,
    "test_the_site_was_answering_even_when_the_child_is_killed_before_it_records_its_run": 22,
    "test_jobs_due_during_a_stop_are_not_run_and_log_no_error": 22,
    "test_sigterm_during_a_crawl_exits_cleanly": 21,
    "test_kill_9_during_crawl_then_restart_is_consistent": 20,
    "test_new_article_found_within_two_intervals_and_second_daemon_refused": 20,
}
DEFAULT_LONG_SECONDS = 15.0


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    processes = config.getoption("numprocesses", None)
    shares = processes if isinstance(processes, int) and processes > 1 else 1
    if shares == 1:
        return

    def module(item: pytest.Item) -> str:
        return item.nodeid.split("::", 1)[0]

    longest = [i for i in items if module(i) in LONGEST_FIRST]
    # Longest processing time first: each of the longest tests goes to the share with the least crawling so far.
    heads: list[list[pytest.Item]] = [[] for _ in range(shares)]
    loads = [0.0] * shares
    for item in sorted(longest, key=lambda i: -MEASURED_SECONDS.get(i.name, DEFAULT_LONG_SECONDS)):
        share = loads.index(min(loads))
        heads[share].append(item)
        loads[share] += MEASURED_SECONDS.get(item.name, DEFAULT_LONG_SECONDS)
    rest = iter([i for i in items if module(i) not in LONGEST_FIRST])
    ordered: list[pytest.Item] = []
    for share, head in enumerate(heads):
        size = len(items) // shares + (1 if share < len(items) % shares else 0)
        ordered += head + [item for _, item in zip(range(size - len(head)), rest, strict=False)]
    ordered += list(rest)
    items[:] = ordered
