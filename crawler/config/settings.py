"""The configuration: one YAML file and the environment, validated as one model before any command runs.

Environment variables override the file's keys (ENVIRONMENT lists every one, with the key it overrides);
secrets come only from the environment. Every key is read by some part of newswatch or refused.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError, field_validator

from crawler.config.alerts import AlertOptions, ChannelSpec, Rule, SmtpSection
from crawler.config.errors import ConfigError, describe
from crawler.config.schedule import ScheduleSection, check_timezone
from crawler.config.sections import AttachmentsSection, DigestSection, DistributedSection, HealthThresholds
from crawler.config.yamlfile import read_yaml

DEFAULT_TIMEZONE = "Asia/Shanghai"
# New articles fetched per crawl of a source at most; the rest wait for the next crawls (spiders/new_articles.py).
# At about one request per second per host, 500 articles take 10-15 minutes: well inside the default
# crawl_timeout (1800 s), and far above what a watched column publishes between two crawls.
DEFAULT_MAX_NEW_PER_CRAWL = 500
SUPPORTED_DATABASES = ("sqlite", "postgresql")


class EnvVar(NamedTuple):
    name: str
    key: str | None  # the configuration key it overrides (dotted), None when it is not a file key
    default: str
    meaning: str


ENVIRONMENT = (
    EnvVar("NEWSWATCH_CONFIG", None, "unset", "the YAML configuration file (also `--config`)"),
    EnvVar("NEWSWATCH_DATA_DIR", "data_dir", "`./data`", "SQLite database, crawl logs, the spool, downloaded attachments"),
    EnvVar("NEWSWATCH_DATABASE_URL", "database_url", "`sqlite:///<data dir>/newswatch.sqlite3`",
           "`sqlite:///path` or `postgresql://user@host/db` (psycopg 3)"),
    EnvVar("NEWSWATCH_CATALOGS", "catalogs", "unset", "extra catalog files, `:`-separated, after those of `catalogs:`"),
    EnvVar("NEWSWATCH_SIMULATOR", None, "unset", "crawl the simulator at this URL instead of the real sites (also `--simulator`)"),
    EnvVar("NEWSWATCH_TIMEZONE", "timezone", "`Asia/Shanghai`", "the zone dates are shown and schedules run in"),
    EnvVar("NEWSWATCH_CONTACT", "contact", "`newswatch operator`", "contact address put in the User-Agent"),
    EnvVar("NEWSWATCH_CRAWL_TIMEOUT", "crawl_timeout", "`1800`", "seconds before a crawl child is stopped"),
    EnvVar("NEWSWATCH_DOWNLOAD_TIMEOUT", "download_timeout", "`30`", "seconds one request may take"),
    EnvVar("NEWSWATCH_PARALLEL_CRAWLS", "parallel_crawls", "`4`", "crawls of different hosts running at once"),
    EnvVar("NEWSWATCH_SMTP_HOST", "smtp.host", "unset", "SMTP server for email channels"),
    EnvVar("NEWSWATCH_SMTP_PORT", "smtp.port", "by `smtp.security`", "its port"),
    EnvVar("NEWSWATCH_SMTP_USER", "smtp.user", "unset", "SMTP login"),
    EnvVar("NEWSWATCH_SMTP_PASSWORD", None, "unset", "SMTP password (secret: environment only)"),
    EnvVar("NEWSWATCH_DIGEST_TO", None, "unset", "digest recipients (comma-separated) of email channels without `to:`"),
    EnvVar("NEWSWATCH_REDIS_URL", "distributed.redis_url", "unset", "distributed mode's queue (see docs/distributed.md)"),
    EnvVar("NEWSWATCH_QUEUE", "distributed.queue", "`newswatch`", "distributed mode's queue name"),
    EnvVar("NEWSWATCH_SQLITE_BUSY_TIMEOUT", None, "`30`", "seconds to wait for another process's SQLite write lock"),
    EnvVar("NEWSWATCH_SQLITE_MAX_PAGES", None, "unset", "cap the SQLite file at this many pages (a size quota)"),
    EnvVar("NEWSWATCH_WEB_PASSWORD_HASH", None, "unset",
           "operator login of `newswatch web` (secret: from `newswatch web --hash-password`)"),
    EnvVar("NEWSWATCH_WEB_SECRET", None, "random at start", "signs the console's session cookie (secret)"),
    EnvVar("NEWSWATCH_WEB_COOKIE_SECURE", None, "unset", "`1`: the session cookie is sent over HTTPS only"),
)


class ConfigFile(BaseModel):
    """Every key the configuration may hold; anything else is refused by name."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    data_dir: str = "data"
    database_url: str | None = None
    catalogs: list[str] = Field(default_factory=list)
    timezone: str = DEFAULT_TIMEZONE
    contact: str = "newswatch operator"
    crawl_timeout: float = Field(default=1800, gt=0)
    download_timeout: float = Field(default=30, gt=0)
    parallel_crawls: int = Field(default=4, ge=1)
    max_new_per_crawl: StrictInt = Field(default=DEFAULT_MAX_NEW_PER_CRAWL, ge=1)
    schedule: ScheduleSection = ScheduleSection()
    health: HealthThresholds = HealthThresholds()
    channels: dict[str, ChannelSpec] = Field(default_factory=dict)
    rules: list[Rule] = Field(default_factory=list)
    alerts: AlertOptions = AlertOptions()
    smtp: SmtpSection = SmtpSection()
    digest: DigestSection = DigestSection()
    distributed: DistributedSection = DistributedSection()
    attachments: AttachmentsSection = AttachmentsSection()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        return check_timezone(name)

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, url: str | None) -> str | None:
        if url is None:
            return None
        scheme = url.partition("://")[0].partition("+")[0].lower()
        if "://" not in url or scheme not in SUPPORTED_DATABASES:
            raise ValueError(f"not a supported database URL ({scheme or 'no scheme'}); use sqlite:///path/file.sqlite3 "
                             "or postgresql://user@host/database")
        return url


def validate_config(raw: dict[str, Any], where: str = "configuration",
                    env_names: dict[str, str] | None = None) -> ConfigFile:
    try:
        return ConfigFile.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(describe(exc, where, env_names=env_names, model=ConfigFile)) from None


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
    max_new_per_crawl: int = DEFAULT_MAX_NEW_PER_CRAWL
    raw: dict[str, Any] = field(default_factory=dict)  # the file's keys with the environment's overrides
    config_path: Path | None = None  # the file `raw` came from, named in errors about its sections
    config: ConfigFile = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "config", validate_config(self.raw, str(self.config_path or "configuration")))

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def read_config_file(path: Path) -> dict[str, Any]:
    try:
        data = read_yaml(path) or {}
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the configuration must be a mapping of keys to values")
    return data


def with_environment(raw: dict[str, Any], env: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The file's keys with the environment's overrides, and which key came from which variable."""
    merged = copy.deepcopy(raw)
    origins: dict[str, str] = {}
    for var in ENVIRONMENT:
        value = env.get(var.name)
        if not value or var.key is None:
            continue
        *sections, key = var.key.split(".")
        target = merged
        for section in sections:
            if target.get(section) is None:
                target[section] = {}
            target = target[section]
        if not isinstance(target, dict):
            continue  # the file's section is not a mapping: validation says so
        if key == "catalogs":
            value = [*(target.get(key) or []), *(p for p in value.split(os.pathsep) if p)]
        target[key] = value
        origins[var.key] = var.name
    return merged, origins


def load_settings(
    config_path: str | os.PathLike[str] | None = None,
    environ: dict[str, str] | None = None,
    simulator: str | None = None,
) -> Settings:
    """The whole configuration, validated at once: every command starts with this, so every command
    refuses the same mistakes (an unknown or misspelled key at any depth, a wrong type, a bad cron)."""
    env = dict(os.environ if environ is None else environ)
    path = config_path or env.get("NEWSWATCH_CONFIG")
    raw, origins = with_environment(read_config_file(Path(path)) if path else {}, env)
    config = validate_config(raw, str(path or "configuration"), origins)
    data_dir = Path(config.data_dir).resolve()
    return Settings(
        data_dir=data_dir,
        database_url=config.database_url or f"sqlite:///{data_dir / 'newswatch.sqlite3'}",
        simulator=(simulator or env.get("NEWSWATCH_SIMULATOR") or None),
        catalog_paths=tuple(Path(p) for p in config.catalogs),
        timezone=config.timezone,
        contact=config.contact,
        crawl_timeout=config.crawl_timeout,
        download_timeout=config.download_timeout,
        parallel_crawls=config.parallel_crawls,
        max_new_per_crawl=config.max_new_per_crawl,
        raw=raw,
        config_path=Path(path) if path else None,
    )


def environment_table() -> str:
    """The README's table of environment variables (a test keeps the two the same)."""
    rows = ["| variable | default | overrides | meaning |", "|---|---|---|---|"]
    rows += [f"| `{v.name}` | {v.default} | {f'`{v.key}`' if v.key else '—'} | {v.meaning} |" for v in ENVIRONMENT]
    return "\n".join(rows)
