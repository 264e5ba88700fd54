"""The commands people type to look (`status`, `items list`, `sources list`) import no crawling library: no
Scrapy, Twisted, lxml or parsel, no broker client, no alert channels. They answer in a fraction of a second."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CRAWLING = ("scrapy", "twisted", "lxml", "parsel", "redis", "rq", "apprise", "feedparser", "protego", "urllib3")


@pytest.mark.parametrize("argv", [["status"], ["items", "list", "--limit", "20"], ["sources", "list"]])
def test_looking_commands_import_no_crawling_library(argv: list[str], tmp_path: Path) -> None:
    probe = (f"import sys, crawler.cli; sys.argv = ['newswatch', *{argv!r}]\n"
             "try:\n    crawler.cli.main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
             f"print('HEAVY', sorted({{m.split('.')[0] for m in sys.modules}} & set({CRAWLING!r})))")
    env = {**os.environ, "NEWSWATCH_DATA_DIR": str(tmp_path)}
    env.pop("NEWSWATCH_DATABASE_URL", None)
    env.pop("NEWSWATCH_CONFIG", None)
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True).stdout
    assert "HEAVY []" in out, out
