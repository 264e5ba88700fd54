"""item_versions.extractor: the extraction rules a version was read with (crawler/extract/version.py)

A re-check that reads different fields only because the rules changed is recorded without a `changed`
event. Versions stored before this revision have none: their next re-check is treated the same way.
Additive only (one nullable column): safe while processes of the previous revision run.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 16:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('item_versions') as batch:
        batch.add_column(sa.Column('extractor', sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('item_versions') as batch:
        batch.drop_column('extractor')
