"""Email through a real SMTP server on loopback (aiosmtpd): parts, encoded headers, TLS, login, outages."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from email.header import decode_header, make_header
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword

from crawler.alerts.delivery import dispatch_pending
from crawler.notify.smtp import SendError, build_email, send_email
from crawler.notify.smtp_config import SmtpConfig
from crawler.notify.testsend import sample_message, test_channels
from tests.alerts.dbfactory import World, at, make_world, settings_for
from tests.alerts.servers import (
    SmtpServer,
    WebhookSink,
    parts,
    self_signed_cert,
    server_tls_context,
    start_smtp,
)

NOW = datetime(2025, 3, 10, 2, 0, tzinfo=timezone.utc)


def plain_config(port: int, **overrides: Any) -> SmtpConfig:
    values: dict[str, Any] = {"host": "127.0.0.1", "port": port, "security": "none", "user": None,
                              "sender": "新闻监测 <nw@example.com>", "timeout": 5}
    values.update(overrides)
    return SmtpConfig(**values)


def test_a_multipart_mail_with_a_chinese_subject_arrives(smtp_server: SmtpServer) -> None:
    subject = "newswatch 日报 2025-03-10: 关于细胞治疗的通知"
    message = build_email("新闻监测 <nw@example.com>", ["analyst@example.com"], subject, "正文 text", "<p>正文 html</p>", NOW)
    raw = message.as_bytes()

    assert send_email(plain_config(smtp_server.port), message, ["analyst@example.com"]) == []

    headers = raw.split(b"\r\n\r\n")[0]
    assert b"Subject: newswatch =?utf-8?b?" in headers and headers.isascii()  # RFC 2047, no raw UTF-8
    [received] = smtp_server.sink.messages
    assert str(make_header(decode_header(received["Subject"]))) == subject
    assert received["From"].addresses[0].display_name == "新闻监测"
    assert received.get_content_type() == "multipart/alternative"
    # MIME's canonical text form ends lines with CRLF (RFC 2046), also inside base64.
    assert parts(received) == {"text/plain": "正文 text\r\n", "text/html": "<p>正文 html</p>\r\n"}
    assert smtp_server.sink.envelopes == [("nw@example.com", ["analyst@example.com"])]


@pytest.fixture
def tls_files(tmp_path: Path) -> tuple[Path, Path]:
    return self_signed_cert(tmp_path)


@pytest.fixture
def starttls_server(tls_files: tuple[Path, Path]) -> Iterator[SmtpServer]:
    def authenticator(_server: Any, _session: Any, _envelope: Any, _mechanism: str, data: Any) -> AuthResult:
        assert isinstance(data, LoginPassword)
        # handled=False: aiosmtpd then answers 535 itself (its default assumes the hook already replied).
        return AuthResult(success=data.password == b"from-the-environment", handled=False)

    server = start_smtp(tls_context=server_tls_context(*tls_files), require_starttls=True, authenticator=authenticator)
    yield server
    server.stop()


def test_starttls_and_login_with_the_password_from_the_environment(starttls_server: SmtpServer,
                                                                   tls_files: tuple[Path, Path]) -> None:
    config = plain_config(starttls_server.port, security="starttls", user="bot", ca_file=str(tls_files[0]),
                          password="from-the-environment")
    send_email(config, build_email(config.sender, ["a@example.com"], "主题", "t", "<p>h</p>", NOW), ["a@example.com"])
    assert len(starttls_server.sink.messages) == 1

    wrong = plain_config(starttls_server.port, security="starttls", user="bot", ca_file=str(tls_files[0]),
                         password="wrong-secret")
    with pytest.raises(SendError) as caught:
        send_email(wrong, build_email(wrong.sender, ["a@example.com"], "主题", "t", "h", NOW), ["a@example.com"])
    assert "login refused" in str(caught.value) and "wrong-secret" not in str(caught.value)


def test_an_untrusted_certificate_is_refused(starttls_server: SmtpServer) -> None:
    config = plain_config(starttls_server.port, security="starttls")
    with pytest.raises(SendError, match="CERTIFICATE_VERIFY_FAILED"):
        send_email(config, build_email(config.sender, ["a@example.com"], "s", "t", "h", NOW), ["a@example.com"])


def test_implicit_tls(tls_files: tuple[Path, Path]) -> None:
    server = start_smtp(ssl_context=server_tls_context(*tls_files))
    try:
        config = plain_config(server.port, security="ssl", ca_file=str(tls_files[0]))
        send_email(config, build_email(config.sender, ["a@example.com"], "主题", "t", "h", NOW), ["a@example.com"])
    finally:
        server.stop()
    assert len(server.sink.messages) == 1


def test_a_user_without_a_password_is_explained() -> None:
    with pytest.raises(SendError, match="NEWSWATCH_SMTP_PASSWORD is not"):
        send_email(plain_config(1, user="bot"), build_email("a@example.com", ["b@example.com"], "s", "t", "h", NOW),
                   ["b@example.com"])


def mail_settings(world: World, tmp_path: Path, port: int) -> Any:
    raw = {"smtp": {"host": "127.0.0.1", "port": port, "security": "none", "from": "newswatch <nw@example.com>"},
           "channels": {"mail": {"type": "email", "to": ["analyst@example.com"]}},
           "rules": [{"name": "cells", "keywords": ["cell therapy"], "channels": ["mail"]}]}
    return settings_for(world.url, tmp_path, raw)


def test_an_smtp_outage_loses_no_alert(database_url: str, fixed_glossary: Any, smtp_server: SmtpServer,
                                       tmp_path: Path) -> None:
    world = make_world(database_url)
    t0 = at("2025-03-10 02:00")
    world.event("new", "zj-kjt-notices", t0, world.add_item("zj-kjt-notices", "细胞治疗通知一", t0))
    settings = mail_settings(world, tmp_path, smtp_server.port)
    smtp_server.stop()

    down = dispatch_pending(settings, world.engine, t0)
    world.event("new", "zj-kjt-notices", t0, world.add_item("zj-kjt-notices", "细胞治疗通知二", t0))
    smtp_server.start()
    smtp_server.sink.fail_next = 1  # back, but the first message gets "451 try again later"
    busy = dispatch_pending(settings, world.engine, t0 + timedelta(minutes=1))
    early = dispatch_pending(settings, world.engine, t0 + timedelta(minutes=1, seconds=30))
    up = dispatch_pending(settings, world.engine, t0 + timedelta(minutes=5))

    assert (down.sent, down.retrying, busy.sent, early.sent, up.sent) == (0, 1, 0, 0, 2)
    assert "ConnectionRefusedError" in down.lines[0] and "451" in busy.lines[0]
    [mail] = smtp_server.sink.messages
    text = parts(mail)["text/plain"]
    assert "细胞治疗通知一" in text and "细胞治疗通知二" in text


def test_alerts_test_reports_each_channel(smtp_server: SmtpServer, webhook: WebhookSink, tmp_path: Path) -> None:
    raw = {"smtp": {"host": "127.0.0.1", "port": smtp_server.port, "security": "none", "from": "nw@example.com"},
           "channels": {"mail": {"type": "email", "to": ["a@example.com"]},
                        "hook": {"type": "apprise", "url": f"json://127.0.0.1:{webhook.port}/hook", "operator": True},
                        "dead": {"type": "apprise", "url": f"json://127.0.0.1:{smtp_server.port + 1}/x"},
                        "secret": {"type": "apprise", "url_env": "NEWSWATCH_SECRET_HOOK"}}}
    results = test_channels(settings_for("sqlite://", tmp_path, raw), NOW, environ={})

    assert [(name, ok) for name, ok, _msg in results] == [("mail", True), ("hook", True), ("dead", False),
                                                          ("secret", False)]
    assert "NEWSWATCH_SECRET_HOOK is not set" in results[3][2]
    assert "测试消息" in webhook.bodies[0]["title"] and "operator channel" in webhook.bodies[0]["message"]
    assert "测试消息" in str(make_header(decode_header(smtp_server.sink.messages[0]["Subject"])))


def test_the_sample_message_is_bilingual() -> None:
    message = sample_message("mail", False, NOW)
    assert "测试消息" in message.title and "content channel" in message.text and "<html" in message.html
