"""Two workers storing the same document at the same moment on PostgreSQL: one item, one version, one event."""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from db.models import ChangeEvent, Item, ItemVersion
from db.store_item import StoredOutcome, store_item
from db.timeutil import utcnow
from tests.distributed.fakes import catalog_database

URL = "https://kjt.zj.gov.cn/art/2026/3/1/art_1228971341_1.html"


def store_like_the_pipeline(sessions: sessionmaker[Session], barrier: threading.Barrier,
                            outcomes: list[StoredOutcome]) -> None:
    """The pipeline's rule: one transaction per item; a unique violation means the other writer won, so retry."""
    first = True
    for _ in range(3):
        try:
            with sessions.begin() as session:
                if first:
                    first = False
                    barrier.wait(timeout=30)  # both transactions are open before either looks for the row
                columns: dict[str, Any] = {"title": "关于开展科技计划申报的通知", "body_text": "正文"}
                outcomes.append(store_item(session, "zj-kjt-notices", URL, columns, {"title": columns["title"]},
                                           "digest-1", utcnow(), lambda old, new: {}))
                return
        except IntegrityError:
            continue


def test_concurrent_writers_of_one_document_store_it_once(pg_url: str) -> None:
    with catalog_database(pg_url) as sessions:
        barrier, outcomes = threading.Barrier(2), []
        writers = [threading.Thread(target=store_like_the_pipeline, args=(sessions, barrier, outcomes)) for _ in range(2)]
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join(timeout=60)
        assert sorted(o.value for o in outcomes) == ["new", "unchanged"]
        with sessions() as session:
            assert session.scalar(select(func.count(Item.id))) == 1
            assert session.scalar(select(func.count(ItemVersion.id))) == 1
            assert session.scalar(select(func.count(ChangeEvent.id)).where(ChangeEvent.kind == "new")) == 1
