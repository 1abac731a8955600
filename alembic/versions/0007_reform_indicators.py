"""Supervisor reports: electronic dossiers, procedures integrated with the national portal and
using digital signatures, ticket durations fixed when they happen, report indexes

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 15:40:00
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa



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
    for column in ('wait_seconds', 'walk_seconds', 'service_seconds', 'idle_seconds'):
        op.add_column('ticket', sa.Column(column, sa.Float(), nullable=True))
    _backfill_ticket_durations()
    op.create_index('ix_dossier_status_due_at', 'dossier', ['status', 'due_at'])
    op.create_index('ix_dossier_status_result_ready_at', 'dossier', ['status', 'result_ready_at'])
    op.create_index('ix_dossier_event_dossier_id_at', 'dossier_event', ['dossier_id', 'at'])


def _backfill_ticket_durations() -> None:
    """The tickets of before this revision get the durations the queue service now records."""
    if op.get_bind().dialect.name == "sqlite":
        def secs(later: str, earlier: str) -> str:
            return f"round((julianday({later}) - julianday({earlier})) * 86400.0, 3)"
    else:
        def secs(later: str, earlier: str) -> str:
            return f"date_part('epoch', {later}) - date_part('epoch', {earlier})"
    op.execute(f"UPDATE ticket SET wait_seconds = {secs('first_called_at', 'issued_at')} "
               "WHERE first_called_at IS NOT NULL")
    op.execute(f"UPDATE ticket SET walk_seconds = {secs('started_at', 'called_at')} "
               "WHERE started_at IS NOT NULL AND called_at IS NOT NULL")
    op.execute(f"UPDATE ticket SET service_seconds = {secs('finished_at', 'started_at')} "
               "WHERE status = 'done' AND started_at IS NOT NULL AND finished_at IS NOT NULL")
    # Idle: the gap from the officer's previous ticket ending to this first call, same day, < 1 h.
    op.execute(f"""
        UPDATE ticket SET idle_seconds = g.gap
        FROM (SELECT t.id AS id, {secs('t.first_called_at', 'lag(coalesce(t.finished_at, t.called_at)) OVER '
                                       '(PARTITION BY t.officer_id, t.business_day ORDER BY t.first_called_at)')} AS gap
              FROM ticket t WHERE t.officer_id IS NOT NULL AND t.first_called_at IS NOT NULL) AS g
        WHERE g.id = ticket.id AND g.gap > 0 AND g.gap < 3600""")


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite >= 3.35): no table is rebuilt, so the dossier name search and the
    # ticket's partial unique index stay as they are.
    op.drop_index('ix_dossier_event_dossier_id_at', table_name='dossier_event')
    op.drop_index('ix_dossier_status_result_ready_at', table_name='dossier')
    op.drop_index('ix_dossier_status_due_at', table_name='dossier')
    for column in ('idle_seconds', 'service_seconds', 'walk_seconds', 'wait_seconds'):
        op.drop_column('ticket', column)
    op.drop_column('procedure', 'digital_signature')
    op.drop_column('procedure', 'portal_integrated')
    op.drop_column('dossier', 'electronic')
