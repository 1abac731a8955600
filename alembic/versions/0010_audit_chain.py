"""Tamper-evident audit trail: audit entries chained by SHA-256 (seq, prev_hash, hash),
before/after of state changes, and the one-row chain head; existing entries are chained
in id order

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27 04:10:00
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa

from counter_app.domain.audit_chain import GENESIS, entry_hash
from counter_app.store.base import UTCDateTime


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

BATCH = 2000


def upgrade() -> None:
    op.create_table('audit_head',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_audit_head_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_head'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('before', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('after', sa.JSON(), nullable=True))

    # Chain the entries written before this revision, in id order, with the same hash the
    # application uses (domain/audit_chain), so an upgraded database verifies.
    seq, prev = _chain_existing(op.get_bind())
    op.get_bind().execute(sa.text("INSERT INTO audit_head (id, seq, hash) VALUES (1, :seq, :hash)"),
                          {"seq": seq, "hash": prev})

    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.alter_column('seq', existing_type=sa.BigInteger(), nullable=False)
        batch_op.alter_column('prev_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_audit_entry_seq'), ['seq'])


def _chain_existing(conn) -> tuple[int, str]:
    entry = sa.table(
        'audit_entry',
        sa.column('id', sa.BigInteger()), sa.column('at', UTCDateTime()), sa.column('actor_id', sa.Uuid()),
        sa.column('actor_username', sa.String()), sa.column('counter_number', sa.Integer()),
        sa.column('action', sa.String()), sa.column('entity_type', sa.String()), sa.column('entity_id', sa.String()),
        sa.column('details', sa.JSON()), sa.column('seq', sa.BigInteger()),
        sa.column('prev_hash', sa.String()), sa.column('hash', sa.String()),
    )
    update = (sa.update(entry).where(entry.c.id == sa.bindparam('b_id'))
              .values(seq=sa.bindparam('b_seq'), prev_hash=sa.bindparam('b_prev'), hash=sa.bindparam('b_hash')))
    seq, prev, last_id = 0, GENESIS, None
    while True:
        q = sa.select(entry).order_by(entry.c.id).limit(BATCH)
        if last_id is not None:
            q = q.where(entry.c.id > last_id)
        rows = conn.execute(q).mappings().all()
        if not rows:
            return seq, prev
        params = []
        for r in rows:
            seq += 1
            fields = {**r, "before": None, "after": None}
            h = entry_hash(fields, prev)
            params.append({"b_id": r["id"], "b_seq": seq, "b_prev": prev, "b_hash": h})
            prev = h
        conn.execute(update, params)
        last_id = rows[-1]["id"]


def downgrade() -> None:
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_audit_entry_seq'), type_='unique')
        batch_op.drop_column('after')
        batch_op.drop_column('before')
        batch_op.drop_column('hash')
        batch_op.drop_column('prev_hash')
        batch_op.drop_column('seq')

    op.drop_table('audit_head')
