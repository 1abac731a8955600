"""Dossier search at the counter (issue 4): one box for a code, an ID number, a phone or a name.

What the officer types decides the kind of search (after NFC and whitespace clean-up):

1. a dossier code ("000.00.06.H56-261126-0001", any letter case): that dossier;
2. a 12-digit personal ID or a 9-digit old CMND number, spaces and dots allowed
   ("001 203 012 345"); also a passport number (one or two letters then 6–9 digits): the owner's;
3. a phone number in any usual spelling ("+84 912 345 678", "0912.345.678"): the owner's;
4. the beginning of a dossier code, at least "ddd.dd" ("000.00.06.H56-261126"): codes so starting;
5. anything else: an owner name, with or without accents, in any letter case and word order;
   every word typed must begin a word of the name ("nguyen van an" finds "Nguyễn Văn Ấn" and
   "Nguyễn Văn Anh"; "an nguyen" finds them too; "nguyen van b" does not find "Nguyễn Văn An").
   Exact full-name matches (accents aside) come first.

An empty query lists by the filters alone. Results are newest received first. Lists show ID
numbers and phones masked (Decree 13/2023, DOMAIN §6); the full record is opened with
open_dossier, which records who looked at it.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from counter_app.domain.calendar import LOCAL_TZ, to_local
from counter_app.domain.dossier_code import looks_like_dossier_code
from counter_app.domain.errors import DomainError
from counter_app.domain.lifecycle import FINAL
from counter_app.domain.identity import check_phone, mask_id_number, mask_phone, normalize_id_number, normalize_phone
from counter_app.domain.status import DossierStatus
from counter_app.domain.text import clean_line, control_chars, fold, hidden_chars, lookup_key, safe_excerpt
from counter_app.services import authz
from counter_app.services.context import Actor, Services
from counter_app.services.intake import DossierInfo, dossier_info
from counter_app.services.journal import audit
from counter_app.store import search as store_search
from counter_app.store.models import Dossier

MAX_QUERY_LENGTH = 200
DEFAULT_LIMIT = 100

# Statuses in which a dossier past its due date is overdue: received and being resolved
# (2 received, 4 processing, 6 awaiting payment). Status 5 (supplement requested) is not
# resolved either, but its clock is stopped while the citizen completes the dossier (the due
# date moves when it resumes, calendar.extend_due), so it counts as paused, not overdue.
# 1 (registered online) has not been received; 9 has its result ready: neither is overdue.
OVERDUE_STATUSES = frozenset({DossierStatus.RECEIVED, DossierStatus.PROCESSING, DossierStatus.AWAITING_PAYMENT})

_PASSPORT_RE = re.compile(r"[A-Z]{1,2}[0-9]{6,9}")
# The shape of a dossier code, character by character: 9 digit, A capital letter, else literal.
_CODE_TEMPLATE = "999.99.99.A99-999999-9999"
_CODE_PREFIX_MIN = 6  # "000.00"


@dataclass(frozen=True)
class SearchFilters:
    """Filters combined with the query (all must hold).

    statuses: any of these. field_code, procedure_code: equal to. due_today: the due date in
    force falls today (Asia/Ho_Chi_Minh, by the services' clock) and the dossier is neither
    returned nor in a final status (3, 7, 8, 10) — a paused dossier (5) whose due date in
    force is today is listed. overdue: see is_overdue (status 5 is paused, not overdue).
    received_from / received_to: local receipt dates, both inclusive."""

    statuses: tuple[DossierStatus, ...] = ()
    field_code: str = ""
    procedure_code: str = ""
    due_today: bool = False
    overdue: bool = False
    received_from: date | None = None
    received_to: date | None = None


@dataclass(frozen=True)
class DossierListItem:
    """A line of a search result. ID number and phone are masked; no full number is kept here."""

    id: uuid.UUID
    code: str
    status: DossierStatus
    procedure_code: str
    procedure_name: str
    field_code: str
    owner_name: str
    owner_id_masked: str
    owner_phone_masked: str
    received_at: datetime
    due_at: datetime
    overdue: bool
    returned_at: datetime | None


def is_overdue(status: int, due_at: datetime, now: datetime) -> bool:
    """Past its due date in force while being resolved: status 2, 4 or 6 and due_at < now.

    Status 5 (supplement requested) is paused, not overdue: its clock is stopped until the
    citizen completes the dossier. Final statuses, 1 and 9 are never overdue."""
    return status in OVERDUE_STATUSES and due_at < now


def search_dossiers(
    svc: Services, query: str, filters: SearchFilters = SearchFilters(), *, limit: int = DEFAULT_LIMIT
) -> list[DossierListItem]:
    """Dossiers matching query (a code, an ID number, a phone, a code prefix or an owner name,
    see the module docstring) and filters, newest received first, at most `limit`.

    Raises DomainError("search_query_invalid") for a query over 200 characters or made of
    control/invisible characters only. Anything else is plain text (quotes, %, _, emoji…)."""
    if limit < 1:
        raise ValueError(f"limit must be positive, got {limit}")
    text = clean_query(query)
    kind, value = classify_query(text)
    now = svc.now()
    with svc.reading() as s:
        conditions = _filter_conditions(s, filters, now)
        if kind == "code":
            rows = _rows(s, [*conditions, Dossier.code == value], limit)
        elif kind == "code_prefix":
            rows = _rows(s, [*conditions, store_search.code_prefix_condition(s, value)], limit)
        elif kind == "id":
            rows = _rows(s, [*conditions, Dossier.owner_id_number == value], limit)
        elif kind == "phone":
            rows = _rows(s, [*conditions, Dossier.owner_phone == value], limit)
        elif kind == "name":
            rows = _name_rows(s, value, conditions, limit)
        else:
            rows = _rows(s, conditions, limit)
        return [_item(r, now) for r in rows]


def open_dossier(svc: Services, actor: Actor, code: str) -> DossierInfo:
    """The full record of a dossier (ID number, phone, address…), with an audit entry
    "dossier.view" written in the same transaction: who looked at which dossier, when.
    Raises DomainError("dossier_not_found")."""
    authz.require(actor, "dossier.view")
    key = lookup_key(code).upper()
    with svc.transaction() as s:
        d = s.execute(sa.select(Dossier).where(Dossier.code == key)).scalar_one_or_none() if key else None
        if d is None:
            raise DomainError("dossier_not_found", value=safe_excerpt(clean_line(code or "").upper()))
        audit(s, actor, "dossier.view", at=svc.now(), entity_type="dossier", entity_id=str(d.id),
              details={"code": d.code})
        return dossier_info(s, d)


def reload_dossier(svc: Services, actor: Actor, code: str) -> DossierInfo:
    """The full record again, for a dossier window the officer opened (and open_dossier
    audited) after an action on it: the same role check, no second "dossier.view" entry."""
    authz.require(actor, "dossier.view")
    key = lookup_key(code).upper()
    with svc.reading() as s:
        d = s.execute(sa.select(Dossier).where(Dossier.code == key)).scalar_one_or_none() if key else None
        if d is None:
            raise DomainError("dossier_not_found", value=safe_excerpt(clean_line(code or "").upper()))
        return dossier_info(s, d)


# --- the query text ----------------------------------------------------------------------------


def clean_query(query: str | None) -> str:
    """NFC, whitespace collapsed and stripped; control and invisible characters taken out.
    Raises DomainError("search_query_invalid", max=200) when too long or nothing is left."""
    raw = query or ""
    if len(raw) > 20 * MAX_QUERY_LENGTH:  # do not even normalise a pasted novel
        raise DomainError("search_query_invalid", max=MAX_QUERY_LENGTH)
    text = clean_line(raw)
    if len(text) > MAX_QUERY_LENGTH:
        raise DomainError("search_query_invalid", max=MAX_QUERY_LENGTH)
    bad = set(control_chars(text)) | set(hidden_chars(text))
    if bad:
        text = clean_line("".join(" " if ch in bad else ch for ch in text))
        if not text:
            raise DomainError("search_query_invalid", max=MAX_QUERY_LENGTH)
    return text


def classify_query(text: str) -> tuple[str, str]:
    """("all" | "code" | "id" | "phone" | "code_prefix" | "name", the value searched)."""
    if not text:
        return "all", ""
    upper = text.upper()
    if looks_like_dossier_code(upper):
        return "code", upper
    compact = normalize_id_number(text)  # spaces and dots out, upper case
    if compact.isascii() and compact.isdigit() and len(compact) in (9, 12):
        return "id", compact
    if not check_phone(text):
        return "phone", normalize_phone(text)
    code_part = upper.replace(" ", "")
    if _is_code_prefix(code_part):
        return "code_prefix", code_part
    if _PASSPORT_RE.fullmatch(compact):
        return "id", compact
    return "name", text


def _is_code_prefix(text: str) -> bool:
    if len(text) < _CODE_PREFIX_MIN:
        return False
    for i, ch in enumerate(text):
        kind = _CODE_TEMPLATE[i] if i < len(_CODE_TEMPLATE) else "9"  # the sequence may grow
        if kind == "9":
            ok = "0" <= ch <= "9"
        elif kind == "A":
            ok = "A" <= ch <= "Z"
        else:
            ok = ch == kind
        if not ok:
            return False
    return True


# --- SQL -----------------------------------------------------------------------------------------

_COLUMNS = (
    Dossier.id, Dossier.code, Dossier.status, Dossier.procedure_code, Dossier.procedure_name,
    Dossier.field_code, Dossier.owner_name, Dossier.owner_id_number, Dossier.owner_phone,
    Dossier.received_at, Dossier.due_at, Dossier.returned_at,
)


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=LOCAL_TZ).astimezone(UTC)


def _as_local_date(value: date | datetime) -> date:
    return to_local(value).date() if isinstance(value, datetime) else value


def _filter_conditions(s: Session, f: SearchFilters, now: datetime) -> list[sa.ColumnElement[bool]]:
    # Written so that SQLite, which plans without statistics, walks the newest dossiers when a
    # filter holds for many of them (store.search.walk_condition / no_index).
    conditions: list[sa.ColumnElement[bool]] = []
    if f.statuses:
        values = sorted({int(DossierStatus(x)) for x in f.statuses})
        conditions.append(store_search.walk_condition(s, Dossier.status, lambda c: c.in_(values)))
    # A code holding control or invisible characters matches nothing (and never reaches the driver).
    if f.field_code.strip():
        field_code = lookup_key(f.field_code)
        conditions.append(store_search.walk_condition(s, Dossier.field_code, lambda c: c == field_code)
                          if field_code else sa.false())
    if f.procedure_code.strip():
        procedure_code = lookup_key(f.procedure_code)
        conditions.append(Dossier.procedure_code == procedure_code if procedure_code else sa.false())
    if f.due_today:
        today = to_local(now).date()
        conditions += [
            Dossier.due_at >= _local_midnight(today),
            Dossier.due_at < _local_midnight(today + timedelta(days=1)),
            store_search.no_index(s, Dossier.status).not_in(sorted(int(x) for x in FINAL)),  # nothing due any more
            store_search.no_index(s, Dossier.returned_at).is_(None),
        ]
    if f.overdue:
        conditions += [
            store_search.no_index(s, Dossier.due_at) < now,
            store_search.walk_condition(s, Dossier.status, lambda c: c.in_(sorted(int(x) for x in OVERDUE_STATUSES))),
        ]
    if f.received_from is not None:
        conditions.append(Dossier.received_at >= _local_midnight(_as_local_date(f.received_from)))
    if f.received_to is not None:
        conditions.append(Dossier.received_at < _local_midnight(_as_local_date(f.received_to) + timedelta(days=1)))
    return conditions


def _newest_first(rows: list[sa.Row]) -> list[sa.Row]:
    # The SQL orders by received_at alone (an index order both backends can walk); ties (a
    # frozen clock, a batch import) are put in a stable order here.
    return sorted(rows, key=lambda r: (r.received_at, r.code), reverse=True)


def _rows(s: Session, conditions: list[sa.ColumnElement[bool]], limit: int) -> list[sa.Row]:
    stmt = sa.select(*_COLUMNS).where(*conditions).order_by(store_search.newest_first(s)).limit(limit)
    return _newest_first(list(s.execute(stmt).all()))


def _name_rows(s: Session, text: str, conditions: list[sa.ColumnElement[bool]], limit: int) -> list[sa.Row]:
    folded = fold(text)
    tokens = store_search.search_tokens(folded)
    if not tokens:  # only punctuation, symbols, emoji…: no name holds them
        return []
    # Exact full names first (accents aside): a b-tree equality on owner_name_folded.
    exact = _rows(s, [*conditions, Dossier.owner_name_folded == folded], limit)
    if len(exact) >= limit:
        return exact
    seen = {r.id for r in exact}
    others = _newest_first(store_search.newest_with_name(s, _COLUMNS, conditions, tokens, limit))
    return exact + [r for r in others if r.id not in seen][: limit - len(exact)]


def _item(r: sa.Row, now: datetime) -> DossierListItem:
    return DossierListItem(
        id=r.id, code=r.code, status=DossierStatus(r.status), procedure_code=r.procedure_code,
        procedure_name=r.procedure_name, field_code=r.field_code, owner_name=r.owner_name,
        owner_id_masked=mask_id_number(r.owner_id_number), owner_phone_masked=mask_phone(r.owner_phone),
        received_at=r.received_at, due_at=r.due_at, overdue=is_overdue(r.status, r.due_at, now),
        returned_at=r.returned_at,
    )


# --- for other services (the supervisor's lists, the reports' drill-down) -------------------------


def filter_conditions(s: Session, filters: SearchFilters, now: datetime) -> list[sa.ColumnElement[bool]]:
    """The SQL conditions of filters (as search_dossiers applies them)."""
    return _filter_conditions(s, filters, now)


def dossier_items(s: Session, conditions: list[sa.ColumnElement[bool]], now: datetime, *,
                  order_by: tuple[sa.ColumnElement, ...] = (), limit: int = DEFAULT_LIMIT) -> list[DossierListItem]:
    """Masked list lines of the dossiers matching conditions, in order_by (newest received first
    by default), at most limit."""
    stmt = sa.select(*_COLUMNS).where(*conditions).order_by(*(order_by or (Dossier.received_at.desc(),)))
    return [_item(r, now) for r in s.execute(stmt.limit(limit))]


def count_where(s: Session, conditions: list[sa.ColumnElement[bool]]) -> int:
    return int(s.execute(sa.select(sa.func.count()).select_from(Dossier).where(*conditions)).scalar_one())
