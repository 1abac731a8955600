"""The audit trail for people: check its integrity, browse it, export it.

Entries are written by services/journal.audit inside every service's transaction and chained
by SHA-256 (domain/audit_chain). `verify` walks the whole chain and names every entry that
was edited, deleted or inserted around the application, and the last entries removed.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from counter_app.domain import audit_chain
from counter_app.domain.audit_chain import GENESIS, ChainChecker, ChainRow
from counter_app.domain.calendar import LOCAL_TZ
from counter_app.domain.errors import DomainError
from counter_app.domain.messages import render
from counter_app.services import authz
from counter_app.services.context import Actor, Services
from counter_app.services.journal import audit
from counter_app.store.models import AuditEntry, AuditHead

BATCH = 2000
MAX_PAGE = 1000

_PROBLEM_CODES = {
    audit_chain.MODIFIED: "audit_modified",
    audit_chain.DELETED: "audit_deleted",
    audit_chain.INSERTED: "audit_inserted",
    audit_chain.TRUNCATED: "audit_truncated",
}


# --- verification -------------------------------------------------------------------------------

@dataclass(frozen=True)
class ChainProblem:
    """kind: modified | deleted | inserted | truncated. seq: the entry concerned (the first
    missing one for deleted / truncated, last_seq the last); entry_id: the row id if any."""

    kind: str
    seq: int
    entry_id: int | None = None
    last_seq: int | None = None

    def message(self, lang: str = "vi") -> str:
        code = _PROBLEM_CODES[self.kind]
        if self.kind == audit_chain.DELETED and self.last_seq is not None and self.last_seq != self.seq:
            code = "audit_deleted_range"
        return render(code, {"seq": self.seq, "last": self.last_seq if self.last_seq is not None else self.seq}, lang)


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    head_seq: int
    head_hash: str
    problems: tuple[ChainProblem, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self, lang: str = "vi") -> str:
        if self.ok:
            return render("audit_intact", {"count": self.checked}, lang)
        return render("audit_broken", {"count": len(self.problems), "checked": self.checked}, lang)

    def lines(self, lang: str = "vi") -> list[str]:
        """One plain sentence per problem."""
        return [p.message(lang) for p in self.problems]


def verify(svc: Services, actor: Actor | None) -> VerifyResult:
    """Walk the whole chain in seq order (one consistent snapshot) and report what is wrong."""
    authz.require(actor, "audit.verify")
    with svc.reading() as s:
        if svc.backend == "postgresql":
            # The head and the entries from one snapshot: writers keep committing meanwhile.
            s.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        head = s.execute(sa.select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).one_or_none()
        head_seq, head_hash = (int(head.seq), head.hash) if head else (0, GENESIS)
        checker = ChainChecker(head_seq)
        for row in _chain_rows(s):
            checker.feed(row)
        problems = checker.finish(head_hash)
    return VerifyResult(
        checked=checker.checked, head_seq=head_seq, head_hash=head_hash,
        problems=tuple(ChainProblem(p.kind, p.seq, p.entry_id, p.last_seq) for p in problems),
    )


def _chain_rows(s: Session) -> Iterator[ChainRow]:
    e = AuditEntry
    cols = [e.id, e.seq, e.prev_hash, e.hash, e.at, e.actor_id, e.actor_username, e.counter_number,
            e.action, e.entity_type, e.entity_id, e.details, e.before, e.after]
    result = s.execute(sa.select(*cols).order_by(e.seq).execution_options(yield_per=BATCH))
    for r in result:
        m = r._mapping
        yield ChainRow(id=m["id"], seq=int(m["seq"]), prev_hash=m["prev_hash"] or "", hash=m["hash"] or "",
                       fields={name: m[name] for name in audit_chain.CONTENT_FIELDS})


# --- browsing -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class AuditFilters:
    """start / end: business dates (Hà Nội time), inclusive. username: exact. action: exact,
    or a prefix ending in "." ("queue." = every queue action)."""

    start: date | None = None
    end: date | None = None
    username: str = ""
    action: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"from": self.start.isoformat() if self.start else None, "to": self.end.isoformat() if self.end else None,
                "user": self.username or None, "action": self.action or None}


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: datetime
    username: str
    counter_number: int | None
    action: str
    entity_type: str
    entity_id: str
    details: dict[str, Any]
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True)
class AuditPage:
    rows: tuple[AuditRow, ...]
    total: int
    offset: int


def _where(filters: AuditFilters) -> list[Any]:
    f = filters or AuditFilters()
    if f.start and f.end and f.start > f.end:
        raise DomainError("audit_period_invalid", start=f.start.strftime("%d/%m/%Y"), end=f.end.strftime("%d/%m/%Y"))
    cond: list[Any] = []
    if f.start:
        cond.append(AuditEntry.at >= datetime.combine(f.start, time(0), LOCAL_TZ).astimezone(UTC))
    if f.end:
        cond.append(AuditEntry.at < datetime.combine(f.end + timedelta(days=1), time(0), LOCAL_TZ).astimezone(UTC))
    if f.username.strip():
        cond.append(AuditEntry.actor_username == f.username.strip())
    action = f.action.strip()
    if action.endswith(".*"):
        action = action[:-1]
    if action.endswith("."):
        cond.append(AuditEntry.action.startswith(action, autoescape=True))
    elif action:
        cond.append(AuditEntry.action == action)
    return cond


def _row(e: AuditEntry) -> AuditRow:
    return AuditRow(seq=int(e.seq), at=e.at, username=e.actor_username, counter_number=e.counter_number,
                    action=e.action, entity_type=e.entity_type, entity_id=e.entity_id, details=dict(e.details or {}),
                    before=e.before, after=e.after)


def list_entries(svc: Services, actor: Actor | None, filters: AuditFilters | None = None, *,
                 limit: int = 200, offset: int = 0) -> AuditPage:
    """The entries matching filters, newest first, one page of at most limit (≤ 1000)."""
    authz.require(actor, "audit.browse")
    cond = _where(filters or AuditFilters())
    limit = max(1, min(int(limit), MAX_PAGE))
    offset = max(0, int(offset))
    with svc.reading() as s:
        total = s.execute(sa.select(sa.func.count()).select_from(AuditEntry).where(*cond)).scalar_one()
        rows = s.execute(sa.select(AuditEntry).where(*cond).order_by(AuditEntry.seq.desc())
                         .limit(limit).offset(offset)).scalars().all()
        return AuditPage(rows=tuple(_row(e) for e in rows), total=int(total), offset=offset)


def choices(svc: Services, actor: Actor | None) -> tuple[list[str], list[str]]:
    """(user names, actions) seen in the trail, for the filter lists."""
    authz.require(actor, "audit.browse")
    with svc.reading() as s:
        users = s.execute(sa.select(AuditEntry.actor_username).distinct().order_by(AuditEntry.actor_username)).scalars()
        actions = s.execute(sa.select(AuditEntry.action).distinct().order_by(AuditEntry.action)).scalars()
        return [u for u in users if u], list(actions)


# --- export -------------------------------------------------------------------------------------

CSV_HEADERS = {
    "vi": ("Số TT", "Thời điểm", "Người thao tác", "Quầy", "Thao tác", "Loại đối tượng", "Mã đối tượng",
           "Chi tiết", "Trước", "Sau", "Mã băm"),
    "en": ("No.", "Time", "User", "Counter", "Action", "Entity type", "Entity id",
           "Details", "Before", "After", "Hash"),
}


def _json(value: Any) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def export(svc: Services, actor: Actor | None, filters: AuditFilters | None, path: str | Path, *,
           lang: str = "vi") -> int:
    """Write the matching entries (oldest first) to a CSV file, UTF-8 with BOM so Excel shows
    Vietnamese; the export is itself an audit entry. Returns the number of entries written."""
    authz.require(actor, "audit.export")
    filters = filters or AuditFilters()
    cond = _where(filters)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    count = 0
    with svc.reading() as s, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(CSV_HEADERS["en" if lang == "en" else "vi"])
        e = AuditEntry
        result = s.execute(sa.select(e).where(*cond).order_by(e.seq).execution_options(yield_per=BATCH)).scalars()
        for entry in result:
            w.writerow([entry.seq, entry.at.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M:%S"), entry.actor_username,
                        "" if entry.counter_number is None else entry.counter_number, entry.action, entry.entity_type,
                        entry.entity_id, _json(entry.details), _json(entry.before), _json(entry.after), entry.hash])
            count += 1
    tmp.replace(path)
    with svc.transaction() as s:
        audit(s, actor, "audit.export", at=svc.now(), entity_type="audit", entity_id="csv",
              details={**{k: v for k, v in filters.as_dict().items() if v is not None}, "rows": count,
                       "file": path.name[-120:]})
    return count
