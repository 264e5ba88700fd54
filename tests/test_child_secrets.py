"""Secrets never reach a crawl child's command line (`ps` shows it to every local user): the database URL,
with its password, travels in the child's hand-over on stdin."""

from __future__ import annotations

from pathlib import Path

from crawler.run.runner import CrawlRunner
from simulator.harness import SimClient
from tests.conftest import postgres_schema
from tests.simfixtures import Crawler

SOURCE = "zj-mpa-inspections"
PASSWORD = "s3cret-Pa55word"  # the test server trusts local connections: any password logs in


def with_password(url: str) -> str:
    scheme, rest = url.split("://", 1)
    user_at, host = rest.split("@", 1) if "@" in rest else ("postgres", rest)
    return f"{scheme}://{user_at.split(':')[0]}:{PASSWORD}@{host}"


def test_no_crawl_child_command_line_holds_the_database_password(sim: SimClient, tmp_path: Path) -> None:
    with postgres_schema() as url:
        crawler = Crawler(sim, with_password(url), tmp_path)
        assert PASSWORD in crawler.settings.database_url
        command_lines: list[bytes] = []
        runner = CrawlRunner(crawler.settings, crawler.engine, politeness_scale=0.0)

        def read_command_lines(source_id: str, progress: dict) -> None:
            for child in list(runner._children.values()):
                command_lines.append(Path(f"/proc/{child.pid}/cmdline").read_bytes())

        runner.on_progress = read_command_lines
        result = runner.run([crawler.catalog[SOURCE]])[0]
        crawler.close()
    assert result.outcome == "ok", result.message  # the child reached the database: it had the password
    assert command_lines, "the child's command line was read while it ran"
    assert all(PASSWORD.encode() not in line and b"postgresql" not in line for line in command_lines)
    assert all(SOURCE.encode() in line for line in command_lines), command_lines  # what it crawls stays visible
