"""A known SMTP password never appears in any log line, command output, crawl log or stored record."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from sqlalchemy import MetaData, select

from crawler.cli import cli
from db.engine import make_engine
from simulator.harness import running_simulator
from tests.alerts.servers import free_port

PASSWORD = "S3cr3t-PW-n3wsw@tch-1729"


def test_password_is_nowhere(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    closed_port = free_port()  # nothing listens: every send fails and is recorded as an error
    config = tmp_path / "newswatch.yaml"
    config.write_text(yaml.safe_dump({
        "smtp": {"host": "127.0.0.1", "port": closed_port, "security": "none", "user": "newswatch"},
        "channels": {"mail": {"type": "email", "to": ["analyst@example.com"]}},
        "rules": [{"name": "everything", "channels": ["mail"], "mode": "immediate"}],
        "alerts": {"skip_first_crawl": False, "stale_item_days": 100000},
        "digest": {"channels": ["mail"]},
    }), encoding="utf-8")
    db_url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    outputs = []
    with running_simulator() as sim:
        env = {"NEWSWATCH_CONFIG": str(config), "NEWSWATCH_DATA_DIR": str(tmp_path / "data"),
               "NEWSWATCH_DATABASE_URL": db_url, "NEWSWATCH_SIMULATOR": sim.base_url, "NEWSWATCH_SMTP_PASSWORD": PASSWORD}
        runner = CliRunner()
        for args in (["crawl", "--source", "zj-mpa-inspections"], ["alerts", "send"], ["alerts", "test"],
                     ["alerts", "status"], ["digest", "--send"], ["status", "--json"]):
            result = runner.invoke(cli, args, env=env)
            outputs.append(result.output)
    assert "error" in " ".join(outputs).lower()  # the sends really failed (and said so) …
    texts = outputs + [r.getMessage() for r in caplog.records]
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in (tmp_path / "data").rglob("*") if p.is_file()]
    engine = make_engine(db_url)
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            texts += [repr(tuple(row)) for row in conn.execute(select(table))]
    engine.dispose()
    assert len(texts) > 100
    leaks = [t[:200] for t in texts if PASSWORD in t]
    assert leaks == []  # … and none of what they wrote holds the password
