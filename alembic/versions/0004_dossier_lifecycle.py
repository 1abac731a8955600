"""Dossier lifecycle: events, hand-offs and forward lists, result handovers, not-accepted intakes

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 12:26:46.739059
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('forward_batch',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('site_id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('agency', sa.String(length=300), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('officer_name', sa.String(length=100), nullable=False),
    sa.Column('receiver', sa.String(length=100), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], name=op.f('fk_forward_batch_site_id_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forward_batch')),
    sa.UniqueConstraint('site_id', 'number', name=op.f('uq_forward_batch_site_id_number'))
    )
    op.create_table('dossier_event',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('dossier_id', sa.Uuid(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('from_status', sa.Integer(), nullable=True),
    sa.Column('to_status', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('actor_id', sa.Uuid(), nullable=True),
    sa.Column('actor_name', sa.String(length=100), nullable=False),
    sa.Column('counter_number', sa.Integer(), nullable=True),
    sa.Column('due_before', sa.DateTime(timezone=True), nullable=True),
    sa.Column('due_after', sa.DateTime(timezone=True), nullable=True),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], name=op.f('fk_dossier_event_dossier_id_dossier'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossier_event'))
    )
    with op.batch_alter_table('dossier_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dossier_event_dossier_id'), ['dossier_id'], unique=False)

    op.create_table('dossier_handoff',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('dossier_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('from_unit', sa.String(length=300), nullable=False),
    sa.Column('to_unit', sa.String(length=300), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('giver', sa.String(length=100), nullable=False),
    sa.Column('receiver', sa.String(length=100), nullable=False),
    sa.Column('outcome', sa.String(length=10), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('batch_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['forward_batch.id'], name=op.f('fk_dossier_handoff_batch_id_forward_batch')),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], name=op.f('fk_dossier_handoff_dossier_id_dossier'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossier_handoff')),
    sa.UniqueConstraint('dossier_id', 'position', name=op.f('uq_dossier_handoff_dossier_id_position'))
    )
    with op.batch_alter_table('dossier_handoff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dossier_handoff_dossier_id'), ['dossier_id'], unique=False)

    op.create_table('not_accepted',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('site_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('officer_id', sa.Uuid(), nullable=True),
    sa.Column('officer_name', sa.String(length=100), nullable=False),
    sa.Column('counter_number', sa.Integer(), nullable=True),
    sa.Column('ticket_id', sa.Uuid(), nullable=True),
    sa.Column('procedure_code', sa.String(length=60), nullable=False),
    sa.Column('procedure_name', sa.String(length=500), nullable=False),
    sa.Column('field_code', sa.String(length=30), nullable=False),
    sa.Column('owner_name', sa.String(length=100), nullable=False),
    sa.Column('owner_name_folded', sa.String(length=100), nullable=False),
    sa.Column('owner_id_number', sa.String(length=20), nullable=False),
    sa.Column('request', sa.JSON(), nullable=False),
    sa.Column('missing', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('form_set', sa.String(length=20), nullable=False),
    sa.Column('resumed_dossier_id', sa.Uuid(), nullable=True),
    sa.Column('resumed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind in ('supplement', 'refusal')", name=op.f('ck_not_accepted_kind')),
    sa.ForeignKeyConstraint(['resumed_dossier_id'], ['dossier.id'], name=op.f('fk_not_accepted_resumed_dossier_id_dossier')),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], name=op.f('fk_not_accepted_site_id_site')),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_not_accepted_ticket_id_ticket')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_not_accepted')),
    sa.UniqueConstraint('site_id', 'number', name=op.f('uq_not_accepted_site_id_number'))
    )
    with op.batch_alter_table('not_accepted', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_not_accepted_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_not_accepted_owner_id_number'), ['owner_id_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_not_accepted_owner_name_folded'), ['owner_name_folded'], unique=False)

    op.create_table('handover',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('dossier_id', sa.Uuid(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('collector_kind', sa.String(length=12), nullable=False),
    sa.Column('collector_name', sa.String(length=100), nullable=False),
    sa.Column('collector_id_number', sa.String(length=20), nullable=False),
    sa.Column('authorisation_note', sa.String(length=300), nullable=False),
    sa.Column('fees_paid', sa.BigInteger(), nullable=True),
    sa.Column('fee_note', sa.String(length=300), nullable=False),
    sa.Column('outcome', sa.String(length=10), nullable=False),
    sa.Column('officer_id', sa.Uuid(), nullable=True),
    sa.Column('officer_name', sa.String(length=100), nullable=False),
    sa.Column('counter_number', sa.Integer(), nullable=True),
    sa.Column('rating_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], name=op.f('fk_handover_dossier_id_dossier'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['rating_id'], ['rating.id'], name=op.f('fk_handover_rating_id_rating')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handover')),
    sa.UniqueConstraint('dossier_id', name=op.f('uq_handover_dossier_id'))
    )
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.add_column(sa.Column('field_code', sa.String(length=30), server_default='', nullable=False))
        batch_op.add_column(sa.Column('form_set', sa.String(length=20), server_default='', nullable=False))
        batch_op.add_column(sa.Column('status_changed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('paused_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('lead_agency', sa.String(length=300), server_default='', nullable=False))
        batch_op.add_column(sa.Column('forwarded_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('result_ready_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('returned_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('reopened_from_id', sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f('ix_dossier_field_code'), ['field_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_dossier_returned_at'), ['returned_at'], unique=False)

    # Dossiers received before this revision: their field and lead agency from the catalog.
    op.execute(
        "UPDATE dossier SET field_code = COALESCE((SELECT field.code FROM procedure JOIN field"
        " ON field.id = procedure.field_id WHERE procedure.id = dossier.procedure_id), ''),"
        " lead_agency = COALESCE((SELECT procedure.lead_agency FROM procedure"
        " WHERE procedure.id = dossier.procedure_id), ''),"
        " status_changed_at = received_at"
    )


def downgrade() -> None:
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dossier_returned_at'))
        batch_op.drop_index(batch_op.f('ix_dossier_field_code'))
        batch_op.drop_column('reopened_from_id')
        batch_op.drop_column('returned_at')
        batch_op.drop_column('result_ready_at')
        batch_op.drop_column('forwarded_at')
        batch_op.drop_column('lead_agency')
        batch_op.drop_column('paused_at')
        batch_op.drop_column('status_changed_at')
        batch_op.drop_column('form_set')
        batch_op.drop_column('field_code')

    op.drop_table('handover')
    with op.batch_alter_table('not_accepted', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_not_accepted_owner_name_folded'))
        batch_op.drop_index(batch_op.f('ix_not_accepted_owner_id_number'))
        batch_op.drop_index(batch_op.f('ix_not_accepted_at'))

    op.drop_table('not_accepted')
    with op.batch_alter_table('dossier_handoff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dossier_handoff_dossier_id'))

    op.drop_table('dossier_handoff')
    with op.batch_alter_table('dossier_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dossier_event_dossier_id'))

    op.drop_table('dossier_event')
    op.drop_table('forward_batch')
