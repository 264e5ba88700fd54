"""`newswatch accuracy` from the outside: a corpus that was not measured is said to be skipped, never passed."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from crawler.cli import cli


def test_missing_realpages_are_reported_as_skipped(tmp_path: Path) -> None:
    absent = tmp_path / "realpages"
    result = CliRunner().invoke(cli, ["accuracy", "--per-source", "1", "--realpages", str(absent)])
    assert result.exit_code == 0, result.output
    assert f"realpages: skipped: {absent} is not there (--realpages DIR)" in result.output
    assert result.output.rstrip().endswith("all measured fields at or above their floors")


def test_a_realpages_folder_without_the_labelled_pages_is_skipped_too(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["accuracy", "--per-source", "1", "--realpages", str(tmp_path), "--json"])
    report = json.loads(result.output)
    assert report["skipped"] == {"realpages": f"skipped: {tmp_path} holds none of the labelled pages (--realpages DIR)"}
    assert set(report["parts"]) == {"simulator"}
