"""Reform indicators: electronic dossiers, procedures integrated with the national portal and
using digital signatures

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 15:40:00
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa

from counter_app.store import search


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (not batch mode): SQLite does not rebuild `dossier`, so its name search
    # (triggers keyed by row id) stays in place.
    op.add_column('dossier', sa.Column('electronic', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column('procedure', sa.Column('portal_integrated', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column('procedure', sa.Column('digital_signature', sa.Boolean(), server_default=sa.false(), nullable=False))
    # A dossier received online has always been an electronic dossier.
    op.execute(sa.text("UPDATE dossier SET electronic = :yes WHERE channel = 'online'").bindparams(yes=True))


def downgrade() -> None:
    with op.batch_alter_table('procedure', schema=None) as batch_op:
        batch_op.drop_column('digital_signature')
        batch_op.drop_column('portal_integrated')
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.drop_column('electronic')
    if op.get_bind().dialect.name == "sqlite":
        # Dropping a column rebuilds `dossier` on SQLite: its row ids, and so the name search, change.
        search.install_name_search(op.get_bind())
