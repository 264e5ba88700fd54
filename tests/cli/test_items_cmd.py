"""`newswatch items list` from the outside: a bad --limit or an unknown --source is refused, not ignored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from crawler.cli import cli
from db.engine import make_session_factory
from db.models import Source
from tests.alerts.dbfactory import World, at, make_world


@pytest.fixture
def world(database_url: str) -> World:
    world = make_world(database_url)
    for n in range(3):
        world.add_item("zj-kjt-notices", f"通知 {n}", at(f"2025-03-1{n} 02:00"))
    with make_session_factory(world.engine).begin() as session:  # a source since dropped from the catalog
        session.add(Source(id="xx-old-column", name="旧栏目", agency="某厅", province="zhejiang", family="trs"))
    world.add_item("xx-old-column", "旧栏目的通知", at("2024-01-01 02:00"))
    return world


def items_list(world: World, tmp_path: Path, *args: str) -> Result:
    env = {"NEWSWATCH_DATABASE_URL": world.url, "NEWSWATCH_DATA_DIR": str(tmp_path / "data")}
    return CliRunner().invoke(cli, ["items", "list", *args], env=env)


@pytest.mark.parametrize("limit", ["-5", "0"])
def test_a_limit_below_one_is_refused(world: World, tmp_path: Path, limit: str) -> None:
    result = items_list(world, tmp_path, "--limit", limit)
    assert result.exit_code == 2 and f"Invalid value for '--limit': {limit} is not in the range x>=1." in result.output


def test_an_unknown_source_is_refused(world: World, tmp_path: Path) -> None:
    result = items_list(world, tmp_path, "--source", "zj-kjt-notices", "--source", "no-such-id")
    assert result.exit_code == 2
    assert "Invalid value for --source: unknown source(s): no-such-id; see `newswatch sources list`" in result.output


def test_known_sources_and_a_limit_list_the_newest(world: World, tmp_path: Path) -> None:
    newest = json.loads(items_list(world, tmp_path, "--source", "zj-kjt-notices", "--limit", "2", "--json").stdout)
    assert [i["title"] for i in newest] == ["通知 2", "通知 1"]
    dropped = json.loads(items_list(world, tmp_path, "--source", "xx-old-column", "--json").stdout)
    assert [i["title"] for i in dropped] == ["旧栏目的通知"]
