"""lookup indexes: change events by time and items by comment deadline (the digest), covering band indexes
(the near-duplicate lookup)

Measured with bench/scale.py on 1,000,000 items: the day's digest scanned every event and every item
(2-6 s on SQLite); the near-duplicate lookup read ~60 whole rows per new item (on SQLite, each through
its body's overflow pages). Additive for readers and writers of the previous revision, but each index
build blocks writes to its table while it runs (seconds per million rows).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 13:40:00
"""
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

BANDS = ('simhash_b0', 'simhash_b1', 'simhash_b2', 'simhash_b3')


def upgrade() -> None:
    with op.batch_alter_table('change_events', schema=None) as batch_op:
        batch_op.create_index('ix_change_events_created_at', ['created_at'], unique=False)
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.create_index('ix_items_comment_deadline', ['comment_deadline'], unique=False)
        for band in BANDS:
            batch_op.drop_index(f'ix_items_{band}')
            batch_op.create_index(f'ix_items_{band}', [band, 'simhash', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('items', schema=None) as batch_op:
        for band in BANDS:
            batch_op.drop_index(f'ix_items_{band}')
            batch_op.create_index(f'ix_items_{band}', [band], unique=False)
        batch_op.drop_index('ix_items_comment_deadline')
    with op.batch_alter_table('change_events', schema=None) as batch_op:
        batch_op.drop_index('ix_change_events_created_at')
