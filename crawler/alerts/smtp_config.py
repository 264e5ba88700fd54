"""The `smtp` section merged with NEWSWATCH_SMTP_* variables; the password only ever comes from the environment."""

from __future__ import annotations

import re
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.utils import parseaddr
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from crawler.config import ConfigError

Security = Literal["starttls", "ssl", "none"]
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
PASSWORD_ENV = "NEWSWATCH_SMTP_PASSWORD"
_ADDRESS = re.compile(r"^[^@\s<>]+@[^@\s<>]+$")


def valid_address(text: str) -> bool:
    """A bare address or 'Name <address>'; enough to catch typos, the server has the last word."""
    _name, address = parseaddr(text)
    return bool(address) and bool(_ADDRESS.match(address))


class SmtpSection(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    host: str | None = None
    port: int | None = Field(default=None, ge=1, le=65535)
    security: Security = "starttls"
    user: str | None = None
    sender: str | None = Field(default=None, alias="from")
    timeout: float = Field(default=30, gt=0)
    # A private CA (corporate relay, test server): a PEM file of certificates to trust.
    ca_file: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _no_password(cls, data: Any) -> Any:
        if isinstance(data, dict) and "password" in data:
            raise ValueError(f"the SMTP password is read only from the environment variable {PASSWORD_ENV}, "
                             "never from a file: remove the 'password' key")
        return data


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    security: Security
    user: str | None
    sender: str
    timeout: float = 30
    ca_file: str | None = None
    password: str | None = field(default=None, repr=False)  # repr=False: never printed by accident

    def describe(self) -> str:
        """Where mail goes, for messages: host, port and security, never the password."""
        login = f" as {self.user}" if self.user else ""
        return f"{self.host}:{self.port} ({self.security}){login}"


def _default_sender(user: str | None) -> str:
    if user and valid_address(user):
        return str(Address("newswatch", addr_spec=user))
    return f"newswatch <newswatch@{socket.gethostname() or 'localhost'}>"


def load_smtp_config(raw: Any, env: Mapping[str, str], required: bool) -> SmtpConfig | None:
    """None when no host is configured and no email channel needs one."""
    try:
        section = SmtpSection.model_validate(raw or {})
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        message = "unknown key" if first["type"] == "extra_forbidden" else first["msg"]
        raise ConfigError(f"smtp{'.' + key if key else ''}: {message}") from None
    host = env.get("NEWSWATCH_SMTP_HOST") or section.host
    if not host:
        if required:
            raise ConfigError("smtp.host: an email channel is configured (or NEWSWATCH_DIGEST_TO is set) but no "
                              "SMTP host: set smtp.host or NEWSWATCH_SMTP_HOST")
        return None
    port_text = env.get("NEWSWATCH_SMTP_PORT")
    try:
        port = int(port_text) if port_text else section.port or DEFAULT_PORTS[section.security]
    except ValueError:
        raise ConfigError(f"NEWSWATCH_SMTP_PORT: not a port number: {port_text!r}") from None
    user = env.get("NEWSWATCH_SMTP_USER") or section.user
    sender = section.sender or _default_sender(user)
    if not valid_address(sender):
        raise ConfigError(f"smtp.from: not an email address: {sender!r}")
    return SmtpConfig(host=host, port=port, security=section.security, user=user, sender=sender,
                      timeout=section.timeout, ca_file=section.ca_file, password=env.get(PASSWORD_ENV) or None)
