"""Initial schema: site, accounts, catalog, calendar, dossiers, register, audit

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 10:00:39.370560
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_entry',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Uuid(), nullable=True),
    sa.Column('actor_username', sa.String(length=50), nullable=False),
    sa.Column('counter_number', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('entity_type', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=60), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_at'), ['at'], unique=False)

    op.create_table('field',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('ticket_prefix', sa.String(length=3), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_field')),
    sa.UniqueConstraint('code', name=op.f('uq_field_code'))
    )
    op.create_table('sequence_counter',
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('last', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_sequence_counter'))
    )
    op.create_table('site',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('issuing_body', sa.String(length=200), nullable=False),
    sa.Column('agency_code', sa.String(length=20), nullable=False),
    sa.Column('address', sa.String(length=250), nullable=False),
    sa.Column('hotline', sa.String(length=30), nullable=False),
    sa.Column('place_name', sa.String(length=100), nullable=False),
    sa.Column('saturday_open', sa.Boolean(), nullable=False),
    sa.Column('register_book', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_site'))
    )
    op.create_table('app_user',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('site_id', sa.Uuid(), nullable=False),
    sa.Column('username', sa.String(length=50), nullable=False),
    sa.Column('full_name', sa.String(length=100), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('must_change_password', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], name=op.f('fk_app_user_site_id_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('username', name=op.f('uq_app_user_username'))
    )
    op.create_table('calendar_override',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('site_id', sa.Uuid(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.CheckConstraint("kind in ('day_off', 'make_up_day')", name=op.f('ck_calendar_override_kind')),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], name=op.f('fk_calendar_override_site_id_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_override')),
    sa.UniqueConstraint('site_id', 'day', name=op.f('uq_calendar_override_site_id_day'))
    )
    op.create_table('counter',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('site_id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], name=op.f('fk_counter_site_id_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_counter')),
    sa.UniqueConstraint('site_id', 'number', name=op.f('uq_counter_site_id_number'))
    )
    op.create_table('procedure',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('name_folded', sa.String(length=500), nullable=False),
    sa.Column('field_id', sa.Uuid(), nullable=False),
    sa.Column('processing_days', sa.Integer(), nullable=False),
    sa.Column('counting', sa.String(length=20), nullable=False),
    sa.Column('fee_text', sa.String(length=500), nullable=False),
    sa.Column('fee_amount', sa.BigInteger(), nullable=True),
    sa.Column('legacy_level', sa.Integer(), nullable=True),
    sa.Column('online_class', sa.String(length=20), nullable=False),
    sa.Column('lead_agency', sa.String(length=300), nullable=False),
    sa.Column('result_text', sa.String(length=500), nullable=False),
    sa.Column('legal_basis', sa.String(length=1000), nullable=False),
    sa.Column('retired', sa.Boolean(), nullable=False),
    sa.Column('catalog_version', sa.String(length=40), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['field_id'], ['field.id'], name=op.f('fk_procedure_field_id_field')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procedure')),
    sa.UniqueConstraint('code', name=op.f('uq_procedure_code'))
    )
    with op.batch_alter_table('procedure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procedure_name_folded'), ['name_folded'], unique=False)

    op.create_table('dossier',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('site_id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('procedure_id', sa.Uuid(), nullable=False),
    sa.Column('procedure_code', sa.String(length=60), nullable=False),
    sa.Column('procedure_name', sa.String(length=500), nullable=False),
    sa.Column('catalog_version', sa.String(length=40), nullable=False),
    sa.Column('processing_days', sa.Integer(), nullable=False),
    sa.Column('counting', sa.String(length=20), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('return_method', sa.String(length=20), nullable=False),
    sa.Column('sets', sa.Integer(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('original_due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('received_by_id', sa.Uuid(), nullable=True),
    sa.Column('received_by_name', sa.String(length=100), nullable=False),
    sa.Column('counter_number', sa.Integer(), nullable=True),
    sa.Column('late_entry', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('owner_name', sa.String(length=100), nullable=False),
    sa.Column('owner_name_folded', sa.String(length=100), nullable=False),
    sa.Column('owner_id_kind', sa.String(length=10), nullable=False),
    sa.Column('owner_id_number', sa.String(length=20), nullable=False),
    sa.Column('owner_birth_date', sa.Date(), nullable=True),
    sa.Column('owner_phone', sa.String(length=15), nullable=False),
    sa.Column('owner_email', sa.String(length=254), nullable=False),
    sa.Column('owner_address', sa.String(length=250), nullable=False),
    sa.Column('submitter', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('sets >= 1', name=op.f('ck_dossier_sets_positive')),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedure.id'], name=op.f('fk_dossier_procedure_id_procedure')),
    sa.ForeignKeyConstraint(['received_by_id'], ['app_user.id'], name=op.f('fk_dossier_received_by_id_app_user')),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], name=op.f('fk_dossier_site_id_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossier')),
    sa.UniqueConstraint('code', name=op.f('uq_dossier_code'))
    )
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dossier_due_at'), ['due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_dossier_owner_id_number'), ['owner_id_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_dossier_owner_name_folded'), ['owner_name_folded'], unique=False)
        batch_op.create_index(batch_op.f('ix_dossier_owner_phone'), ['owner_phone'], unique=False)
        batch_op.create_index(batch_op.f('ix_dossier_received_at'), ['received_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_dossier_status'), ['status'], unique=False)

    op.create_table('procedure_document',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('procedure_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('form', sa.String(length=20), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedure.id'], name=op.f('fk_procedure_document_procedure_id_procedure'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procedure_document'))
    )
    with op.batch_alter_table('procedure_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procedure_document_procedure_id'), ['procedure_id'], unique=False)

    op.create_table('dossier_document',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('dossier_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('form', sa.String(length=20), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.CheckConstraint('count >= 1', name=op.f('ck_dossier_document_count_positive')),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], name=op.f('fk_dossier_document_dossier_id_dossier'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossier_document'))
    )
    with op.batch_alter_table('dossier_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dossier_document_dossier_id'), ['dossier_id'], unique=False)

    op.create_table('register_entry',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('site_id', sa.Uuid(), nullable=False),
    sa.Column('dossier_id', sa.Uuid(), nullable=False),
    sa.Column('book', sa.String(length=20), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('entered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], name=op.f('fk_register_entry_dossier_id_dossier'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['site_id'], ['site.id'], name=op.f('fk_register_entry_site_id_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_register_entry')),
    sa.UniqueConstraint('dossier_id', name=op.f('uq_register_entry_dossier_id')),
    sa.UniqueConstraint('site_id', 'book', 'seq', name=op.f('uq_register_entry_site_id_book_seq'))
    )


def downgrade() -> None:
    op.drop_table('register_entry')
    with op.batch_alter_table('dossier_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dossier_document_dossier_id'))

    op.drop_table('dossier_document')
    with op.batch_alter_table('procedure_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procedure_document_procedure_id'))

    op.drop_table('procedure_document')
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dossier_status'))
        batch_op.drop_index(batch_op.f('ix_dossier_received_at'))
        batch_op.drop_index(batch_op.f('ix_dossier_owner_phone'))
        batch_op.drop_index(batch_op.f('ix_dossier_owner_name_folded'))
        batch_op.drop_index(batch_op.f('ix_dossier_owner_id_number'))
        batch_op.drop_index(batch_op.f('ix_dossier_due_at'))

    op.drop_table('dossier')
    with op.batch_alter_table('procedure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procedure_name_folded'))

    op.drop_table('procedure')
    op.drop_table('counter')
    op.drop_table('calendar_override')
    op.drop_table('app_user')
    op.drop_table('site')
    op.drop_table('sequence_counter')
    op.drop_table('field')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_at'))

    op.drop_table('audit_entry')
