"""`newswatch sources list`: which catalog values no real page confirmed, in the table and in JSON."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from crawler.cli import cli


def test_unverified_sources_are_listed_with_their_reason(tmp_path: Path) -> None:
    env = {"NEWSWATCH_DATA_DIR": str(tmp_path)}
    table = CliRunner().invoke(cli, ["sources", "list"], env=env)
    assert table.exit_code == 0, table.output
    header, *_ = table.stdout.splitlines()
    assert header.split()[:3] == ["id", "family", "verified"]
    row = next(line for line in table.stdout.splitlines() if line.startswith("gd-mpa-gkmlpt "))
    assert " NO " in row
    assert "- gd-mpa-gkmlpt: the gkmlpt category 2849 and site id 755 in the start URL come from no saved page" in table.stdout
    rows = {r["id"]: r for r in json.loads(CliRunner().invoke(cli, ["sources", "list", "--json"], env=env).stdout)}
    assert rows["cn-most-policy"]["verified"] is True and rows["cn-most-policy"]["unverified_reason"] is None
    assert rows["zj-kjt-drafts"]["verified"] is False and "1229225203" in rows["zj-kjt-drafts"]["unverified_reason"]
