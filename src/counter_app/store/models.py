"""The site database: typed SQLAlchemy models (the only place tables are declared)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from counter_app.store.base import Base, UTCDateTime, new_id


class Site(Base):
    """One centre. A database holds exactly one site."""

    __tablename__ = "site"
    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(sa.String(200))
    issuing_body: Mapped[str] = mapped_column(sa.String(200), default="")
    agency_code: Mapped[str] = mapped_column(sa.String(20))
    address: Mapped[str] = mapped_column(sa.String(250), default="")
    hotline: Mapped[str] = mapped_column(sa.String(30), default="")
    place_name: Mapped[str] = mapped_column(sa.String(100), default="")
    saturday_open: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    register_book: Mapped[str] = mapped_column(sa.String(20), default="01")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Site settings (queue policy, priority categories, notices, rating scale): versioned JSON.
    settings: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict, server_default="{}")


class Counter(Base):
    __tablename__ = "counter"
    __table_args__ = (sa.UniqueConstraint("site_id", "number"),)
    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=new_id)
    site_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("site.id"))
    number: Mapped[int] = mapped_column(sa.Integer)
    name: Mapped[str] = mapped_column(sa.String(100), default="")
    active: Mapped[bool] = mapped_column(sa.Boolean, default=True)
    # Queue state: open | paused | closed; and the counter's recent calls for the priority ratio.
    queue_state: Mapped[str] = mapped_column(sa.String(10), default="open", server_default="open")
    normal_since_priority: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)
    fields: Mapped[list[Field]] = relationship(secondary="counter_field", lazy="select", order_by="Field.code")


class CounterField(Base):
    """Which fields a counter serves."""

    __tablename__ = "counter_field"
    counter_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("counter.id", ondelete="CASCADE"), primary_key=True)
    field_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("field.id", ondelete="CASCADE"), primary_key=True)


class User(Base):
    __tablename__ = "app_user"
    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=new_id)
    site_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("site.id"))
    username: Mapped[str] = mapped_column(sa.String(50), unique=True)
    full_name: Mapped[str] = mapped_column(sa.String(100))
    password_hash: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[str] = mapped_column(sa.String(20))  # officer | supervisor | admin
    active: Mapped[bool] = mapped_column(sa.Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Sign-in policy (services/accounts): consecutive failures, lock-out end, last password change.
    failed_logins: Mapped[int] = mapped_column(sa.Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # An officer works at this counter (None: any counter; supervisors and admins).
    assigned_counter: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)


class Field(Base):
    """A field (lĩnh vực) of procedures; also the unit of queue numbering."""

    __tablename__ = "field"
    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(sa.String(30), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    ticket_prefix: Mapped[str] = mapped_column(sa.String(3), default="")
    # Queue numbering per field: the number range of a business day, and whether the kiosk offers it.
    ticket_start: Mapped[int] = mapped_column(sa.Integer, default=1, server_default="1")
    ticket_end: Mapped[int] = mapped_column(sa.Integer, default=999, server_default="999")
    queue_open: Mapped[bool] = mapped_column(sa.Boolean, default=True, server_default=sa.true())


class Procedure(Base):
    __tablename__ = "procedure"
    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(sa.String(60), unique=True)
    name: Mapped[str] = mapped_column(sa.String(500))
    name_folded: Mapped[str] = mapped_column(sa.String(500), index=True)
    field_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("field.id"))
    processing_days: Mapped[int] = mapped_column(sa.Integer)
    counting: Mapped[str] = mapped_column(sa.String(20))
    fee_text: Mapped[str] = mapped_column(sa.String(500), default="")
    fee_amount: Mapped[int | None] = mapped_column(sa.BigInteger, nullable=True)
    legacy_level: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)
    online_class: Mapped[str] = mapped_column(sa.String(20), default="khong")
    lead_agency: Mapped[str] = mapped_column(sa.String(300), default="")
    result_text: Mapped[str] = mapped_column(sa.String(500), default="")
    legal_basis: Mapped[str] = mapped_column(sa.String(1000), default="")
    retired: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    # Reform indicators (DOMAIN §8): integrated with the National Public Service Portal; the online
    # service uses digital signatures. From the catalog.
    portal_integrated: Mapped[bool] = mapped_column(sa.Boolean, default=False, server_default=sa.false())
    digital_signature: Mapped[bool] = mapped_column(sa.Boolean, default=False, server_default=sa.false())
    catalog_version: Mapped[str] = mapped_column(sa.String(40), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    field: Mapped[Field] = relationship(lazy="joined")
    documents: Mapped[list[ProcedureDocument]] = relationship(
        order_by="ProcedureDocument.position", cascade="all, delete-orphan", lazy="selectin"
    )


class ProcedureDocument(Base):
    __tablename__ = "procedure_document"
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    procedure_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("procedure.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(sa.Integer)
    name: Mapped[str] = mapped_column(sa.String(500))
    form: Mapped[str] = mapped_column(sa.String(20))
    count: Mapped[int] = mapped_column(sa.Integer, default=1)
    required: Mapped[bool] = mapped_column(sa.Boolean, default=True)


class CalendarOverride(Base):
    """A site's deviation from the national calendar: an extra day off or a make-up working day."""

    __tablename__ = "calendar_override"
    __table_args__ = (
        sa.UniqueConstraint("site_id", "day"),
        sa.CheckConstraint("kind in ('day_off', 'make_up_day')", name="kind"),
    )
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    site_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("site.id"))
    day: Mapped[date] = mapped_column(sa.Date)
    kind: Mapped[str] = mapped_column(sa.String(20))
    note: Mapped[str] = mapped_column(sa.String(200), default="")


class SequenceCounter(Base):
    """Counter rows for numbers that must never collide (DESIGN §3).

    `key` names the scope, e.g. "dossier:000.00.06.H56:2026-11-26" or "outbox:case".
    """

    __tablename__ = "sequence_counter"
    key: Mapped[str] = mapped_column(sa.String(120), primary_key=True)
    last: Mapped[int] = mapped_column(sa.BigInteger, default=0)


class Dossier(Base):
    __tablename__ = "dossier"
    __table_args__ = (
        sa.UniqueConstraint("code"),
        sa.CheckConstraint("sets >= 1", name="sets_positive"),
        # The supervisor's counts: overdue (status, due date), results not collected (status, ready time).
        sa.Index("ix_dossier_status_due_at", "status", "due_at"),
        sa.Index("ix_dossier_status_result_ready_at", "status", "result_ready_at"),
    )
    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=new_id)
    site_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("site.id"))
    code: Mapped[str] = mapped_column(sa.String(40))
    status: Mapped[int] = mapped_column(sa.Integer, index=True)
    procedure_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("procedure.id"))
    procedure_code: Mapped[str] = mapped_column(sa.String(60))
    procedure_name: Mapped[str] = mapped_column(sa.String(500))
    catalog_version: Mapped[str] = mapped_column(sa.String(40), default="")
    processing_days: Mapped[int] = mapped_column(sa.Integer)
    counting: Mapped[str] = mapped_column(sa.String(20))
    channel: Mapped[str] = mapped_column(sa.String(20))
    return_method: Mapped[str] = mapped_column(sa.String(20))
    sets: Mapped[int] = mapped_column(sa.Integer, default=1)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    original_due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_by_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("app_user.id"), nullable=True)
    received_by_name: Mapped[str] = mapped_column(sa.String(100), default="")
    counter_number: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)
    late_entry: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    note: Mapped[str] = mapped_column(sa.Text, default="")
    # Owner (chủ hồ sơ) and submitter (người nộp) kept apart, as the law asks.
    owner_name: Mapped[str] = mapped_column(sa.String(100))
    owner_name_folded: Mapped[str] = mapped_column(sa.String(100), index=True)
    owner_id_kind: Mapped[str] = mapped_column(sa.String(10), default="cccd")
    owner_id_number: Mapped[str] = mapped_column(sa.String(20), index=True)
    owner_birth_date: Mapped[date | None] = mapped_column(sa.Date, nullable=True)
    owner_phone: Mapped[str] = mapped_column(sa.String(15), default="", index=True)
    owner_email: Mapped[str] = mapped_column(sa.String(254), default="")
    owner_address: Mapped[str] = mapped_column(sa.String(250), default="")
    submitter: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ticket_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("ticket.id"), nullable=True, index=True)
    # Lifecycle (issue 4). due_at is the due date in force; original_due_at the one on the receipt.
    field_code: Mapped[str] = mapped_column(sa.String(30), default="", server_default="", index=True)
    form_set: Mapped[str] = mapped_column(sa.String(20), default="", server_default="")
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)  # supplement clock stopped
    lead_agency: Mapped[str] = mapped_column(sa.String(300), default="", server_default="")
    forwarded_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    result_ready_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)
    reopened_from_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid, nullable=True)
    # Handled as an electronic dossier: received online, or digitised at the counter (DOMAIN §8).
    electronic: Mapped[bool] = mapped_column(sa.Boolean, default=False, server_default=sa.false())

    documents: Mapped[list[DossierDocument]] = relationship(
        order_by="DossierDocument.position", cascade="all, delete-orphan", lazy="selectin"
    )
    register_entry: Mapped[RegisterEntry | None] = relationship(lazy="joined", uselist=False)


class RegisterEntry(Base):
    """A line of the register (Sổ theo dõi hồ sơ): book label and sequence number within it."""

    __tablename__ = "register_entry"
    __table_args__ = (sa.UniqueConstraint("site_id", "book", "seq"), sa.UniqueConstraint("dossier_id"))
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    site_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("site.id"))
    dossier_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("dossier.id", ondelete="CASCADE"))
    book: Mapped[str] = mapped_column(sa.String(20))
    seq: Mapped[int] = mapped_column(sa.Integer)
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DossierDocument(Base):
    __tablename__ = "dossier_document"
    __table_args__ = (sa.CheckConstraint("count >= 1", name="count_positive"),)
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    dossier_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("dossier.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(sa.Integer)
    name: Mapped[str] = mapped_column(sa.String(500))
    form: Mapped[str] = mapped_column(sa.String(20))
    count: Mapped[int] = mapped_column(sa.Integer)


class AuditEntry(Base):
    """Append-only trail: who did what, when, at which counter. No personal data in `details`."""

    __tablename__ = "audit_entry"
    id: Mapped[int] = mapped_column(sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid, nullable=True)
    actor_username: Mapped[str] = mapped_column(sa.String(50), default="")
    counter_number: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)
    action: Mapped[str] = mapped_column(sa.String(60))
    entity_type: Mapped[str] = mapped_column(sa.String(40), default="")
    entity_id: Mapped[str] = mapped_column(sa.String(60), default="")
    details: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    # The hash chain (domain/audit_chain): position, the previous entry's hash, this entry's
    # hash; set when the transaction commits (services/journal). before/after: the state
    # change, without personal data.
    seq: Mapped[int] = mapped_column(sa.BigInteger, unique=True)
    prev_hash: Mapped[str] = mapped_column(sa.String(64))
    hash: Mapped[str] = mapped_column(sa.String(64))
    before: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON, nullable=True)
    after: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON, nullable=True)


class AuditHead(Base):
    """The audit chain's head: the last entry's seq and hash (one row, id 1), moved in the
    same transaction as the entries, so removing the last entries is detected too."""

    __tablename__ = "audit_head"
    __table_args__ = (sa.CheckConstraint("id = 1", name="single_row"),)
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(sa.BigInteger)
    hash: Mapped[str] = mapped_column(sa.String(64))


class SyncOutbox(Base):
    """Transactional outbox (SYNC.md): written in the same transaction as the business change."""

    __tablename__ = "sync_outbox"
    __table_args__ = (
        sa.UniqueConstraint("lane", "seq"),
        sa.UniqueConstraint("mutation_id"),
        sa.CheckConstraint("state in ('pending', 'acked', 'rejected')", name="state"),
    )
    id: Mapped[int] = mapped_column(sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True)
    lane: Mapped[str] = mapped_column(sa.String(20))
    seq: Mapped[int] = mapped_column(sa.BigInteger)
    mutation_id: Mapped[uuid.UUID] = mapped_column(sa.Uuid)
    entity_type: Mapped[str] = mapped_column(sa.String(40))
    entity_id: Mapped[str] = mapped_column(sa.String(60), index=True)
    operation: Mapped[str] = mapped_column(sa.String(40))
    schema_version: Mapped[int] = mapped_column(sa.Integer, default=1)
    payload: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    payload_sha256: Mapped[str] = mapped_column(sa.String(64))
    state: Mapped[str] = mapped_column(sa.String(10), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(sa.Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(sa.Text, default="")
    server_ref: Mapped[str] = mapped_column(sa.String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The frozen batch this row travels in (sync_batch); set when frozen, kept after the ack.
    batch_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid, nullable=True, index=True)
    acked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SyncBatch(Base):
    """A frozen push batch (SYNC.md): a retry resends the same bytes under the same key (= id)."""

    __tablename__ = "sync_batch"
    __table_args__ = (sa.CheckConstraint("state in ('frozen', 'done')", name="state"),)
    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=new_id)
    lane: Mapped[str] = mapped_column(sa.String(20), index=True)
    first_seq: Mapped[int] = mapped_column(sa.BigInteger)
    last_seq: Mapped[int] = mapped_column(sa.BigInteger)
    size: Mapped[int] = mapped_column(sa.Integer)
    body: Mapped[bytes] = mapped_column(sa.LargeBinary)
    body_sha256: Mapped[str] = mapped_column(sa.String(64))
    state: Mapped[str] = mapped_column(sa.String(10), default="frozen")
    attempts: Mapped[int] = mapped_column(sa.Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(sa.Text, default="")


class SyncCursor(Base):
    """One opaque server cursor per pull stream, stored in the same transaction as its page."""

    __tablename__ = "sync_cursor"
    stream: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    cursor: Mapped[str] = mapped_column(sa.Text, default="")
    # A paged snapshot in progress after `reset_required`: its page token and final cursor.
    snapshot_token: Mapped[str | None] = mapped_column(sa.Text, nullable=True)
    snapshot_cursor: Mapped[str | None] = mapped_column(sa.Text, nullable=True)
    pulled: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SyncIssue(Base):
    """A change the central system rejected (or a sync condition) that needs a person.

    Never deleted automatically: it stays open until someone resolves it (SYNC.md guarantee 5).
    """

    __tablename__ = "sync_issue"
    __table_args__ = (sa.CheckConstraint("state in ('open', 'resolved')", name="state"),)
    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(sa.String(30), default="rejected")  # rejected | restored_backup | central_restore
    outbox_id: Mapped[int | None] = mapped_column(sa.BigInteger, nullable=True, index=True)
    mutation_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid, nullable=True)
    lane: Mapped[str] = mapped_column(sa.String(20), default="")
    seq: Mapped[int | None] = mapped_column(sa.BigInteger, nullable=True)
    entity_type: Mapped[str] = mapped_column(sa.String(40), default="")
    entity_id: Mapped[str] = mapped_column(sa.String(60), default="")
    operation: Mapped[str] = mapped_column(sa.String(40), default="")
    reason_code: Mapped[str] = mapped_column(sa.String(60), default="")
    message: Mapped[str] = mapped_column(sa.Text, default="")
    server_state: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    state: Mapped[str] = mapped_column(sa.String(10), default="open", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    resolved_by: Mapped[str] = mapped_column(sa.String(50), default="")
    resolution: Mapped[str] = mapped_column(sa.String(30), default="")  # resubmitted | accepted_server | escalated
    note: Mapped[str] = mapped_column(sa.Text, default="")


class SyncMeta(Base):
    """The sync worker's small state (last success, last error, next attempt, progress)."""

    __tablename__ = "sync_meta"
    key: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PrintedDocument(Base):
    """Every printed PDF, archived on disk, with its SHA-256."""

    __tablename__ = "printed_document"
    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(sa.String(30))
    dossier_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("dossier.id"), nullable=True, index=True)
    path: Mapped[str] = mapped_column(sa.String(1000))
    sha256: Mapped[str] = mapped_column(sa.String(64))
    size: Mapped[int] = mapped_column(sa.Integer)
    printed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    printed_by: Mapped[str] = mapped_column(sa.String(50), default="")


class Ticket(Base):
    """A queue ticket. Numbered per site, field and business day (Asia/Ho_Chi_Minh)."""

    __tablename__ = "ticket"
    __table_args__ = (
        sa.UniqueConstraint("site_id", "business_day", "number"),
        sa.UniqueConstraint("site_id", "business_day", "issued_field_code", "seq"),
        sa.CheckConstraint(
            "status in ('waiting', 'called', 'serving', 'done', 'no_show', 'expired')", name="status"
        ),
        # The last guard of "a counter holds at most one ticket in service".
        sa.Index(
            "uq_ticket_in_service_per_counter", "site_id", "counter_number", unique=True,
            sqlite_where=sa.text("status in ('called', 'serving')"),
            postgresql_where=sa.text("status in ('called', 'serving')"),
        ),
        sa.Index("ix_ticket_waiting", "status", "business_day", "field_code", "queued_at"),
    )
    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=new_id)
    site_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("site.id"))
    business_day: Mapped[date] = mapped_column(sa.Date)
    issued_field_code: Mapped[str] = mapped_column(sa.String(30))
    field_code: Mapped[str] = mapped_column(sa.String(30))
    seq: Mapped[int] = mapped_column(sa.Integer)
    number: Mapped[str] = mapped_column(sa.String(12))
    priority: Mapped[str | None] = mapped_column(sa.String(30), nullable=True)
    status: Mapped[str] = mapped_column(sa.String(10), default="waiting")
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    target_counter: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)
    counter_number: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)
    officer_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid, nullable=True)
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    first_called_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    call_count: Mapped[int] = mapped_column(sa.Integer, default=0)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    printed: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    # Durations fixed when they happen, so a year of reports sums numbers instead of parsing
    # hundreds of thousands of times (issue 6): first call − issue; service start − last call;
    # finish − service start; the officer's gap since their previous ticket ended (same day, < 1 h).
    wait_seconds: Mapped[float | None] = mapped_column(sa.Float, nullable=True)
    walk_seconds: Mapped[float | None] = mapped_column(sa.Float, nullable=True)
    service_seconds: Mapped[float | None] = mapped_column(sa.Float, nullable=True)
    idle_seconds: Mapped[float | None] = mapped_column(sa.Float, nullable=True)


class QueueCall(Base):
    """Every call and recall, in order: what the hall display shows and announces."""

    __tablename__ = "queue_call"
    id: Mapped[int] = mapped_column(sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True)
    site_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("site.id"))
    ticket_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(sa.String(12))
    counter_number: Mapped[int] = mapped_column(sa.Integer)
    field_code: Mapped[str] = mapped_column(sa.String(30))
    kind: Mapped[str] = mapped_column(sa.String(10))  # call | recall
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class Rating(Base):
    """A citizen's satisfaction rating after service."""

    __tablename__ = "rating"
    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=new_id)
    site_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("site.id"))
    ticket_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("ticket.id"), nullable=True, index=True)
    dossier_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("dossier.id"), nullable=True)
    counter_number: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)
    officer_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid, nullable=True)
    scale: Mapped[str] = mapped_column(sa.String(20))
    value: Mapped[int] = mapped_column(sa.Integer)
    reason: Mapped[str] = mapped_column(sa.String(500), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class DossierEvent(Base):
    """The dossier's history: receipt, every transition, apologies, hand-offs, the handover."""

    __tablename__ = "dossier_event"
    # A report of a past period looks up the first event after its end, per dossier.
    __table_args__ = (sa.Index("ix_dossier_event_dossier_id_at", "dossier_id", "at"),)
    id: Mapped[int] = mapped_column(sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True)
    dossier_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("dossier.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(sa.String(20))  # received | transition | apology | handoff | handover
    from_status: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)
    to_status: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    actor_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid, nullable=True)
    actor_name: Mapped[str] = mapped_column(sa.String(100), default="")
    counter_number: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)
    due_before: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    due_after: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    number: Mapped[str] = mapped_column(sa.String(30), default="")  # the slip's number, e.g. "3/PXL"
    details: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)


class ForwardBatch(Base):
    """A hand-over list of dossiers sent to a resolving agency."""

    __tablename__ = "forward_batch"
    __table_args__ = (sa.UniqueConstraint("site_id", "number"),)
    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=new_id)
    site_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("site.id"))
    number: Mapped[str] = mapped_column(sa.String(30))
    agency: Mapped[str] = mapped_column(sa.String(300))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    officer_name: Mapped[str] = mapped_column(sa.String(100), default="")
    receiver: Mapped[str] = mapped_column(sa.String(100), default="")
    count: Mapped[int] = mapped_column(sa.Integer, default=0)


class DossierHandoff(Base):
    """A row of the control slip (form 05): the dossier passed from one unit to another."""

    __tablename__ = "dossier_handoff"
    __table_args__ = (sa.UniqueConstraint("dossier_id", "position"),)
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    dossier_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("dossier.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(sa.Integer)
    from_unit: Mapped[str] = mapped_column(sa.String(300))
    to_unit: Mapped[str] = mapped_column(sa.String(300))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    giver: Mapped[str] = mapped_column(sa.String(100), default="")
    receiver: Mapped[str] = mapped_column(sa.String(100), default="")
    outcome: Mapped[str] = mapped_column(sa.String(10), default="")  # early | on_time | late
    note: Mapped[str] = mapped_column(sa.String(500), default="")
    batch_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("forward_batch.id"), nullable=True)


class Handover(Base):
    """The result handed back to the citizen (status 10): who collected it, fees, rating."""

    __tablename__ = "handover"
    __table_args__ = (sa.UniqueConstraint("dossier_id"),)
    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=new_id)
    dossier_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("dossier.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    collector_kind: Mapped[str] = mapped_column(sa.String(12))  # owner | authorised
    collector_name: Mapped[str] = mapped_column(sa.String(100))
    collector_id_number: Mapped[str] = mapped_column(sa.String(20), default="")
    authorisation_note: Mapped[str] = mapped_column(sa.String(300), default="")
    fees_paid: Mapped[int | None] = mapped_column(sa.BigInteger, nullable=True)
    fee_note: Mapped[str] = mapped_column(sa.String(300), default="")
    outcome: Mapped[str] = mapped_column(sa.String(10), default="")  # early | on_time | late (by the due date in force)
    officer_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid, nullable=True)
    officer_name: Mapped[str] = mapped_column(sa.String(100), default="")
    counter_number: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)
    rating_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("rating.id"), nullable=True)


class NotAccepted(Base):
    """A dossier not accepted at the counter: request to complete (form 02) or refusal (form 03).

    Keeps what the officer typed so the dossier is reopened, not retyped, when the citizen
    comes back; counted in reports. No dossier code: a code is issued only on receipt."""

    __tablename__ = "not_accepted"
    __table_args__ = (
        sa.UniqueConstraint("site_id", "number"),
        sa.CheckConstraint("kind in ('supplement', 'refusal')", name="kind"),
    )
    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=new_id)
    site_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("site.id"))
    kind: Mapped[str] = mapped_column(sa.String(12))
    number: Mapped[str] = mapped_column(sa.String(30))
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    officer_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid, nullable=True)
    officer_name: Mapped[str] = mapped_column(sa.String(100), default="")
    counter_number: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)
    ticket_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("ticket.id"), nullable=True)
    procedure_code: Mapped[str] = mapped_column(sa.String(60), default="")
    procedure_name: Mapped[str] = mapped_column(sa.String(500), default="")
    field_code: Mapped[str] = mapped_column(sa.String(30), default="")
    owner_name: Mapped[str] = mapped_column(sa.String(100))
    owner_name_folded: Mapped[str] = mapped_column(sa.String(100), index=True)
    owner_id_number: Mapped[str] = mapped_column(sa.String(20), index=True)
    request: Mapped[dict[str, Any]] = mapped_column(sa.JSON)  # the intake form as typed
    missing: Mapped[list[Any]] = mapped_column(sa.JSON, default=list)  # form 02 items
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    form_set: Mapped[str] = mapped_column(sa.String(20), default="")
    resumed_dossier_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("dossier.id"), nullable=True)
    resumed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Declined again after being reopened: the newer slip replaces this one.
    superseded_by_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid, nullable=True)
