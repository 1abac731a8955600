"""Sync with the central system: frozen push batches, pull cursors, issues needing a person,
the worker's state; outbox rows remember their batch and acknowledgement

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 19:40:44.190848
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sync_batch',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('lane', sa.String(length=20), nullable=False),
    sa.Column('first_seq', sa.BigInteger(), nullable=False),
    sa.Column('last_seq', sa.BigInteger(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('body', sa.LargeBinary(), nullable=False),
    sa.Column('body_sha256', sa.String(length=64), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.CheckConstraint("state in ('frozen', 'done')", name=op.f('ck_sync_batch_state')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_batch'))
    )
    with op.batch_alter_table('sync_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_batch_lane'), ['lane'], unique=False)

    op.create_table('sync_cursor',
    sa.Column('stream', sa.String(length=40), nullable=False),
    sa.Column('cursor', sa.Text(), nullable=False),
    sa.Column('snapshot_token', sa.Text(), nullable=True),
    sa.Column('snapshot_cursor', sa.Text(), nullable=True),
    sa.Column('pulled', sa.BigInteger(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('stream', name=op.f('pk_sync_cursor'))
    )
    op.create_table('sync_issue',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('outbox_id', sa.BigInteger(), nullable=True),
    sa.Column('mutation_id', sa.Uuid(), nullable=True),
    sa.Column('lane', sa.String(length=20), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=True),
    sa.Column('entity_type', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=60), nullable=False),
    sa.Column('operation', sa.String(length=40), nullable=False),
    sa.Column('reason_code', sa.String(length=60), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('server_state', sa.JSON(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_by', sa.String(length=50), nullable=False),
    sa.Column('resolution', sa.String(length=30), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.CheckConstraint("state in ('open', 'resolved')", name=op.f('ck_sync_issue_state')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_issue'))
    )
    with op.batch_alter_table('sync_issue', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_issue_outbox_id'), ['outbox_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_issue_state'), ['state'], unique=False)

    op.create_table('sync_meta',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_sync_meta'))
    )
    # Plain ADD COLUMN: the outbox is not rebuilt.
    op.add_column('sync_outbox', sa.Column('batch_id', sa.Uuid(), nullable=True))
    op.add_column('sync_outbox', sa.Column('acked_at', sa.DateTime(timezone=True), nullable=True))
    op.create_index(op.f('ix_sync_outbox_batch_id'), 'sync_outbox', ['batch_id'], unique=False)
    op.create_index(op.f('ix_sync_outbox_entity_id'), 'sync_outbox', ['entity_id'], unique=False)
    # Rows acknowledged before this revision (none were ever sent) stay as they are.



def downgrade() -> None:
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_outbox_entity_id'))
        batch_op.drop_index(batch_op.f('ix_sync_outbox_batch_id'))
        batch_op.drop_column('acked_at')
        batch_op.drop_column('batch_id')

    op.drop_table('sync_meta')
    with op.batch_alter_table('sync_issue', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_issue_state'))
        batch_op.drop_index(batch_op.f('ix_sync_issue_outbox_id'))

    op.drop_table('sync_issue')
    op.drop_table('sync_cursor')
    with op.batch_alter_table('sync_batch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_batch_lane'))

    op.drop_table('sync_batch')
