"""The one-off crawl command from the outside: summary table, items list JSON, sources list, db upgrade."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.cli import cli
from simulator.harness import SimClient


@pytest.fixture
def env(tmp_path: Path, sim: SimClient) -> dict[str, str]:
    return {"NEWSWATCH_DATA_DIR": str(tmp_path / "data"), "NEWSWATCH_SIMULATOR": sim.base_url,
            "NEWSWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}


def test_crawl_then_list(env: dict[str, str], sim: SimClient) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["crawl", "--source", "zj-mpa-inspections"], env=env)
    assert result.exit_code == 0, result.output
    summary = result.stdout.splitlines()
    assert summary[0].split()[:8] == ["source", "outcome", "entries", "new", "changed", "withdrawn", "errors",
                                      "duration"]
    row = next(line for line in summary if line.startswith("zj-mpa-inspections"))
    served = len(sim.truth("zj-mpa-inspections"))
    assert row.split()[1:5] == ["ok", str(served), str(served), "0"]

    listed = runner.invoke(cli, ["items", "list", "--json", "--source", "zj-mpa-inspections"], env=env)
    items = json.loads(listed.stdout)
    assert len(items) == served
    assert {"url", "source", "title", "published"} <= set(items[0])
    assert items[0]["published"].endswith("+08:00")
    assert {i["url"] for i in items} == {a["url"] for a in sim.truth("zj-mpa-inspections")}

    sources = json.loads(runner.invoke(cli, ["sources", "list", "--json"], env=env).stdout)
    row = next(s for s in sources if s["id"] == "zj-mpa-inspections")
    assert row["items"] == served and row["last_outcome"] == "ok" and row["health"] == "ok"


def test_unknown_source_is_refused(env: dict[str, str]) -> None:
    result = CliRunner().invoke(cli, ["crawl", "--source", "xx-nope-nothing"], env=env)
    assert result.exit_code == 2 and "unknown source" in result.output


def test_db_upgrade_reports_revision(env: dict[str, str]) -> None:
    from alembic.script import ScriptDirectory

    from db.migrate import MIGRATIONS_DIR

    head = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    result = CliRunner().invoke(cli, ["db", "upgrade"], env=env)
    assert result.exit_code == 0 and f"is at revision {head}" in result.output
