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

OFFICER = "officer"
SUPERVISOR = "supervisor"
ADMIN = "admin"
KIOSK = "kiosk"
RATING = "rating"
SYSTEM = "system"

PEOPLE = (OFFICER, SUPERVISOR, ADMIN)
DEVICES = (KIOSK, RATING)

# People's roles nest: a supervisor may also work a counter, and so may the administrator
# (in a one-desk centre the person who set it up is also the one at the counter; every
# action is in the audit trail under their name either way).
DESK = frozenset({OFFICER, SUPERVISOR, ADMIN})
SUPERVISE = frozenset({SUPERVISOR, ADMIN})
ADMINISTER = frozenset({ADMIN})
OPERATOR = frozenset({SYSTEM, ADMIN})

DESK_OR_KIOSK = frozenset({OFFICER, SUPERVISOR, ADMIN, KIOSK})
SUPERVISOR_ONLY = frozenset({SUPERVISOR})

# action -> roles allowed. Keep the names "<area>.<verb>"; every service action is listed.
PERMISSIONS: dict[str, frozenset[str]] = {
    # --- audit trail -----------------------------------------------------------------------
    "audit.browse": SUPERVISE,
    "audit.export": SUPERVISE,
    "audit.verify": frozenset({SYSTEM, SUPERVISOR, ADMIN}),
    # --- administration --------------------------------------------------------------------
    "admin.users": ADMINISTER,
    "admin.counters": ADMINISTER,
    "admin.fields": ADMINISTER,  # also queue.configure_field (prefix, number range, kiosk offer)
    "admin.catalog": ADMINISTER,  # also catalog.import_catalog
    "admin.holidays": ADMINISTER,
    "admin.site": ADMINISTER,
    "admin.printers": ADMINISTER,
    "admin.backup": OPERATOR,
    # --- roles (issue 7) -------------------------------------------------------------------
    # The kiosk hands out numbers; a desk may issue one for a citizen who cannot use it.
    "queue.issue_ticket": DESK_OR_KIOSK,
    "queue.print_ticket": DESK_OR_KIOSK,
    # Only the kiosk prints tickets, so only it marks them printed.
    "queue.mark_printed": frozenset({KIOSK}),
    # The citizen rates on the counter's tablet; a person must not type ratings in.
    "queue.rate": frozenset({RATING}),
    # Desk work at a counter: an officer needs their counter (at_counter); admin is not desk staff.
    "queue.call_next": DESK,
    "queue.call_specific": DESK,
    "queue.recall": DESK,
    "queue.no_show": DESK,
    "queue.start": DESK,
    "queue.finish": DESK,
    "queue.transfer": DESK,
    "queue.counter_state": DESK,
    # Moving someone else's place in the queue is the supervisor's decision, not administration.
    "queue.move": SUPERVISOR_ONLY,
    # Which fields a counter serves, and the hall notice: the supervisor by day, the admin at set-up.
    "queue.counter_fields": SUPERVISE,
    "queue.display_notice": SUPERVISE,
    # Expiring yesterday's tickets is housekeeping of the database.
    "queue.expire": OPERATOR,
    # Dossiers are handled at the desk; the admin does no desk work nor reads personal records.
    "dossier.receive": DESK,
    "dossier.decline": DESK,
    "dossier.reopen": DESK,
    "dossier.transition": DESK,
    "dossier.withdraw": DESK,
    "dossier.apology": DESK,
    "dossier.forward": DESK,
    "dossier.handoff": DESK,
    "dossier.handover_check": DESK,
    "dossier.handover": DESK,
    "dossier.view": DESK,
    # The online inbox is desk work too (verification of papers, receipt at a counter).
    "inbox.list": DESK,
    "inbox.accept": DESK,
    "inbox.supplement": DESK,
    "inbox.refuse": DESK,
    # Printed forms and the register carry personal data: the desk prints them.
    "document.receipt": DESK,
    "document.form": DESK,
    "document.forward_list": DESK,
    "document.register": DESK,
    # A change the central system refused is put right by the desk that made it, or escalated;
    # a restore from backup is acknowledged by the supervisor.
    "sync.issue.resubmit": DESK,
    "sync.issue.accept_server": DESK,
    "sync.issue.escalate": DESK,
    "sync.issue.acknowledge": SUPERVISE,
    # The console: live view, masked lists, targets, aggregate reports; the admin shares it to
    # see the counters and fields they configure.
    "supervisor.view": SUPERVISE,
    "supervisor.dossiers": SUPERVISE,
    "supervisor.targets": SUPERVISE,
    "report.06a": SUPERVISE,
    "report.07a": SUPERVISE,
    "report.drill_down": SUPERVISE,
    "report.indicators": SUPERVISE,
    "report.queue": SUPERVISE,
    "report.officers": SUPERVISE,
    "report.satisfaction": SUPERVISE,
    "report.reform": SUPERVISE,
    "report.charts": SUPERVISE,
    "report.period": SUPERVISE,
    "report.tables": SUPERVISE,
    "report.export": SUPERVISE,
}

# Who asks and who may, in the refusal message ("…it is for supervisor or administrator accounts").
ROLE_NAMES: dict[str, tuple[str, str]] = {
    OFFICER: ("cán bộ tiếp nhận", "reception officer"),
    SUPERVISOR: ("giám sát", "supervisor"),
    ADMIN: ("quản trị", "administrator"),
    KIOSK: ("máy lấy số", "ticket kiosk"),
    RATING: ("máy đánh giá", "rating tablet"),
    SYSTEM: ("vận hành cơ sở dữ liệu", "database operator"),
}
_ROLE_ORDER = (OFFICER, SUPERVISOR, ADMIN, KIOSK, RATING, SYSTEM)


def _names(roles, lang: int, joiner: str) -> str:
    names = [ROLE_NAMES[r][lang] for r in _ROLE_ORDER if r in roles]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + joiner + names[-1]


def forbidden(actor: Actor | None, action: str) -> DomainError:
    """The refusal: which action, who is asking, and which account may do it."""
    roles = PERMISSIONS.get(action, frozenset())
    role = actor.role if actor is not None else ""
    who = ROLE_NAMES.get(role, (role, role)) if role else ("chưa đăng nhập", "not signed in")
    return DomainError("role_forbidden", action=action, role=role, who=who[0], who_en=who[1],
                       need=_names(roles, 0, " hoặc ") or "không tài khoản nào",
                       need_en=_names(roles, 1, " or ") or "no account")


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
        raise forbidden(actor, action)
    return actor


def at_counter(actor: Actor | None, action: str) -> Actor:
    """require(), and an officer must be at their counter (signed in with its number)."""
    require(actor, action)
    assert actor is not None
    if actor.role == OFFICER and actor.counter_number is None:
        raise DomainError("counter_required")
    return actor


def require_role(actor: Actor | None, roles: tuple[str, ...] | frozenset[str], action: str) -> None:
    """Refuse unless actor has one of roles (older call sites; prefer require())."""
    if actor is None or actor.role not in roles:
        error = forbidden(actor, action)
        if action not in PERMISSIONS:  # name the roles asked for here
            error.params.update(need=_names(roles, 0, " hoặc "), need_en=_names(roles, 1, " or "))
        raise error


def require_site(session: Session, actor: Actor) -> None:
    """A user sees only their own site's data."""
    from counter_app.services.setup import the_site  # setup imports services that import authz

    if actor.site_id is not None and actor.site_id != the_site(session).id:
        raise DomainError("site_forbidden")


def supervising(session: Session, actor: Actor | None, action: str) -> None:
    """The supervisor console's guard: the roles of action in PERMISSIONS (supervisor or admin
    when the action is not listed), of this site."""
    if action in PERMISSIONS:
        require(actor, action)
    else:
        require_role(actor, SUPERVISE, action)
    assert actor is not None
    require_site(session, actor)
