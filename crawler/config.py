"""Runtime settings: environment variables over an optional YAML config file over defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_TIMEZONE = "Asia/Shanghai"


class ConfigError(Exception):
    """The configuration cannot be used; the message says which file and key."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    simulator: str | None = None
    catalog_paths: tuple[Path, ...] = ()
    timezone: str = DEFAULT_TIMEZONE
    contact: str = "newswatch operator"
    crawl_timeout: float = 1800.0
    download_timeout: float = 30.0
    parallel_crawls: int = 4
    raw: dict[str, Any] = field(default_factory=dict)
    config_path: Path | None = None  # the file `raw` came from, named in errors about its sections

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _read_config_file(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the configuration must be a mapping of keys to values")
    return data


KNOWN_KEYS = {"data_dir", "database_url", "catalogs", "timezone", "contact", "crawl_timeout", "download_timeout",
              "parallel_crawls"}


def load_settings(
    config_path: str | os.PathLike[str] | None = None,
    environ: dict[str, str] | None = None,
    simulator: str | None = None,
) -> Settings:
    env = dict(os.environ if environ is None else environ)
    path = config_path or env.get("NEWSWATCH_CONFIG")
    raw: dict[str, Any] = _read_config_file(Path(path)) if path else {}
    unknown = sorted(set(raw) - KNOWN_KEYS - EXTENSION_KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {', '.join(unknown)}; known keys: {', '.join(sorted(KNOWN_KEYS))}")
    data_dir = Path(env.get("NEWSWATCH_DATA_DIR") or raw.get("data_dir") or "data").resolve()
    database_url = env.get("NEWSWATCH_DATABASE_URL") or raw.get("database_url")
    if not database_url:
        database_url = f"sqlite:///{data_dir / 'newswatch.sqlite3'}"
    catalogs = tuple(Path(p) for p in raw.get("catalogs", []))
    extra = env.get("NEWSWATCH_CATALOGS")
    if extra:
        catalogs += tuple(Path(p) for p in extra.split(os.pathsep) if p)
    try:
        crawl_timeout = float(env.get("NEWSWATCH_CRAWL_TIMEOUT") or raw.get("crawl_timeout") or 1800)
        download_timeout = float(env.get("NEWSWATCH_DOWNLOAD_TIMEOUT") or raw.get("download_timeout") or 30)
        parallel = int(env.get("NEWSWATCH_PARALLEL_CRAWLS") or raw.get("parallel_crawls") or 4)
    except ValueError as exc:
        raise ConfigError(f"{path or 'environment'}: crawl_timeout/parallel_crawls must be numbers: {exc}") from exc
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        simulator=(simulator or env.get("NEWSWATCH_SIMULATOR") or None),
        catalog_paths=catalogs,
        timezone=str(env.get("NEWSWATCH_TIMEZONE") or raw.get("timezone") or DEFAULT_TIMEZONE),
        contact=str(env.get("NEWSWATCH_CONTACT") or raw.get("contact") or "newswatch operator"),
        crawl_timeout=crawl_timeout,
        download_timeout=download_timeout,
        parallel_crawls=max(1, parallel),
        raw=raw,
        config_path=Path(path) if path else None,
    )


# Sections read by other parts (schedules, alerts, health); each part validates its own section.
EXTENSION_KEYS = {"schedule", "alerts", "digest", "health", "politeness", "smtp", "channels", "rules", "daemon",
                  "distributed", "attachments"}
