"""/healthz: JSON for load balancers, with no URL, path or secret in it."""

from __future__ import annotations

from starlette.testclient import TestClient

from db.migrate import head_revision


def test_healthz_reports_database_and_source_states(client: TestClient, database_url: str) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["schema"] == head_revision() and body["schema_current"]
    assert body["sources"] == {"blocked": 1, "ok": 4}
    assert "sqlite" not in response.text and "postgres" not in response.text and "127.0.0.1" not in response.text
