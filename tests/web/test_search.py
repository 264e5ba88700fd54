"""Substring search over title, 文号 and body (migration 0008's index), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, text

from crawler.web import search
from crawler.web.filters import ItemFilters
from crawler.web.item_queries import list_page
from crawler.web.search import terms_of
from db.engine import make_session_factory
from db.models import Item
from tests.web.webworld import Seeded

TZ = ZoneInfo("Asia/Shanghai")
TODAY = datetime(2026, 12, 7, tzinfo=timezone.utc).date()


def titles(seeded: Seeded, **filters: object) -> list[str]:
    with seeded.world.session() as session:
        page = list_page(session, ItemFilters(**filters), {}, TZ, TODAY)  # type: ignore[arg-type]
        return [item.title for item in page.items]


@pytest.mark.parametrize(("query", "expected"), [
    ("研发机构", {"draft"}),  # title, four characters
    ("药品", {"edited", "repost"}),  # body and title, two characters: below a trigram
    ("苏科计〔2026〕88号", {"notice"}),  # 文号 only
    ("重点研发计划 人工智能", {"notice"}),  # every term must match: title and body
    ("重点研发计划 细胞", set()),
    ("发布之日起", set()),  # only in the first version's body, not in the item's current body
    ("2027年1月1日", {"edited", "repost"}),
    ("公告", {"draft"}),  # two characters only at the very end of a title
    ("浙药", {"edited", "repost"}),  # two characters only at the start of a 文号
    ("无此", set()),
    ("a", None),  # a single character matches everything: it is ignored
])
@pytest.mark.parametrize("fts_max_rows", [None, 20_000, 0], ids=["sized", "index", "scan"])
def test_search_finds_chinese_substrings_of_two_or_more_characters(seeded: Seeded, query: str,
                                                                   expected: set[str] | None, fts_max_rows: int | None,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # Rare terms are answered from the index, common ones by reading newest first: both find the same items.
    monkeypatch.setattr(search, "FTS_MAX_ROWS", fts_max_rows)
    names = {seeded.draft.title: "draft", seeded.notice.title: "notice", seeded.edited.title: "edited",
             seeded.repost.title: "repost", seeded.hostile.title: "hostile"}
    found = {names[t] for t in titles(seeded, q=query)}
    assert found == (set(names.values()) if expected is None else expected)


def test_search_index_follows_edits_and_deletes(seeded: Seeded) -> None:
    with make_session_factory(seeded.world.engine).begin() as session:
        session.get(Item, seeded.notice.id).title = "江苏省科学技术厅关于量子计算专项的通知"  # type: ignore[union-attr]
        session.execute(delete(Item).where(Item.id == seeded.draft.id))
    assert titles(seeded, q="量子计算") == ["江苏省科学技术厅关于量子计算专项的通知"]
    assert titles(seeded, q="组织申报") == []  # only in the old title
    assert titles(seeded, q="研发机构") == []


def test_quotes_and_operators_in_a_query_are_text(seeded: Seeded) -> None:
    assert titles(seeded, q='"研发 OR NEAR(x) 100%_') == []


def test_results_are_newest_first(seeded: Seeded) -> None:
    assert titles(seeded, q="药品") == [seeded.repost.title, seeded.edited.title]


def test_search_is_answered_from_the_index(seeded: Seeded) -> None:
    with seeded.world.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            assert conn.execute(text("SELECT count(*) FROM items_fts WHERE items_fts MATCH '\"研发机构\"'")).scalar() == 1
        else:
            indexes = conn.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'items'")).scalars().all()
            assert {"ix_items_search_published", "ix_items_published"} <= set(indexes)  # migration 0009


def test_terms() -> None:
    assert terms_of(" 药品  药品 a 监督管理 ") == ["药品", "监督管理"]
