"""One database, one crawl target: the real sites or the simulator, never both.

Simulated pages are stored under the real URLs, and a crawl of the simulator judges health, raises operator
events and caches robots.txt for the real hosts. In a database that also holds real crawls they would pass
for real ones (an unreachable simulator makes the real source "unreachable"). So the first crawl claims the
database for its target and crawls of the other target are refused, with a message naming both. The demo
and production on the default SQLite path are the common case: the message says which file to move away.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from crawler.config import Settings
from db.crawl_target import claim_target, served_target
from db.engine import make_session_factory, make_url_safe

SITES, SIMULATOR = "sites", "simulator"
_NAMES = {SITES: "the real sites", SIMULATOR: "the simulator"}


class TargetMismatch(Exception):
    """The database serves the other crawl target; the message says what to do."""


def target_of(settings: Settings) -> str:
    return SIMULATOR if settings.simulator else SITES


def mismatch_message(database_url: str, served: str, wanted: str) -> str:
    head = (f"database {make_url_safe(database_url)} holds crawls of {_NAMES.get(served, served)}, so it takes no "
            f"crawl of {_NAMES.get(wanted, wanted)} (their items, health and alerts would mix)")
    if wanted == SIMULATOR:
        return (f"{head}: give simulator crawls their own database, e.g. "
                "NEWSWATCH_DATABASE_URL=sqlite:///data/simulator.sqlite3")
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database:
        return f"{head}: move {url.database} away to start afresh, or set database_url (or NEWSWATCH_DATABASE_URL)"
    return f"{head}: set database_url (or NEWSWATCH_DATABASE_URL) to another database"


def check_target(settings: Settings, engine: Engine) -> None:
    """Refuse (TargetMismatch) a database claimed by the other target; claims nothing (the first run does)."""
    with make_session_factory(engine)() as session:
        served = served_target(session)
    wanted = target_of(settings)
    if served is not None and served != wanted:
        raise TargetMismatch(mismatch_message(settings.database_url, served, wanted))


def claim_for_run(session: Session, settings: Settings, now: datetime) -> None:
    """In the transaction that starts a crawl run: claim the database for this crawl's target, or refuse."""
    wanted = target_of(settings)
    served = claim_target(session, wanted, now)
    if served != wanted:
        raise TargetMismatch(mismatch_message(settings.database_url, served, wanted))
