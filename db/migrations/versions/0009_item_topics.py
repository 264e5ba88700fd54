"""item topics as rows: the console's topic filter and topic feeds read one index instead of testing every
item's JSON list; on PostgreSQL, the search index also holds published_at

item_topics holds one row per (item, topic) with the item's published_at and first_seen_at copied, indexed
(topic, published_at, item_id) and (topic, first_seen_at, item_id): a topic's items come out of the index in
the order the Items page (newest published) and the feeds (newest first seen) show them, so a rare topic no
longer reads every item newest first until a page is full. Kept in step with items.topics by triggers on
items (insert; update of topics, published_at or first_seen_at; delete), so every writer of items (the
crawl's storage, the re-extraction, tests, bulk loads) maintains it without knowing of it. Existing items are
backfilled once (about 1 s per 100,000 topic rows on a shared 2-core VM).

PostgreSQL: the trigram index of 0008 becomes a two-column GIN index, the search text (pg_trgm) and
published_at (btree_gin, trusted like pg_trgm): the console searches the newest month, then year, then all
(crawler/web/item_queries.py), and the index answers "this term, published since" without reading the rows
of older matches (a term in 10% of a million items: 100,000 rows rechecked and sorted before).

Additive for readers and writers of the previous revision.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 19:30:00
"""
import sqlalchemy as sa
from alembic import op

import db.models

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

_COLUMNS = "item_id, topic, published_at, first_seen_at"

# SQLite: json_each over the stored JSON list; only text elements are topic ids.
_SQLITE_ROWS = ("SELECT DISTINCT {row}.id, j.value, {row}.published_at, {row}.first_seen_at "
                "FROM json_each(CASE WHEN json_valid({row}.topics) THEN {row}.topics ELSE '[]' END) AS j "
                "WHERE j.type = 'text'")
SQLITE_BACKFILL = (f"INSERT INTO item_topics ({_COLUMNS}) SELECT DISTINCT items.id, j.value, items.published_at, "
                   "items.first_seen_at FROM items, json_each(CASE WHEN json_valid(items.topics) THEN items.topics "
                   "ELSE '[]' END) AS j WHERE j.type = 'text'")
SQLITE_TRIGGERS = (
    "CREATE TRIGGER item_topics_insert AFTER INSERT ON items BEGIN "
    f"INSERT INTO item_topics ({_COLUMNS}) {_SQLITE_ROWS.format(row='new')}; END",
    "CREATE TRIGGER item_topics_update AFTER UPDATE OF topics, published_at, first_seen_at ON items BEGIN "
    "DELETE FROM item_topics WHERE item_id = old.id; "
    f"INSERT INTO item_topics ({_COLUMNS}) {_SQLITE_ROWS.format(row='new')}; END",
    "CREATE TRIGGER item_topics_delete AFTER DELETE ON items BEGIN "
    "DELETE FROM item_topics WHERE item_id = old.id; END",
)

# PostgreSQL: json_array_elements_text over the json column (anything but a list holds no topic).
_PG_ELEMENTS = "json_array_elements_text(CASE WHEN json_typeof({row}.topics) = 'array' THEN {row}.topics ELSE '[]'::json END)"
POSTGRES_BACKFILL = (f"INSERT INTO item_topics ({_COLUMNS}) SELECT DISTINCT items.id, t.topic, items.published_at, "
                     f"items.first_seen_at FROM items, {_PG_ELEMENTS.format(row='items')} AS t(topic)")
POSTGRES_FUNCTION = f"""
CREATE FUNCTION item_topics_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM item_topics WHERE item_id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO item_topics ({_COLUMNS})
        SELECT DISTINCT NEW.id, t.topic, NEW.published_at, NEW.first_seen_at FROM {_PG_ELEMENTS.format(row='NEW')} AS t(topic);
    END IF;
    RETURN NULL;
END $$
"""
POSTGRES_TRIGGERS = (
    "CREATE TRIGGER item_topics_insert AFTER INSERT ON items FOR EACH ROW EXECUTE FUNCTION item_topics_sync()",
    "CREATE TRIGGER item_topics_update AFTER UPDATE OF topics, published_at, first_seen_at ON items FOR EACH ROW "
    "WHEN (OLD.topics::text IS DISTINCT FROM NEW.topics::text OR OLD.published_at IS DISTINCT FROM NEW.published_at "
    "OR OLD.first_seen_at IS DISTINCT FROM NEW.first_seen_at) EXECUTE FUNCTION item_topics_sync()",
)


SEARCH_EXPRESSION = "(coalesce(title, '') || ' ' || coalesce(doc_number, '') || ' ' || coalesce(body_text, ''))"


def _extension_schema(name: str) -> str:
    """The schema an extension lives in, created where it is missing (in public when there is one)."""
    bind = op.get_bind()
    query = sa.text("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                    "WHERE e.extname = :name")
    schema = bind.execute(query, {"name": name}).scalar()
    if schema is None:
        public = bind.execute(sa.text("SELECT 1 FROM pg_namespace WHERE nspname = 'public'")).scalar()
        op.execute(f"CREATE EXTENSION IF NOT EXISTS {name}" + (" SCHEMA public" if public else ""))
        schema = bind.execute(query, {"name": name}).scalar()
    return str(schema)


def _search_index(with_published: bool) -> str:
    trgm = _extension_schema("pg_trgm")
    if not with_published:
        return f'CREATE INDEX ix_items_search_trgm ON items USING gin ({SEARCH_EXPRESSION} "{trgm}".gin_trgm_ops)'
    btree = _extension_schema("btree_gin")
    return (f"CREATE INDEX ix_items_search_published ON items USING gin ({SEARCH_EXPRESSION} "
            f'"{trgm}".gin_trgm_ops, published_at "{btree}".timestamptz_ops)')


def upgrade() -> None:
    id_type = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    op.create_table(
        'item_topics',
        sa.Column('item_id', id_type, sa.ForeignKey('items.id', ondelete='CASCADE'), nullable=False),
        sa.Column('topic', sa.String(length=120), nullable=False),
        sa.Column('published_at', db.models.UTCDateTime(), nullable=True),
        sa.Column('first_seen_at', db.models.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('item_id', 'topic'),
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.execute(SQLITE_BACKFILL if sqlite else POSTGRES_BACKFILL)
    if sqlite:
        op.execute("CREATE INDEX ix_item_topics_published ON item_topics (topic, published_at, item_id)")
        op.execute("CREATE INDEX ix_item_topics_first_seen ON item_topics (topic, first_seen_at, item_id)")
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
        return
    # The order the console reads in (items.published_at DESC NULLS LAST, as ix_items_published).
    op.execute("CREATE INDEX ix_item_topics_published ON item_topics (topic, published_at DESC NULLS LAST, item_id DESC)")
    op.execute("CREATE INDEX ix_item_topics_first_seen ON item_topics (topic, first_seen_at, item_id)")
    op.execute(POSTGRES_FUNCTION)
    for statement in POSTGRES_TRIGGERS:
        op.execute(statement)
    op.execute(_search_index(with_published=True))
    op.execute("DROP INDEX IF EXISTS ix_items_search_trgm")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("item_topics_insert", "item_topics_update", "item_topics_delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute(_search_index(with_published=False))
        op.execute("DROP INDEX IF EXISTS ix_items_search_published")
        op.execute("DROP TRIGGER IF EXISTS item_topics_insert ON items")
        op.execute("DROP TRIGGER IF EXISTS item_topics_update ON items")
        op.execute("DROP FUNCTION IF EXISTS item_topics_sync()")
    op.drop_table('item_topics')
