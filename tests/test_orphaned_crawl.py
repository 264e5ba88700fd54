"""A crawl child whose runner is gone (killed with kill -9, its progress pipe closed) finishes its crawl and
records its own run: the items, the counts and the outcome, with no traceback in its log."""

from __future__ import annotations

import subprocess

from crawler.run.handover import crawl_command, crawl_environment, crawl_handover, log_path
from db.engine import make_session_factory
from db.models import CrawlRun
from db.repository import start_run
from simulator.harness import SimClient
from tests.simfixtures import Crawler

SOURCE = "zj-mpa-inspections"


def test_a_crawl_whose_runner_is_gone_records_its_own_run(sim: SimClient, crawler: Crawler) -> None:
    sim.post(f"/_sim/sources/{SOURCE}/mode", {"mode": "slow", "delay": 0.05})
    with make_session_factory(crawler.engine).begin() as session:
        run_id = start_run(session, SOURCE, "manual", "test", None).id
    log_path(crawler.settings, SOURCE, run_id).parent.mkdir(parents=True, exist_ok=True)
    source = crawler.catalog[SOURCE]
    child = subprocess.Popen(crawl_command(source), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                             env=crawl_environment(), start_new_session=True)
    try:
        assert child.stdin is not None and child.stdout is not None
        with child.stdin:
            child.stdin.write(crawl_handover(crawler.settings, source, run_id, 0.0))
        first = child.stdout.readline()  # the first progress line: the crawl is under way
        assert first.startswith("NWPROGRESS"), first
        child.stdout.close()  # what the runner's death does to the child's stdout
        assert child.wait(timeout=180) == 0
    finally:
        if child.poll() is None:
            child.kill()
    with make_session_factory(crawler.engine)() as session:
        run = session.get(CrawlRun, run_id)
        assert run.outcome == "ok", run.message
        assert run.pid == child.pid
        assert run.new == len(sim.truth(SOURCE))
    log = log_path(crawler.settings, SOURCE, run_id).read_text(encoding="utf-8")
    assert "Traceback" not in log and "BrokenPipeError" not in log
    assert "the runner that started this crawl is gone" in log
    # The next crawl knows the list: nothing new, no paging through the whole list again.
    again = crawler.crawl(SOURCE)[SOURCE]
    assert again.outcome == "ok" and again.counts["new"] == 0
