"""Kiosk tickets: the printed queue ticket (rendered for the roll and archived) and the kiosk's exit PIN.

``print_ticket`` renders the ticket of an issued number and archives the PDF like every
printed document (printing.archive_pdf, kind "ticket") and records the file and its SHA-256
in printed_document. The number itself is the record (queue.issue_ticket), and the kiosk calls queue.mark_printed
only once the printer has taken the job, so a failed print leaves the ticket issued and
reprintable.

Exit PIN of the kiosk, first found wins:
1. the site setting ``kiosk_pin`` (site.settings JSON, one PIN for every kiosk of the centre);
2. the environment variable ``COUNTER_APP_KIOSK_PIN`` on the kiosk PC;
3. none: there is deliberately no built-in default such as "0000" (a PIN printed in every
   manual protects nothing on a public screen); the kiosk then says how to set one.
A PIN is 4 to 12 digits (the kiosk's PIN pad has digits only); anything else is ignored
with a warning in the log.
"""

from __future__ import annotations

import logging
import math
import os
import re
from pathlib import Path
from typing import NamedTuple

import sqlalchemy as sa

from counter_app.domain.errors import DomainError
from counter_app.printing import TicketData, archive_pdf, render_ticket
from counter_app.services import authz
from counter_app.services.context import Actor, Services
from counter_app.services.queue import TicketInfo
from counter_app.services.setup import site_info
from counter_app.store.models import PrintedDocument, Site

log = logging.getLogger(__name__)

KIOSK_PIN_ENV = "COUNTER_APP_KIOSK_PIN"
KIOSK_PIN_SETTING = "kiosk_pin"
_PIN = re.compile(r"\d{4,12}")


class PrintedTicket(NamedTuple):
    """A rendered and archived ticket: what goes to the printer, and where the archive keeps it."""

    pdf: bytes
    path: Path
    sha256: str


def ticket_data(centre_name: str, ticket: TicketInfo) -> TicketData:
    """The printed content of an issued ticket (Vietnamese: tickets are official paper)."""
    minutes = math.ceil(ticket.estimated_wait.total_seconds() / 60)
    return TicketData(
        centre_name=centre_name.upper(),
        number=ticket.number,
        field_name=ticket.field_name,
        issued_at=ticket.issued_at,
        ahead=ticket.ahead,
        estimated_wait_minutes=max(0, minutes),
        priority_label=ticket.priority_label if ticket.priority else "",
    )


def print_ticket(svc: Services, ticket: TicketInfo, roll_mm: int = 80, *, actor: Actor) -> PrintedTicket:
    """Render the ticket for an 80 or 58 mm roll and archive the PDF; can be repeated (reprint)."""
    authz.require(actor, "queue.print_ticket")
    site = site_info(svc)
    if site is None:
        raise DomainError("site_not_initialized")
    pdf = render_ticket(ticket_data(site.name, ticket), roll_mm)
    now = svc.now()
    try:
        archived = archive_pdf(svc.archive_dir, "ticket", ticket.number, pdf, now)
    except OSError as exc:
        raise DomainError("archive_failed", path=str(svc.archive_dir), detail=exc.strerror or str(exc)) from exc
    with svc.transaction() as s:
        s.add(PrintedDocument(kind="ticket", dossier_id=None, path=str(archived.path), sha256=archived.sha256,
                              size=archived.size, printed_at=now, printed_by=actor.username))
    return PrintedTicket(pdf, archived.path, archived.sha256)


def _valid_pin(value: object, source: str) -> str | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    if _PIN.fullmatch(text):
        return text
    log.warning("kiosk exit PIN from %s ignored: it must be 4 to 12 digits", source)
    return None


def kiosk_exit_pin(svc: Services) -> str | None:
    """The PIN that lets an administrator close the kiosk; None when none is configured."""
    with svc.reading() as s:
        settings = s.execute(sa.select(Site.settings)).scalars().first() or {}
    return _valid_pin(settings.get(KIOSK_PIN_SETTING), f"site setting {KIOSK_PIN_SETTING}") or _valid_pin(
        os.environ.get(KIOSK_PIN_ENV), KIOSK_PIN_ENV
    )
