"""A crawl stopped at its timeout: a site that kept answering (slowly) is not unreachable, one that stopped
answering is. The runner tells them apart even when the child is killed before it records its run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crawler.run import runner
from db.engine import make_session_factory
from db.models import CrawlRun, Item, Source
from tests.fakesite import Page, article_page, crawl_user_source, generic_source, list_page, serve

SOURCE = "t-slow-notices"


@dataclass(frozen=True)
class Stopped:
    message: str
    health: str
    health_message: str
    run_new: int  # new items the run record counts
    stored: int  # items in the database


def site(article_delay: float, articles: int = 60) -> dict[str, Page]:
    today = datetime.now(timezone.utc).date()  # health judges quietness by the real clock
    days = [(today - timedelta(days=n)).isoformat() for n in range(articles)]
    links = [(f"/art/{n}.html", f"关于第{n}批项目的通知", day) for n, day in enumerate(days)]
    pages = {"/col/index.html": Page(list_page(links))}
    for path, title, day in links:
        body = article_page(title, day, f"{title}。各有关单位：现将有关事项通知如下。" * 5)
        pages[path] = Page(body, delay=article_delay)
    return pages


def crawl_with_timeout(tmp_path: Path, pages: dict[str, Page], timeout: int, download_timeout: float = 1) -> Stopped:
    """What became of a crawl stopped after `timeout` seconds; the run must have timed out. A crawl child takes
    a few seconds to start (more on a busy machine): the timeouts leave the site seconds to answer after that."""
    environ = {"NEWSWATCH_CRAWL_TIMEOUT": str(timeout), "NEWSWATCH_DOWNLOAD_TIMEOUT": str(download_timeout)}
    with serve(pages) as fake:
        result, engine = crawl_user_source(tmp_path, generic_source(SOURCE, f"{fake.url}/col/index.html"), environ)
    with make_session_factory(engine)() as s:
        source = s.get(Source, SOURCE)
        run = s.get(CrawlRun, result.run_id)
        stopped = Stopped(result.message, source.health, source.health_message, run.new,
                          s.scalar(select(func.count(Item.id))) or 0)
    engine.dispose()
    assert result.outcome == "timeout"
    return stopped


def test_a_crawl_that_ran_out_of_time_while_the_site_answered_is_not_unreachable(tmp_path: Path) -> None:
    # 200 articles at 0.3 s each do not fit in 20 s.
    stopped = crawl_with_timeout(tmp_path, site(article_delay=0.3, articles=200), timeout=20)
    assert stopped.message.startswith(f"timed out after 20 s while the site was still answering ({stopped.stored} new")
    assert "the next crawl goes on where this one stopped" in stopped.message
    assert "raise crawl_timeout" in stopped.message
    assert stopped.health == "ok" and stopped.run_new == stopped.stored > 0


def test_the_site_was_answering_even_when_the_child_is_killed_before_it_records_its_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its in-flight requests (1.5 s each, one at a time) outlast the grace after SIGTERM: the child is killed.
    monkeypatch.setattr(runner, "STOP_GRACE_SECONDS", 1.0)
    stopped = crawl_with_timeout(tmp_path, site(article_delay=1.5), timeout=20, download_timeout=30)
    assert stopped.message.startswith("timed out after 20 s while the site was still answering (")
    assert stopped.health == "ok"
    # The counts the child last reported (every half second at most): the last item may be missing from them.
    assert 0 < stopped.run_new <= stopped.stored and f"({stopped.run_new} new" in stopped.message


def test_a_crawl_that_timed_out_waiting_for_a_silent_site_is_unreachable(tmp_path: Path) -> None:
    # The list answers, then no article does (each times out after 1 s, and again on retry): by the timeout
    # the site has been silent for far longer than a request may take.
    stopped = crawl_with_timeout(tmp_path, site(article_delay=600), timeout=15)
    assert stopped.message.startswith("timed out after 15 s; see ")
    assert stopped.health == "unreachable" and stopped.health_message == stopped.message
