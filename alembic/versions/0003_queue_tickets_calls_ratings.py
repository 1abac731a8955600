"""Queue tickets, calls, ratings; counters serve fields; site settings

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 10:39:49.291565
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('ticket',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('site_id', sa.Uuid(), nullable=False),
    sa.Column('business_day', sa.Date(), nullable=False),
    sa.Column('issued_field_code', sa.String(length=30), nullable=False),
    sa.Column('field_code', sa.String(length=30), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=12), nullable=False),
    sa.Column('priority', sa.String(length=30), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('queued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('target_counter', sa.Integer(), nullable=True),
    sa.Column('counter_number', sa.Integer(), nullable=True),
    sa.Column('officer_id', sa.Uuid(), nullable=True),
    sa.Column('called_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('first_called_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('call_count', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('printed', sa.Boolean(), nullable=False),
    sa.CheckConstraint("status in ('waiting', 'called', 'serving', 'done', 'no_show', 'expired')", name=op.f('ck_ticket_status')),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], name=op.f('fk_ticket_site_id_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ticket')),
    sa.UniqueConstraint('site_id', 'business_day', 'issued_field_code', 'seq', name=op.f('uq_ticket_site_id_business_day_issued_field_code_seq')),
    sa.UniqueConstraint('site_id', 'business_day', 'number', name=op.f('uq_ticket_site_id_business_day_number'))
    )
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.create_index('ix_ticket_waiting', ['status', 'business_day', 'field_code', 'queued_at'], unique=False)
        batch_op.create_index('uq_ticket_in_service_per_counter', ['site_id', 'counter_number'], unique=True, sqlite_where=sa.text("status in ('called', 'serving')"), postgresql_where=sa.text("status in ('called', 'serving')"))

    op.create_table('counter_field',
    sa.Column('counter_id', sa.Uuid(), nullable=False),
    sa.Column('field_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['counter_id'], ['counter.id'], name=op.f('fk_counter_field_counter_id_counter'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['field_id'], ['field.id'], name=op.f('fk_counter_field_field_id_field'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('counter_id', 'field_id', name=op.f('pk_counter_field'))
    )
    op.create_table('queue_call',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('site_id', sa.Uuid(), nullable=False),
    sa.Column('ticket_id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(length=12), nullable=False),
    sa.Column('counter_number', sa.Integer(), nullable=False),
    sa.Column('field_code', sa.String(length=30), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], name=op.f('fk_queue_call_site_id_site')),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_queue_call_ticket_id_ticket'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_queue_call'))
    )
    with op.batch_alter_table('queue_call', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_queue_call_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_queue_call_ticket_id'), ['ticket_id'], unique=False)

    op.create_table('rating',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('site_id', sa.Uuid(), nullable=False),
    sa.Column('ticket_id', sa.Uuid(), nullable=True),
    sa.Column('dossier_id', sa.Uuid(), nullable=True),
    sa.Column('counter_number', sa.Integer(), nullable=True),
    sa.Column('officer_id', sa.Uuid(), nullable=True),
    sa.Column('scale', sa.String(length=20), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], name=op.f('fk_rating_dossier_id_dossier')),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], name=op.f('fk_rating_site_id_site')),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], name=op.f('fk_rating_ticket_id_ticket')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rating'))
    )
    with op.batch_alter_table('rating', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rating_ticket_id'), ['ticket_id'], unique=False)

    with op.batch_alter_table('counter', schema=None) as batch_op:
        batch_op.add_column(sa.Column('queue_state', sa.String(length=10), server_default='open', nullable=False))
        batch_op.add_column(sa.Column('normal_since_priority', sa.Integer(), nullable=True))

    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ticket_id', sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f('ix_dossier_ticket_id'), ['ticket_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_dossier_ticket_id_ticket'), 'ticket', ['ticket_id'], ['id'])

    with op.batch_alter_table('field', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ticket_start', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('ticket_end', sa.Integer(), server_default='999', nullable=False))
        batch_op.add_column(sa.Column('queue_open', sa.Boolean(), server_default=sa.true(), nullable=False))

    with op.batch_alter_table('site', schema=None) as batch_op:
        batch_op.add_column(sa.Column('settings', sa.JSON(), server_default='{}', nullable=False))




def downgrade() -> None:

    with op.batch_alter_table('site', schema=None) as batch_op:
        batch_op.drop_column('settings')

    with op.batch_alter_table('field', schema=None) as batch_op:
        batch_op.drop_column('queue_open')
        batch_op.drop_column('ticket_end')
        batch_op.drop_column('ticket_start')

    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_dossier_ticket_id_ticket'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_dossier_ticket_id'))
        batch_op.drop_column('ticket_id')

    with op.batch_alter_table('counter', schema=None) as batch_op:
        batch_op.drop_column('normal_since_priority')
        batch_op.drop_column('queue_state')

    with op.batch_alter_table('rating', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rating_ticket_id'))

    op.drop_table('rating')
    with op.batch_alter_table('queue_call', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_queue_call_ticket_id'))
        batch_op.drop_index(batch_op.f('ix_queue_call_at'))

    op.drop_table('queue_call')
    op.drop_table('counter_field')
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.drop_index('uq_ticket_in_service_per_counter', sqlite_where=sa.text("status in ('called', 'serving')"), postgresql_where=sa.text("status in ('called', 'serving')"))
        batch_op.drop_index('ix_ticket_waiting')

    op.drop_table('ticket')

