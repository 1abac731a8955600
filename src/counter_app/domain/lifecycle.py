"""The dossier's life after intake: the state machine on the national status codes 1–10.

DOMAIN §2: a received dossier is forwarded and processed; the resolving agency may ask for
supplements (the clock stops), ask for payment, stop, or produce the result; the citizen
may withdraw; the result is handed over at the counter. Every move is checked here; the
services record it (one transaction with its audit entry and outbox transition).
"""

from __future__ import annotations

from datetime import datetime

from counter_app.domain.errors import DomainError
from counter_app.domain.status import DossierStatus as S

TRANSITIONS: dict[S, frozenset[S]] = {
    # Submitted on the portal: the officer accepts, refuses, asks for supplements; or the citizen withdraws.
    S.REGISTERED_ONLINE: frozenset({S.RECEIVED, S.REFUSED, S.SUPPLEMENT_REQUESTED, S.WITHDRAWN}),
    # Received at the counter: forwarded (processing) or, for quick procedures, resolved on the spot.
    S.RECEIVED: frozenset({S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT, S.WITHDRAWN, S.STOPPED,
                           S.RESULT_READY}),
    S.PROCESSING: frozenset({S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT, S.WITHDRAWN, S.STOPPED, S.RESULT_READY}),
    # The citizen brought the papers: processing resumes (an online dossier never received goes to 2).
    S.SUPPLEMENT_REQUESTED: frozenset({S.RECEIVED, S.PROCESSING, S.WITHDRAWN, S.STOPPED}),
    S.AWAITING_PAYMENT: frozenset({S.PROCESSING, S.RESULT_READY, S.WITHDRAWN, S.STOPPED}),
    # A result found faulty goes back to processing; handing it over is the handover's job.
    S.RESULT_READY: frozenset({S.PROCESSING, S.RETURNED}),
    S.REFUSED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.STOPPED: frozenset(),
    S.RETURNED: frozenset(),
}

FINAL: frozenset[S] = frozenset(s for s, targets in TRANSITIONS.items() if not targets)

# Moves that must say why: the citizen (and a later complaint) is owed the reason.
REASON_REQUIRED: frozenset[S] = frozenset({S.REFUSED, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT, S.WITHDRAWN,
                                           S.STOPPED})

REASON_MAX_LENGTH = 1000


def allowed_targets(current: S) -> tuple[S, ...]:
    """The statuses a dossier in *current* may move to, in code order (handover excluded)."""
    return tuple(sorted(t for t in TRANSITIONS[S(current)] if t is not S.RETURNED))


def needs_reason(current: S, target: S) -> bool:
    return S(target) in REASON_REQUIRED or (S(current) is S.RESULT_READY and S(target) is S.PROCESSING)


def _labels(statuses: tuple[S, ...] | list[S], lang: str) -> str:
    return ", ".join(f"{int(s)} {s.label(lang)}" for s in statuses) or ("—" if lang == "en" else "—")


def check_transition(current: S, target: S, *, reason: str = "", via_handover: bool = False) -> None:
    """Refuse an illegal move with a message that says why and what is possible."""
    current, target = S(current), S(target)
    if target is S.RETURNED and current is S.RESULT_READY and not via_handover:
        raise DomainError("transition_needs_handover")
    if target not in TRANSITIONS[current]:
        if current in FINAL:
            raise DomainError("transition_from_final", current=current.label("vi"), current_en=current.label("en"),
                              target=target.label("vi"), target_en=target.label("en"))
        allowed = allowed_targets(current)
        raise DomainError(
            "transition_illegal",
            current=current.label("vi"), current_en=current.label("en"),
            target=target.label("vi"), target_en=target.label("en"),
            allowed=_labels(allowed, "vi"), allowed_en=_labels(allowed, "en"),
        )
    if needs_reason(current, target) and not reason.strip():
        raise DomainError("transition_reason_required", target=target.label("vi"), target_en=target.label("en"))
    if len(reason) > REASON_MAX_LENGTH:
        raise DomainError("reason_too_long", max=REASON_MAX_LENGTH)


def check_new_due(current_due: datetime, new_due: datetime, now: datetime) -> None:
    """An apology (form 04) gives a new return date later than the current one and than now."""
    if new_due.tzinfo is None or new_due.utcoffset() is None:
        raise DomainError("datetime_naive")
    if new_due <= current_due:
        raise DomainError("new_due_not_later")
    if new_due <= now:
        raise DomainError("new_due_past")
