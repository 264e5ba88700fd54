"""What the console is started with: settings, catalog, a read-only engine, and the login it requires, if any."""

from __future__ import annotations

import ipaddress
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import Engine

from crawler.config import Settings
from crawler.config.catalog import CatalogSource

SECRET_ENV = "NEWSWATCH_WEB_SECRET"
COOKIE_SECURE_ENV = "NEWSWATCH_WEB_COOKIE_SECURE"


@dataclass(frozen=True)
class WebConfig:
    settings: Settings
    catalog: Mapping[str, CatalogSource]
    engine: Engine
    password_hash: str | None = None
    # Signs the session cookie; a random one (sessions end at restart) unless NEWSWATCH_WEB_SECRET sets it.
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    cookie_secure: bool = False  # behind HTTPS: the cookie is sent over HTTPS only

    @property
    def login_required(self) -> bool:
        return bool(self.password_hash)


def secret_from(environ: Mapping[str, str] = os.environ) -> str:
    return environ.get(SECRET_ENV, "").strip() or secrets.token_urlsafe(32)


def cookie_secure_from(environ: Mapping[str, str] = os.environ) -> bool:
    return environ.get(COOKIE_SECURE_ENV, "").strip().lower() in ("1", "true", "yes")


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and localhost; every other address (0.0.0.0 included) reaches other machines."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
