"""Applying what the sync worker pulls from the central system (SYNC.md, wire.py's record shapes).

Three streams:

* ``procedures``: the catalog, one procedure per change, through the catalog import
  (``parse_catalog_json`` + ``load_catalog``); a delete (or ``retired: true``) retires a
  procedure, never deletes it (dossiers reference it). Dossiers are never touched: each
  keeps the catalog version it was received under.
* ``online_dossiers``: dossiers submitted on the portal arrive as status 1 (registered
  online) in the inbox (services/inbox.py); a delete is a withdrawal on the portal before
  verification (status 7).
* ``dossier_status``: the back office's progress; the central is authoritative for the
  processing status, except while a local change of the dossier is still on its way (then
  the central's state machine judges the local change first), and except the site's own
  moves coming back (origin "node", a mutation id of the local outbox) once later local
  moves overtook them: those would move the dossier backwards and are skipped.

Everything runs inside the caller's transaction (the worker stores the stream cursor in the
same one) and never writes the outbox: pulled data must not bounce back. Applying the same
change twice changes nothing the second time (snapshots re-deliver records). The trace of
what the central changed is kept in dossier events and audit entries of the actor "central".
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from counter_app.domain.calendar import Counting, compute_due, extend_due, to_local
from counter_app.domain.catalog import FORMAT as CATALOG_FORMAT
from counter_app.domain.catalog import Catalog, parse_catalog_json
from counter_app.domain.dossier_code import ONLINE_SEQ_BASE, parse_dossier_code
from counter_app.domain.errors import DomainError
from counter_app.domain.identity import IdKind, normalize_id_number, normalize_phone
from counter_app.domain.intake import DOCUMENT_NAME_MAX_LENGTH, MAX_DOCUMENT_COUNT, MAX_DOCUMENT_LINES, NOTE_MAX_LENGTH
from counter_app.domain.intake import DocumentForm, ReturnMethod
from counter_app.domain.lifecycle import TRANSITIONS
from counter_app.domain.status import DossierStatus
from counter_app.domain.text import clean_line, clean_multiline, control_chars, fold, hidden_chars
from counter_app.printing.forms import form_set_for
from counter_app.services.calendar import site_calendar
from counter_app.services.catalog import load_catalog
from counter_app.services.context import Actor
from counter_app.services.journal import audit
from counter_app.services.lifecycle import record_event
from counter_app.services.setup import the_site
from counter_app.store.changefeed import notify_change
from counter_app.store.models import Dossier, DossierDocument, Procedure, SequenceCounter, Site, SyncIssue, SyncOutbox
from counter_app.sync import wire

log = logging.getLogger(__name__)

S = DossierStatus

# Who the trace names for what the central did: audit username "central", event actor
# "Hệ thống trung tâm" (no user id, no counter).
CENTRAL = Actor(user_id=None, username="central", full_name="Hệ thống trung tâm", role="system")
WITHDRAWN_ONLINE_REASON = "Công dân rút hồ sơ trên Cổng dịch vụ công"
# The topic live screens listen to for dossier lists (inbox, search, handover).
DOSSIER_TOPIC = "dossier"

# Column sizes of store.models.Dossier, for the light clean-up of what the portal sent.
_NAME_MAX = 100
_ID_MAX = 20
_PHONE_MAX = 15
_EMAIL_MAX = 254
_ADDRESS_MAX = 250
_CODE_MAX = 40


@dataclass
class ApplyStats:
    upserted: int = 0
    deleted: int = 0
    skipped: int = 0
    conflicts: int = 0


class _Skip(Exception):
    """A record this site cannot use: skipped (counted, logged without personal data)."""


def apply_changes(s: Session, stream: str, changes: Sequence[wire.Change], *, now: datetime) -> ApplyStats:
    """Apply one page of *stream* inside the caller's transaction. Never writes the outbox."""
    if stream not in wire.STREAMS:
        raise ValueError(f"unknown stream {stream!r}")
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    stats = ApplyStats()
    if stream == "procedures":
        outcomes = _apply_procedures(s, changes, now)
    else:
        if stream == "online_dossiers":
            apply_one = _apply_online
        else:
            page = _StatusPage.load(s, changes)

            def apply_one(s: Session, change: wire.Change, now: datetime) -> str:
                return _apply_status(s, change, now, page)
        outcomes = []
        for change in changes:
            try:
                outcomes.append(apply_one(s, change, now))
            except _Skip as why:
                log.warning("sync %s: change %s (key %s) skipped: %s", stream, change.position,
                            _safe_key(change.key), why)
                outcomes.append("skipped")
        if stream == "dossier_status":
            _refresh_issue_states(s, changes)
    for outcome in outcomes:
        setattr(stats, outcome, getattr(stats, outcome) + 1)
    touched_dossiers = stream != "procedures" and bool(stats.upserted or stats.deleted)
    if touched_dossiers:
        notify_change(s, DOSSIER_TOPIC)
    elif stream == "procedures" and (stats.upserted or stats.deleted):
        notify_change(s, "catalog")
    return stats


def _safe_key(key: str) -> str:
    # Keys are procedure codes and dossier ids: no personal data, but keep a log line short.
    return "".join(ch for ch in str(key)[:80] if ch.isprintable())


# -- procedures -----------------------------------------------------------------------------

def _apply_procedures(s: Session, changes: Sequence[wire.Change], now: datetime) -> list[str]:
    """The page's procedure changes, in order. Each upsert is validated on its own (one
    procedure catalog, parse_catalog_json) so a bad one is skipped without aborting the page;
    runs of valid upserts of one version go through the catalog import together (it reads
    the whole catalog once per call, so one call per procedure would cost a page of a large
    catalog minutes)."""
    outcomes: list[str] = []
    group: list[Catalog] = []

    def apply_group() -> None:
        if group:
            outcomes.extend(_import_group(s, group, now))
            group.clear()

    for change in changes:
        if change.op == "delete":
            apply_group()
            outcomes.append(_retire_procedure(s, change.key, now))
            continue
        try:
            catalog = _parse_procedure(change)
        except _Skip as why:
            log.warning("sync procedures: change %s (key %s) skipped: %s", change.position, _safe_key(change.key), why)
            outcomes.append("skipped")
            continue
        if group and not _fits(group, catalog):
            apply_group()
        group.append(catalog)
    apply_group()
    return outcomes


def _parse_procedure(change: wire.Change) -> Catalog:
    data = change.data
    try:
        body = {"format": CATALOG_FORMAT, "version": data["version"], "fields": [data["field"]],
                "procedures": [data["procedure"]]}
        catalog = parse_catalog_json(json.dumps(body, ensure_ascii=False))
    except DomainError as exc:
        where = exc.params.get("where", "")
        raise _Skip(f"invalid procedure ({where}: {exc.params.get('detail_en', exc.code)})") from None
    except (KeyError, TypeError, ValueError) as exc:
        raise _Skip(f"malformed procedure record ({type(exc).__name__})") from None
    if catalog.procedures[0].code != change.key:
        raise _Skip("the procedure code does not match the change key")
    return catalog


def _fits(group: list[Catalog], catalog: Catalog) -> bool:
    """One import call takes one version, each code once, each field with one definition."""
    if catalog.version != group[0].version:
        return False
    if any(c.procedures[0].code == catalog.procedures[0].code for c in group):
        return False
    field = catalog.fields[0]
    return all(c.fields[0] == field for c in group if c.fields[0].code == field.code)


def _import_group(s: Session, group: list[Catalog], now: datetime) -> list[str]:
    version = group[0].version
    fields: dict[str, Any] = {}
    for c in group:
        fields.setdefault(c.fields[0].code, c.fields[0])
    merged = Catalog(version=version, source="", fields=tuple(fields.values()),
                     procedures=tuple(c.procedures[0] for c in group))
    load_catalog(s, merged, now)
    codes = [spec.code for spec in merged.procedures]
    with s.no_autoflush:  # what the import changed is read before it is flushed
        added = {o.code: o for o in s.new if isinstance(o, Procedure)}
        rows = {p.code: p for p in s.execute(sa.select(Procedure).where(Procedure.code.in_(
            [c for c in codes if c not in added]))).scalars()} if len(added) < len(codes) else {}
        outcomes = []
        for code in codes:
            proc = added.get(code) or rows[code]
            if code in added:
                action = "added"
            elif s.is_modified(proc):
                previous = sa.inspect(proc).attrs.retired.history.deleted
                action = "retired" if proc.retired and previous and not previous[0] else "updated"
            elif proc.catalog_version != version:
                # Same content republished under a newer catalog version: the site follows the central.
                proc.catalog_version = version
                proc.updated_at = now
                action = "updated"
            else:
                outcomes.append("skipped")
                continue
            audit(s, CENTRAL, "catalog.sync", at=now, entity_type="procedure", entity_id=proc.code,
                  details={"version": version, "change": action, "processing_days": proc.processing_days,
                           "retired": proc.retired})
            outcomes.append("deleted" if action == "retired" else "upserted")
    return outcomes


def _retire_procedure(s: Session, code: str, now: datetime) -> str:
    proc = s.execute(sa.select(Procedure).where(Procedure.code == code)).scalar_one_or_none()
    if proc is None or proc.retired:
        return "skipped"
    proc.retired = True
    proc.updated_at = now
    audit(s, CENTRAL, "catalog.sync", at=now, entity_type="procedure", entity_id=proc.code,
          details={"version": proc.catalog_version, "change": "retired", "retired": True})
    return "deleted"


# -- online dossiers ------------------------------------------------------------------------

def _dossier_id(change: wire.Change) -> uuid.UUID:
    raw = change.data.get("dossier_id") or change.key
    try:
        key = uuid.UUID(str(change.key))
        if raw and uuid.UUID(str(raw)) != key:
            raise _Skip("dossier_id does not match the change key")
        return key
    except ValueError:
        raise _Skip("the change key is not a dossier id") from None


def _load_dossier(s: Session, dossier_id: uuid.UUID) -> Dossier | None:
    return s.execute(sa.select(Dossier).where(Dossier.id == dossier_id).with_for_update(of=Dossier)).scalar_one_or_none()


def _apply_online(s: Session, change: wire.Change, now: datetime) -> str:
    dossier_id = _dossier_id(change)
    d = _load_dossier(s, dossier_id)
    if change.op == "delete":
        return _withdraw_online(s, d, now)
    data = change.data
    if d is not None:
        return _refresh_online(s, d, data, now)
    return _create_online(s, dossier_id, data, now)


def _create_online(s: Session, dossier_id: uuid.UUID, data: Mapping[str, Any], now: datetime) -> str:
    code = clean_line(str(data.get("code") or "")).upper()
    if not code or len(code) > _CODE_MAX or control_chars(code) or hidden_chars(code):
        raise _Skip("missing or malformed dossier code")
    proc_code = clean_line(str(data.get("procedure_code") or ""))
    proc = s.execute(sa.select(Procedure).where(Procedure.code == proc_code)).scalar_one_or_none()
    if proc is None:
        # The procedures stream is pulled first: a code still unknown is a conflict to look at.
        log.warning("sync online_dossiers: dossier %s names procedure %s unknown here: not created",
                    dossier_id, _safe_key(proc_code))
        return "conflicts"
    taken = s.execute(sa.select(Dossier.id).where(Dossier.code == code)).scalar_one_or_none()
    if taken is not None:
        log.warning("sync online_dossiers: dossier %s has code %s, already used by dossier %s: not created",
                    dossier_id, code, taken)
        return "conflicts"
    owner = _person(data.get("owner"))
    if owner is None:
        raise _Skip("owner without a name or an ID number")
    submitted = _as_datetime(data.get("submitted_at")) or now
    site = the_site(s)
    due = compute_due(submitted, proc.processing_days, Counting(proc.counting), site_calendar(s, site))
    d = Dossier(
        id=dossier_id, site_id=site.id, code=code, status=int(S.REGISTERED_ONLINE), procedure_id=proc.id,
        procedure_code=proc.code, procedure_name=proc.name,
        catalog_version=_text(data.get("catalog_version"), 40) or proc.catalog_version,
        processing_days=proc.processing_days, counting=proc.counting, channel="online",
        return_method=_choice(ReturnMethod, data.get("return_method"), ReturnMethod.ONLINE), sets=1,
        received_at=submitted, due_at=due, original_due_at=due, received_by_id=None, received_by_name="",
        counter_number=None, late_entry=False, note=_text(data.get("note"), NOTE_MAX_LENGTH, multiline=True),
        submitter=_person(data.get("submitter")), created_at=now, electronic=True,
        field_code=proc.field.code, lead_agency=proc.lead_agency, status_changed_at=submitted,
        form_set=form_set_for(to_local(submitted).date(), (site.settings or {}).get("form_set", "auto")).key,
        **_owner_columns(owner),
    )
    d.documents = [DossierDocument(position=i, name=n, form=f, count=c) for i, (n, f, c) in enumerate(_documents(data))]
    s.add(d)
    s.flush()
    _reserve_code(s, site, code)
    record_event(s, d, CENTRAL, "received_online", submitted, to_status=int(S.REGISTERED_ONLINE), due_after=due,
                 details={"from_central": True})
    audit(s, CENTRAL, "dossier.received_online", at=now, entity_type="dossier", entity_id=str(d.id),
          details={"code": code, "procedure": proc.code, "submitted_at": submitted.isoformat(),
                   "due_at": due.isoformat(), "documents": len(d.documents)})
    return "upserted"


def _refresh_online(s: Session, d: Dossier, data: Mapping[str, Any], now: datetime) -> str:
    """A re-delivered online dossier: while it still waits in the inbox (status 1) the portal's
    owner, submitter, documents and note are taken again; once the officer acted, nothing."""
    if d.status != int(S.REGISTERED_ONLINE):
        return "skipped"
    owner = _person(data.get("owner"))
    if owner is None:
        raise _Skip("owner without a name or an ID number")
    changed: list[str] = []
    for column, value in _owner_columns(owner).items():
        if getattr(d, column) != value:
            setattr(d, column, value)
            changed.append("owner")
    submitter = _person(data.get("submitter"))
    if (d.submitter or None) != submitter:
        d.submitter = submitter
        changed.append("submitter")
    docs = _documents(data)
    if [(x.name, x.form, x.count) for x in d.documents] != docs:
        d.documents = [DossierDocument(position=i, name=n, form=f, count=c) for i, (n, f, c) in enumerate(docs)]
        changed.append("documents")
    note = _text(data.get("note"), NOTE_MAX_LENGTH, multiline=True)
    if d.note != note:
        d.note = note
        changed.append("note")
    if not changed:
        return "skipped"
    audit(s, CENTRAL, "dossier.online_updated", at=now, entity_type="dossier", entity_id=str(d.id),
          details={"code": d.code, "changed": sorted(set(changed))})
    return "upserted"


def _withdraw_online(s: Session, d: Dossier | None, now: datetime) -> str:
    """Withdrawn on the portal before verification: still waiting → status 7; otherwise the
    officer already acted and the central's state machine judges that move."""
    if d is None or d.status != int(S.REGISTERED_ONLINE):
        return "skipped"
    before = S(d.status)
    d.status = int(S.WITHDRAWN)
    d.status_changed_at = now
    record_event(s, d, CENTRAL, "transition", now, from_status=int(before), to_status=int(S.WITHDRAWN),
                 reason=WITHDRAWN_ONLINE_REASON, due_before=d.due_at, due_after=d.due_at,
                 details={"from_central": True, "portal": True})
    audit(s, CENTRAL, "dossier.withdrawn_online", at=now, entity_type="dossier", entity_id=str(d.id),
          details={"code": d.code, "from": int(before), "to": int(S.WITHDRAWN)})
    return "deleted"


def _reserve_code(s: Session, site: Site, code: str) -> None:
    """A central code in this site's numbering (<agency>-YYMMDD-XXXX) must never be issued
    again at the counter: the day's counter row is moved up to it. The central's own online
    range (seq >= ONLINE_SEQ_BASE) is left alone: moving the counter up there would make the
    next counter dossier collide with the central's next online code."""
    try:
        agency, day, seq = parse_dossier_code(code)
    except DomainError:
        return
    if agency != site.agency_code or seq >= ONLINE_SEQ_BASE:
        return
    table = SequenceCounter.__table__
    key = f"dossier:{site.agency_code}:{day.isoformat()}"
    if s.get_bind().dialect.name == "postgresql":
        stmt = postgresql.insert(table).values(key=key, last=seq)
        stmt = stmt.on_conflict_do_update(index_elements=[table.c.key],
                                          set_={"last": sa.func.greatest(table.c.last, stmt.excluded.last)})
    else:
        stmt = sqlite.insert(table).values(key=key, last=seq)
        stmt = stmt.on_conflict_do_update(index_elements=[table.c.key],
                                          set_={"last": sa.func.max(table.c.last, stmt.excluded.last)})
    s.execute(stmt)


# -- dossier status -------------------------------------------------------------------------

@dataclass
class _StatusPage:
    """What applying one dossier_status page asks of the local database, read with a few set
    queries up front instead of several queries per record (a drained backlog comes back as
    thousands of records of the site's own moves). Applying never writes the outbox, so what
    is read here holds for the whole page."""

    dossiers: dict[uuid.UUID, Dossier]
    own: dict[uuid.UUID, tuple[str, int]]  # mutation id -> (lane, seq) of this site's outbox rows
    latest_seq: dict[str, int]  # dossier id -> highest seq of its outbox rows on the case lane
    pending: set[str]  # dossier ids with a change still pending on the case lane

    @classmethod
    def load(cls, s: Session, changes: Sequence[wire.Change]) -> _StatusPage:
        ids: set[uuid.UUID] = set()
        mutations: set[uuid.UUID] = set()
        for change in changes:
            try:
                ids.add(uuid.UUID(str(change.key)))
            except ValueError:
                continue
            raw = change.data.get("mutation_id") if isinstance(change.data, Mapping) else None
            if raw:
                try:
                    mutations.add(uuid.UUID(str(raw)))
                except ValueError:
                    pass
        dossiers: dict[uuid.UUID, Dossier] = {}
        own: dict[uuid.UUID, tuple[str, int]] = {}
        latest: dict[str, int] = {}
        pending: set[str] = set()
        keys = sorted(ids)
        for chunk in _chunks(keys):
            for d in s.execute(sa.select(Dossier).where(Dossier.id.in_(chunk)).order_by(Dossier.id)
                               .with_for_update(of=Dossier)).unique().scalars():
                dossiers[d.id] = d
            texts = [str(k) for k in chunk]
            for entity_id, top in s.execute(
                sa.select(SyncOutbox.entity_id, sa.func.max(SyncOutbox.seq))
                .where(SyncOutbox.lane == "case", SyncOutbox.entity_id.in_(texts)).group_by(SyncOutbox.entity_id)
            ):
                latest[entity_id] = int(top)
            pending.update(s.execute(
                sa.select(SyncOutbox.entity_id).distinct()
                .where(SyncOutbox.lane == "case", SyncOutbox.state == "pending", SyncOutbox.entity_id.in_(texts))
            ).scalars())
        for chunk in _chunks(sorted(mutations)):
            for mutation_id, lane, seq in s.execute(
                sa.select(SyncOutbox.mutation_id, SyncOutbox.lane, SyncOutbox.seq)
                .where(SyncOutbox.mutation_id.in_(chunk))
            ):
                own[mutation_id] = (lane, int(seq))
        return cls(dossiers, own, latest, pending)


def _chunks(items: Sequence[Any], size: int = 500) -> list[Sequence[Any]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _apply_status(s: Session, change: wire.Change, now: datetime, page: _StatusPage | None = None) -> str:
    if change.op == "delete":
        return "skipped"  # the central never deletes dossiers
    data = change.data
    try:
        target = S(int(data["status"]))
    except (KeyError, TypeError, ValueError):
        raise _Skip("missing or unknown status") from None
    page = page or _StatusPage.load(s, [change])
    d = page.dossiers.get(_dossier_id(change))
    if d is None:
        return "skipped"
    if _stale_echo(page, d, data):
        # The site's own move coming back, with later local moves after it: the local record
        # already holds it and more. Applying it would move the dossier backwards.
        return "skipped"
    due = _as_datetime(data.get("due_at"))
    transition = data.get("transition") if isinstance(data.get("transition"), dict) else {}
    if d.status == int(target):
        # Only the dates may differ: the due date in force and the result time. A result
        # time the central does not send is kept (reports count a resolution by it).
        new_due = due or d.due_at
        new_ready = _as_datetime(data.get("result_ready_at")) or d.result_ready_at
        if new_due == d.due_at and new_ready == d.result_ready_at:
            return "skipped"
        if str(d.id) in page.pending:
            return "conflicts"
        before_due = d.due_at
        d.due_at, d.result_ready_at = new_due, new_ready
        audit(s, CENTRAL, "dossier.sync_dates", at=now, entity_type="dossier", entity_id=str(d.id),
              details={"code": d.code, "status": d.status, "due_before": before_due.isoformat(),
                       "due_after": d.due_at.isoformat(),
                       "result_ready_at": d.result_ready_at.isoformat() if d.result_ready_at else None,
                       "central_actor": _text(transition.get("actor"), 50)})
        return "upserted"
    if str(d.id) in page.pending:
        # The local change is on its way; the central's state machine judges it. If it is
        # rejected, the "action needed" list offers "accept the server's state".
        return "conflicts"
    _move(s, d, target, data, transition, now)
    return "upserted"


def _refresh_issue_states(s: Session, changes: Sequence[wire.Change]) -> None:
    """An open "action needed" issue shows, and "accept the server's state" applies, the
    central's CURRENT state of the record: a newer dossier_status record (higher central
    version) replaces the one frozen when the change was rejected. Without it, accepting an
    old state after back-office progress would move the dossier backwards."""
    latest: dict[str, Mapping[str, Any]] = {}
    for change in changes:
        if change.op == "delete" or not isinstance(change.data.get("version"), int):
            continue
        try:
            key = str(uuid.UUID(str(change.key)))
        except ValueError:
            continue
        seen = latest.get(key)
        if seen is None or change.data["version"] > seen["version"]:
            latest[key] = change.data
    if not latest:
        return
    issues = s.execute(sa.select(SyncIssue).where(
        SyncIssue.state == "open", SyncIssue.entity_type == "dossier", SyncIssue.entity_id.in_(list(latest)))
    ).scalars()
    for issue in issues:
        data = latest[issue.entity_id]
        held = (issue.server_state or {}).get("version")
        if not isinstance(held, int) or data["version"] > held:
            issue.server_state = dict(data)


def _stale_echo(page: _StatusPage, d: Dossier, data: Mapping[str, Any]) -> bool:
    """A record of a mutation this site sent (origin "node", its mutation id in the local
    outbox) that later local changes of the same dossier have overtaken."""
    if data.get("origin") != "node" or not data.get("mutation_id"):
        return False
    try:
        mutation_id = uuid.UUID(str(data["mutation_id"]))
    except ValueError:
        return False
    own = page.own.get(mutation_id)
    if own is None or own[0] != "case":
        return False
    return page.latest_seq.get(str(d.id), 0) > own[1]


def _move(s: Session, d: Dossier, target: S, data: Mapping[str, Any], transition: Mapping[str, Any],
          now: datetime) -> None:
    """The central's status on the local dossier, with the lifecycle's bookkeeping (the clock
    stop of 5 and the due date extension on leaving it, the result time of 9, the return time
    of 10) — as services.lifecycle.apply_transition does, without its outbox row. A move the
    local state machine knows from the local status is a plain transition; anything else is
    a jump to the central's status (details from_central)."""
    current = S(d.status)
    when = _as_datetime(data.get("at")) or now
    try:
        declared_from = S(int(transition.get("from")))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        declared_from = None
    proper = declared_from is current and target in TRANSITIONS[current]
    due_before = d.due_at
    details: dict[str, Any] = {"origin": _text(data.get("origin"), 20) or "central",
                               "central_actor": _text(transition.get("actor"), 50)}
    if data.get("version") is not None:
        details["central_version"] = data.get("version")
    if not proper:
        details["from_central"] = True
        if declared_from is not None:
            details["central_from"] = int(declared_from)
    if current is S.SUPPLEMENT_REQUESTED and d.paused_at is not None:
        site = s.get(Site, d.site_id)
        d.due_at = extend_due(d.due_at, d.paused_at, max(when, d.paused_at), Counting(d.counting),
                              site_calendar(s, site))
        details["paused_from"] = d.paused_at.isoformat()
        d.paused_at = None
    if target is S.SUPPLEMENT_REQUESTED:
        d.paused_at = when
    if target is S.RESULT_READY:
        d.result_ready_at = _as_datetime(data.get("result_ready_at")) or when
    elif current is S.RESULT_READY and target is S.PROCESSING:
        d.result_ready_at = None
    elif "result_ready_at" in data and _as_datetime(data.get("result_ready_at")) is not None:
        d.result_ready_at = _as_datetime(data.get("result_ready_at"))
    if target is S.RETURNED and d.returned_at is None:
        d.returned_at = when
    due = _as_datetime(data.get("due_at"))
    if due is not None:
        d.due_at = due  # the central's due date wins
    d.status = int(target)
    d.status_changed_at = when
    reason = _text(transition.get("reason"), 1000, multiline=True)
    record_event(s, d, CENTRAL, "transition", when, from_status=int(current), to_status=int(target), reason=reason,
                 due_before=due_before, due_after=d.due_at, details=details)
    audit(s, CENTRAL, "dossier.transition_central", at=now, entity_type="dossier", entity_id=str(d.id),
          details={"code": d.code, "from": int(current), "to": int(target), "due_before": due_before.isoformat(),
                   "due_after": d.due_at.isoformat(), "jump": not proper, "at": when.isoformat()})


# -- light clean-up of what the portal sent ---------------------------------------------------

def _as_datetime(value: object) -> datetime | None:
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, str) and value.strip():
        try:
            dt = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    else:
        return None
    if dt.tzinfo is None or dt.utcoffset() is None:
        dt = dt.replace(tzinfo=UTC)
    return dt


def _text(value: object, limit: int, *, multiline: bool = False) -> str:
    if value is None:
        return ""
    text = clean_multiline(str(value)) if multiline else clean_line(str(value))
    bad = set(control_chars(text, allow="\n" if multiline else "")) | set(hidden_chars(text))
    if bad:
        text = "".join(ch for ch in text if ch not in bad)
    return text[:limit].strip()


def _choice(enum, value: object, default) -> str:
    try:
        return str(enum(str(value)))
    except ValueError:
        return str(default)


def _person(value: object) -> dict[str, Any] | None:
    """A person from the portal in person_to_json's shape; None without a name or ID number."""
    if not isinstance(value, Mapping):
        return None
    name = _text(value.get("full_name"), _NAME_MAX)
    id_number = normalize_id_number(_text(value.get("id_number"), 40))
    if not name or not any(ch.isalpha() for ch in name) or not id_number or len(id_number) > _ID_MAX:
        return None
    birth = value.get("birth_date")
    birth_date: date | None = None
    if isinstance(birth, str) and birth.strip():
        try:
            birth_date = date.fromisoformat(birth.strip()[:10])
        except ValueError:
            birth_date = None
    phone = normalize_phone(_text(value.get("phone"), 30))
    return {
        "full_name": name, "id_number": id_number, "id_kind": _choice(IdKind, value.get("id_kind"), IdKind.CCCD),
        "birth_date": birth_date.isoformat() if birth_date else None,
        "phone": phone if len(phone) <= _PHONE_MAX else "", "email": _text(value.get("email"), _EMAIL_MAX),
        "address": _text(value.get("address"), _ADDRESS_MAX),
    }


def _owner_columns(owner: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "owner_name": owner["full_name"], "owner_name_folded": fold(owner["full_name"])[:_NAME_MAX],
        "owner_id_kind": owner["id_kind"], "owner_id_number": owner["id_number"],
        "owner_birth_date": date.fromisoformat(owner["birth_date"]) if owner["birth_date"] else None,
        "owner_phone": owner["phone"], "owner_email": owner["email"], "owner_address": owner["address"],
    }


def _documents(data: Mapping[str, Any]) -> list[tuple[str, str, int]]:
    items = data.get("documents")
    out: list[tuple[str, str, int]] = []
    if not isinstance(items, list):
        return out
    for item in items[:MAX_DOCUMENT_LINES]:
        if not isinstance(item, Mapping):
            continue
        name = _text(item.get("name"), DOCUMENT_NAME_MAX_LENGTH)
        if not name:
            continue
        count = item.get("count", 1)
        if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_DOCUMENT_COUNT:
            count = 1
        out.append((name, _choice(DocumentForm, item.get("form"), DocumentForm.ORIGINAL), count))
    return out
