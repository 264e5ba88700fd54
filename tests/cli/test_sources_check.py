"""`newswatch sources check`: the first list page through the real spider, and a blocked source explained."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from crawler.cli import cli
from simulator.harness import running_simulator


def test_check_after_a_crawl_fetches_the_list_unconditionally(tmp_path: Path) -> None:
    with running_simulator() as sim:
        env = {"NEWSWATCH_DATA_DIR": str(tmp_path), "NEWSWATCH_SIMULATOR": sim.base_url}
        crawled = CliRunner().invoke(cli, ["crawl", "--source", "cn-most-policy"], env=env)
        assert crawled.exit_code == 0, crawled.output
        result = CliRunner().invoke(cli, ["sources", "check", "cn-most-policy", "--json"], env=env)
        assert result.exit_code == 0, result.output
        report = json.loads(result.stdout)
        assert report["entries"] and report["signals"] == {}  # not a 304 read as "zero entries"


def test_check_shows_entries_then_blocked(tmp_path: Path) -> None:
    with running_simulator() as sim:
        env = {"NEWSWATCH_DATA_DIR": str(tmp_path), "NEWSWATCH_SIMULATOR": sim.base_url}
        result = CliRunner().invoke(cli, ["sources", "check", "zj-kjt-policy", "--json"], env=env)
        assert result.exit_code == 0, result.output
        report = json.loads(result.stdout)
        truth = [a["url"] for a in sim.truth("zj-kjt-policy")]
        assert [e["url"] for e in report["entries"]] == truth[:45]
        assert report["signals"] == {} and report["errors"] == []
        assert sim.requests_log()["by_source"]["zj-kjt-policy"].get("detail", 0) == 0

        sim.post("/_sim/sources/zj-kjt-policy/mode", {"mode": "blocked-412"})
        blocked = CliRunner().invoke(cli, ["sources", "check", "zj-kjt-policy"], env=env)
        assert "0 entries" in blocked.stdout and "health signal: blocked" in blocked.stdout
