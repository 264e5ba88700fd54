"""A console over a small database of known items, versions, runs and events (tests/alerts/dbfactory.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from starlette.testclient import TestClient

from crawler.config.catalog import load_catalog
from crawler.web.app import create_app
from crawler.web.config import WebConfig
from crawler.web.readonly import read_only_engine
from db.engine import make_session_factory
from db.models import Item, ItemVersion
from tests.alerts.dbfactory import World, at, make_world, settings_for

BODY_V1 = "第一条 为加强药品监督管理，制定本办法。\n第二条 本办法适用于全省。\n第三条 本办法自发布之日起施行。"
BODY_V2 = "第一条 为加强药品监督管理，制定本细则。\n第二条 本办法适用于全省。\n第三条 本办法自2027年1月1日起施行。"


@dataclass
class Seeded:
    world: World
    draft: Item
    notice: Item
    edited: Item
    repost: Item
    hostile: Item


def seed(world: World) -> Seeded:
    draft = world.add_item("zj-kjt-notices", "关于征求《浙江省新型研发机构管理办法（征求意见稿）》意见的公告",
                           at("2026-11-17 02:00"), doc_number="浙科发〔2026〕12号", body_text="新型研发机构 认定条件",
                           comment_deadline=date(2099, 12, 4), topics=["ai"])
    notice = world.add_item("js-kjt-notices", "江苏省科学技术厅关于组织申报2027年度重点研发计划的通知",
                            at("2026-11-10 03:00"), doc_number="苏科计〔2026〕88号",
                            body_text="各设区市科技局：现将重点研发计划申报工作通知如下。人工智能方向优先。",
                            topics=["ai"])
    edited = world.add_item("zj-mpa-notices", "浙江省药品监督管理局关于印发药品经营监督检查办法的通知",
                            at("2026-11-01 01:00"), doc_number="浙药监〔2026〕5号", body_text=BODY_V2,
                            topics=["drug-regulation"], version=2)
    repost = world.add_item("zj-mpa-inspections", "转发：药品经营监督检查办法", at("2026-11-02 01:00"),
                            doc_number="浙药监〔2026〕5号", body_text=BODY_V2)
    hostile = world.add_item("zj-kjt-policy", "<script>alert('x')</script>标题", at("2026-10-01 01:00"),
                             body_text="正文", body_html="<p>正文<script>alert(1)</script><img src=x onerror=alert(2)></p>"
                             "<a href=\"javascript:alert(3)\">链接</a>")
    world.set_cluster(edited.id, edited, repost)
    with make_session_factory(world.engine).begin() as session:
        v1 = session.query(ItemVersion).filter_by(item_id=edited.id).one()
        v1.fields = {"title": edited.title, "doc_number": "浙药监〔2026〕4号", "body_text": BODY_V1}
        session.add(ItemVersion(item_id=edited.id, version=2, fetched_at=at("2026-11-05 01:00"), content_hash="v2",
                                fields={"title": edited.title, "doc_number": "浙药监〔2026〕5号", "body_text": BODY_V2},
                                diff={}))
    world.crawl_run("zj-kjt-notices", at("2026-12-01 00:00"), at("2026-12-01 00:01"), new=3)
    world.crawl_run("zj-kjt-notices", at("2026-12-02 00:00"), at("2026-12-02 00:00"), new=0, outcome="failed")
    world.set_health("zj-kjt-notices", "blocked", at("2026-12-02 00:00"), "HTTP 412 challenge page")
    world.event("health", "zj-kjt-notices", at("2026-12-02 00:00"),
                payload={"state": "blocked", "previous": "ok", "message": "HTTP 412 challenge page", "recovered": False})
    return Seeded(world, draft, notice, edited, repost, hostile)


def make_config(url: str, tmp_path: Path, password_hash: str | None = None, raw: dict | None = None) -> WebConfig:
    settings = settings_for(url, tmp_path, raw)
    return WebConfig(settings=settings, catalog=load_catalog(settings.catalog_paths), engine=read_only_engine(url),
                     password_hash=password_hash, secret_key="test-secret")


def client_for(url: str, tmp_path: Path, **kwargs: object) -> TestClient:
    return TestClient(create_app(make_config(url, tmp_path, **kwargs)), base_url="http://127.0.0.1:8080")  # type: ignore[arg-type]


__all__ = ["seed", "make_world", "client_for", "make_config", "Seeded", "World"]
