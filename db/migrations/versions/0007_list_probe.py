"""sources.full_check_at: when a crawl child last read the source's lists without validators (the daily
safety net of the runner's list probe, crawler/run/list_probe.py)

Until it is a day old the runner may answer an unchanged source from a conditional probe of its first list
page, without starting a crawl child. Sources without one get a full check on their next crawl.
Additive only (one nullable column): safe while processes of the previous revision run.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 16:30:00
"""
import sqlalchemy as sa
from alembic import op

import db.models

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('sources', sa.Column('full_check_at', db.models.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # In place (SQLite 3.35+): a batch copy of `sources` would trip the foreign keys that point at it.
        op.execute("ALTER TABLE sources DROP COLUMN full_check_at")
    else:
        op.drop_column('sources', 'full_check_at')
