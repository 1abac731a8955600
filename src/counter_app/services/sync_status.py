"""What the officer sees of sync (SYNC.md "Users see it"): the status-bar line, a badge per
record, and the "action needed" list of rejected changes with its actions.

Reads the outbox, the issues and the worker's record in `sync_meta` ("worker", written by
services/sync_engine.py); never talks to the network. Escalation is by the AGE of the oldest
pending change, never by attempt counts (SYNC.md). Rejections stay open until a person
resolves them (guarantee 5): resubmit the record as it is now, take the central's state, or
escalate (stays open); restore issues are escalated or acknowledged by a supervisor.

Every action is one transaction with its audit entry. Audit details carry codes and ids,
never personal data, and never the free-text note (it may name a citizen).
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from counter_app.domain.calendar import to_local
from counter_app.domain.errors import DomainError, ValidationFailed
from counter_app.domain.identity import IdKind, check_multiline_text
from counter_app.domain.intake import Person
from counter_app.domain.status import DossierStatus
from counter_app.domain.text import clean_multiline
from counter_app.services import authz
from counter_app.services.authz import SUPERVISE, require_site
from counter_app.services.context import Actor, Services
from counter_app.services.intake import person_to_json
from counter_app.services.journal import audit, enqueue
from counter_app.store.changefeed import notify_change
from counter_app.store.models import Dossier, DossierEvent, Site, SyncIssue, SyncMeta, SyncOutbox

# --- thresholds ------------------------------------------------------------------------------
# The oldest pending change turns the status amber past AMBER_AFTER and red past RED_AFTER.
AMBER_AFTER = timedelta(minutes=15)
RED_AFTER = timedelta(hours=2)
# The worker's cycle interval when its record does not say (SyncConfig.interval's default).
DEFAULT_INTERVAL = timedelta(seconds=30)
# Pending work without a success for this many intervals = offline.
OFFLINE_INTERVALS = 2
# A worker whose heartbeat is older than this is not shown as holding the worker.
WORKER_STALE_AFTER = timedelta(minutes=2)
META_KEY = "worker"

STATES = ("not_configured", "synced", "sending", "offline", "attention")
LEVELS = ("ok", "amber", "red")
BADGES = ("pending", "synced", "attention")

# Issue kinds, resolutions, and who may do what.
KIND_REJECTED = "rejected"
RESTORE_KINDS = ("restored_backup", "central_restore")
NOTE_MAX_LENGTH = 1000
# Badges: an id list longer than this is split (bind-parameter limits); the desk asks ~50.
BADGE_CHUNK = 2000

_ACTION_NAMES = {
    "resubmit": ("gửi lại", "resubmit"),
    "accept_server": ("nhận trạng thái trên hệ thống trung tâm", "accept the central's state"),
    "escalate": ("chuyển lãnh đạo", "escalate"),
    "acknowledge": ("xác nhận đã biết", "acknowledge"),
}
_KIND_NAMES = {
    "rejected": ("thay đổi bị hệ thống trung tâm từ chối", "change refused by the central system"),
    "restored_backup": ("cơ sở dữ liệu tại bộ phận một cửa được khôi phục từ bản sao lưu",
                        "site database restored from a backup"),
    "central_restore": ("hệ thống trung tâm được khôi phục từ bản sao lưu", "central system restored from a backup"),
}
_HINTS = {
    "restore": ("hãy chuyển lãnh đạo, hoặc tài khoản giám sát xác nhận đã xử lý",
                "escalate it, or have a supervisor acknowledge it"),
    "rejected": ("hãy gửi lại sau khi sửa hồ sơ, nhận trạng thái trên hệ thống trung tâm, hoặc chuyển lãnh đạo",
                 "resubmit it after correcting the record, accept the central's state, or escalate it"),
}
_RESOLUTION_NAMES = {
    "resubmitted": ("đã gửi lại", "resubmitted"),
    "accepted_server": ("đã nhận trạng thái trên hệ thống trung tâm", "central state accepted"),
    "acknowledged": ("đã xác nhận", "acknowledged"),
    "escalated": ("đã chuyển lãnh đạo", "escalated"),
}


# --- the status line ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SyncStatus:
    state: str            # not_configured | synced | sending | offline | attention
    level: str            # ok | amber | red   (by the AGE of the oldest pending change, not attempts)
    pending: int          # pending outbox rows, all lanes
    oldest_pending_at: datetime | None
    open_issues: int
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    next_attempt_at: datetime | None
    progress_done: int
    progress_total: int
    last_error: str
    worker: str           # who holds the worker ("host:pid") or ""; stale heartbeat (> 2 min) -> ""
    text_vi: str
    text_en: str


def _as_datetime(value: Any) -> datetime | None:
    """An ISO string (or datetime) from the worker's JSON record, as aware UTC; junk -> None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        when = value
    else:
        try:
            when = datetime.fromisoformat(str(value))
        except ValueError:
            return None
    if when.tzinfo is None or when.utcoffset() is None:
        return when.replace(tzinfo=UTC)  # a naive timestamp in the worker's record is UTC
    return when.astimezone(UTC)


def _as_int(value: Any) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0


def level_for(age: timedelta | None) -> str:
    """ok / amber (> 15 min) / red (> 2 h) for the age of the oldest pending change."""
    if age is None or age <= AMBER_AFTER:
        return "ok"
    if age <= RED_AFTER:
        return "amber"
    return "red"


def age_text(age: timedelta, lang: str = "vi") -> str:
    """"5 phút", "2 giờ", "3 ngày" / "5 minutes", "2 hours", "3 days" (rounded down)."""
    seconds = max(0, int(age.total_seconds()))
    en = lang == "en"
    if seconds < 60:
        return "under a minute" if en else "dưới 1 phút"
    if seconds < 3600:
        n, vi_unit, en_unit = seconds // 60, "phút", "minute"
    elif seconds < 86400:
        n, vi_unit, en_unit = seconds // 3600, "giờ", "hour"
    else:
        n, vi_unit, en_unit = seconds // 86400, "ngày", "day"
    if en:
        return f"{n} {en_unit}" + ("" if n == 1 else "s")
    return f"{n} {vi_unit}"


def _changes_en(n: int) -> str:
    return f"{n} change" + ("" if n == 1 else "s")


def _clock_text(when: datetime, now: datetime, lang: str) -> str:
    local, today = to_local(when), to_local(now).date()
    if local.date() == today:
        return f"{local:%H:%M}"
    return f"{local:%H:%M} {'on' if lang == 'en' else 'ngày'} {local:%d/%m/%Y}"


def _texts(state: str, *, now: datetime, pending: int, oldest: datetime | None, open_issues: int,
           last_success: datetime | None, done: int, total: int) -> tuple[str, str]:
    if state == "not_configured":
        return "Chưa cấu hình đồng bộ", "Sync not configured"
    if state == "attention":
        return f"Cần xử lý ({open_issues})", f"Action needed ({open_issues})"
    if state == "sending":
        return f"Đang gửi {done}/{total}", f"Sending {done}/{total}"
    if state == "offline":
        if pending == 0:
            return "Mất kết nối — không có thay đổi chờ gửi", "Offline — nothing waiting to be sent"
        vi = f"Mất kết nối — {pending} thay đổi chờ gửi"
        en = f"Offline — {_changes_en(pending)} waiting"
        if oldest is not None:
            age = now - oldest
            vi += f" (cũ nhất {age_text(age, 'vi')})"
            en += f" (oldest {age_text(age, 'en')})"
        return vi, en
    # synced
    if last_success is not None:
        vi = f"Đã đồng bộ lúc {_clock_text(last_success, now, 'vi')}"
        en = f"Synced at {_clock_text(last_success, now, 'en')}"
    else:
        vi, en = "Chưa đồng bộ lần nào", "Not synced yet"
    if pending:
        vi += f" — {pending} thay đổi chờ gửi"
        en += f" — {_changes_en(pending)} waiting"
    return vi, en


def sync_status(svc: Services, *, configured: bool = True) -> SyncStatus:
    """The status bar's state: three small reads (pending rows, open issues, the worker's record).

    not_configured: the caller has no server settings and no worker ever ran on this database;
    attention: open issues; offline: the last attempt failed, or changes have waited two
    intervals without a success; sending: a push in progress; else synced."""
    now = svc.now()
    with svc.reading() as s:
        pending, oldest = s.execute(
            sa.select(sa.func.count(), sa.func.min(SyncOutbox.created_at)).where(SyncOutbox.state == "pending")
        ).one()
        open_issues = s.execute(
            sa.select(sa.func.count()).select_from(SyncIssue).where(SyncIssue.state == "open")
        ).scalar_one()
        meta_row = s.get(SyncMeta, META_KEY)
        meta: dict[str, Any] = dict(meta_row.value or {}) if meta_row is not None else {}
    pending = int(pending or 0)
    open_issues = int(open_issues or 0)
    if oldest is not None:
        oldest = _as_datetime(oldest)  # aware UTC on both backends

    last_success = _as_datetime(meta.get("last_success_at"))
    last_attempt = _as_datetime(meta.get("last_attempt_at"))
    next_attempt = _as_datetime(meta.get("next_attempt_at"))
    heartbeat = _as_datetime(meta.get("heartbeat_at"))
    done, total = _as_int(meta.get("progress_done")), _as_int(meta.get("progress_total"))
    try:
        interval = timedelta(seconds=float(meta["interval"])) if meta.get("interval") else DEFAULT_INTERVAL
    except (TypeError, ValueError):
        interval = DEFAULT_INTERVAL
    patience = interval * OFFLINE_INTERVALS
    holder = str(meta.get("holder") or "")
    worker = holder if holder and heartbeat is not None and now - heartbeat <= WORKER_STALE_AFTER else ""

    level = level_for(now - oldest if oldest is not None else None)
    # `configured` is what the calling process knows (its settings). A worker that has already
    # run against this database (e.g. `counter-app sync` with its own environment) shows the site
    # does sync, so its real state is shown rather than "not configured".
    worker_has_run = last_attempt is not None or last_success is not None
    if not configured and not worker_has_run:
        # A site that does not sync (yet) is not alarmed about its backlog; open issues still are.
        state = "not_configured"
        level = "amber" if open_issues else "ok"
    elif open_issues:
        state = "attention"
    else:
        # Offline: the last attempt failed, or work has waited 2 intervals with no success.
        # The wait counts from the later of the last success and the oldest pending change, so a
        # quiet site whose first change in an hour was committed a second ago is not "offline".
        waiting_since = max((t for t in (last_success, oldest) if t is not None), default=None)
        stalled = pending > 0 and waiting_since is not None and now - waiting_since > patience
        if meta.get("online") is False or stalled:
            state = "offline"
        elif done < total and last_attempt is not None and now - last_attempt <= patience:
            state = "sending"
        else:
            state = "synced"
    if state == "attention" and level == "ok":
        level = "amber"
    text_vi, text_en = _texts(state, now=now, pending=pending, oldest=oldest, open_issues=open_issues,
                              last_success=last_success, done=done, total=total)
    return SyncStatus(
        state=state, level=level, pending=pending, oldest_pending_at=oldest, open_issues=open_issues,
        last_success_at=last_success, last_attempt_at=last_attempt, next_attempt_at=next_attempt,
        progress_done=done, progress_total=total, last_error=str(meta.get("last_error") or ""),
        worker=worker, text_vi=text_vi, text_en=text_en,
    )


# --- badges --------------------------------------------------------------------------------------


def badges(svc: Services, entity_ids: Sequence[str]) -> dict[str, str]:
    """entity id -> "attention" | "pending" | "synced", in one query per call (per 2,000 ids).

    attention: an open issue for the record (escalated ones included), or a rejected row no
    issue accounts for; pending: a row still to send; synced: every row acknowledged, or
    rejected with its issue resolved. Ids with no outbox row (and no open issue) are absent.
    """
    ids = list(dict.fromkeys(str(i) for i in entity_ids if i is not None and str(i)))
    result: dict[str, str] = {}
    if not ids:
        return result
    with svc.reading() as s:
        for start in range(0, len(ids), BADGE_CHUNK):
            chunk = ids[start:start + BADGE_CHUNK]
            for entity_id, kind, count in s.execute(_badge_query(chunk)).all():
                if not count:
                    continue
                current = result.get(entity_id)
                if kind == "attention" or current == "attention":
                    result[entity_id] = "attention"
                elif kind == "pending" or current == "pending":
                    result[entity_id] = "pending"
                else:
                    result[entity_id] = "synced"
    return result


def _badge_query(ids: list[str]) -> sa.CompoundSelect:
    o, i = SyncOutbox, SyncIssue
    accounted = sa.exists().where(sa.or_(i.outbox_id == o.id, i.mutation_id == o.mutation_id))
    rows = (
        sa.select(
            o.entity_id.label("entity_id"),
            sa.case(
                (o.state == "pending", sa.literal("pending")),
                (sa.and_(o.state == "rejected", ~accounted), sa.literal("attention")),
                else_=sa.literal("synced"),
            ).label("kind"),
        )
        .where(o.entity_id.in_(ids))
    ).subquery()
    per_state = sa.select(rows.c.entity_id, rows.c.kind, sa.func.count().label("n")).group_by(
        rows.c.entity_id, rows.c.kind
    )
    issues = (
        sa.select(i.entity_id, sa.literal("attention").label("kind"), sa.func.count().label("n"))
        .where(i.state == "open", i.entity_id.in_(ids))
        .group_by(i.entity_id)
    )
    return sa.union_all(per_state, issues)


# --- the "action needed" list --------------------------------------------------------------------


@dataclass(frozen=True)
class IssueInfo:
    id: uuid.UUID
    kind: str                   # rejected | restored_backup | central_restore
    state: str                  # open | resolved
    resolution: str             # "" | resubmitted | accepted_server | escalated | acknowledged
    created_at: datetime
    resolved_at: datetime | None
    resolved_by: str            # username (for an escalated issue: who escalated)
    lane: str
    seq: int | None
    entity_type: str
    entity_id: str
    operation: str
    dossier_code: str           # for dossiers, else ""
    reason_code: str
    message: str
    server_state: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    age_hours: float = 0.0


def _dossier_codes(s: Session, issues: Sequence[SyncIssue]) -> dict[str, str]:
    keys: dict[uuid.UUID, str] = {}
    for issue in issues:
        if issue.entity_type == "dossier" and issue.entity_id:
            try:
                keys[uuid.UUID(issue.entity_id)] = issue.entity_id
            except ValueError:
                continue
    if not keys:
        return {}
    rows = s.execute(sa.select(Dossier.id, Dossier.code).where(Dossier.id.in_(list(keys)))).all()
    return {keys[row_id]: code for row_id, code in rows}


def _info(issue: SyncIssue, now: datetime, codes: dict[str, str]) -> IssueInfo:
    state = dict(issue.server_state or {})
    code = ""
    if issue.entity_type == "dossier":
        code = codes.get(issue.entity_id) or str(state.get("code") or "")
    return IssueInfo(
        id=issue.id, kind=issue.kind, state=issue.state, resolution=issue.resolution or "",
        created_at=issue.created_at, resolved_at=issue.resolved_at, resolved_by=issue.resolved_by or "",
        lane=issue.lane or "", seq=issue.seq, entity_type=issue.entity_type or "", entity_id=issue.entity_id or "",
        operation=issue.operation or "", dossier_code=code, reason_code=issue.reason_code or "",
        message=issue.message or "", server_state=state, note=issue.note or "",
        age_hours=round(max(0.0, (now - issue.created_at).total_seconds()) / 3600, 4),
    )


def list_issues(svc: Services, *, include_resolved: bool = False) -> list[IssueInfo]:
    """Open issues, oldest first (escalated ones are open too); then, if asked, the resolved
    ones, most recently resolved first."""
    now = svc.now()
    with svc.reading() as s:
        q = sa.select(SyncIssue)
        if not include_resolved:
            q = q.where(SyncIssue.state == "open")
        q = q.order_by(
            sa.case((SyncIssue.state == "open", 0), else_=1),
            sa.case((SyncIssue.state == "open", SyncIssue.created_at), else_=None),
            SyncIssue.resolved_at.desc(),
            SyncIssue.created_at,
            SyncIssue.seq,
            SyncIssue.id,
        )
        issues = list(s.execute(q).scalars())
        codes = _dossier_codes(s, issues)
        return [_info(i, now, codes) for i in issues]


# --- actions -------------------------------------------------------------------------------------


def _clean_note(note: str, *, required: bool) -> str:
    text = clean_multiline(note or "")
    if not text:
        if required:
            raise DomainError("sync_note_required")
        return ""
    errors = check_multiline_text(text, field="note", max_length=NOTE_MAX_LENGTH)
    if errors:
        raise ValidationFailed(errors)
    return text


def _load_issue(s: Session, issue_id: uuid.UUID | str) -> SyncIssue:
    try:
        key = issue_id if isinstance(issue_id, uuid.UUID) else uuid.UUID(str(issue_id).strip())
    except ValueError:
        raise DomainError("sync_issue_not_found", value=str(issue_id)[:60]) from None
    issue = s.get(SyncIssue, key, with_for_update=True)
    if issue is None:
        raise DomainError("sync_issue_not_found", value=str(key))
    return issue


def _check_open(issue: SyncIssue, action: str, actor: Actor) -> None:
    """Refuse a resolved issue; an escalated one is settled by a supervisor or admin."""
    if issue.state != "open":
        vi, en = _RESOLUTION_NAMES.get(issue.resolution, (issue.resolution, issue.resolution))
        at = to_local(issue.resolved_at).strftime("%H:%M %d/%m/%Y") if issue.resolved_at else ""
        raise DomainError("sync_issue_resolved", resolution=vi, resolution_en=en, at=at, by=issue.resolved_by)
    if issue.resolution == "escalated" and action != "escalate" and actor.role not in SUPERVISE:
        raise DomainError("sync_issue_escalated", by=issue.resolved_by)


def _check_kind(issue: SyncIssue, action: str) -> None:
    restore = issue.kind in RESTORE_KINDS
    allowed = {"resubmit": not restore, "accept_server": not restore, "escalate": True, "acknowledge": restore}[action]
    if not allowed:
        vi, en = _ACTION_NAMES[action]
        kind_vi, kind_en = _KIND_NAMES.get(issue.kind, (issue.kind, issue.kind))
        hint_vi, hint_en = _HINTS["restore" if restore else "rejected"]
        raise DomainError("sync_issue_action_invalid", action=vi, action_en=en, kind=kind_vi, kind_en=kind_en,
                          hint=hint_vi, hint_en=hint_en)


def _begin(s: Session, actor: Actor | None, issue_id, action: str) -> SyncIssue:
    authz.require(actor, f"sync.issue.{action}")
    assert actor is not None
    require_site(s, actor)
    issue = _load_issue(s, issue_id)
    _check_open(issue, action, actor)
    _check_kind(issue, action)
    return issue


def _resolve(issue: SyncIssue, actor: Actor, resolution: str, now: datetime, note: str) -> None:
    issue.state = "resolved"
    issue.resolution = resolution
    issue.resolved_at = now
    issue.resolved_by = actor.username
    issue.note = _joined_note(issue.note, note)


def _joined_note(before: str | None, note: str) -> str:
    """A resolution note follows the escalation note (both stay readable on the issue)."""
    if not note:
        return before or ""
    return f"{before}\n{note}" if before else note


def _audit_details(issue: SyncIssue, s: Session, **extra: Any) -> dict[str, Any]:
    details: dict[str, Any] = {
        "kind": issue.kind, "lane": issue.lane, "seq": issue.seq, "entity_type": issue.entity_type,
        "entity_id": issue.entity_id, "operation": issue.operation, "reason_code": issue.reason_code,
    }
    if issue.entity_type == "dossier":
        code = _dossier_codes(s, [issue]).get(issue.entity_id)
        if code:
            details["code"] = code
    details.update(extra)
    return details


def _result(s: Session, issue: SyncIssue, now: datetime) -> IssueInfo:
    s.flush()
    return _info(issue, now, _dossier_codes(s, [issue]))


def _rejected_row(s: Session, issue: SyncIssue) -> SyncOutbox:
    row = s.get(SyncOutbox, issue.outbox_id) if issue.outbox_id is not None else None
    if row is None and issue.mutation_id is not None:
        row = s.execute(sa.select(SyncOutbox).where(SyncOutbox.mutation_id == issue.mutation_id)).scalar_one_or_none()
    if row is None:
        raise DomainError("sync_change_missing", operation=issue.operation)
    return row


def _dossier_of(s: Session, entity_id: str, *, lock: bool) -> Dossier:
    try:
        key = uuid.UUID(entity_id)
    except ValueError:
        raise DomainError("dossier_not_found", value=entity_id[:60]) from None
    stmt = sa.select(Dossier).where(Dossier.id == key)
    if lock:
        stmt = stmt.with_for_update(of=Dossier)  # not the outer-joined register entry (PostgreSQL)
    d = s.execute(stmt).scalar_one_or_none()
    if d is None:
        raise DomainError("dossier_not_found", value=entity_id[:60])
    return d


def received_payload(s: Session, d: Dossier, *, previous: dict[str, Any] | None = None) -> dict[str, Any]:
    """The `dossier.received` payload of services/intake.receive_dossier, built from the dossier
    row as it is now (after the officer corrected it). The receipt's actor and counter come from
    the earlier payload when there is one."""
    previous = previous or {}
    site = s.get(Site, d.site_id)
    before = previous.get("transition") if isinstance(previous.get("transition"), dict) else {}
    actor_name = before.get("actor") or ""
    return {
        "dossier_id": str(d.id), "code": d.code, "agency_code": site.agency_code if site else "",
        "procedure_code": d.procedure_code, "catalog_version": d.catalog_version,
        "status": int(DossierStatus.RECEIVED),
        "transition": {"from": None, "to": int(DossierStatus.RECEIVED), "reason": "", "actor": actor_name},
        # As receive_dossier writes them: the receipt time in UTC, the due date in local time.
        "received_at": d.received_at.isoformat(), "due_at": to_local(d.due_at).isoformat(),
        "late_entry": bool(d.late_entry),
        "channel": d.channel, "return_method": d.return_method, "sets": d.sets,
        "electronic": bool(d.electronic),
        "owner": _owner_json(d),
        "submitter": d.submitter or None,
        "documents": [{"name": x.name, "form": x.form, "count": x.count} for x in d.documents],
        "counter": previous.get("counter", d.counter_number),
    }


def _owner_json(d: Dossier) -> dict[str, Any] | None:
    """The owner of a dossier row, in person_to_json's shape."""
    return person_to_json(Person(
        full_name=d.owner_name, id_number=d.owner_id_number, id_kind=IdKind(d.owner_id_kind),
        birth_date=d.owner_birth_date, phone=d.owner_phone, email=d.owner_email, address=d.owner_address,
    ))


def _server_status(state: dict[str, Any]) -> DossierStatus | None:
    value = state.get("status")
    if value is None or value == "":
        return None
    try:
        return DossierStatus(int(value))
    except (TypeError, ValueError):
        return None


def _resubmit_payload(s: Session, issue: SyncIssue, row: SyncOutbox) -> dict[str, Any]:
    old = copy.deepcopy(dict(row.payload or {}))
    if row.operation == "dossier.received" and row.entity_type == "dossier":
        return received_payload(s, _dossier_of(s, row.entity_id, lock=True), previous=old)
    if row.operation == "dossier.transition":
        current = _server_status(dict(issue.server_state or {}))
        if current is not None and isinstance(old.get("transition"), dict):
            # The officer moves on from where the central is now.
            old["transition"] = {**old["transition"], "from": int(current)}
    return old


def resubmit(svc: Services, actor: Actor, issue_id: uuid.UUID | str, *, note: str = "") -> IssueInfo:
    """Send the change again, rebuilt from the record as it is now: a NEW outbox row (new seq,
    new mutation id) in the same lane; the rejected row keeps its own. The issue is resolved."""
    authz.require(actor, "sync.issue.resubmit")
    note = _clean_note(note, required=False)
    now = svc.now()
    with svc.transaction() as s:
        issue = _begin(s, actor, issue_id, "resubmit")
        row = _rejected_row(s, issue)
        payload = _resubmit_payload(s, issue, row)
        new = enqueue(s, lane=row.lane, entity_type=row.entity_type, entity_id=row.entity_id,
                      operation=row.operation, payload=payload, at=now)
        _resolve(issue, actor, "resubmitted", now, note)
        audit(s, actor, "sync.issue.resubmit", at=now, entity_type="sync_issue", entity_id=str(issue.id),
              details=_audit_details(issue, s, rejected_seq=row.seq, new_seq=new.seq,
                                     mutation_id=str(new.mutation_id), has_note=bool(note)),
              before={"state": "open"}, after={"state": issue.state, "resolution": issue.resolution})
        notify_change(s, "sync")
        return _result(s, issue, now)


def _apply_server_state(s: Session, d: Dossier, actor: Actor, state: dict[str, Any], now: datetime) -> dict[str, Any]:
    """The central's status / due date / result time on the local dossier, with a
    "transition" event; no outbox row. Returns what changed (for the audit)."""
    before_status, before_due = d.status, d.due_at
    status = _server_status(state)
    changed: dict[str, Any] = {}
    if status is not None and int(status) != d.status:
        d.status = int(status)
        d.status_changed_at = now
        changed.update({"from": before_status, "to": int(status)})
        if status is DossierStatus.SUPPLEMENT_REQUESTED and d.paused_at is None:
            d.paused_at = now
        elif status is not DossierStatus.SUPPLEMENT_REQUESTED:
            d.paused_at = None
        if status is DossierStatus.RETURNED and d.returned_at is None:
            d.returned_at = now
    if "due_at" in state:
        due = _as_datetime(state.get("due_at"))
        if due is not None and due != d.due_at:
            d.due_at = due
            changed.update({"due_before": before_due.isoformat(), "due_after": due.isoformat()})
    if "result_ready_at" in state:
        ready = _as_datetime(state.get("result_ready_at"))
        if ready != d.result_ready_at:
            d.result_ready_at = ready
            changed["result_ready_at"] = ready.isoformat() if ready else None
    if changed:
        s.add(DossierEvent(
            dossier_id=d.id, at=now, kind="transition", from_status=before_status, to_status=d.status,
            reason="", actor_id=actor.user_id, actor_name=actor.full_name, counter_number=actor.counter_number,
            due_before=before_due, due_after=d.due_at, details={"accepted_server_state": True},
        ))
    return changed


def accept_server_state(svc: Services, actor: Actor, issue_id: uuid.UUID | str) -> IssueInfo:
    """Take the central's word: its state of the record is applied locally WITHOUT an outbox
    row, the rejected change is dropped (its row stays rejected), the issue is resolved."""
    authz.require(actor, "sync.issue.accept_server")
    now = svc.now()
    with svc.transaction() as s:
        issue = _begin(s, actor, issue_id, "accept_server")
        changed: dict[str, Any] = {}
        state = dict(issue.server_state or {})
        if issue.entity_type == "dossier" and state:
            changed = _apply_server_state(s, _dossier_of(s, issue.entity_id, lock=True), actor, state, now)
        _resolve(issue, actor, "accepted_server", now, "")
        audit(s, actor, "sync.issue.accept_server", at=now, entity_type="sync_issue", entity_id=str(issue.id),
              details=_audit_details(issue, s, **changed),
              before={"state": "open"}, after={"state": issue.state, "resolution": issue.resolution})
        notify_change(s, "sync")
        return _result(s, issue, now)


def escalate(svc: Services, actor: Actor, issue_id: uuid.UUID | str, *, note: str) -> IssueInfo:
    """Hand the issue to a supervisor: it stays OPEN (still listed, still counted), marked
    "escalated" with the note and who escalated; a supervisor settles it later."""
    authz.require(actor, "sync.issue.escalate")
    note = _clean_note(note, required=True)
    now = svc.now()
    with svc.transaction() as s:
        issue = _begin(s, actor, issue_id, "escalate")
        issue.resolution = "escalated"
        issue.resolved_by = actor.username
        issue.note = _joined_note(issue.note, note)
        audit(s, actor, "sync.issue.escalate", at=now, entity_type="sync_issue", entity_id=str(issue.id),
              details=_audit_details(issue, s, has_note=True),
              before={"state": "open"}, after={"state": issue.state, "resolution": issue.resolution})
        notify_change(s, "sync")
        return _result(s, issue, now)


def acknowledge(svc: Services, actor: Actor, issue_id: uuid.UUID | str, *, note: str = "") -> IssueInfo:
    """A restore issue (restored_backup / central_restore: no change to send) seen and dealt
    with by a supervisor or admin: resolved as "acknowledged"."""
    authz.require(actor, "sync.issue.acknowledge")
    note = _clean_note(note, required=False)
    now = svc.now()
    with svc.transaction() as s:
        issue = _begin(s, actor, issue_id, "acknowledge")
        _resolve(issue, actor, "acknowledged", now, note)
        audit(s, actor, "sync.issue.acknowledge", at=now, entity_type="sync_issue", entity_id=str(issue.id),
              details=_audit_details(issue, s, has_note=bool(note)),
              before={"state": "open"}, after={"state": issue.state, "resolution": issue.resolution})
        notify_change(s, "sync")
        return _result(s, issue, now)
