"""Test helpers: a migrated database with sources, items, versions and change events at chosen times."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from crawler.alerts.glossary import Topic
from crawler.config import Settings
from db.engine import make_engine, make_session_factory
from db.migrate import upgrade
from db.models import ChangeEvent, CrawlRun, Item, ItemVersion, Source

UTC = timezone.utc
TEST_TOPICS = [
    Topic("cell-therapy", "Cell therapy", "细胞治疗", ("cell therapies", "免疫细胞治疗", "干细胞")),
    Topic("drug-regulation", "Drug regulation", "药品监管", ("药品监督管理",)),
    Topic("ai", "Artificial intelligence", "人工智能", ("AI",)),
]
# Catalog ids (crawler/config/sources/zhejiang.yaml) get agency kinds and English names; js-* is not in the catalog.
SOURCES = {
    "zj-kjt-notices": ("浙江省科学技术厅 通知公告", "浙江省科学技术厅", "zhejiang"),
    "zj-kjt-policy": ("浙江省科学技术厅 政策文件", "浙江省科学技术厅", "zhejiang"),
    "zj-mpa-notices": ("浙江省药品监督管理局 通知公告", "浙江省药品监督管理局", "zhejiang"),
    "zj-mpa-inspections": ("浙江省药品监督管理局 飞行检查", "浙江省药品监督管理局", "zhejiang"),
    "js-kjt-notices": ("江苏省科学技术厅 通知公告", "江苏省科学技术厅", "jiangsu"),
}


def at(text: str) -> datetime:
    """An aware UTC datetime from 'YYYY-MM-DD HH:MM' (UTC)."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def settings_for(url: str, tmp_path: Path, raw: dict[str, Any] | None = None, tz: str = "Asia/Shanghai") -> Settings:
    return Settings(data_dir=tmp_path, database_url=url, timezone=tz, raw=raw or {})


@dataclass
class World:
    """A database and short-hands to fill it; every time is explicit, none is 'now'."""

    engine: Engine
    url: str
    _counter: int = field(default=0)

    def session(self) -> Session:
        return make_session_factory(self.engine)()

    def add_sources(self) -> None:
        with make_session_factory(self.engine).begin() as session:
            for source_id, (name, agency, province) in SOURCES.items():
                session.add(Source(id=source_id, name=name, agency=agency, province=province, family="hanweb-classic"))

    def set_health(self, source_id: str, state: str, since: datetime, message: str) -> None:
        with make_session_factory(self.engine).begin() as session:
            source = session.get(Source, source_id)
            assert source is not None
            source.health, source.health_since, source.health_message = state, since, message

    def add_item(self, source_id: str, title: str, seen: datetime, **fields: Any) -> Item:
        self._counter += 1
        url = fields.pop("url", f"https://example.gov.cn/{source_id}/art/{self._counter}.html")
        with make_session_factory(self.engine).begin() as session:
            item = Item(source_id=source_id, url=url, title=title, content_hash=f"h{self._counter}",
                        first_seen_at=seen, last_seen_at=seen, last_checked_at=seen,
                        published_at=fields.pop("published_at", seen), **fields)
            session.add(item)
            session.flush()
            session.add(ItemVersion(item_id=item.id, version=1, fetched_at=seen, content_hash=item.content_hash,
                                    fields={"title": title}, diff={}))
        return item

    def set_cluster(self, cluster_id: int, *items: Item) -> None:
        with make_session_factory(self.engine).begin() as session:
            for item in items:
                session.get(Item, item.id).cluster_id = cluster_id  # type: ignore[union-attr]

    def event(self, kind: str, source_id: str, created: datetime, item: Item | None = None,
              payload: dict[str, Any] | None = None) -> ChangeEvent:
        self._counter += 1
        if payload is None:
            payload = {"title": item.title, "url": item.url} if item else {}
        with make_session_factory(self.engine).begin() as session:
            event = ChangeEvent(kind=kind, source_id=source_id, item_id=item.id if item else None,
                                dedupe_key=f"{kind}:{self._counter}", created_at=created, payload=payload)
            session.add(event)
        return event

    def crawl_run(self, source_id: str, started: datetime, finished: datetime | None, new: int,
                  outcome: str = "ok", stats: dict[str, Any] | None = None) -> None:
        with make_session_factory(self.engine).begin() as session:
            session.add(CrawlRun(source_id=source_id, started_at=started, finished_at=finished, new=new,
                                 outcome=outcome, stats=stats or {}))


def make_world(url: str) -> World:
    upgrade(url)
    world = World(make_engine(url), url)
    world.add_sources()
    return world


def day(text: str) -> date:
    return date.fromisoformat(text)
