"""Migration 0009: item_topics follows items.topics on every write, is backfilled for items stored before it, and
the topic filter and feeds read it with the same results as testing each item's list; PostgreSQL's search
windows and case folding."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from alembic import command
from sqlalchemy import delete, inspect, select

from crawler.web.feed_queries import topic_items
from crawler.web.filters import ItemFilters
from crawler.web.item_queries import list_page
from db.engine import make_engine, make_session_factory
from db.migrate import alembic_config, upgrade
from db.models import Item, ItemTopic, Source
from db.store_item import store_item
from pipelines.change import content_hash, diff, snapshot
from tests.alerts.dbfactory import World, at, make_world

TZ = ZoneInfo("Asia/Shanghai")
TODAY = datetime(2026, 12, 7, tzinfo=timezone.utc).date()
URL = "https://kjt.zj.gov.cn/art/2026/11/20/art_1228971341_1.html"


def topic_rows(world: World) -> set[tuple[int, str, datetime | None, datetime]]:
    with world.session() as session:
        return {(r.item_id, r.topic, r.published_at, r.first_seen_at) for r in session.scalars(select(ItemTopic))}


def listed(world: World, page_size: int = 50, **filters: object) -> list[int]:
    with world.session() as session:
        page = list_page(session, ItemFilters(**filters), {}, TZ, TODAY, page_size)  # type: ignore[arg-type]
        return [item.id for item in page.items]


def test_rows_follow_inserts_updates_and_deletes(database_url: str) -> None:
    world = make_world(database_url)
    seen = at("2026-11-01 00:00")
    item = world.add_item("zj-kjt-notices", "通知", seen, topics=["ai", "cell-therapy", "ai"])
    untouched = world.add_item("zj-kjt-notices", "公告", seen, topics=["ai"])
    assert topic_rows(world) == {(item.id, "ai", seen, seen), (item.id, "cell-therapy", seen, seen),
                                 (untouched.id, "ai", seen, seen)}
    later = at("2026-11-03 00:00")
    with make_session_factory(world.engine).begin() as session:
        stored = session.get_one(Item, item.id)
        stored.topics = ["drug-regulation"]
        stored.published_at = later
    assert topic_rows(world) == {(item.id, "drug-regulation", later, seen), (untouched.id, "ai", seen, seen)}
    with make_session_factory(world.engine).begin() as session:
        session.get_one(Item, item.id).last_checked_at = later  # a re-check: no topic written
        session.execute(delete(Item).where(Item.id == untouched.id))
    assert topic_rows(world) == {(item.id, "drug-regulation", later, seen)}
    world.engine.dispose()


def test_the_crawl_storage_writes_them(database_url: str) -> None:
    upgrade(database_url)
    engine = make_engine(database_url)
    sessions = make_session_factory(engine)
    now = at("2026-11-20 02:00")
    with sessions.begin() as session:
        session.add(Source(id="zj-kjt-notices", name="浙江省科学技术厅 通知公告", family="hanweb-classic"))

    def store(body: str, topics: list[str], when: datetime) -> None:
        record = {"title": "关于开展细胞治疗项目申报的通知", "published": "2026-11-20T10:00:00+08:00",
                  "body_text": body, "attachments": []}
        snap = snapshot(record)
        columns = {"title": record["title"], "body_text": body, "attachments": [], "topics": topics, "extra": {}}
        with sessions.begin() as session:
            store_item(session, "zj-kjt-notices", URL, columns, snap, content_hash(snap), when, diff)

    store("细胞治疗", ["cell-therapy"], now)
    store("细胞治疗 人工智能", ["cell-therapy", "ai"], now + timedelta(hours=1))
    with sessions() as session:
        assert sorted(session.scalars(select(ItemTopic.topic))) == ["ai", "cell-therapy"]
    engine.dispose()


def test_the_migration_backfills_and_its_downgrade_removes_them(database_url: str) -> None:
    upgrade(database_url, "0008")
    engine = make_engine(database_url)
    world = World(engine, database_url)
    world.add_sources()
    seen = at("2026-11-01 00:00")
    item = world.add_item("zj-kjt-notices", "通知", seen, topics=["ai", "cell-therapy"])
    world.add_item("zj-kjt-notices", "公告", seen, topics=[])
    upgrade(database_url)
    assert topic_rows(world) == {(item.id, "ai", seen, seen), (item.id, "cell-therapy", seen, seen)}
    command.downgrade(alembic_config(database_url), "0008")
    assert "item_topics" not in inspect(engine).get_table_names()
    if engine.dialect.name == "postgresql":
        assert "ix_items_search_trgm" in {i["name"] for i in inspect(engine).get_indexes("items")}
    world.add_item("zj-kjt-notices", "又一个通知", seen, topics=["ai"])  # no trigger left behind
    upgrade(database_url)
    assert len(topic_rows(world)) == 3
    engine.dispose()


def test_topic_filter_and_feed_match_the_items_topic_lists(database_url: str) -> None:
    world = make_world(database_url)
    topics = (["ai"], ["drug-regulation"], ["ai", "cell-therapy"], [], ["cell-therapy"])
    for index in range(15):
        published = None if index == 4 else at("2026-11-01 00:00") + timedelta(hours=(index * 7) % 15)
        world.add_item("zj-kjt-notices", f"通知{index}", at("2026-11-01 00:00") + timedelta(minutes=index),
                       topics=topics[index % len(topics)], published_at=published)
    with world.session() as session:
        everything = list(session.scalars(select(Item)))
    for topic in ("ai", "cell-therapy", "drug-regulation", "unknown"):
        # The old filter's answer: the items whose list holds the topic, newest published first (undated last).
        expected = [i.id for i in sorted((i for i in everything if topic in i.topics),
                                         key=lambda i: (i.published_at is not None, i.published_at, i.id),
                                         reverse=True)]
        assert listed(world, topic=topic) == expected
        pages = [listed(world, page_size=2, topic=topic, page=p) for p in range(1, 6)]
        assert [i for page in pages for i in page] == expected
        newest_seen = sorted((i for i in everything if topic in i.topics), key=lambda i: (i.first_seen_at, i.id),
                             reverse=True)
        with world.session() as session:
            assert [i.id for i in topic_items(session, topic)] == [i.id for i in newest_seen]
    titles = {i.id: i.title for i in everything}
    assert listed(world, topic="ai", q="通知1") == [i for i in listed(world, topic="ai") if "通知1" in titles[i]]
    world.engine.dispose()


def test_search_pages_are_the_same_whatever_the_window(database_url: str) -> None:
    # PostgreSQL looks for a page in the newest month, then year, then all: pages spanning them must not change.
    world = make_world(database_url)
    newest = at("2026-12-01 00:00")
    ages = [0, 3, 10, 40, 100, 200, 400, 800, 1500]
    for age in ages:
        world.add_item("zj-kjt-notices", f"关于重点研发计划的通知（{age}天前）", newest - timedelta(days=age))
    world.add_item("zj-kjt-notices", "无关的公告", newest)
    for query in ("重点研发计划", "研发计划 通知"):
        for size in (1, 2, 4, 20):
            pages = [listed(world, page_size=size, q=query, page=p) for p in range(1, 12)]
            found = [i for page in pages for i in page]
            assert found == list(range(1, len(ages) + 1)), (query, size)
    world.engine.dispose()


def test_two_character_search_folds_latin_case(database_url: str) -> None:
    world = make_world(database_url)
    seen = at("2026-11-01 00:00")
    upper = world.add_item("zj-kjt-notices", "关于AI芯片专项的通知", seen)
    lower = world.add_item("zj-kjt-notices", "通知", seen, body_text="推进ai应用")
    world.add_item("zj-kjt-notices", "公告", seen, body_text="无关")
    assert sorted(listed(world, q="ai")) == sorted(listed(world, q="AI")) == sorted([upper.id, lower.id])
    assert listed(world, q="Ai芯") == [upper.id]
    world.engine.dispose()
