"""Who may call what. Every service that changes something, or shows a full personal record,
asks here first, so a hidden button is never the only guard and the CLI gets the same answer
as the GUI.

Roles of people: officer (the desk, at the counter they are assigned to), supervisor (the
console, reports, queue moves), admin (users, counters, fields, catalog, holidays, centre
identity, printers). Roles of devices: kiosk (issues tickets), rating (records a citizen's
satisfaction). "system" is the operator of the database itself (init, migrations, backups,
the sync worker): it may do the OPERATOR actions and nothing else.

The table PERMISSIONS is the single source of truth; tests/services/test_authz_table.py
checks every row of it against the real services.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from counter_app.domain.errors import DomainError
from counter_app.services.context import Actor
from counter_app.services.setup import the_site

OFFICER = "officer"
SUPERVISOR = "supervisor"
ADMIN = "admin"
KIOSK = "kiosk"
RATING = "rating"
SYSTEM = "system"

PEOPLE = (OFFICER, SUPERVISOR, ADMIN)
DEVICES = (KIOSK, RATING)

DESK = frozenset({OFFICER, SUPERVISOR})
SUPERVISE = frozenset({SUPERVISOR, ADMIN})
ADMINISTER = frozenset({ADMIN})
OPERATOR = frozenset({SYSTEM, ADMIN})

# action -> roles allowed. Keep the names "<area>.<verb>"; every service action is listed.
PERMISSIONS: dict[str, frozenset[str]] = {
    # --- audit trail -----------------------------------------------------------------------
    "audit.browse": SUPERVISE,
    "audit.export": SUPERVISE,
    "audit.verify": frozenset({SYSTEM, SUPERVISOR, ADMIN}),
    # --- administration --------------------------------------------------------------------
    "admin.users": ADMINISTER,
    "admin.counters": ADMINISTER,
    "admin.fields": ADMINISTER,
    "admin.catalog": ADMINISTER,
    "admin.holidays": ADMINISTER,
    "admin.site": ADMINISTER,
    "admin.printers": ADMINISTER,
    "admin.backup": OPERATOR,
}


def device(role: str, name: str = "") -> Actor:
    """The actor of an unattended device window (kiosk, rating tablet)."""
    return Actor(user_id=None, username=f"{role}:{name}"[:50] if name else role, full_name=name or role, role=role)


def operator(name: str) -> Actor:
    """The operator of the database itself (CLI init, db, sync worker)."""
    return Actor(user_id=None, username=f"cli:{name}"[:50], full_name=name, role=SYSTEM)


def allowed(role: str, action: str) -> bool:
    """Whether role may do action (an unknown action is refused: fail closed)."""
    return role in PERMISSIONS.get(action, frozenset())


def require(actor: Actor | None, action: str) -> Actor:
    """Refuse unless actor's role may do action. Returns the actor (never None)."""
    if actor is None or not allowed(actor.role, action):
        raise DomainError("role_forbidden", action=action, role=actor.role if actor else "")
    return actor


def require_role(actor: Actor | None, roles: tuple[str, ...] | frozenset[str], action: str) -> None:
    """Refuse unless actor has one of roles (older call sites; prefer require())."""
    # Transitional: the CLI still acts as "system"; the roles work removes this bypass.
    if actor is None or (actor.role != SYSTEM and actor.role not in roles):
        raise DomainError("role_forbidden", action=action, role=actor.role if actor else "")


def require_site(session: Session, actor: Actor) -> None:
    """A user sees only their own site's data."""
    if actor.site_id is not None and actor.site_id != the_site(session).id:
        raise DomainError("site_forbidden")


def supervising(session: Session, actor: Actor | None, action: str) -> None:
    """The supervisor console's guard: supervisor or admin of this site."""
    require_role(actor, SUPERVISE, action)
    assert actor is not None
    require_site(session, actor)
