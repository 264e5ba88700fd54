"""`newswatch web`: refuses a non-loopback address without a login (exit 78), and makes password hashes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.cli import cli
from crawler.web.auth import verify_password
from crawler.web.config import is_loopback


def run(args: list[str], tmp_path: Path, env: dict[str, str] | None = None, stdin: str | None = None):  # noqa: ANN201
    base = {"NEWSWATCH_DATA_DIR": str(tmp_path), "NEWSWATCH_WEB_PASSWORD_HASH": ""}
    return CliRunner().invoke(cli, args, env={**base, **(env or {})}, input=stdin)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::", "example.org"])
def test_refuses_a_public_address_without_a_login(tmp_path: Path, host: str) -> None:
    result = run(["web", "--host", host], tmp_path)
    assert result.exit_code == 78
    assert "refusing to serve on" in result.output and "NEWSWATCH_WEB_PASSWORD_HASH" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_refuses_a_malformed_hash(tmp_path: Path) -> None:
    result = run(["web"], tmp_path, env={"NEWSWATCH_WEB_PASSWORD_HASH": "not-a-hash"})
    assert result.exit_code == 78 and "newswatch web --hash-password" in result.output


def test_hash_password_from_stdin(tmp_path: Path) -> None:
    result = run(["web", "--hash-password"], tmp_path, stdin="s3cret\n")
    assert result.exit_code == 0
    assert verify_password("s3cret", result.stdout.strip().splitlines()[0])


def test_loopback_addresses() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "10.0.0.1", "example.org"))
