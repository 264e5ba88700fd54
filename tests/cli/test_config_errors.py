"""Every command checks the whole configuration the same way at start and says what is wrong in one line
(file or environment variable, key, reason), never with a traceback; config errors exit 78 (EX_CONFIG)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from crawler.cli import cli
from tests.spiders.spiderkit import source_dict

COMMANDS = [["status"], ["crawl", "--source", "zj-kjt-notices"], ["daemon"], ["sources", "list"],
            ["items", "list"], ["digest"], ["alerts", "status"]]


def run(args: list[str], tmp_path: Path, config: dict[str, Any] | None = None, **env: str) -> Result:
    environ = {"NEWSWATCH_DATA_DIR": str(tmp_path / "data"), "NEWSWATCH_CONFIG": "", **env}
    if config is not None:
        path = tmp_path / "newswatch.yaml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        environ["NEWSWATCH_CONFIG"] = str(path)
    return CliRunner().invoke(cli, args, env=environ)


def assert_one_line_error(result: Result, *words: str, code: int = 78) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    error = result.output.strip().splitlines()
    assert len(error) == 1 and error[0].startswith("Error: "), result.output
    assert all(w in error[0] for w in words), error[0]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize(
    ("config", "words"),
    [
        ({"schedule": {"jiter_seconds": 5}}, ["schedule.jiter_seconds: unknown key", "jitter_seconds"]),
        ({"schedule": {"jitter_seconds": "soon"}}, ["schedule.jitter_seconds", "valid integer"]),
        ({"schedule": {"sources": {"zj-kjt-notices": {"cron": "61 25 * * 9"}}}}, ["not a cron expression"]),
        ({"schedule": {"sources": {"zj-kjt-notices": {"cron": "every tuesday"}}}}, ["not a cron expression"]),
        ({"schedule": {"sources": {"zj-kjt-notices": {"cron": "0 8 31 2 *"}}}}, ["never fires"]),
        ({"digest": {"time": "99:99"}}, ["digest.time"]),
        ({"politeness": {"download_delay": 5}}, ["politeness: unknown key"]),
        ({"daemon": {"x": 1}}, ["daemon: unknown key"]),
        ({"rules": [{"name": "r", "channels": ["nope"]}]}, ["rules[0]", "unknown channel 'nope'"]),
    ],
    ids=["misspelled", "wrong-type", "cron-range", "cron-words", "cron-never", "digest-time", "politeness",
         "daemon", "cross-reference"],
)
def test_every_command_refuses_the_same_mistake(tmp_path: Path, command: list[str], config: dict,
                                                words: list[str]) -> None:
    assert_one_line_error(run(command, tmp_path, config), *words)


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"NEWSWATCH_DATABASE_URL": "nonsense"}, ["NEWSWATCH_DATABASE_URL: not a supported database URL"]),
        ({"NEWSWATCH_DATABASE_URL": "mysql://root@127.0.0.1/x"}, ["NEWSWATCH_DATABASE_URL", "(mysql)"]),
        ({"NEWSWATCH_TIMEZONE": "Mars/Base"}, ["NEWSWATCH_TIMEZONE: unknown time zone 'Mars/Base'"]),
        ({"NEWSWATCH_CRAWL_TIMEOUT": "soon"}, ["NEWSWATCH_CRAWL_TIMEOUT", "valid number"]),
        ({"NEWSWATCH_PARALLEL_CRAWLS": "0"}, ["NEWSWATCH_PARALLEL_CRAWLS", "greater than or equal to 1"]),
    ],
)
def test_bad_environment_values_name_the_variable(tmp_path: Path, env: dict[str, str], words: list[str]) -> None:
    for command in (["status"], ["daemon"]):
        assert_one_line_error(run(command, tmp_path, **env), *words)


def test_a_cron_that_cannot_fire_in_a_catalog_entry_is_refused_naming_file_source_and_key(tmp_path: Path) -> None:
    catalog = tmp_path / "mine.yaml"
    entry = source_dict("hb-mpa-notices", "generic", "https://mpa.hubei.gov.cn/tzgg/", schedule={"cron": "61 25 * * 9"})
    catalog.write_text(yaml.safe_dump({"sources": [entry]}), encoding="utf-8")
    for command in (["sources", "list"], ["daemon"]):
        assert_one_line_error(run(command, tmp_path, NEWSWATCH_CATALOGS=str(catalog)),
                              "mine.yaml", "hb-mpa-notices", "schedule", "not a cron expression")
    entry["schedule"] = {"cron": "0 8 * * *", "every_minutes": 60}
    catalog.write_text(yaml.safe_dump({"sources": [entry]}), encoding="utf-8")
    assert_one_line_error(run(["sources", "list"], tmp_path, NEWSWATCH_CATALOGS=str(catalog)),
                          "either cron or every_minutes")


def test_an_unreachable_database_is_one_line_without_its_password(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://newswatch:hunter2@127.0.0.1:{port}/newswatch"
    result = run(["status"], tmp_path, NEWSWATCH_DATABASE_URL=url)
    assert_one_line_error(result, "cannot open the database", f"127.0.0.1:{port}", code=1)
    assert "hunter2" not in result.output


def test_an_unwritable_data_dir_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    result = run(["status"], tmp_path, NEWSWATCH_DATA_DIR=str(blocker / "data"))
    assert_one_line_error(result, "the data directory", "cannot be written", code=1)


def test_sim_port_out_of_range_or_in_use(tmp_path: Path) -> None:
    out_of_range = run(["sim", "--port", "70000"], tmp_path)
    assert out_of_range.exit_code == 2 and "70000 is not in the range 0<=x<=65535" in out_of_range.output
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert_one_line_error(run(["sim", "--port", str(port)], tmp_path), f"cannot listen on 127.0.0.1:{port}",
                              code=1)
