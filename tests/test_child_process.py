"""Crawl children forked from a server that has imported everything a crawl needs (crawler/run/child_process.py).
Their crawls, kills, titles, environments and timeouts are exercised by every crawl test; these are the edges."""

from __future__ import annotations

import json
import resource
import subprocess
import sys

import pytest

from crawler.run.child_process import start_child, stop_server
from crawler.run.handover import crawl_environment, crawl_handover, log_path
from db.engine import make_session_factory
from db.models import CrawlRun
from db.repository import start_run
from simulator.harness import SimClient
from tests.simfixtures import Crawler


def test_a_child_refusing_its_hand_over_says_why_on_its_output_and_in_its_exit_code() -> None:
    handover = json.dumps({"source": {"id": "another-source"}, "spider": "x", "settings_module": "x", "settings": {}})
    child = start_child("zj-kjt-notices", handover)
    output = child.stdout.read()
    assert child.wait(timeout=60) == 2 and child.returncode == 2
    assert "the hand-over is for 'another-source', not 'zj-kjt-notices'" in output


def test_a_child_that_cannot_start_its_crawl_exits_1_with_the_reason() -> None:
    handover = json.dumps({"source": {"id": "zj-kjt-notices"}, "spider": "no-such-spider",
                           "settings_module": "crawler.scrapy_ext.settings", "settings": {"LOG_FILE": None}})
    child = start_child("zj-kjt-notices", handover)
    output = child.stdout.read()
    assert child.wait(timeout=60) == 1
    assert "Spider not found: no-such-spider" in output


def test_the_preloaded_server_installs_no_twisted_reactor() -> None:
    """Each child installs the reactor its settings ask for; one installed before the fork would be the wrong one."""
    probe = "import sys, crawler.run.child_preload; print('twisted.internet.reactor' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_once_the_server_is_stopped_its_children_count_in_this_process_resource_usage() -> None:
    """What the benchmarks rely on: the server's imports alone are far more than 0.2 s of CPU."""
    def children_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    before = children_cpu()
    child = start_child("zj-kjt-notices", json.dumps({"source": {"id": "another-source"}}))
    child.stdout.read()
    child.wait(timeout=60)
    stop_server()
    assert children_cpu() - before > 0.2


def test_a_module_that_fails_to_import_is_left_to_the_children_not_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    from crawler.run import child_preload

    def broken(path: str) -> object:
        if path.startswith("pipelines."):
            raise SyntaxError("invalid syntax (store.py, line 1)")
        return None

    monkeypatch.setattr(child_preload, "load_object", broken)
    failed = child_preload.preload()
    assert failed and all(line.startswith("pipelines.") and "SyntaxError" in line for line in failed)


# What a crawl child runs after the fork, in a process of its own: the modules it imports beyond the server's,
# how many times the topic taxonomy was read, whether the ORM's classes were set up before the crawl.
IMPORTS_PROBE = """
import json, sys
import crawler.run.child_preload
from crawler.extract.topics import default_taxonomy
from db.models import Base
configured_before = all(mapper.configured for mapper in Base.registry.mappers)
before = set(sys.modules)
from crawler.run.child import crawl
code = crawl(sys.argv[1], json.loads(sys.stdin.read()))
print("NWIMPORTED " + json.dumps(sorted(set(sys.modules) - before)))
print("NWTAXONOMY " + str(default_taxonomy.cache_info().misses))
print("NWMAPPERS " + str(configured_before))
sys.exit(code)
"""


def test_a_crawl_imports_and_reads_nothing_the_server_has_not_but_its_reactor(sim: SimClient, crawler: Crawler) -> None:
    """Every child would pay again for a module the server left out (a download handler, a disabled extension
    that Scrapy still imports to match its path) or a file it did not read: tenths of a CPU-second per crawl."""
    source = crawler.catalog["zj-kjt-notices"]
    with make_session_factory(crawler.engine).begin() as session:
        run_id = start_run(session, source.id, "manual", "test", None).id
    log_path(crawler.settings, source.id, run_id).parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([sys.executable, "-c", IMPORTS_PROBE, source.id], capture_output=True, text=True,
                            input=crawl_handover(crawler.settings, source, run_id, 0.0), env=crawl_environment(),
                            timeout=180)
    assert result.returncode == 0, result.stderr[-2000:]
    [line] = [line for line in result.stdout.splitlines() if line.startswith("NWIMPORTED ")]
    imported = json.loads(line.removeprefix("NWIMPORTED "))
    # Its reactor, and codecs looked up by the pages' own encodings (a few small modules each).
    assert [name for name in imported if not name.startswith(("twisted.internet.", "encodings."))] == [], imported
    with make_session_factory(crawler.engine)() as session:
        assert session.get(CrawlRun, run_id).new == len(sim.truth(source.id)) > 0  # articles were extracted
    assert "NWTAXONOMY 1" in result.stdout.splitlines()  # the taxonomy was read once, by the preload
    assert "NWMAPPERS True" in result.stdout.splitlines()  # the ORM was set up before the crawl's first query
