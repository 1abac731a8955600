"""User accounts: password hashing (argon2) and sign-in."""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from counter_app.domain.errors import DomainError, FieldError, ValidationFailed
from counter_app.services.context import Actor, Services
from counter_app.services.journal import audit
from counter_app.store.models import Counter, Site, User

ROLES = ("officer", "supervisor", "admin")
MIN_PASSWORD_LENGTH = 8

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def generate_password() -> str:
    # Readable: no look-alike characters, since it is read off a terminal.
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


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
    if len(password) < MIN_PASSWORD_LENGTH:
        errors.append(FieldError("password", "password_too_short", {"min": MIN_PASSWORD_LENGTH}))
    if role not in ROLES:
        errors.append(FieldError("role", "role_invalid"))
    return errors


def add_user(session, site: Site, username: str, full_name: str, password: str, role: str, *, now, must_change: bool = False) -> User:
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
    )
    session.add(user)
    return user


def authenticate(svc: Services, username: str, password: str, counter_number: int | None) -> Actor:
    """Sign in. The same message for an unknown user and a wrong password (no user probing)."""
    now = svc.now()
    with svc.transaction() as s:
        user = s.execute(sa.select(User).where(User.username == username.strip())).scalar_one_or_none()
        ok = False
        if user is not None and user.active:
            try:
                ok = _hasher.verify(user.password_hash, password)
            except (VerificationError, InvalidHashError):
                ok = False
        if not ok:
            audit(s, None, "login.failed", at=now, entity_type="user", details={"username": username[:50]})
        elif counter_number is not None:
            counter = s.execute(
                sa.select(Counter).where(Counter.site_id == user.site_id, Counter.number == counter_number)
            ).scalar_one_or_none()
            if counter is None or not counter.active:
                raise DomainError("counter_unknown", number=counter_number)
        if ok:
            if _hasher.check_needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)
            actor = Actor(user.id, user.username, user.full_name, user.role, counter_number, user.site_id)
            audit(s, actor, "login", at=now, entity_type="user", entity_id=str(user.id))
            return actor
    raise DomainError("login_failed")
