"""Browser-test helpers: a console served by uvicorn in a thread, over a database crawled from the simulator, and
Debian's Chromium driven by Playwright (never a browser Playwright downloads)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import uvicorn
from sqlalchemy import select

from crawler.web.app import create_app
from crawler.web.config import WebConfig
from crawler.web.readonly import read_only_engine
from db.engine import make_session_factory
from db.models import Item
from simulator.harness import SimClient
from tests.simfixtures import Crawler

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SOURCES = ("zj-kjt-notices", "zj-mpa-notices", "js-kjt-notices")
BLOCKED = "zj-mpa-notices"
EDITED_MARK = "（修订）"


def crawl_demo_like(sim: SimClient, crawler: Crawler) -> str:
    """What `make demo` stores, for three sources, plus what a later day brings: an edited article (version 2)
    and a source that got blocked (a failed run and a health transition). Returns the edited article's URL."""
    sim.reset()
    crawler.crawl(*SOURCES)
    article = sim.truth("zj-kjt-notices")[0]
    lines = article["body_text"].split("\n")
    lines[len(lines) // 2] += "本条自2027年1月1日起施行。"
    sim.post("/_sim/sources/zj-kjt-notices/edit", {"id": article["id"], "title": article["title"] + EDITED_MARK,
                                                   "body": "\n".join(lines)})
    with make_session_factory(crawler.engine).begin() as session:  # the re-check is due: pretend the time passed
        for item in session.scalars(select(Item).where(Item.source_id == "zj-kjt-notices")):
            item.last_checked_at -= timedelta(days=400)
            item.first_seen_at -= timedelta(days=400)
    crawler.crawl("zj-kjt-notices")
    sim.post(f"/_sim/sources/{BLOCKED}/mode", {"mode": "blocked-412"})
    crawler.crawl(BLOCKED)
    sim.reset()
    return str(article["url"])


@contextmanager
def serving(crawler: Crawler) -> Iterator[str]:
    """The console on a loopback port of its own. The socket listens before the server thread starts, so the
    browser's first connection waits in the backlog instead of the test waiting for the server."""
    config = WebConfig(settings=crawler.settings, catalog=crawler.catalog,
                       engine=read_only_engine(crawler.database_url), secret_key="browser-test")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    server = uvicorn.Server(uvicorn.Config(create_app(config), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()
        config.engine.dispose()
