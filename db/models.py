"""SQLAlchemy 2 typed models: sources, items, versions, change events, crawl runs, locks."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Annotated, Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from db.timeutil import utcnow

UTC_TZ = timezone.utc


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC and always hands back aware UTC datetimes (SQLite drops tzinfo)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; pass an aware datetime")
        return value.astimezone(UTC_TZ)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC_TZ)
        return value.astimezone(UTC_TZ)

intpk = Annotated[int, mapped_column(Integer, primary_key=True, autoincrement=True)]
bigpk = Annotated[int, mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)]
timestamp = Annotated[datetime, mapped_column(UTCDateTime(), default=utcnow)]
optional_timestamp = Annotated[datetime | None, mapped_column(UTCDateTime(), nullable=True)]
json_dict = Annotated[dict[str, Any], mapped_column(JSON, default=dict)]
json_list = Annotated[list[Any], mapped_column(JSON, default=list)]


class Base(DeclarativeBase):
    pass


class Source(Base):
    """One watched column of one site, mirrored from the catalog."""

    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    agency: Mapped[str] = mapped_column(String(200), default="")
    province: Mapped[str] = mapped_column(String(60), default="")
    family: Mapped[str] = mapped_column(String(40), default="")
    health: Mapped[str] = mapped_column(String(20), default="ok")
    health_since: Mapped[optional_timestamp]
    health_message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[timestamp]
    # When a crawl child last read this source's lists without validators and finished clean: the runner's list
    # probe answers unchanged sources without a crawl child only while this is recent (crawler/run/list_probe.py).
    full_check_at: Mapped[optional_timestamp]


class Item(Base):
    """One document, identified by its canonical URL, with its latest extracted fields."""

    __tablename__ = "items"
    __table_args__ = (
        Index("ix_items_source_published", "source_id", "published_at"),
        Index("ix_items_first_seen", "first_seen_at"),
        Index("ix_items_doc_number", "doc_number"),
        # The digest's "open for comment" section reads drafts by deadline; without this it scans every item.
        Index("ix_items_comment_deadline", "comment_deadline"),
        # The near-duplicate lookup is answered from these alone (band, fingerprint, id): it never reads the
        # rows, which on SQLite means never following a body's overflow pages to reach the simhash column.
        *(Index(f"ix_items_simhash_b{band}", f"simhash_b{band}", "simhash", "id") for band in range(4)),
    )

    id: Mapped[bigpk]
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), index=True)
    url: Mapped[str] = mapped_column(String(1000), unique=True)
    title: Mapped[str] = mapped_column(Text)
    published_at: Mapped[optional_timestamp]
    written_date: Mapped[date | None]
    origin: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    issuer: Mapped[str | None] = mapped_column(Text)
    doc_number: Mapped[str | None] = mapped_column(String(200))
    index_number: Mapped[str | None] = mapped_column(String(200))
    validity: Mapped[str | None] = mapped_column(String(100))
    body_text: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    attachments: Mapped[json_list]
    comment_deadline: Mapped[date | None]
    comment_channel: Mapped[str | None] = mapped_column(Text)
    topics: Mapped[json_list]
    extra: Mapped[json_dict]
    content_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default="active")
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Reposts of one document (same 文号 or near-duplicate text) share a cluster: the first item's id.
    cluster_id: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), index=True)
    simhash: Mapped[int | None] = mapped_column(BigInteger)
    # The four 16-bit bands of simhash, each indexed (see __table_args__): the lookup reads only matching entries.
    simhash_b0: Mapped[int | None] = mapped_column(Integer)
    simhash_b1: Mapped[int | None] = mapped_column(Integer)
    simhash_b2: Mapped[int | None] = mapped_column(Integer)
    simhash_b3: Mapped[int | None] = mapped_column(Integer)
    first_seen_at: Mapped[timestamp]
    last_seen_at: Mapped[timestamp]
    last_checked_at: Mapped[timestamp]

    versions: Mapped[list[ItemVersion]] = relationship(back_populates="item", order_by="ItemVersion.version")


class ItemTopic(Base):
    """One topic of one item, with the item's dates copied (migration 0009): a topic's items read from one index
    in the order the console lists them. Written only by the triggers on items, never by the application."""

    __tablename__ = "item_topics"
    __table_args__ = (
        Index("ix_item_topics_published", "topic", "published_at", "item_id"),
        Index("ix_item_topics_first_seen", "topic", "first_seen_at", "item_id"),
    )

    item_id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                         ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)
    topic: Mapped[str] = mapped_column(String(120), primary_key=True)
    published_at: Mapped[optional_timestamp]
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ItemVersion(Base):
    """A snapshot of an item's meaningful fields each time they changed."""

    __tablename__ = "item_versions"
    __table_args__ = (UniqueConstraint("item_id", "version"),)

    id: Mapped[bigpk]
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    fetched_at: Mapped[timestamp]
    content_hash: Mapped[str] = mapped_column(String(64))
    fields: Mapped[json_dict]
    diff: Mapped[json_dict]
    # The extraction rules this version was read with (crawler/extract/version.py); None: before they were noted.
    extractor: Mapped[str | None] = mapped_column(String(40))

    item: Mapped[Item] = relationship(back_populates="versions")


class ChangeEvent(Base):
    """Outbox row: something happened (new, changed, withdrawn, health); alerts read it later."""

    __tablename__ = "change_events"
    # The digest reads one day of events; without this it scans the whole outbox.
    # An item's page lists its events (migration 0008).
    __table_args__ = (Index("ix_change_events_created_at", "created_at"), Index("ix_change_events_item_id", "item_id"))

    id: Mapped[bigpk]
    kind: Mapped[str] = mapped_column(String(30), index=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="SET NULL"), nullable=True)
    # Makes writing an event idempotent: a crawl re-run after a crash cannot add the same event twice.
    dedupe_key: Mapped[str] = mapped_column(String(300), unique=True)
    created_at: Mapped[timestamp]
    payload: Mapped[json_dict]


class CrawlRun(Base):
    """One crawl of one source: when, how it ended, and its stats."""

    __tablename__ = "crawl_runs"
    __table_args__ = (Index("ix_crawl_runs_source_started", "source_id", "started_at"),)

    id: Mapped[bigpk]
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    started_at: Mapped[timestamp]
    finished_at: Mapped[optional_timestamp]
    outcome: Mapped[str] = mapped_column(String(20), default="running")
    trigger: Mapped[str] = mapped_column(String(20), default="manual")
    host: Mapped[str] = mapped_column(String(200), default="")
    pid: Mapped[int | None]
    entries_seen: Mapped[int] = mapped_column(Integer, default=0)
    new: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    withdrawn: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    requests: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    error_log: Mapped[json_list]
    stats: Mapped[json_dict]


class ListPageState(Base):
    """What a list page told the last crawl: the validators (ETag / Last-Modified) the server sent, for
    conditional GET, and where the list it stands for was read from."""

    __tablename__ = "list_page_states"

    url: Mapped[str] = mapped_column(String(1000), primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), index=True)
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    fingerprint: Mapped[str | None] = mapped_column(String(64))
    # None: the page itself holds the list. "jpaas": the page was an empty shell (a hanweb-auto column that
    # moved to the jpaas cloud) and its list came from the unit API; updated_at says when the shell was read.
    list_via: Mapped[str | None] = mapped_column(String(40))
    updated_at: Mapped[timestamp]


class RobotsTxt(Base):
    """A host's robots.txt as a crawl child last fetched it, shared by every later crawl while it is fresh."""

    __tablename__ = "robots_txt"

    url: Mapped[str] = mapped_column(String(300), primary_key=True)  # scheme://host[:port]/robots.txt
    status: Mapped[int] = mapped_column(Integer)
    body: Mapped[bytes] = mapped_column(LargeBinary)  # empty for a 4xx: no rules, everything allowed
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Lease(Base):
    """A named lock with an owner and an expiry, e.g. `source:<id>` or `daemon`; works on any database."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    owner: Mapped[str] = mapped_column(String(300))
    host: Mapped[str] = mapped_column(String(200), default="")
    pid: Mapped[int | None]
    acquired_at: Mapped[timestamp]
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CrawlTarget(Base):
    """Which sites this database's crawls read: "sites" (the real ones) or "simulator". One row, written by the
    first crawl; crawls of the other target are refused (crawler/run/crawl_target.py)."""

    __tablename__ = "crawl_target"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)  # always 1
    target: Mapped[str] = mapped_column(String(20))
    claimed_at: Mapped[timestamp]


class SchedulerEvent(Base):
    """A scheduled job that failed or missed its time, as the daemon's listeners saw it."""

    __tablename__ = "scheduler_events"

    id: Mapped[bigpk]
    at: Mapped[timestamp]
    job_id: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text, default="")


class Delivery(Base):
    """One outbox event sent (or being retried) to one channel: the record that makes sending exactly once."""

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("event_id", "channel"),)

    id: Mapped[bigpk]
    event_id: Mapped[int] = mapped_column(ForeignKey("change_events.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), default="pending")  # pending | sending | sent | failed | skipped
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    next_attempt_at: Mapped[optional_timestamp]
    sent_at: Mapped[optional_timestamp]


class DigestSend(Base):
    """The daily digest of one date to one channel: sent exactly once, retried until it is."""

    __tablename__ = "digest_sends"
    __table_args__ = (UniqueConstraint("digest_date", "channel"),)

    id: Mapped[bigpk]
    digest_date: Mapped[date]
    channel: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), default="pending")  # pending | sending | sent | empty
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    next_attempt_at: Mapped[optional_timestamp]
    sent_at: Mapped[optional_timestamp]
    subject: Mapped[str] = mapped_column(Text, default="")


class CrawlRequest(Base):
    """A crawl asked of the workers in distributed mode: the enqueue outbox, so a broker restart loses nothing."""

    __tablename__ = "crawl_requests"
    __table_args__ = (Index("ix_crawl_requests_status_source", "status", "source_id"),)

    id: Mapped[bigpk]
    # Stable per scheduled run (`schedule:<source>:<epoch>`) or per one-off request: enqueueing is idempotent.
    key: Mapped[str] = mapped_column(String(300), unique=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    trigger: Mapped[str] = mapped_column(String(20), default="schedule")
    status: Mapped[str] = mapped_column(String(20), default="pending")  # pending | started | done | failed
    requested_by: Mapped[str] = mapped_column(String(300), default="")
    job_id: Mapped[str | None] = mapped_column(String(300))  # the broker job currently carrying it
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # times a worker started it
    retries: Mapped[int] = mapped_column(Integer, default=0)  # times it was retried after a lost worker
    worker: Mapped[str] = mapped_column(String(300), default="")
    owner: Mapped[str] = mapped_column(String(300), default="")  # owner token of the crawl's leases
    run_id: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    outcome: Mapped[str | None] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[timestamp]
    enqueued_at: Mapped[optional_timestamp]
    started_at: Mapped[optional_timestamp]
    finished_at: Mapped[optional_timestamp]
