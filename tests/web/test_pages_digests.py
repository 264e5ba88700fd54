"""The Digests page: what was sent, and a day's digest rendered by the digest builder."""

from __future__ import annotations

from datetime import date

from starlette.testclient import TestClient

from db.engine import make_session_factory
from db.models import DigestSend
from tests.web.webworld import Seeded, at


def test_digest_archive_and_preview(client: TestClient, seeded: Seeded) -> None:
    with make_session_factory(seeded.world.engine).begin() as session:
        session.add(DigestSend(digest_date=date(2026, 12, 1), channel="team", status="sent",
                               sent_at=at("2026-12-02 00:00"), subject="newswatch 日报 2026-12-01: 3 new"))
    page = client.get("/digests").text
    assert "newswatch 日报 2026-12-01: 3 new" in page and 'href="/digests/2026-12-01.html"' in page
    assert '<iframe class="digest" src="/digests/' in page
    digest = client.get("/digests/2026-11-17.html")
    assert digest.status_code == 200 and "newswatch 日报 2026-11-17" in digest.text
    assert "frame-ancestors 'self'" in digest.headers["content-security-policy"]


def test_not_a_date_is_404(client: TestClient) -> None:
    assert client.get("/digests/yesterday.html").status_code == 404
