"""End to end: attachments are fetched only when enabled, within size, type and host limits, and recorded."""

from __future__ import annotations

import hashlib
import urllib.request
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from crawler.util.simulator_url import to_simulator_url
from db.engine import make_session_factory
from db.models import Item
from simulator.harness import SimClient
from tests.simfixtures import Crawler

SOURCE = "zj-mpa-inspections"  # mpa.zj.gov.cn; few attachments, so a full crawl with them stays quick
OTHER_HOST = "kjt.zj.gov.cn"  # another simulated host, standing in for a shared file server
BIG = "检查发现问题的详细清单" * 40 + ".pdf"  # the simulator's file holds its name: over 1000 bytes


def configure(crawler: Crawler, **section: Any) -> None:
    crawler.settings = replace(crawler.settings, raw={"attachments": section})


def served(sim: SimClient, url: str) -> bytes:
    """The bytes the simulator serves for a real attachment URL."""
    with urllib.request.urlopen(to_simulator_url(sim.base_url, url), timeout=30) as answer:
        return answer.read()


def records(crawler: Crawler, url: str) -> dict[str, dict[str, Any]]:
    with make_session_factory(crawler.engine)() as session:
        item = session.scalar(select(Item).where(Item.url == url))
        assert item is not None, url
        return {r["url"]: r for r in item.attachments}


def make_due(crawler: Crawler, url: str) -> None:
    """Pretend the item's re-check is due (an edit is only seen when the crawl fetches the page again)."""
    with make_session_factory(crawler.engine).begin() as session:
        item = session.scalar(select(Item).where(Item.url == url))
        item.first_seen_at -= timedelta(days=400)
        item.last_checked_at -= timedelta(days=400)


def attachment_requests(sim: SimClient) -> int:
    return sim.requests_log()["by_source"][SOURCE]["attachment"]


def stored_files(crawler: Crawler) -> list[Path]:
    root = crawler.settings.data_dir / "attachments"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def crawl_ok(crawler: Crawler) -> dict[str, int]:
    result = crawler.crawl(SOURCE)[SOURCE]
    assert result.outcome == "ok", result.message
    return result.counts


def test_disabled_by_default_no_attachment_is_requested(sim: SimClient, crawler: Crawler) -> None:
    crawl_ok(crawler)
    assert attachment_requests(sim) == 0
    truth = [a for a in sim.truth(SOURCE) if a["attachments"]]
    assert truth
    for attachment in records(crawler, truth[0]["url"]).values():
        assert set(attachment) == {"name", "url", "type"}  # no outcome: nothing was fetched
    assert stored_files(crawler) == []


def test_enabled_stores_every_attachment_once_with_its_bytes(sim: SimClient, crawler: Crawler) -> None:
    configure(crawler, enabled=True)
    crawl_ok(crawler)
    truth = [a for a in sim.truth(SOURCE) if a["attachments"]]
    urls = {f["url"] for article in truth for f in article["attachments"]}
    assert len(urls) >= 10
    assert attachment_requests(sim) == len(urls)
    for article in truth:
        stored = records(crawler, article["url"])
        for expected in article["attachments"]:
            record = stored[expected["url"]]
            body = served(sim, expected["url"])
            assert record["status"] == "stored", record
            assert record["bytes"] == len(body) and record["sha256"] == hashlib.sha256(body).hexdigest()
            assert record["path"].endswith(f"{record['sha256']}.{record['type']}")
            assert (crawler.settings.data_dir / record["path"]).read_bytes() == body

    # Nothing new: no article and no attachment is fetched again.
    sim.post("/_sim/requests/reset")
    counts = crawl_ok(crawler)
    assert counts["new"] == 0 and attachment_requests(sim) == 0

    # A changed article: only its new attachment is fetched; the stored ones keep their records.
    article = truth[0]
    kept = [{"name": f["name"], "url": f["url"]} for f in article["attachments"]]
    sim.post(f"/_sim/sources/{SOURCE}/edit", {"id": article["id"], "attachments": [*kept, {"name": "补充说明.pdf"}]})
    make_due(crawler, article["url"])
    sim.post("/_sim/requests/reset")
    counts = crawl_ok(crawler)
    assert counts["changed"] == 1 and attachment_requests(sim) == 1
    after = records(crawler, article["url"])
    assert all(after[f["url"]]["status"] == "stored" for f in kept) and len(after) == len(kept) + 1
    added = next(r for url, r in after.items() if url not in {f["url"] for f in kept})
    assert added["status"] == "stored" and added["name"] == "补充说明.pdf"


def test_size_type_and_host_limits(sim: SimClient, crawler: Crawler) -> None:
    crawl_ok(crawler)  # attachments off: the items are known, none of their files fetched
    configure(crawler, enabled=True, max_bytes=1000, types=["pdf", "xls", "xlsx"])
    first, second = sim.truth(SOURCE)[:2]
    offsite = f"https://{OTHER_HOST}/attach/-1/4455667788.pdf"
    sim.post(f"/_sim/sources/{SOURCE}/edit", {"id": first["id"], "attachments": [
        {"name": "名单.pdf"},
        {"name": BIG},
        {"name": "整改报告模板.docx"},
        {"name": "共享文件.pdf", "url": offsite},
    ]})
    make_due(crawler, first["url"])
    sim.post("/_sim/requests/reset")
    counts = crawl_ok(crawler)
    assert counts["changed"] == 1
    outcome = {r["name"]: r for r in records(crawler, first["url"]).values()}
    assert outcome["名单.pdf"]["status"] == "stored"
    big = outcome[BIG]
    assert big["status"] == "failed" and big["reason"].startswith("too large") and "path" not in big
    assert outcome["整改报告模板.docx"] == {**outcome["整改报告模板.docx"], "status": "skipped",
                                         "reason": "type not allowed: docx"}
    assert outcome["共享文件.pdf"]["status"] == "skipped"
    assert outcome["共享文件.pdf"]["reason"] == f"host not allowed: {OTHER_HOST}"
    requests = sim.requests_log()
    assert requests["by_source"][SOURCE]["attachment"] == 2  # the small and the big PDF; nothing else
    assert requests["by_host"].get(OTHER_HOST, 0) == 0  # not even its robots.txt
    files = stored_files(crawler)
    assert [f.read_bytes() for f in files] == [served(sim, outcome["名单.pdf"]["url"])]  # nothing of the big one

    # An HTML page served where a PDF is linked (a download script's "file not found") is refused.
    sim.post(f"/_sim/sources/{SOURCE}/mode", {"mode": "html-attachments"})
    sim.post(f"/_sim/sources/{SOURCE}/edit", {"id": second["id"], "attachments": [{"name": "处理决定.pdf"}]})
    make_due(crawler, second["url"])
    counts = crawl_ok(crawler)
    assert counts["changed"] == 1
    (refused,) = records(crawler, second["url"]).values()
    assert refused["status"] == "failed" and refused["reason"].startswith("type not allowed: the server sent an HTML")
    assert stored_files(crawler) == files
    sim.post(f"/_sim/sources/{SOURCE}/mode", {"mode": "ok"})

    # Once the file server is a configured attachment host, the skipped file is fetched when the item changes.
    configure(crawler, enabled=True, max_bytes=1000, types=["pdf", "xls", "xlsx"], hosts=[OTHER_HOST])
    sim.post(f"/_sim/sources/{SOURCE}/edit", {"id": first["id"], "title": first["title"] + "（更新）"})
    make_due(crawler, first["url"])
    sim.post("/_sim/requests/reset")
    counts = crawl_ok(crawler)
    assert counts["changed"] == 1
    outcome = {r["name"]: r for r in records(crawler, first["url"]).values()}
    shared = outcome["共享文件.pdf"]
    assert shared["status"] == "stored"
    assert (crawler.settings.data_dir / shared["path"]).read_bytes() == served(sim, offsite)
    assert sim.requests_log()["by_host"].get(OTHER_HOST, 0) >= 1
    assert outcome["名单.pdf"]["status"] == "stored"  # stored before: not fetched again

