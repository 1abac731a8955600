"""A not-accepted intake declined again after being reopened is superseded by the newer slip

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 14:13:32.490738
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('not_accepted', schema=None) as batch_op:
        batch_op.add_column(sa.Column('superseded_by_id', sa.Uuid(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('not_accepted', schema=None) as batch_op:
        batch_op.drop_column('superseded_by_id')
