"""A small fake web site on loopback for crawls of user-catalog sources (ports, hostile answers): pages are
served from a dict, and every request is counted."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

from crawler.config import load_settings
from crawler.config.catalog import load_catalog
from crawler.run.bootstrap import prepare_database
from crawler.run.runner import CrawlResult, CrawlRunner
from tests.spiders.spiderkit import source_dict


@dataclass
class Page:
    body: bytes
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    delay: float = 0.0  # seconds before the answer: a slow site (cut short when the site shuts down)


@dataclass
class FakeSite:
    pages: dict[str, Page]
    port: int = 0
    hits: Counter[str] = field(default_factory=Counter)
    closing: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def serve(pages: dict[str, Page]) -> Iterator[FakeSite]:
    site = FakeSite(pages)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            site.hits[self.path] += 1
            page = site.pages.get(self.path) or Page(b"not found", 404)
            if page.delay and site.closing.wait(page.delay):
                return
            self.send_response(page.status)
            for name, value in page.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(page.body)))
            self.end_headers()
            self.wfile.write(page.body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.closing.set()
        server.shutdown()
        server.server_close()


def list_page(links: list[tuple[str, str, str]]) -> bytes:
    items = "".join(f'<li><a href="{href}">{title}</a><span>{date}</span></li>' for href, title, date in links)
    return f"<html><head><title>通知公告</title></head><body><ul class='list'>{items}</ul></body></html>".encode()


def article_page(title: str, date: str, body: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><h1>{title}</h1><p>发布日期：{date}</p>"
            f"<div class='content'><p>{body}</p></div></body></html>").encode()


def crawl_user_source(tmp_path: Path, entry: dict[str, Any],
                      environ: dict[str, str] | None = None) -> tuple[CrawlResult, Any]:
    """Crawl one user-catalog source (no simulator) into a SQLite database in tmp_path (made on the first
    crawl); the result and the engine. `environ` adds or overrides configuration variables."""
    catalog_file = tmp_path / "mine.yaml"
    catalog_file.write_text(yaml.safe_dump({"sources": [entry]}, allow_unicode=True), encoding="utf-8")
    settings = load_settings(environ={"NEWSWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
                                      "NEWSWATCH_DATA_DIR": str(tmp_path), "NEWSWATCH_CATALOGS": str(catalog_file),
                                      "NEWSWATCH_CRAWL_TIMEOUT": "120", **(environ or {})})
    catalog = load_catalog(settings.catalog_paths)
    engine = prepare_database(settings, catalog)
    result = CrawlRunner(settings, engine, politeness_scale=0.0).run([catalog[entry["id"]]])[0]
    return result, engine


def generic_source(source_id: str, start_url: str, **extra: Any) -> dict[str, Any]:
    return source_dict(source_id, "generic", start_url, **extra)
