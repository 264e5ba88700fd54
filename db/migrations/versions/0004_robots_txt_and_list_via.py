"""robots.txt cache shared by crawl children; list_page_states.list_via (a column page that is a jpaas shell)

Additive only (one new table, one nullable column): safe to apply while daemons and workers of the previous
revision run; they neither read nor write either.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 10:00:00
"""
import sqlalchemy as sa
from alembic import op

import db.models

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('robots_txt',
    sa.Column('url', sa.String(length=300), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('body', sa.LargeBinary(), nullable=False),
    sa.Column('fetched_at', db.models.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('url')
    )
    with op.batch_alter_table('list_page_states', schema=None) as batch_op:
        batch_op.add_column(sa.Column('list_via', sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('list_page_states', schema=None) as batch_op:
        batch_op.drop_column('list_via')
    op.drop_table('robots_txt')
