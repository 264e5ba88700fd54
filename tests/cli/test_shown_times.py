"""Every command shows times one way: in the configured timezone (Asia/Shanghai by default) with the offset."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from crawler.cli import cli
from crawler.config import load_settings
from crawler.config.catalog import load_catalog
from crawler.run.runner import CrawlRunner
from db.engine import make_session_factory
from db.models import Lease
from db.timeutil import utcnow
from tests.alerts.dbfactory import World, at, make_world

RUN_AT = at("2025-03-10 02:00")  # 10:00 in Shanghai
PUBLISHED = at("2025-03-09 17:00")  # 01:00 on the 10th in Shanghai, still the 9th in UTC


@pytest.fixture
def world(database_url: str) -> World:
    world = make_world(database_url)
    world.crawl_run("zj-kjt-notices", RUN_AT, RUN_AT + timedelta(minutes=3), new=1)
    world.add_item("zj-kjt-notices", "关于开展科技项目申报的通知", RUN_AT, published_at=PUBLISHED)
    return world


def env(world: World, tmp_path: Path) -> dict[str, str]:
    return {"NEWSWATCH_DATABASE_URL": world.url, "NEWSWATCH_DATA_DIR": str(tmp_path / "data")}


def invoke(world: World, tmp_path: Path, *args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), env=env(world, tmp_path))
    assert result.exit_code == 0, result.output
    return result


def row_of(output: str, first: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(first + " "))


def test_status_shows_the_zone(world: World, tmp_path: Path) -> None:
    assert "2025-03-10 10:00 +08:00" in row_of(invoke(world, tmp_path, "status").stdout, "zj-kjt-notices")
    data = json.loads(invoke(world, tmp_path, "status", "--json").stdout)
    source = next(s for s in data["sources"] if s["id"] == "zj-kjt-notices")
    assert source["last_run"] == "2025-03-10T10:00:00+08:00" and data["now"].endswith("+08:00")


def test_sources_list_shows_the_zone_and_the_local_day(world: World, tmp_path: Path) -> None:
    row = row_of(invoke(world, tmp_path, "sources", "list").stdout, "zj-kjt-notices")
    assert "2025-03-10 10:00 +08:00" in row and row.rstrip().endswith("2025-03-10")
    data = json.loads(invoke(world, tmp_path, "sources", "list", "--json").stdout)
    source = next(s for s in data if s["id"] == "zj-kjt-notices")
    assert (source["last_run"], source["newest"]) == ("2025-03-10T10:00:00+08:00", "2025-03-10")


def test_items_list_shows_the_zone(world: World, tmp_path: Path) -> None:
    assert row_of(invoke(world, tmp_path, "items", "list").stdout, "2025-03-10").startswith("2025-03-10 01:00 +08:00 ")
    [item] = json.loads(invoke(world, tmp_path, "items", "list", "--json").stdout)
    assert item["published"] == "2025-03-10T01:00:00+08:00"


def test_a_skipped_crawl_says_since_when_with_the_zone(world: World, tmp_path: Path) -> None:
    with make_session_factory(world.engine).begin() as session:  # another machine holds the source
        session.add(Lease(name="source:zj-kjt-notices", owner="elsewhere:1:x", host="elsewhere", pid=1,
                          acquired_at=RUN_AT, expires_at=utcnow() + timedelta(hours=1)))
    settings = load_settings(environ=env(world, tmp_path))
    catalog = load_catalog(settings.catalog_paths)
    result = CrawlRunner(settings, world.engine).run_one(catalog["zj-kjt-notices"])
    assert result.outcome == "skipped" and result.message.endswith("since 2025-03-10 10:00 +08:00)")
