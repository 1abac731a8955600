"""Who may call what. The supervisor console's services check the caller's role here, so a
hidden button is never the only guard (the CLI acts as role "system": the operator of the
database itself)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from counter_app.domain.errors import DomainError
from counter_app.services.context import Actor
from counter_app.services.setup import the_site

SUPERVISE = ("supervisor", "admin")
SYSTEM = "system"


def require_role(actor: Actor | None, roles: tuple[str, ...], action: str) -> None:
    """Refuse unless actor has one of roles (or is the system)."""
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
