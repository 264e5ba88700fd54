"""What a page handler needs from the running console: a read-only session, the source directory, local time."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session
from starlette.requests import Request

from crawler.alerts.context import SourceInfo
from crawler.web.config import WebConfig
from crawler.web.directory import source_directory
from db.engine import make_session_factory
from db.timeutil import utcnow


def config_of(request: Request) -> WebConfig:
    return request.app.state.config  # type: ignore[no-any-return]


def open_session(request: Request) -> Session:
    return make_session_factory(config_of(request).engine)()


def directory_of(request: Request, session: Session) -> dict[str, SourceInfo]:
    return source_directory(session, config_of(request).catalog)


def zone(request: Request) -> ZoneInfo:
    return ZoneInfo(config_of(request).settings.timezone)


def now() -> datetime:
    return utcnow()


def today(request: Request) -> date:
    return now().astimezone(zone(request)).date()
