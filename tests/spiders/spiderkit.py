"""Test helpers for spiders: build one for a catalog source, answer its requests, sort what it yields."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import scrapy
import yaml
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler

from crawler.config.catalog import load_catalog
from crawler.run.child import SOURCE_SETTING
from crawler.scrapy_ext.items import ListPageSeen
from crawler.scrapy_ext.known_items import KnownItems
from spiders.base import SourceSpider


def source_dict(source_id: str, family: str, start_url: str, **extra: Any) -> dict[str, Any]:
    """A minimal valid catalog entry."""
    return {
        "id": source_id,
        "name": {"zh": "测试", "en": "test"},
        "agency": {"zh": "测试", "en": "test"},
        "province": "test",
        "agency_kind": "science",
        "family": family,
        "start_urls": [start_url],
        **extra,
    }


def builtin_entry(source_id: str, **changes: Any) -> dict[str, Any]:
    """A built-in catalog entry as a dict, with some keys changed (e.g. params the shipped catalog leaves out)."""
    return {**load_catalog()[source_id].model_dump(mode="json"), **changes}


def make_spider(
    cls: type[SourceSpider],
    source: str | dict[str, Any],
    tmp_path: Path | None = None,
    known: KnownItems | None = None,
) -> Any:
    """A spider built as Scrapy builds it (from_crawler), for a built-in source id or a catalog entry (written
    to a catalog file under tmp_path, or without one handed over as the runner hands sources to crawl children)."""
    settings: dict[str, Any] = {}
    if isinstance(source, dict) and tmp_path is None:
        settings[SOURCE_SETTING] = source
        source_id = source["id"]
    elif isinstance(source, dict):
        path = tmp_path / f"{source['id']}.yaml"
        path.write_text(yaml.safe_dump({"sources": [source]}, allow_unicode=True), encoding="utf-8")
        settings["NEWSWATCH_CATALOGS"] = str(path)
        source_id = source["id"]
    else:
        source_id = source
    crawler = get_crawler(cls, settings)
    spider = cls.from_crawler(crawler, source=source_id)
    crawler.spider = spider
    if known is not None:
        spider.known = known
    return spider


def known(*urls: str, full_crawl: bool = False) -> KnownItems:
    """What a routine crawl knows: these URLs are stored (none due for a re-check)."""
    from crawler.util.urls import canonical_url

    return KnownItems(published={canonical_url(u): None for u in urls}, full_crawl=full_crawl)


def start_requests(spider: SourceSpider) -> list[scrapy.Request]:
    async def collect() -> list[scrapy.Request]:
        return [r async for r in spider.start()]

    return asyncio.run(collect())


def reply(
    request: scrapy.Request,
    body: bytes | str,
    status: int = 200,
    headers: dict[str, str] | None = None,
    cls: type[Response] = HtmlResponse,
) -> list[Any]:
    """Answer `request` as the site would and run its callback; returns everything the callback yields."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    response = cls(url=request.url, status=status, body=data, headers=headers or {}, request=request)
    return list(request.callback(response, **request.cb_kwargs) or [])


class Yielded:
    """A callback's output sorted into detail requests, list-page requests and list validators."""

    def __init__(self, spider: SourceSpider, results: list[Any]) -> None:
        requests = [r for r in results if isinstance(r, scrapy.Request)]
        self.details = [r for r in requests if r.callback == spider.parse_detail]
        self.lists = [r for r in requests if r.callback != spider.parse_detail]
        self.validators = [r for r in results if isinstance(r, ListPageSeen)]

    @property
    def detail_urls(self) -> list[str]:
        return [r.url for r in self.details]


def run(spider: SourceSpider, request: scrapy.Request, body: bytes | str, **kwargs: Any) -> Yielded:
    return Yielded(spider, reply(request, body, **kwargs))


def signal(spider: SourceSpider, kind: str) -> str | None:
    return spider.crawler.stats.get_value(f"newswatch/signal/{kind}")


def stat(spider: SourceSpider, key: str) -> Any:
    return spider.crawler.stats.get_value(f"newswatch/{key}")


def errors(spider: SourceSpider) -> list[dict[str, Any]]:
    return spider.crawler.stats.get_value("newswatch/error_log") or []
