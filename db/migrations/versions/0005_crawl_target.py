"""crawl_target: which sites a database's crawls read, the real sites or the simulator (one row)

The first crawl claims the database; a crawl of the other target is then refused, so a demo or test run
against the simulator never mixes simulated items, health, alerts or robots.txt with real ones. Databases
of the previous revision have no row: their next crawl claims them. Additive only (one new table): safe to
apply while daemons and workers of the previous revision run; they neither read nor write it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 10:00:00
"""
import sqlalchemy as sa
from alembic import op

import db.models

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('crawl_target',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('target', sa.String(length=20), nullable=False),
    sa.Column('claimed_at', db.models.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    op.drop_table('crawl_target')
