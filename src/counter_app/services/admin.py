"""The administration window's use cases: users, counters, fields, the procedure catalog, the
working-day calendar, the centre's identity and security settings, this PC's printers.

Every call asks ``authz.require(actor, "admin.<area>")`` first and checks the actor belongs to
this site; every change is one transaction with its audit entry (before / after values, never
personal data such as full names). Nothing here goes to the central system: users, counters
and printers are the site's own business (the catalog comes *from* the central system).

Rules an administrator may not break:
* the site always keeps one active administrator (no deactivating or demoting the last one),
  and nobody deactivates or changes the role of their own account;
* a counter serving a ticket is not taken out of use;
* the agency code does not change once dossiers carry it (their codes would no longer match).
"""

from __future__ import annotations

import inspect
import io
import socket
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import holidays
import sqlalchemy as sa
from sqlalchemy.orm import Session

from counter_app import config
from counter_app.domain.calendar import to_local
from counter_app.domain.errors import DomainError, FieldError, ValidationFailed
from counter_app.domain.identity import check_free_text
from counter_app.services import accounts, authz, journal
from counter_app.services import catalog as catalog_service
from counter_app.services import queue as queue_service
from counter_app.services.calendar import site_calendar
from counter_app.services.context import Actor, Services
from counter_app.services.setup import SiteInfo, _check_identity, site_info_of, the_site
from counter_app.store.changefeed import notify_change
from counter_app.store.models import CalendarOverride, Counter, Dossier, Field, Procedure, Site, Ticket, User

MAX_COUNTER_NUMBER = 99  # the desk's sign-in offers counters 1..99
DAY_OFF, MAKE_UP_DAY = "day_off", "make_up_day"
CALENDAR_KINDS = (DAY_OFF, MAKE_UP_DAY)
_UNSET: Any = object()


# -- shared -----------------------------------------------------------------------------------

def _begin(s: Session, actor: Actor | None, action: str) -> Site:
    """The permission check and the site of this database (an actor of another site is refused)."""
    authz.require(actor, action)
    assert actor is not None
    site = the_site(s)
    if actor.site_id is not None and actor.site_id != site.id:
        raise DomainError("site_forbidden")
    return site


def _require(svc: Services, actor: Actor | None, action: str) -> None:
    with svc.reading() as s:
        _begin(s, actor, action)


def _audit(s: Session, actor: Actor | None, action: str, *, at: datetime, entity_type: str, entity_id: str,
           details: dict[str, Any] | None = None, before: dict[str, Any] | None = None,
           after: dict[str, Any] | None = None) -> None:
    """journal.audit with before/after values (its own keywords when it has them, else in details)."""
    details = dict(details or {})
    extra: dict[str, Any] = {}
    if before is not None or after is not None:
        if "before" in inspect.signature(journal.audit).parameters:
            extra = {"before": before or {}, "after": after or {}}
        else:
            details.update(before=before or {}, after=after or {})
    journal.audit(s, actor, action, at=at, entity_type=entity_type, entity_id=entity_id, details=details, **extra)


# -- users ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class UserInfo:
    """An account as the administrator sees it (never its password hash)."""

    id: uuid.UUID
    username: str
    full_name: str
    role: str
    active: bool
    must_change_password: bool
    failed_logins: int
    locked_until: datetime | None
    locked: bool
    assigned_counter: int | None
    created_at: datetime
    password_changed_at: datetime | None


def _user_info(u: User, now: datetime) -> UserInfo:
    locked_until = u.locked_until
    return UserInfo(
        id=u.id, username=u.username, full_name=u.full_name, role=u.role, active=bool(u.active),
        must_change_password=bool(u.must_change_password), failed_logins=int(u.failed_logins or 0),
        locked_until=locked_until, locked=locked_until is not None and locked_until > now,
        assigned_counter=u.assigned_counter, created_at=u.created_at, password_changed_at=u.password_changed_at,
    )


def _user(s: Session, site: Site, user_id: uuid.UUID) -> User:
    user = s.get(User, user_id)
    if user is None or user.site_id != site.id:
        raise DomainError("user_not_found")
    return user


def _check_assigned_counter(s: Session, site: Site, number: int | None) -> list[FieldError]:
    if number is None:
        return []
    active = s.execute(sa.select(Counter.active).where(Counter.site_id == site.id, Counter.number == number)).scalar()
    return [] if active else [FieldError("assigned_counter", "counter_unknown", {"number": number})]


def _other_active_admins(s: Session, site: Site, user: User) -> int:
    stmt = sa.select(User.id).where(User.site_id == site.id, User.role == authz.ADMIN, User.active.is_(True),
                                    User.id != user.id)
    if s.get_bind().dialect.name == "postgresql":
        # Two administrators demoting each other at once: the second waits and sees the first.
        stmt = stmt.with_for_update()
    return len(s.execute(stmt).all())


def _guard_admin_loss(s: Session, site: Site, actor: Actor, user: User) -> None:
    """Refuse to touch one's own account this way, or to leave the site without an administrator."""
    if user.id == actor.user_id:
        raise DomainError("admin_self")
    if user.role == authz.ADMIN and user.active and _other_active_admins(s, site, user) == 0:
        raise DomainError("admin_last_admin")


def list_users(svc: Services, actor: Actor) -> list[UserInfo]:
    now = svc.now()
    with svc.reading() as s:
        site = _begin(s, actor, "admin.users")
        users = s.execute(sa.select(User).where(User.site_id == site.id).order_by(User.username)).scalars()
        return [_user_info(u, now) for u in users]


def create_user(svc: Services, actor: Actor, *, username: str, full_name: str, role: str,
                assigned_counter: int | None = None) -> tuple[UserInfo, str]:
    """A new account with a temporary password (returned once; to be changed at first sign-in)."""
    username, full_name = username.strip(), " ".join(full_name.split())
    password = accounts.generate_password(username)
    now = svc.now()
    with svc.transaction() as s:
        site = _begin(s, actor, "admin.users")
        errors = accounts.check_new_account(username, full_name, password, role)
        errors += [e for e in check_free_text(full_name, field="full_name", max_length=100) if e.code != "too_long"]
        errors += _check_assigned_counter(s, site, assigned_counter)
        if errors:
            raise ValidationFailed(errors)
        user = accounts.add_user(s, site, username, full_name, password, role, now=now, must_change=True,
                                 assigned_counter=assigned_counter)
        s.flush()
        _audit(s, actor, "admin.user_create", at=now, entity_type="user", entity_id=str(user.id),
               details={"username": username},
               after={"role": role, "assigned_counter": assigned_counter, "active": True})
        return _user_info(user, now), password


def update_user(svc: Services, actor: Actor, user_id: uuid.UUID, *, full_name: str | None = None,
                role: str | None = None, assigned_counter: int | None = _UNSET) -> UserInfo:
    """Change an account's full name, role or assigned counter (None: no counter)."""
    now = svc.now()
    with svc.transaction() as s:
        site = _begin(s, actor, "admin.users")
        user = _user(s, site, user_id)
        errors: list[FieldError] = []
        if full_name is not None:
            full_name = " ".join(full_name.split())
            errors += check_free_text(full_name, field="full_name", max_length=100, required=True)
        if role is not None and role not in accounts.ROLES:
            errors.append(FieldError("role", "role_invalid"))
        if assigned_counter is not _UNSET:
            errors += _check_assigned_counter(s, site, assigned_counter)
        if errors:
            raise ValidationFailed(errors)
        if role is not None and role != user.role:
            _guard_admin_loss(s, site, actor, user)
        before = {"role": user.role, "assigned_counter": user.assigned_counter}
        name_changed = full_name is not None and full_name != user.full_name
        if full_name is not None:
            user.full_name = full_name
        if role is not None:
            user.role = role
        if assigned_counter is not _UNSET:
            user.assigned_counter = assigned_counter
        after = {"role": user.role, "assigned_counter": user.assigned_counter}
        _audit(s, actor, "admin.user_update", at=now, entity_type="user", entity_id=str(user.id),
               details={"username": user.username, "full_name_changed": name_changed}, before=before, after=after)
        return _user_info(user, now)


def set_user_active(svc: Services, actor: Actor, user_id: uuid.UUID, active: bool) -> UserInfo:
    """Deactivate an account (it can no longer sign in; its history stays) or reactivate it."""
    now = svc.now()
    with svc.transaction() as s:
        site = _begin(s, actor, "admin.users")
        user = _user(s, site, user_id)
        if not active and user.active:
            _guard_admin_loss(s, site, actor, user)
        before = {"active": bool(user.active)}
        user.active = bool(active)
        _audit(s, actor, "admin.user_activate" if active else "admin.user_deactivate", at=now, entity_type="user",
               entity_id=str(user.id), details={"username": user.username}, before=before,
               after={"active": bool(active)})
        return _user_info(user, now)


def reset_password(svc: Services, actor: Actor, user_id: uuid.UUID) -> str:
    """A new temporary password (shown once); the user must change it at the next sign-in."""
    helper = getattr(accounts, "reset_password", None)
    if helper is not None:
        _require(svc, actor, "admin.users")
        return helper(svc, actor, user_id)
    now = svc.now()
    with svc.transaction() as s:
        site = _begin(s, actor, "admin.users")
        user = _user(s, site, user_id)
        password = accounts.generate_password(user.username)
        user.password_hash = accounts.hash_password(password)
        user.must_change_password = True
        user.failed_logins = 0
        user.locked_until = None
        _audit(s, actor, "admin.user_reset_password", at=now, entity_type="user", entity_id=str(user.id),
               details={"username": user.username})
    return password


def unlock_user(svc: Services, actor: Actor, user_id: uuid.UUID) -> UserInfo:
    """Lift a lock-out after too many wrong passwords."""
    helper = getattr(accounts, "unlock", None)
    if helper is not None:
        _require(svc, actor, "admin.users")
        helper(svc, actor, user_id)
    else:
        now = svc.now()
        with svc.transaction() as s:
            site = _begin(s, actor, "admin.users")
            user = _user(s, site, user_id)
            before = {"failed_logins": int(user.failed_logins or 0), "locked": user.locked_until is not None}
            user.failed_logins = 0
            user.locked_until = None
            _audit(s, actor, "admin.user_unlock", at=now, entity_type="user", entity_id=str(user.id),
                   details={"username": user.username}, before=before, after={"failed_logins": 0, "locked": False})
    now = svc.now()
    with svc.reading() as s:
        return _user_info(_user(s, the_site(s), user_id), now)


# -- counters ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class CounterInfo:
    number: int
    name: str
    active: bool
    queue_state: str  # open | paused | closed (the officer's choice at the desk)
    fields: tuple[str, ...]  # codes of the fields it serves; () = every field
    serving: str  # the ticket number in service there, "" when none


def list_counters(svc: Services, actor: Actor) -> list[CounterInfo]:
    with svc.reading() as s:
        site = _begin(s, actor, "admin.counters")
        serving = dict(s.execute(
            sa.select(Ticket.counter_number, Ticket.number)
            .where(Ticket.site_id == site.id, Ticket.status.in_(queue_service.IN_SERVICE))).all())
        counters = s.execute(sa.select(Counter).where(Counter.site_id == site.id).order_by(Counter.number)).scalars()
        return [CounterInfo(number=c.number, name=c.name, active=bool(c.active), queue_state=c.queue_state,
                            fields=tuple(f.code for f in c.fields), serving=serving.get(c.number, ""))
                for c in counters]


def _counter_row(s: Session, site: Site, number: int, *, lock: bool = False) -> Counter:
    stmt = sa.select(Counter).where(Counter.site_id == site.id, Counter.number == number)
    if lock and s.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    counter = s.execute(stmt).scalar_one_or_none()
    if counter is None:
        raise DomainError("counter_not_found", number=number)
    return counter


def _check_counter_name(name: str) -> str:
    name = " ".join(name.split())
    errors = check_free_text(name, field="name", max_length=100, required=True)
    if errors:
        raise ValidationFailed(errors)
    return name


def add_counter(svc: Services, actor: Actor, number: int, name: str = "") -> CounterInfo:
    """A new counter (open, serving every field until fields are chosen)."""
    errors: list[FieldError] = []
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= MAX_COUNTER_NUMBER:
        errors.append(FieldError("number", "number_range", {"min": 1, "max": MAX_COUNTER_NUMBER}))
    name = " ".join((name or "").split()) or (f"Quầy {number}" if not errors else "")
    errors += check_free_text(name, field="name", max_length=100, required=not errors)
    now = svc.now()
    with svc.transaction() as s:
        site = _begin(s, actor, "admin.counters")
        if errors:
            raise ValidationFailed(errors)
        if s.execute(sa.select(Counter.id).where(Counter.site_id == site.id, Counter.number == number)).first():
            raise ValidationFailed([FieldError("number", "counter_exists", {"number": number})])
        s.add(Counter(site_id=site.id, number=number, name=name, active=True))
        _audit(s, actor, "admin.counter_add", at=now, entity_type="counter", entity_id=str(number),
               after={"name": name, "active": True})
        notify_change(s, "queue")
        return CounterInfo(number=number, name=name, active=True, queue_state="open", fields=(), serving="")


def rename_counter(svc: Services, actor: Actor, number: int, name: str) -> None:
    name = _check_counter_name(name)
    now = svc.now()
    with svc.transaction() as s:
        site = _begin(s, actor, "admin.counters")
        counter = _counter_row(s, site, number)
        before = {"name": counter.name}
        counter.name = name
        _audit(s, actor, "admin.counter_rename", at=now, entity_type="counter", entity_id=str(number),
               before=before, after={"name": name})
        notify_change(s, "queue")


def set_counter_active(svc: Services, actor: Actor, number: int, active: bool) -> None:
    """Take a counter out of use (nobody can sign in there) or back; never while it serves someone."""
    now = svc.now()
    with svc.transaction() as s:
        site = _begin(s, actor, "admin.counters")
        counter = _counter_row(s, site, number, lock=True)
        if not active:
            serving = s.execute(sa.select(Ticket.number).where(
                Ticket.site_id == site.id, Ticket.counter_number == number,
                Ticket.status.in_(queue_service.IN_SERVICE))).scalar()
            if serving:
                raise DomainError("counter_in_service", number=number, ticket=serving)
        before = {"active": bool(counter.active)}
        counter.active = bool(active)
        _audit(s, actor, "admin.counter_activate" if active else "admin.counter_deactivate", at=now,
               entity_type="counter", entity_id=str(number), before=before, after={"active": bool(active)})
        notify_change(s, "queue")


def set_counter_fields(svc: Services, actor: Actor, number: int, field_codes: list[str]) -> None:
    """The fields a counter calls tickets of (none chosen: every field)."""
    _require(svc, actor, "admin.counters")
    queue_service.set_counter_fields(svc, actor, number, sorted(set(field_codes)))


# -- fields -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class FieldInfo:
    code: str
    name: str
    prefix: str
    start: int
    end: int
    queue_open: bool  # offered at the kiosk
    counters: tuple[int, ...]  # active counters that chose it (none: served by the "every field" counters)


def list_fields(svc: Services, actor: Actor) -> list[FieldInfo]:
    with svc.reading() as s:
        site = _begin(s, actor, "admin.fields")
        chosen: dict[str, list[int]] = {}
        for c in s.execute(sa.select(Counter).where(Counter.site_id == site.id, Counter.active.is_(True))
                           .order_by(Counter.number)).scalars():
            for f in c.fields:
                chosen.setdefault(f.code, []).append(c.number)
        return [FieldInfo(code=f.code, name=f.name, prefix=f.ticket_prefix, start=f.ticket_start, end=f.ticket_end,
                          queue_open=bool(f.queue_open), counters=tuple(chosen.get(f.code, ())))
                for f in s.execute(sa.select(Field).order_by(Field.ticket_prefix, Field.code)).scalars()]


def configure_field(svc: Services, actor: Actor, code: str, *, prefix: str, start: int, end: int,
                    queue_open: bool) -> FieldInfo:
    """A field's ticket prefix (A–Z, 1–3 letters), number range and whether the kiosk offers it."""
    _require(svc, actor, "admin.fields")
    prefix = (prefix or "").strip().upper()
    errors: list[FieldError] = []
    if not (1 <= len(prefix) <= 3 and prefix.isascii() and prefix.isalpha()):
        errors.append(FieldError("prefix", "prefix_invalid"))
    if not 1 <= start <= 9999:
        errors.append(FieldError("start", "number_range", {"min": 1, "max": 9999}))
    if not 1 <= end <= 9999:
        errors.append(FieldError("end", "number_range", {"min": 1, "max": 9999}))
    elif 1 <= start <= 9999 and start >= end:
        errors.append(FieldError("end", "ticket_range_order"))
    if errors:
        raise ValidationFailed(errors)
    try:
        queue_service.configure_field(svc, actor, code, prefix=prefix, start=start, end=end, queue_open=queue_open)
    except DomainError as exc:
        if exc.code == "prefix_taken":
            raise ValidationFailed([FieldError("prefix", "prefix_taken", dict(exc.params))]) from None
        raise
    return next(f for f in list_fields(svc, actor) if f.code == code)


# -- catalog ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class CatalogPreview:
    """What importing a catalog file would do (nothing is saved by the preview)."""

    source: str
    version: str
    added: tuple[tuple[str, str], ...]  # (code, name)
    changed: tuple[tuple[str, str], ...]
    retired: tuple[tuple[str, str], ...]  # newly retired (added or changed ones included)
    unchanged: int
    absent: int  # procedures of the database the file does not list (they are kept as they are)
    fields_added: tuple[str, ...]


class _Rollback(Exception):
    def __init__(self, preview: CatalogPreview) -> None:
        super().__init__("preview")
        self.preview = preview


def preview_catalog(svc: Services, actor: Actor, source: str | Path) -> CatalogPreview:
    """Parse the file and apply it in a transaction that is rolled back: the exact outcome, unsaved.

    A bad file raises DomainError("catalog_invalid" / "file_unreadable") saying where and what."""
    _require(svc, actor, "admin.catalog")
    catalog = catalog_service.read_catalog(source)
    now = svc.now()
    try:
        with svc.transaction() as s:
            before = {p.code: catalog_service.procedure_info(p)
                      for p in s.execute(sa.select(Procedure)).scalars().unique()}
            fields_before = set(s.execute(sa.select(Field.code)).scalars())
            result = catalog_service.load_catalog(s, catalog, now)
            s.flush()
            s.expire_all()
            after = {p.code: catalog_service.procedure_info(p)
                     for p in s.execute(sa.select(Procedure)).scalars().unique()}
            listed = {p.code for p in catalog.procedures}
            added = tuple((p.code, p.name) for p in catalog.procedures if p.code not in before)
            changed = tuple((c, after[c].name) for c in sorted(listed & set(before)) if after[c] != before[c])
            retired = tuple((c, after[c].name) for c in sorted(listed)
                            if after[c].retired and not (c in before and before[c].retired))
            preview = CatalogPreview(
                source=Path(source).name, version=result.version, added=added, changed=changed, retired=retired,
                unchanged=result.unchanged, absent=len(set(before) - listed),
                fields_added=tuple(f.code for f in catalog.fields if f.code not in fields_before),
            )
            raise _Rollback(preview)
    except _Rollback as done:
        return done.preview
    raise AssertionError("unreachable")  # pragma: no cover


def import_catalog(svc: Services, actor: Actor, source: str | Path) -> catalog_service.ImportResult:
    """Load the file for real: new procedures added, known ones updated, none deleted."""
    _require(svc, actor, "admin.catalog")
    return catalog_service.import_catalog(svc, source, actor)


def list_procedures(svc: Services, actor: Actor) -> list[catalog_service.ProcedureInfo]:
    _require(svc, actor, "admin.catalog")
    return catalog_service.list_procedures(svc, include_retired=True)


# -- working-day calendar ---------------------------------------------------------------------

@dataclass(frozen=True)
class CalendarDay:
    day: date
    kind: str  # day_off | make_up_day
    name: str  # the holiday's name, or the site's note
    name_en: str
    source: str  # "national" (Labour Code, government decisions) or "site" (the administrator's list)


def _national_days(year: int) -> list[CalendarDay]:
    vi = holidays.VN(years=year, language="vi")
    en = holidays.VN(years=year, language="en_US")
    days = [CalendarDay(d, DAY_OFF, name, en.get(d, name), "national") for d, name in vi.items()]
    for d in sorted(getattr(vi, "weekend_workdays", ()) or ()):
        if d.year == year:
            days.append(CalendarDay(d, MAKE_UP_DAY, "Ngày làm bù (theo quyết định của Chính phủ)",
                                    "Make-up working day (government decision)", "national"))
    return days


def _check_year(year: int) -> None:
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValidationFailed([FieldError("year", "number_range", {"min": 2000, "max": 2100})])


def list_calendar(svc: Services, actor: Actor, year: int) -> list[CalendarDay]:
    """The national holidays of the year and the site's own days off and make-up days, by date."""
    _check_year(year)
    with svc.reading() as s:
        site = _begin(s, actor, "admin.holidays")
        rows = s.execute(sa.select(CalendarOverride).where(
            CalendarOverride.site_id == site.id, CalendarOverride.day >= date(year, 1, 1),
            CalendarOverride.day <= date(year, 12, 31))).scalars()
        mine = [CalendarDay(r.day, r.kind, r.note, r.note, "site") for r in rows]
    return sorted(_national_days(year) + mine, key=lambda d: (d.day, d.source != "site"))


def add_calendar_day(svc: Services, actor: Actor, day: date, kind: str, name: str) -> CalendarDay:
    """Add a site day off (extra holiday) or make-up working day; due dates count with it at once."""
    name = " ".join((name or "").split())
    errors: list[FieldError] = []
    if kind not in CALENDAR_KINDS:
        errors.append(FieldError("kind", "choice_invalid"))
    errors += check_free_text(name, field="note", max_length=200, required=True)
    if not isinstance(day, date) or isinstance(day, datetime) or not 2000 <= day.year <= 2100:
        errors.append(FieldError("day", "number_range", {"min": 2000, "max": 2100}))
    now = svc.now()
    with svc.transaction() as s:
        site = _begin(s, actor, "admin.holidays")
        if errors:
            raise ValidationFailed(errors)
        shown = f"{day:%d/%m/%Y}"
        if s.execute(sa.select(CalendarOverride.id).where(CalendarOverride.site_id == site.id,
                                                          CalendarOverride.day == day)).first():
            raise ValidationFailed([FieldError("day", "calendar_day_taken", {"day": shown})])
        working = site_calendar(s, site).is_working_day(day)
        if kind == MAKE_UP_DAY and working:
            raise ValidationFailed([FieldError("day", "calendar_already_working", {"day": shown})])
        if kind == DAY_OFF and not working:
            raise ValidationFailed([FieldError("day", "calendar_already_off", {"day": shown})])
        s.add(CalendarOverride(site_id=site.id, day=day, kind=kind, note=name))
        _audit(s, actor, "admin.calendar_add", at=now, entity_type="calendar", entity_id=day.isoformat(),
               after={"kind": kind, "name": name})
        notify_change(s, "calendar")
    return CalendarDay(day, kind, name, name, "site")


def remove_calendar_day(svc: Services, actor: Actor, day: date) -> None:
    now = svc.now()
    with svc.transaction() as s:
        site = _begin(s, actor, "admin.holidays")
        row = s.execute(sa.select(CalendarOverride).where(CalendarOverride.site_id == site.id,
                                                          CalendarOverride.day == day)).scalar_one_or_none()
        if row is None:
            raise DomainError("calendar_day_not_found", day=f"{day:%d/%m/%Y}")
        before = {"kind": row.kind, "name": row.note}
        s.delete(row)
        _audit(s, actor, "admin.calendar_remove", at=now, entity_type="calendar", entity_id=day.isoformat(),
               before=before)
        notify_change(s, "calendar")


def set_saturday_open(svc: Services, actor: Actor, open_: bool) -> None:
    """Whether the centre works on Saturdays (they then count as working days)."""
    now = svc.now()
    with svc.transaction() as s:
        site = _begin(s, actor, "admin.holidays")
        before = {"saturday_open": bool(site.saturday_open)}
        site.saturday_open = bool(open_)
        _audit(s, actor, "admin.saturday_open", at=now, entity_type="site", entity_id=str(site.id),
               before=before, after={"saturday_open": bool(open_)})
        notify_change(s, "calendar")


# -- centre identity and security -------------------------------------------------------------

@dataclass(frozen=True)
class SiteSettings:
    info: SiteInfo
    security: accounts.SecuritySettings
    dossiers: int  # dossiers of the site (once there are any, the agency code is fixed)


def _dossier_count(s: Session, site: Site) -> int:
    return int(s.execute(sa.select(sa.func.count()).select_from(Dossier).where(Dossier.site_id == site.id)).scalar())


def site_settings(svc: Services, actor: Actor) -> SiteSettings:
    with svc.reading() as s:
        site = _begin(s, actor, "admin.site")
        numbers = list(s.execute(sa.select(Counter.number).where(Counter.site_id == site.id)
                                 .order_by(Counter.number)).scalars())
        return SiteSettings(site_info_of(site, numbers), accounts.security_settings_of(site), _dossier_count(s, site))


_IDENTITY = ("name", "issuing_body", "agency_code", "address", "hotline", "place_name")


def update_identity(svc: Services, actor: Actor, *, name: str, issuing_body: str, agency_code: str,
                    address: str, hotline: str, place_name: str) -> SiteInfo:
    """The centre's identity as printed on every form; the agency code only while no dossier carries it."""
    values = {k: " ".join(v.split()) for k, v in dict(
        name=name, issuing_body=issuing_body, agency_code=agency_code, address=address, hotline=hotline,
        place_name=place_name).items()}
    errors = _check_identity(**values)
    now = svc.now()
    with svc.transaction() as s:
        site = _begin(s, actor, "admin.site")
        if errors:
            raise ValidationFailed(errors)
        before = {k: getattr(site, k) for k in _IDENTITY}
        if values["agency_code"] != site.agency_code:
            count = _dossier_count(s, site)
            if count:
                raise ValidationFailed([FieldError("agency_code", "agency_code_locked",
                                                   {"count": count, "code": site.agency_code})])
        for key, value in values.items():
            setattr(site, key, value)
        changed = {k: v for k, v in values.items() if before[k] != v}
        _audit(s, actor, "admin.site_identity", at=now, entity_type="site", entity_id=str(site.id),
               before={k: before[k] for k in changed}, after=changed)
        notify_change(s, "site")
        numbers = list(s.execute(sa.select(Counter.number).where(Counter.site_id == site.id)
                                 .order_by(Counter.number)).scalars())
        return site_info_of(site, numbers)


def update_security(svc: Services, actor: Actor, *, idle_lock_minutes: int, max_failed_logins: int,
                    lockout_minutes: int) -> accounts.SecuritySettings:
    """site.settings["security"] (read by the sign-in's lock-out and the desk's idle lock),
    each wrong value reported next to its field."""
    wanted = dict(idle_lock_minutes=idle_lock_minutes, max_failed_logins=max_failed_logins,
                  lockout_minutes=lockout_minutes)
    errors = []
    for key, value in wanted.items():
        low, high = accounts.SECURITY_LIMITS[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            errors.append(FieldError(key, "number_range", {"min": low, "max": high}))
    _require(svc, actor, "admin.site")
    if errors:
        raise ValidationFailed(errors)
    return accounts.configure_security(svc, actor, **wanted)


# -- this PC's printers -----------------------------------------------------------------------

def printer_choice(actor: Actor) -> config.PrinterChoice:
    authz.require(actor, "admin.printers")
    return config.load_printers()


def save_printers(svc: Services, actor: Actor, *, forms_printer: str, ticket_printer: str,
                  ticket_width_mm: int) -> Path:
    """Write this PC's choice into its config file (the site database keeps only the audit entry)."""
    errors = []
    if ticket_width_mm not in config.TICKET_WIDTHS:
        errors.append(FieldError("ticket_width_mm", "choice_invalid"))
    for key, value in (("forms_printer", forms_printer), ("ticket_printer", ticket_printer)):
        errors += check_free_text(value, field=key, max_length=200)
    if errors:
        raise ValidationFailed(errors)
    choice = config.PrinterChoice(forms_printer.strip(), ticket_printer.strip(), int(ticket_width_mm))
    now = svc.now()
    with svc.transaction() as s:
        _begin(s, actor, "admin.printers")
        before = config.load_printers()
        try:
            path = config.save_printers(choice)
        except OSError as exc:
            raise DomainError("config_write_failed", path=str(config.config_file()),
                              detail=exc.strerror or str(exc)) from exc
        _audit(s, actor, "admin.printers", at=now, entity_type="pc", entity_id=socket.gethostname()[:60],
               before=dict(before.__dict__), after=dict(choice.__dict__))
    return path


def sample_page_pdf(kind: str, *, ticket_width_mm: int = 80, printer_name: str = "", centre: str = "",
                  now: datetime | None = None) -> bytes:
    """A test page: kind "ticket" (a sample ticket on the roll) or "forms" (an A5 page with a frame)."""
    when = now or datetime.now().astimezone()
    if kind == "ticket":
        from counter_app.printing.ticket import TicketData, render_ticket

        return render_ticket(TicketData(
            centre_name=centre or "TRANG IN THỬ", number="A000", field_name="Trang in thử — máy in phiếu",
            issued_at=when, ahead=0, estimated_wait_minutes=0, qr_payload="counter_app test",
            note=f"Máy in: {printer_name or 'mặc định'} · khổ {ticket_width_mm} mm"), ticket_width_mm)
    if kind != "forms":
        raise ValueError(f"unknown test page kind {kind!r}")
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from counter_app.printing.fonts import register_fonts

    font = register_fonts()
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=A5, invariant=1)
    canv.setTitle("Trang in thử A5")
    width, height = A5
    canv.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)
    canv.setFont(font, 16)
    canv.drawCentredString(width / 2, height - 30 * mm, "TRANG IN THỬ — GIẤY TỜ A5")
    canv.setFont(font, 11)
    lines = [centre, f"Máy in: {printer_name or 'máy in mặc định của hệ thống'}",
             f"In lúc {to_local(when):%H:%M %d/%m/%Y}",
             "Khung viền cách mép giấy 10 mm ở cả bốn phía.",
             "Nếu khung bị mất hoặc lệch, hãy chỉnh lề trong trình điều khiển máy in.",
             "Tiếng Việt có dấu: Ắ Ằ Ẳ Ẵ Ặ ơ ư đ Đ ỹ ỵ"]
    y = height - 45 * mm
    for line in lines:
        if line:
            canv.drawCentredString(width / 2, y, line)
            y -= 7 * mm
    canv.showPage()
    canv.save()
    return buf.getvalue()


def site_name(svc: Services) -> str:
    with svc.reading() as s:
        return the_site(s).name
