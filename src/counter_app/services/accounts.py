"""User accounts: password hashing (argon2), the password policy, sign-in with lock-out.

Sign-in rules (issue 7):

- Passwords follow domain/passwords.check_password (10+ characters, letters and digits, not
  the user name, not a common password, a new one differs from the old one).
- An unknown user and a wrong password get the same message ("login_failed"), and cost the
  same argon2 check (no user probing). Consecutive failures of an existing account are
  counted with an atomic UPDATE (two failures at once both count); at the site's
  max_failed_logins the account is locked for lockout_minutes ("login_locked", saying until
  when), even against the right password. Each failure also waits failure_delay(n) seconds
  on the calling (worker) thread; tests replace the module attribute ``sleep``.
- An officer with an assigned counter signs in only there ("login_wrong_counter").
- A generated password (first administrator, reset by an administrator) must be changed at
  the next sign-in: sign_in() says so (SignIn.must_change_password); the windows ask for the
  new password before they open.

Site settings (site.settings["security"], see SecuritySettings): idle_lock_minutes,
max_failed_logins, lockout_minutes.
"""

from __future__ import annotations

import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from counter_app.domain.calendar import to_local
from counter_app.domain.errors import DomainError, FieldError, ValidationFailed
from counter_app.domain.passwords import MIN_LENGTH, check_password
from counter_app.services.context import Actor, Services
from counter_app.services.journal import audit
from counter_app.store.models import Counter, Site, User

ROLES = ("officer", "supervisor", "admin")
MIN_PASSWORD_LENGTH = MIN_LENGTH

_hasher = PasswordHasher()
# Checked when the user does not exist, so an unknown name costs the same time as a known one
# (made at the first use: hashing at import would slow every command-line start).
_dummy_hash: list[str] = []


def _dummy() -> str:
    if not _dummy_hash:
        _dummy_hash.append(_hasher.hash(secrets.token_urlsafe(16)))
    return _dummy_hash[0]

# Waiting after a wrong password: FAILURE_DELAY_STEP seconds per consecutive failure, at most
# FAILURE_DELAY_MAX. ``sleep`` is looked up at call time: tests replace it with a recorder.
FAILURE_DELAY_STEP = 0.5
FAILURE_DELAY_MAX = 3.0
sleep: Callable[[float], None] = time.sleep


def failure_delay(failures: int) -> float:
    """Seconds to wait after the n-th consecutive wrong password."""
    return min(FAILURE_DELAY_STEP * max(failures, 1), FAILURE_DELAY_MAX)


# -- settings -------------------------------------------------------------------------------

def _authz():
    # services.authz imports services.setup, which imports this module: import it when used.
    from counter_app.services import authz

    return authz


def _the_site(session) -> Site:
    site = session.execute(sa.select(Site)).scalars().first()
    if site is None:
        raise DomainError("site_not_initialized")
    return site


@dataclass(frozen=True)
class SecuritySettings:
    """site.settings["security"]. idle_lock_minutes 0 = the desk never locks by itself."""

    idle_lock_minutes: int = 5
    max_failed_logins: int = 5
    lockout_minutes: int = 15


SECURITY_LIMITS = {"idle_lock_minutes": (0, 240), "max_failed_logins": (1, 100), "lockout_minutes": (1, 1440)}


def security_settings_of(site: Site | None) -> SecuritySettings:
    raw = ((site.settings or {}).get("security") if site is not None else None) or {}
    values = {}
    for f in fields(SecuritySettings):
        low, high = SECURITY_LIMITS[f.name]
        try:
            value = int(raw.get(f.name, f.default))
        except (TypeError, ValueError):
            value = f.default
        values[f.name] = value if low <= value <= high else f.default
    return SecuritySettings(**values)


def security_settings(svc: Services) -> SecuritySettings:
    """The site's sign-in settings (defaults before the centre is set up)."""
    with svc.reading() as s:
        return security_settings_of(s.execute(sa.select(Site)).scalars().first())


def configure_security(svc: Services, actor: Actor | None, **changes: int) -> SecuritySettings:
    """Change some of the site's sign-in settings (administrators)."""
    _authz().require(actor, "admin.site")
    for name, value in changes.items():
        if name not in SECURITY_LIMITS:
            raise TypeError(f"unknown security setting {name!r}")
        low, high = SECURITY_LIMITS[name]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise DomainError("security_setting_range", setting=name, min=low, max=high)
    now = svc.now()
    with svc.transaction() as s:
        site = _the_site(s)
        before = security_settings_of(site)
        after = replace(before, **changes)
        site.settings = {**(site.settings or {}), "security": {f.name: getattr(after, f.name) for f in fields(after)}}
        audit(s, actor, "security.configure", at=now, entity_type="site", entity_id=str(site.id),
              details={"before": before.__dict__, "after": after.__dict__})
    return after


# -- passwords ------------------------------------------------------------------------------

def hash_password(password: str) -> str:
    return _hasher.hash(password)


def generate_password(username: str = "") -> str:
    """A random password that satisfies the policy (12 readable letters and digits)."""
    # Readable: no look-alike characters, since it is read off a terminal or a screen.
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789"
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(12))
        if not check_password(password, username=username):
            return password


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def check_new_account(username: str, full_name: str, password: str, role: str) -> list[FieldError]:
    errors: list[FieldError] = []
    if not username or not username.replace(".", "").replace("_", "").replace("-", "").isalnum() or not username.isascii():
        errors.append(FieldError("username", "username_invalid"))
    elif len(username) > 50:
        errors.append(FieldError("username", "too_long", {"max": 50}))
    if not full_name.strip():
        errors.append(FieldError("full_name", "required"))
    elif len(full_name) > 100:
        errors.append(FieldError("full_name", "too_long", {"max": 100}))
    errors += check_password(password, username=username)
    if role not in ROLES:
        errors.append(FieldError("role", "role_invalid"))
    return errors


def add_user(session, site: Site, username: str, full_name: str, password: str, role: str, *, now,
             must_change: bool = False, assigned_counter: int | None = None) -> User:
    """Create an account inside the caller's transaction (the password must follow the policy)."""
    errors = check_new_account(username, full_name, password, role)
    if errors:
        raise ValidationFailed(errors)
    if session.execute(sa.select(User.id).where(User.username == username)).first():
        raise ValidationFailed([FieldError("username", "username_taken")])
    user = User(
        site_id=site.id,
        username=username,
        full_name=full_name.strip(),
        password_hash=hash_password(password),
        role=role,
        active=True,
        must_change_password=must_change,
        created_at=now,
        failed_logins=0,
        password_changed_at=now,
        assigned_counter=assigned_counter,
    )
    session.add(user)
    return user


# -- sign-in --------------------------------------------------------------------------------

@dataclass(frozen=True)
class SignIn:
    """The result of a sign-in: who, and whether they must change their password first."""

    actor: Actor
    must_change_password: bool = False


@dataclass(frozen=True)
class _Account:
    id: uuid.UUID
    site_id: uuid.UUID
    username: str
    full_name: str
    role: str
    password_hash: str
    active: bool
    must_change_password: bool
    locked_until: datetime | None
    assigned_counter: int | None


def _format_until(until: datetime, now: datetime) -> str:
    """"10:42" today, "10:42 27/11/2026" another day (local time)."""
    local, today = to_local(until), to_local(now).date()
    return local.strftime("%H:%M") if local.date() == today else local.strftime("%H:%M %d/%m/%Y")


def _locked_error(until: datetime, now: datetime) -> DomainError:
    return DomainError("login_locked", until=_format_until(until, now))


def _load(svc: Services, username: str) -> tuple[_Account | None, SecuritySettings]:
    with svc.reading() as s:
        user = s.execute(sa.select(User).where(User.username == username)).scalar_one_or_none()
        site = s.execute(sa.select(Site)).scalars().first()
        settings = security_settings_of(site)
        if user is None:
            return None, settings
        return _Account(
            id=user.id, site_id=user.site_id, username=user.username, full_name=user.full_name, role=user.role,
            password_hash=user.password_hash, active=bool(user.active),
            must_change_password=bool(user.must_change_password), locked_until=user.locked_until,
            assigned_counter=user.assigned_counter,
        ), settings


def _record_failure(svc: Services, account: _Account | None, settings: SecuritySettings,
                    now: datetime, reason: str) -> tuple[int, datetime | None]:
    """Count one failure (atomically) and lock the account at the limit. Returns (failures, locked_until)."""
    table = User.__table__
    with svc.transaction() as s:
        if account is None or not account.active:
            # Not an account that can sign in: nothing to count. The typed name is not kept (it
            # may well be a password typed in the wrong box).
            audit(s, None, "login.failed", at=now, entity_type="user",
                  details={"reason": "unknown_user" if account is None else "inactive"})
            return 1, None
        failures = int(s.execute(
            sa.update(table).where(table.c.id == account.id)
            .values(failed_logins=sa.func.coalesce(table.c.failed_logins, 0) + 1)
            .returning(table.c.failed_logins)
        ).scalar_one())
        audit(s, None, "login.failed", at=now, entity_type="user", entity_id=str(account.id),
              details={"username": account.username, "reason": reason, "failures": failures})
        locked_until = None
        if failures >= settings.max_failed_logins:
            locked_until = now + timedelta(minutes=settings.lockout_minutes)
            # The counter starts again for the attempts after the lock-out.
            s.execute(sa.update(table).where(table.c.id == account.id)
                      .values(locked_until=locked_until, failed_logins=0))
            audit(s, None, "login.locked", at=now, entity_type="user", entity_id=str(account.id),
                  details={"username": account.username, "failures": failures, "until": locked_until.isoformat(),
                           "minutes": settings.lockout_minutes})
        return failures, locked_until


def _check_password_of(svc: Services, username: str, password: str, now: datetime,
                       reason: str = "wrong_password") -> tuple[_Account, SecuritySettings]:
    """The account if ``password`` is right and the account may sign in; else DomainError
    login_failed / login_locked (after counting the failure and waiting)."""
    account, settings = _load(svc, username.strip())
    if account is not None and account.active and account.locked_until is not None and account.locked_until > now:
        with svc.transaction() as s:
            audit(s, None, "login.failed", at=now, entity_type="user", entity_id=str(account.id),
                  details={"username": account.username, "reason": "locked"})
        raise _locked_error(account.locked_until, now)
    usable = account is not None and account.active
    ok = _verify(account.password_hash if usable else _dummy(), password) and usable
    if ok:
        assert account is not None
        return account, settings
    failures, locked_until = _record_failure(svc, account, settings, now, reason)
    sleep(failure_delay(failures))  # the worker thread waits, never the window
    if locked_until is not None:
        raise _locked_error(locked_until, now)
    raise DomainError("login_failed")


def _succeeded(s, account: _Account, password: str, now: datetime) -> None:
    """Reset the failure count, unless a concurrent failure locked the account meanwhile."""
    table = User.__table__
    result = s.execute(
        sa.update(table)
        .where(table.c.id == account.id, sa.or_(table.c.locked_until.is_(None), table.c.locked_until <= now))
        .values(failed_logins=0, locked_until=None)
    )
    if result.rowcount == 0:
        until = s.execute(sa.select(table.c.locked_until).where(table.c.id == account.id)).scalar_one_or_none()
        raise _locked_error(until or now, now)
    if _hasher.check_needs_rehash(account.password_hash):
        s.execute(sa.update(table).where(table.c.id == account.id).values(password_hash=hash_password(password)))


def sign_in(svc: Services, username: str, password: str, counter_number: int | None) -> SignIn:
    """Sign in at a counter (None: a window without a counter, such as the supervisor console)."""
    now = svc.now()
    account, _settings = _check_password_of(svc, username, password, now)
    if counter_number is not None:
        with svc.reading() as s:
            counter = s.execute(
                sa.select(Counter).where(Counter.site_id == account.site_id, Counter.number == counter_number)
            ).scalar_one_or_none()
            if counter is None or not counter.active:
                raise DomainError("counter_unknown", number=counter_number)
        if account.role == "officer" and account.assigned_counter not in (None, counter_number):
            with svc.transaction() as s:
                audit(s, None, "login.failed", at=now, entity_type="user", entity_id=str(account.id),
                      details={"username": account.username, "reason": "wrong_counter", "counter": counter_number,
                               "assigned_counter": account.assigned_counter})
            raise DomainError("login_wrong_counter", username=account.username, assigned=account.assigned_counter,
                              number=counter_number)
    actor = Actor(account.id, account.username, account.full_name, account.role, counter_number, account.site_id)
    with svc.transaction() as s:
        _succeeded(s, account, password, now)
        audit(s, actor, "login", at=now, entity_type="user", entity_id=str(account.id),
              details={"must_change_password": True} if account.must_change_password else None)
    return SignIn(actor, account.must_change_password)


def authenticate(svc: Services, username: str, password: str, counter_number: int | None) -> Actor:
    """sign_in() for callers that only need the Actor. The caller must still honour
    must_change_password (the windows use sign_in(); see also must_change_password())."""
    return sign_in(svc, username, password, counter_number).actor


def must_change_password(svc: Services, actor: Actor) -> bool:
    with svc.reading() as s:
        user = s.get(User, actor.user_id) if actor.user_id is not None else None
        return bool(user is not None and user.must_change_password)


def verify_password(svc: Services, actor: Actor, password: str) -> None:
    """Unlock the idle-locked desk of ``actor``: their own password, under the same lock-out rules."""
    now = svc.now()
    account, _ = _check_password_of(svc, actor.username, password, now, reason="unlock_wrong_password")
    if account.id != actor.user_id:  # renamed meanwhile: not the same person any more
        raise DomainError("login_failed")
    with svc.transaction() as s:
        _succeeded(s, account, password, now)
        audit(s, actor, "login.unlock", at=now, entity_type="user", entity_id=str(account.id))


def record_idle_lock(svc: Services, actor: Actor, minutes: int) -> None:
    """The audit trail notes that ``actor``'s desk locked itself after ``minutes`` without input."""
    now = svc.now()
    with svc.transaction() as s:
        audit(s, actor, "login.idle_lock", at=now, entity_type="user",
              entity_id=str(actor.user_id) if actor.user_id else "", details={"minutes": minutes})


# -- changing passwords ---------------------------------------------------------------------

def change_password(svc: Services, username_or_actor: str | Actor, old: str, new: str) -> None:
    """A user changes their own password: the current one (lock-out rules apply) and a new one
    that follows the policy. Clears must_change_password.

    Raises ValidationFailed (field "password": the policy), DomainError password_old_wrong,
    login_locked.
    """
    username = username_or_actor.username if isinstance(username_or_actor, Actor) else str(username_or_actor)
    username = username.strip()
    errors = check_password(new, username=username, old_password=old)
    if errors:  # before the current password is checked: a refused new one costs no attempt
        raise ValidationFailed(errors)
    now = svc.now()
    try:
        account, _ = _check_password_of(svc, username, old, now, reason="change_wrong_password")
    except DomainError as error:
        if error.code == "login_failed":
            raise DomainError("password_old_wrong") from None
        raise
    if isinstance(username_or_actor, Actor) and username_or_actor.user_id not in (None, account.id):
        raise DomainError("password_old_wrong")
    with svc.transaction() as s:
        user = s.get(User, account.id)
        if user is None:
            raise DomainError("account_not_found")
        user.password_hash = hash_password(new)
        user.must_change_password = False
        user.password_changed_at = now
        user.failed_logins = 0
        user.locked_until = None
        who = username_or_actor if isinstance(username_or_actor, Actor) else Actor(
            user.id, user.username, user.full_name, user.role, None, user.site_id)
        audit(s, who, "password.change", at=now, entity_type="user", entity_id=str(user.id),
              details={"was_required": bool(account.must_change_password)})


def _admin_target(s, actor: Actor, action: str, user_id: uuid.UUID) -> User:
    _authz().require(actor, action)
    _authz().require_site(s, actor)
    user = s.get(User, user_id)
    if user is None:
        raise DomainError("account_not_found")
    return user


def reset_password(svc: Services, actor: Actor, user_id: uuid.UUID) -> str:
    """An administrator gives a user a new generated password, to be changed at the next
    sign-in; the lock-out is lifted. Returns the temporary password (shown once, never stored)."""
    _authz().require(actor, "admin.users")
    now = svc.now()
    with svc.transaction() as s:
        user = _admin_target(s, actor, "admin.users", user_id)
        password = generate_password(user.username)
        user.password_hash = hash_password(password)
        user.must_change_password = True
        user.password_changed_at = now
        user.failed_logins = 0
        user.locked_until = None
        audit(s, actor, "user.password_reset", at=now, entity_type="user", entity_id=str(user.id),
              details={"username": user.username})
    return password


def unlock(svc: Services, actor: Actor, user_id: uuid.UUID) -> None:
    """An administrator lifts a lock-out (and clears the failure count)."""
    _authz().require(actor, "admin.users")
    now = svc.now()
    with svc.transaction() as s:
        user = _admin_target(s, actor, "admin.users", user_id)
        was = user.locked_until
        user.failed_logins = 0
        user.locked_until = None
        audit(s, actor, "user.unlock", at=now, entity_type="user", entity_id=str(user.id),
              details={"username": user.username, "was_locked": bool(was is not None and was > now)})
