"""Email over SMTP: a multipart message with RFC 2047 encoded headers, sent plain, with STARTTLS or over TLS."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from crawler.notify.safety import one_line
from crawler.notify.smtp_config import PASSWORD_ENV, SmtpConfig

# The SMTP policy writes CRLF line ends and encodes any non-ASCII header as =?utf-8?…?=, wrapped at 78.
MAIL_POLICY = policy.SMTP


def build_email(sender: str, to: Sequence[str], subject: str, text: str, html: str, now: datetime,
                headers: dict[str, str] | None = None) -> EmailMessage:
    """multipart/alternative: the plain part first, so clients that prefer HTML take the last one."""
    message = EmailMessage(policy=MAIL_POLICY)
    # one_line: a title taken from a page cannot add a header line (header injection).
    message["Subject"] = one_line(subject, 250)
    message["From"] = sender
    message["To"] = ", ".join(to)
    message["Date"] = format_datetime(now)
    domain = parseaddr(sender)[1].rpartition("@")[2] or None
    message["Message-ID"] = make_msgid("newswatch", domain=domain)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: vacation responders must not answer
    for name, value in (headers or {}).items():
        message[name] = one_line(value, 250)
    # base64 keeps Chinese text compact (quoted-printable triples it) and 7-bit safe for any relay.
    message.set_content(text, subtype="plain", charset="utf-8", cte="base64")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="base64")
    return message


class SendError(Exception):
    """Sending failed; the message says why in words safe to log (no password, no secret URL)."""


def tls_context(config: SmtpConfig) -> ssl.SSLContext:
    # Certificates are always verified: a private relay's CA is added with smtp.ca_file, never switched off.
    return ssl.create_default_context(cafile=config.ca_file)


def _connect(config: SmtpConfig) -> smtplib.SMTP:
    if config.security == "ssl":
        return smtplib.SMTP_SSL(config.host, config.port, timeout=config.timeout, context=tls_context(config))
    client = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
    if config.security == "starttls":
        client.ehlo()
        client.starttls(context=tls_context(config))
        client.ehlo()
    return client


def send_email(config: SmtpConfig, message: EmailMessage, to: list[str]) -> list[str]:
    """Deliver to the server or raise SendError; returns the recipients it refused while taking the rest.

    A partly refused message counts as sent: retrying would give the others a second copy.
    """
    if config.user and not config.password:
        raise SendError(f"smtp user {config.user!r} is set but {PASSWORD_ENV} is not")
    sender = parseaddr(str(message["From"]))[1]
    try:
        with _connect(config) as client:
            if config.user:
                client.login(config.user, config.password or "")
            refused = client.send_message(message, from_addr=sender, to_addrs=to)
    except smtplib.SMTPAuthenticationError as exc:
        raise SendError(f"{config.describe()}: login refused ({exc.smtp_code})") from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise SendError(f"{config.describe()}: every recipient refused: {', '.join(exc.recipients)}") from None
    except smtplib.SMTPResponseException as exc:
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        raise SendError(f"{config.describe()}: server answered {exc.smtp_code} {text}") from None
    except (smtplib.SMTPException, OSError) as exc:
        # OSError covers refused connections, timeouts and TLS failures (ssl.SSLError is one).
        raise SendError(f"{config.describe()}: {type(exc).__name__}: {exc}") from None
    return sorted(refused)
