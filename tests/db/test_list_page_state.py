"""What list pages told the last crawl: validators and a column page remembered as a jpaas shell."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from db.engine import make_engine, make_session_factory
from db.migrate import upgrade
from db.models import Source
from db.repository import finish_run, known_item_state, start_run
from db.store_item import save_list_validators

NOW = datetime(2026, 11, 24, 2, 0, tzinfo=timezone.utc)
SOURCE = "zj-kjt-drafts"
COLUMN = "https://kjt.zj.gov.cn/col/col1229225203/index.html"
UNIT = "https://kjt.zj.gov.cn/api-gateway/jpaas-publish-server/front/page/build/unit?pageId=1229225203"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    upgrade(database_url)
    engine = make_engine(database_url)
    with make_session_factory(engine).begin() as s:
        s.add(Source(id=SOURCE, name="浙江省科学技术厅 征求意见", family="hanweb-auto"))
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(engine)


def crawl_ended(sessions: sessionmaker[Session], outcome: str) -> None:
    with sessions.begin() as s:
        run = start_run(s, SOURCE, "manual", "test", None)
        finish_run(s, run.id, outcome, "", {})


def test_a_shell_is_remembered_for_a_day_after_a_clean_run(engine: Engine, sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        save_list_validators(s, SOURCE, COLUMN, None, None, NOW, list_via="jpaas")
        save_list_validators(s, SOURCE, UNIT, '"u-1"', None, NOW)
    crawl_ended(sessions, "ok")
    state = known_item_state(engine, SOURCE, NOW + timedelta(hours=23))
    assert state.list_via == {COLUMN: "jpaas"} and state.validators[UNIT] == ('"u-1"', None)
    # A day later the column page is read again (the unit API's validators still count).
    stale = known_item_state(engine, SOURCE, NOW + timedelta(hours=24))
    assert stale.list_via == {} and stale.validators[UNIT] == ('"u-1"', None)


def test_nothing_is_remembered_after_an_unclean_run(engine: Engine, sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        save_list_validators(s, SOURCE, COLUMN, None, None, NOW, list_via="jpaas")
    crawl_ended(sessions, "failed")
    state = known_item_state(engine, SOURCE, NOW + timedelta(minutes=5))
    assert state.list_via == {} and state.validators == {} and not state.last_run_clean


def test_reading_the_page_as_a_list_again_forgets_the_shell(engine: Engine, sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        save_list_validators(s, SOURCE, COLUMN, '"old-classic"', None, NOW - timedelta(days=30))
        save_list_validators(s, SOURCE, COLUMN, None, None, NOW, list_via="jpaas")
    crawl_ended(sessions, "ok")
    state = known_item_state(engine, SOURCE, NOW + timedelta(minutes=5))
    # The shell keeps no validators of the classic page it replaced.
    assert state.list_via == {COLUMN: "jpaas"} and state.validators[COLUMN] == (None, None)
    with sessions.begin() as s:
        save_list_validators(s, SOURCE, COLUMN, None, None, NOW + timedelta(hours=1))
    assert known_item_state(engine, SOURCE, NOW + timedelta(hours=2)).list_via == {}


def test_a_run_that_left_new_articles_for_later_is_not_clean(engine: Engine,
                                                             sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        save_list_validators(s, SOURCE, COLUMN, '"v-1"', None, NOW)
        run = start_run(s, SOURCE, "manual", "test", None)
        finish_run(s, run.id, "ok", "", {"stats": {"newswatch/new_left": 12}})
    # The next crawl reads the list whole (no 304) and pages past the known items at its head.
    state = known_item_state(engine, SOURCE, NOW + timedelta(minutes=5))
    assert not state.last_run_clean and state.validators == {}
    crawl_ended(sessions, "ok")
    assert known_item_state(engine, SOURCE, NOW + timedelta(minutes=10)).last_run_clean
