"""item search for the web console: substring search over title, 文号 and body that works for Chinese, and
newest-first listing without a sort

SQLite: an FTS5 table with the trigram tokenizer (any substring of three or more characters, Chinese
included, answered from the index; two characters through the trigrams they start, listed by the vocabulary
table items_fts_terms) over the items table as external content (through the view items_search, which
appends a newline to each value), kept in step by triggers; the update trigger fires only when a searched
column changes, not on every re-check's last_checked_at.
PostgreSQL: pg_trgm and one GIN trigram index over the same text the console searches (the expression in
crawler/web/search.py must stay identical to SEARCH_EXPRESSION below, or the index is not used).
Both: an index on (published_at, id), the order every list of the console is read in, and one on
change_events.item_id (an item's page lists its events).

Additive for readers and writers of the previous revision; building the index reads every item once,
during which writes to items wait: on SQLite about 0.5 million characters of text a second on a shared
2-core VM (the demo's 2,300 items: 1.3 s; a million items of 700 characters: about 25 minutes). Each stored
item then costs its trigram postings too (measured: +0.5 ms median per insert, and more WAL written).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 16:30:00
"""
from alembic import op
from sqlalchemy import text

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

SEARCH_EXPRESSION = "(coalesce(title, '') || ' ' || coalesce(doc_number, '') || ' ' || coalesce(body_text, ''))"


def _indexed(row: str) -> str:
    return ", ".join(f"coalesce({row}.{c}, '') || char(10)" for c in ("title", "doc_number", "body_text"))


_NEW, _OLD = _indexed("new"), _indexed("old")

# Each value is indexed with a newline after it, so that two characters at the very end of a title still start
# a trigram (crawler/web/search.py finds two-character terms by the trigrams they start). The view is the
# external content the index reads when rebuilt; the triggers index the same values.
SQLITE_UP = (
    "CREATE VIEW items_search AS SELECT id, coalesce(title, '') || char(10) AS title, "
    "coalesce(doc_number, '') || char(10) AS doc_number, coalesce(body_text, '') || char(10) AS body_text FROM items",
    "CREATE VIRTUAL TABLE items_fts USING fts5(title, doc_number, body_text, content='items_search', "
    "content_rowid='id', tokenize='trigram')",
    "CREATE VIRTUAL TABLE items_fts_terms USING fts5vocab(items_fts, 'row')",
    "CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN "
    f"INSERT INTO items_fts(rowid, title, doc_number, body_text) VALUES (new.id, {_NEW}); END",
    "CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN "
    f"INSERT INTO items_fts(items_fts, rowid, title, doc_number, body_text) VALUES ('delete', old.id, {_OLD}); END",
    "CREATE TRIGGER items_fts_update AFTER UPDATE OF title, doc_number, body_text ON items BEGIN "
    f"INSERT INTO items_fts(items_fts, rowid, title, doc_number, body_text) VALUES ('delete', old.id, {_OLD}); "
    f"INSERT INTO items_fts(rowid, title, doc_number, body_text) VALUES (new.id, {_NEW}); END",
    "INSERT INTO items_fts(items_fts) VALUES ('rebuild')",
    "CREATE INDEX ix_items_published ON items (published_at, id)",
)
SQLITE_DOWN = (
    "DROP INDEX IF EXISTS ix_items_published",
    "DROP TRIGGER IF EXISTS items_fts_update",
    "DROP TRIGGER IF EXISTS items_fts_delete",
    "DROP TRIGGER IF EXISTS items_fts_insert",
    "DROP TABLE IF EXISTS items_fts_terms",
    "DROP TABLE IF EXISTS items_fts",
    "DROP VIEW IF EXISTS items_search",
)


def _trgm_schema() -> str:
    """The schema pg_trgm lives in, created where it is missing (trusted since PostgreSQL 13: the database
    owner may create it). Its operator class is named with that schema, so the index builds whatever the
    search_path."""
    bind = op.get_bind()
    query = text("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                 "WHERE e.extname = 'pg_trgm'")
    schema = bind.execute(query).scalar()
    if schema is None:
        public = bind.execute(text("SELECT 1 FROM pg_namespace WHERE nspname = 'public'")).scalar()
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm" + (" SCHEMA public" if public else ""))
        schema = bind.execute(query).scalar()
    return str(schema)


def upgrade() -> None:
    with op.batch_alter_table('change_events', schema=None) as batch_op:
        batch_op.create_index('ix_change_events_item_id', ['item_id'], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)
        return
    schema = _trgm_schema()
    op.execute(f'CREATE INDEX ix_items_search_trgm ON items USING gin ({SEARCH_EXPRESSION} "{schema}".gin_trgm_ops)')
    op.execute("CREATE INDEX ix_items_published ON items (published_at DESC NULLS LAST, id DESC)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_DOWN:
            op.execute(statement)
    else:
        op.execute("DROP INDEX IF EXISTS ix_items_published")
        op.execute("DROP INDEX IF EXISTS ix_items_search_trgm")
    with op.batch_alter_table('change_events', schema=None) as batch_op:
        batch_op.drop_index('ix_change_events_item_id')
