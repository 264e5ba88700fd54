"""Lazily built shared objects for CLI commands: settings, catalog, database engine."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import click

# Imported where used: a command pays only for what it needs (`--help` for nothing, `status` for no Scrapy).
if TYPE_CHECKING:
    from sqlalchemy import Engine

    from crawler.config import Settings
    from crawler.config.catalog import CatalogSource


class ConfigurationError(click.ClickException):
    """A configuration or catalog mistake: one message, and exit code 78 (EX_CONFIG), which the systemd units
    name in RestartPreventExitStatus so that a daemon with a broken configuration does not restart in a loop."""

    exit_code = 78

    def __init__(self, message: str) -> None:
        super().__init__(f"configuration error: {message}")


def ensure_writable(data_dir: Path) -> None:
    """The data directory (database, logs, spool) exists and can be written, or a one-line error says why."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=data_dir):
            pass
    except OSError as exc:
        raise click.ClickException(f"the data directory {data_dir} (NEWSWATCH_DATA_DIR) cannot be written: "
                                   f"{exc.strerror or exc}") from None


def check_cross_references(settings: Settings) -> None:
    """What the schema alone cannot check: rules and the digest name configured channels, topics exist,
    email channels have recipients and an SMTP host. Every command checks it, as the daemon does."""
    from crawler.alerts.config import load_alerts_config
    from crawler.digest.config import load_digest_config

    topic_ids = None
    if any(rule.topics for rule in settings.config.rules):
        from crawler.alerts.glossary import load_glossary

        topic_ids = set(load_glossary().topics)
    load_digest_config(settings, load_alerts_config(settings, topic_ids=topic_ids))


@dataclass
class AppContext:
    config_path: str | None = None
    simulator: str | None = None
    _engine: Engine | None = field(default=None, repr=False)

    @cached_property
    def settings(self) -> Settings:
        from crawler.config import ConfigError, load_settings

        try:
            settings = load_settings(self.config_path, simulator=self.simulator)
            check_cross_references(settings)
            return settings
        except ConfigError as exc:
            raise ConfigurationError(str(exc)) from None

    @cached_property
    def catalog(self) -> dict[str, CatalogSource]:
        from crawler.config.catalog import CatalogError, load_catalog

        try:
            return load_catalog(self.settings.catalog_paths)
        except CatalogError as exc:
            raise ConfigurationError(str(exc)) from None

    def engine(self) -> Engine:
        """The database, migrated to the latest schema and with the catalog's sources registered."""
        if self._engine is None:
            from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

            from crawler.run.bootstrap import prepare_database
            from db.engine import make_url_safe
            from db.write_errors import reason

            ensure_writable(self.settings.data_dir)
            try:
                self._engine = prepare_database(self.settings, self.catalog)
            except (OperationalError, ArgumentError, NoSuchModuleError, OSError) as exc:
                where = make_url_safe(self.settings.database_url)
                raise click.ClickException(f"cannot open the database {where}: {reason(exc)}") from None
        return self._engine

    def crawling_engine(self) -> Engine:
        """The database for a command that crawls: refused, in one line, when it holds crawls of the other target
        (the simulator or the real sites; see crawler/run/crawl_target.py)."""
        from crawler.run.crawl_target import TargetMismatch, check_target

        engine = self.engine()
        try:
            check_target(self.settings, engine)
        except TargetMismatch as exc:
            raise click.ClickException(str(exc)) from None
        return engine

    def select_sources(self, ids: tuple[str, ...]) -> list[CatalogSource]:
        unknown = [i for i in ids if i not in self.catalog]
        if unknown:
            raise click.BadParameter(f"unknown source(s): {', '.join(unknown)}; see `newswatch sources list`")
        return [self.catalog[i] for i in ids] if ids else list(self.catalog.values())


pass_app = click.make_pass_decorator(AppContext)
