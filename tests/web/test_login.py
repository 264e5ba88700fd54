"""Operator login: scrypt hashes, the gate on every page, CSRF on every form, the session cookie's flags."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from crawler.web.auth import PasswordHashError, hash_password, parse_hash, verify_password
from crawler.web.login import safe_next
from tests.web.webworld import Seeded, client_for

PASSWORD = "correct horse 电池"
# Cheap parameters for tests; the command uses the defaults.
HASH = hash_password(PASSWORD, n=2**10)


def test_hash_and_verify() -> None:
    assert verify_password(PASSWORD, HASH) and not verify_password("wrong", HASH)
    assert HASH.startswith("scrypt$1024$8$1$") and hash_password(PASSWORD, n=2**10) != HASH  # salted
    for bad in ("", "plain", "scrypt$3$8$1$AAAA$AAAA", "scrypt$1024$8$1$!!$AAAA"):
        with pytest.raises(PasswordHashError):
            parse_hash(bad)


@pytest.fixture
def guarded(seeded: Seeded, sqlite_url: str, tmp_path: Path) -> Iterator[TestClient]:
    with client_for(sqlite_url, tmp_path, password_hash=HASH) as client:
        yield client


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url  # the gate does not depend on the database


def token(page: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match
    return match.group(1)


def test_everything_needs_a_login_but_health(guarded: TestClient) -> None:
    for path in ("/items", "/items/1", "/sources", "/digests", "/feeds"):
        response = guarded.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login?next=")
    assert guarded.get("/feeds/items.atom").status_code == 401
    assert guarded.get("/healthz").status_code == 200
    assert guarded.get("/static/style.css").status_code == 200


def test_sign_in_and_out(guarded: TestClient) -> None:
    form = guarded.get("/login?next=/sources").text
    response = guarded.post("/login", data={"csrf_token": token(form), "password": PASSWORD, "next": "/sources"},
                            follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/sources"
    cookie = response.headers["set-cookie"]
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
    page = guarded.get("/sources")
    assert page.status_code == 200 and "Sign out" in page.text
    assert guarded.post("/logout", data={"csrf_token": "forged"}).status_code == 400
    out = guarded.post("/logout", data={"csrf_token": token(page.text)}, follow_redirects=False)
    assert out.status_code == 303
    assert guarded.get("/sources", follow_redirects=False).status_code == 303


def test_wrong_password_and_missing_csrf_are_refused(guarded: TestClient) -> None:
    form = guarded.get("/login").text
    assert guarded.post("/login", data={"csrf_token": token(form), "password": "nope"}).status_code == 401
    assert guarded.post("/login", data={"password": PASSWORD}).status_code == 400
    assert guarded.post("/login", data={"csrf_token": "x" * 43, "password": PASSWORD}).status_code == 400
    assert guarded.get("/sources", follow_redirects=False).status_code == 303


def test_feed_readers_use_http_basic(guarded: TestClient) -> None:
    good = base64.b64encode(f"reader:{PASSWORD}".encode()).decode()
    assert guarded.get("/feeds/items.atom", headers={"Authorization": f"Basic {good}"}).status_code == 200
    bad = base64.b64encode(b"reader:nope").decode()
    assert guarded.get("/feeds/items.atom", headers={"Authorization": f"Basic {bad}"}).status_code == 401


def test_next_is_a_local_path_only() -> None:
    assert safe_next("/items?q=1") == "/items?q=1"
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", None, ""):
        assert safe_next(target) == "/"


def test_without_a_password_there_is_no_login(client: TestClient) -> None:
    assert client.get("/items").status_code == 200 and "Sign out" not in client.get("/items").text
    assert client.get("/items").headers["x-content-type-options"] == "nosniff"
