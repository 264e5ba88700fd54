"""Lazily built shared objects for CLI commands: settings, catalog, database engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import click
from sqlalchemy import Engine

from crawler.attachments_config import load_attachments_config
from crawler.bootstrap import prepare_database
from crawler.catalog import CatalogError, Source, load_catalog
from crawler.config import ConfigError, Settings, load_settings
from crawler.crawl_target import TargetMismatch, check_target


@dataclass
class AppContext:
    config_path: str | None = None
    simulator: str | None = None
    _engine: Engine | None = field(default=None, repr=False)

    @cached_property
    def settings(self) -> Settings:
        try:
            settings = load_settings(self.config_path, simulator=self.simulator)
            load_attachments_config(settings)  # read by every crawl child: refused here, not in each one
            return settings
        except ConfigError as exc:
            raise click.ClickException(str(exc)) from None

    @cached_property
    def catalog(self) -> dict[str, Source]:
        try:
            return load_catalog(self.settings.catalog_paths)
        except CatalogError as exc:
            raise click.ClickException(str(exc)) from None

    def engine(self) -> Engine:
        """The database, migrated to the latest schema and with the catalog's sources registered."""
        if self._engine is None:
            self._engine = prepare_database(self.settings, self.catalog)
        return self._engine

    def crawling_engine(self) -> Engine:
        """The database for a command that crawls: refused, in one line, when it holds crawls of the other target
        (the simulator or the real sites; see crawler/crawl_target.py)."""
        engine = self.engine()
        try:
            check_target(self.settings, engine)
        except TargetMismatch as exc:
            raise click.ClickException(str(exc)) from None
        return engine

    def select_sources(self, ids: tuple[str, ...]) -> list[Source]:
        unknown = [i for i in ids if i not in self.catalog]
        if unknown:
            raise click.BadParameter(f"unknown source(s): {', '.join(unknown)}; see `newswatch sources list`")
        return [self.catalog[i] for i in ids] if ids else list(self.catalog.values())


pass_app = click.make_pass_decorator(AppContext)
