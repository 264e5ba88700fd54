"""The Sources page and a source's page: health, transitions, runs, items stored, next scheduled run."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Column, Float, MetaData, String, Table
from starlette.testclient import TestClient

from tests.web.webworld import Seeded


def test_sources_page_shows_each_sources_state(client: TestClient) -> None:
    page = client.get("/sources").text
    row = page.split('href="/sources/zj-kjt-notices"')[1].split("</tr>")[0]
    assert 'class="health blocked"' in row and "2026-12-02 08:00 +08:00" in row  # last run, local time
    assert ">failed<" in row and "not scheduled" in row
    assert '<a href="/items?source=zj-kjt-notices">1</a>' in row


def test_source_page_lists_runs_and_transitions(client: TestClient) -> None:
    page = client.get("/sources/zj-kjt-notices").text
    assert "HTTP 412 challenge page" in page
    transitions = page.split("<h2>Health transitions</h2>")[1].split("</table>")[0]
    assert "<td>ok</td>" in transitions and 'class="health blocked"' in transitions
    runs = page.split('<h2 id="runs">Runs (2)</h2>')[1]
    assert runs.index("2026-12-02 08:00") < runs.index("2026-12-01 08:00")  # newest first
    assert '<td class="num">60.0 s</td>' in runs


def test_next_scheduled_run_comes_from_the_daemons_job_store(client: TestClient, seeded: Seeded) -> None:
    table = Table("apscheduler_jobs", MetaData(), Column("id", String(191), primary_key=True),
                  Column("next_run_time", Float), Column("job_state", String))
    table.create(seeded.world.engine)
    when = datetime(2026, 12, 8, 1, 30, tzinfo=timezone.utc)
    with seeded.world.engine.begin() as conn:
        conn.execute(table.insert(), [{"id": "crawl:zj-kjt-notices", "next_run_time": when.timestamp(), "job_state": ""},
                                      {"id": "digest:daily", "next_run_time": when.timestamp(), "job_state": ""}])
    assert "2026-12-08 09:30 +08:00" in client.get("/sources/zj-kjt-notices").text


def test_unknown_source_is_404(client: TestClient) -> None:
    assert client.get("/sources/no-such-source").status_code == 404
