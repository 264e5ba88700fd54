"""The `smtp` section merged with NEWSWATCH_SMTP_* variables; the password only ever comes from the environment."""

from __future__ import annotations

import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.headerregistry import Address

from crawler.config.alerts import DEFAULT_PORTS, PASSWORD_ENV, Security, SmtpSection, valid_address
from crawler.config.errors import ConfigError


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


def load_smtp_config(section: SmtpSection, env: Mapping[str, str], required: bool) -> SmtpConfig | None:
    """None when no host is configured and no email channel needs one (NEWSWATCH_SMTP_HOST, _PORT and _USER
    were merged into the section by the configuration loader)."""
    host = section.host
    if not host:
        if required:
            raise ConfigError("smtp.host: an email channel is configured (or NEWSWATCH_DIGEST_TO is set) but no "
                              "SMTP host: set smtp.host or NEWSWATCH_SMTP_HOST")
        return None
    port = section.port or DEFAULT_PORTS[section.security]
    user = section.user
    sender = section.sender or _default_sender(user)
    if not valid_address(sender):
        raise ConfigError(f"smtp.from: not an email address: {sender!r}")
    return SmtpConfig(host=host, port=port, security=section.security, user=user, sender=sender,
                      timeout=section.timeout, ca_file=section.ca_file, password=env.get(PASSWORD_ENV) or None)
