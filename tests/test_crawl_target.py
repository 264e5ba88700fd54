"""One database, one crawl target: a crawl of the simulator never touches a database of the real sites (its
health, events, runs) and the other way round; the refusal is one line naming both."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from crawler.cli import cli
from crawler.config import load_settings
from crawler.config.catalog import load_catalog
from crawler.run.crawl_target import SIMULATOR, SITES, TargetMismatch, check_target, mismatch_message
from crawler.run.runner import CrawlRunner
from db.crawl_target import claim_target, served_target
from db.engine import make_session_factory
from db.models import ChangeEvent, CrawlRun, Source
from tests.alerts.dbfactory import World, at, make_world

SOURCE = "zj-kjt-notices"
DEAD_SIMULATOR = "http://127.0.0.1:1"  # nothing listens on port 1: the crawl would find the source unreachable


@pytest.fixture
def world(database_url: str) -> World:
    return make_world(database_url)


def claim(world: World, target: str) -> None:
    with make_session_factory(world.engine).begin() as session:
        claim_target(session, target, at("2025-03-10 02:00"))


def served(world: World) -> str | None:
    with make_session_factory(world.engine)() as session:
        return served_target(session)


def untouched(world: World) -> tuple[str, int, int]:
    with make_session_factory(world.engine)() as session:
        health = session.get(Source, SOURCE).health  # type: ignore[union-attr]
        runs = session.scalar(select(func.count(CrawlRun.id)))
        events = session.scalar(select(func.count(ChangeEvent.id)))
    return health, runs or 0, events or 0


def env(world: World, tmp_path: Path) -> dict[str, str]:
    return {"NEWSWATCH_DATABASE_URL": world.url, "NEWSWATCH_DATA_DIR": str(tmp_path / "data")}


def test_the_first_claim_stays(world: World) -> None:
    assert served(world) is None
    claim(world, SITES)
    claim(world, SIMULATOR)  # a later claim never overwrites the first
    assert served(world) == SITES


def test_a_simulator_crawl_is_refused_by_a_database_of_the_real_sites(world: World, tmp_path: Path) -> None:
    claim(world, SITES)
    result = CliRunner().invoke(cli, ["--simulator", DEAD_SIMULATOR, "crawl", "--source", SOURCE],
                                env=env(world, tmp_path))
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"Error: {mismatch_message(world.url, SITES, SIMULATOR)}"]
    assert "holds crawls of the real sites, so it takes no crawl of the simulator" in result.output
    assert untouched(world) == ("ok", 0, 0)  # no run, no "unreachable", no operator event


def test_a_real_crawl_is_refused_by_the_demo_database(world: World, tmp_path: Path) -> None:
    claim(world, SIMULATOR)
    result = CliRunner().invoke(cli, ["crawl", "--source", SOURCE], env=env(world, tmp_path))
    assert result.exit_code == 1 and "holds crawls of the simulator, so it takes no crawl of the real sites" in result.output
    if world.url.startswith("sqlite"):  # the demo's default file: the message names the file to move away
        assert f"move {world.url.removeprefix('sqlite:///')} away to start afresh" in result.output
    assert untouched(world) == ("ok", 0, 0)


@pytest.mark.parametrize("served_by, simulator", [(SITES, DEAD_SIMULATOR), (SIMULATOR, None)])
def test_the_runner_refuses_before_writing_anything(world: World, tmp_path: Path, served_by: str,
                                                    simulator: str | None) -> None:
    # The daemon and the workers crawl through the runner without the command's check: it refuses too.
    claim(world, served_by)
    settings = load_settings(environ=env(world, tmp_path), simulator=simulator)
    source = load_catalog(settings.catalog_paths)[SOURCE]
    [result] = CrawlRunner(settings, world.engine).run([source])
    assert result.outcome == "failed" and "so it takes no crawl of" in result.message
    assert untouched(world) == ("ok", 0, 0)


def test_an_unclaimed_database_is_claimed_by_its_first_run(world: World, tmp_path: Path) -> None:
    settings = load_settings(environ=env(world, tmp_path), simulator=DEAD_SIMULATOR)
    check_target(settings, world.engine)  # checking claims nothing
    assert served(world) is None
    source = load_catalog(settings.catalog_paths)[SOURCE]
    CrawlRunner(settings, world.engine, politeness_scale=0.0).run([source])
    assert served(world) == SIMULATOR
    with pytest.raises(TargetMismatch, match="holds crawls of the simulator"):
        check_target(load_settings(environ=env(world, tmp_path)), world.engine)


def test_a_postgres_database_is_named_without_its_password() -> None:
    message = mismatch_message("postgresql://nw:secret@db.internal/newswatch", SIMULATOR, SITES)
    assert "secret" not in message and "postgresql://nw:***@db.internal/newswatch" in message
    assert message.endswith("set database_url (or NEWSWATCH_DATABASE_URL) to another database")
