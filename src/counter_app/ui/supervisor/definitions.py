"""What each figure of the console means: the text of docs/INDICATORS.md, shown by the "?"
button beside a figure or a table. Change both together (the Vietnamese text is in
resources/translations/counter_app_supervisor_vi.ts)."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate  # lupdate reads the translate("Definitions", "...") calls

Lines = list[tuple[str, str]]  # (term, meaning); an empty term is a paragraph


def _period() -> str:
    return translate("Definitions", "Periods are local business dates (Hà Nội time), both days included.")


def _dossier_report(by_what: str) -> Lines:
    return [
        ("", by_what),
        ("", translate(
            "Definitions",
            "A dossier counts once it has been received: it has a receipt time and is neither status 1 "
            "(registered online, not yet received) nor status 3 (not accepted).")),
        (translate("Definitions", "Carried over"), translate(
            "Definitions",
            "Received before the period and, at the start of the period, neither resolved nor withdrawn or "
            "stopped.")),
        (translate("Definitions", "Online"), translate(
            "Definitions", "Received in the period through the online channel.")),
        (translate("Definitions", "In person or by post"), translate(
            "Definitions", "Received in the period at the counter or by public post.")),
        (translate("Definitions", "Total received"), translate(
            "Definitions", "Carried over + online + in person or by post.")),
        (translate("Definitions", "Resolved early"), translate(
            "Definitions",
            "Result ready in the period (status 9; for a dossier handed over without that time, the hand-over "
            "time) on an earlier date than the due date in force.")),
        (translate("Definitions", "Resolved on time"), translate(
            "Definitions", "Result ready in the period on the due date, not after its time.")),
        (translate("Definitions", "Resolved late"), translate(
            "Definitions", "Result ready in the period after the due date and time in force.")),
        (translate("Definitions", "In progress, within the deadline"), translate(
            "Definitions",
            "Received by the end of the period, not resolved, withdrawn or stopped by then, and not past its due "
            "date in force at the end of the period — or paused waiting for the citizen's supplements (status 5: "
            "the clock is stopped).")),
        (translate("Definitions", "In progress, overdue"), translate(
            "Definitions", "The same, but past its due date in force.")),
        (translate("Definitions", "Withdrawn or stopped"), translate(
            "Definitions", "Withdrawn (7) or stopped (8) during the period: neither resolved nor in progress.")),
        (translate("Definitions", "On-time rate"), translate(
            "Definitions", "(Early + on time) / resolved; “—” when nothing was resolved.")),
        ("", translate(
            "Definitions",
            "The end of a period that has not finished yet is now. The due date in force is the one after any "
            "apology (form 04) and supplement pauses. Always: received = resolved + in progress + withdrawn or "
            "stopped.")),
        ("", translate("Definitions", "Double-click a number to list the dossiers behind it.")),
        ("", _period()),
    ]


def _reform() -> Lines:
    return [
        ("", translate(
            "Definitions",
            "The province's administrative reform targets (DOMAIN §8): the actual figure of the period beside the "
            "2025 and 2030 targets. Green: the target is met; red: not yet.")),
        (translate("Definitions", "Online share"), translate(
            "Definitions",
            "Dossiers received in the period through the online channel / all received in the period. Targets: "
            "at least 50 % (2025), 70 % (2030).")),
        (translate("Definitions", "Digital-signature share"), translate(
            "Definitions",
            "Procedures of the catalog offering an online service (full or partial) marked as using digital "
            "signatures / procedures offering an online service. Targets: 20 % (2025), 50 % (2030).")),
        (translate("Definitions", "Electronic-dossier share"), translate(
            "Definitions",
            "Dossiers received in the period handled as electronic dossiers (received online, or digitised at the "
            "counter) / all received. Targets: 70 % (2025), 90 % (2030).")),
        (translate("Definitions", "National portal integration"), translate(
            "Definitions",
            "Procedures in force marked as integrated with the National Public Service Portal / procedures in "
            "force. Targets: 70 % (2025), 100 % (2030).")),
        (translate("Definitions", "On-time rate"), translate(
            "Definitions", "As in reports 06a and 07a, for the whole centre.")),
        (translate("Definitions", "Electronic ISO"), translate(
            "Definitions", "Not measurable at the counter; shown as “not measured”.")),
    ]


def _queue() -> Lines:
    return [
        (translate("Definitions", "Issued"), translate(
            "Definitions", "Tickets issued in the period (by business day).")),
        (translate("Definitions", "Served"), translate("Definitions", "Tickets finished (status done).")),
        (translate("Definitions", "No-show"), translate("Definitions", "Tickets called and marked absent.")),
        (translate("Definitions", "Expired"), translate(
            "Definitions", "Tickets still waiting when their business day ended.")),
        (translate("Definitions", "Wait"), translate(
            "Definitions", "First call − issue time, over the tickets that were called.")),
        (translate("Definitions", "Within target"), translate(
            "Definitions", "Share of the called tickets whose wait was at most the field's wait target.")),
        (translate("Definitions", "Walk"), translate(
            "Definitions", "Service start − last call (the citizen walking to the counter).")),
        (translate("Definitions", "Service"), translate(
            "Definitions", "Finish − service start, over the served tickets.")),
        ("", _period()),
    ]


def _officers() -> Lines:
    return [
        ("", translate(
            "Definitions",
            "The queue figures of each officer over the period (see the queue definitions), with the dossiers "
            "they received and the ratings citizens gave them.")),
        (translate("Definitions", "Idle"), translate(
            "Definitions",
            "The gaps between finishing a ticket and calling the next one, on the same day, each gap under one "
            "hour (a longer gap is a break or a closed counter, not idle time at an open counter).")),
        (translate("Definitions", "Dissatisfied"), translate(
            "Definitions", "Ratings below the satisfied half of the scale.")),
        ("", _period()),
    ]


def _satisfaction() -> Lines:
    return [
        ("", translate(
            "Definitions",
            "Shares of each level of the centre's rating scale (best first) among the ratings given in the "
            "period.")),
        (translate("Definitions", "Satisfied"), translate(
            "Definitions", "The upper half of the scale: 2–3 on a 3-level scale, 4–5 on a 5-level scale.")),
        (translate("Definitions", "Other scale"), translate(
            "Definitions",
            "Ratings given on a scale the centre no longer uses are counted apart, not mixed in.")),
        (translate("Definitions", "Comments"), translate(
            "Definitions", "The reasons citizens gave, newest first.")),
        ("", _period()),
    ]


def _fields_now() -> Lines:
    return [
        (translate("Definitions", "Waiting"), translate("Definitions", "Tickets of today waiting now.")),
        (translate("Definitions", "Longest wait"), translate(
            "Definitions", "Now − queue time of the oldest waiting ticket.")),
        (translate("Definitions", "Estimated wait"), translate(
            "Definitions",
            "As shown on the kiosk ticket: the field's recent average service time × people ahead / open "
            "counters serving the field.")),
        (translate("Definitions", "Colours"), translate(
            "Definitions",
            "A wait at 80 % of its target is amber, past its target red. Targets: the centre's settings "
            "(15 minutes by default, or the field's own).")),
    ]


def _counters_now() -> Lines:
    return [
        (translate("Definitions", "State"), translate(
            "Definitions", "Serving (a ticket called or in service), free (open, nobody in service), paused, "
            "closed.")),
        (translate("Definitions", "Serving for"), translate("Definitions", "Since the ticket was called.")),
        (translate("Definitions", "Colours"), translate(
            "Definitions",
            "A service time at 80 % of its target is amber, past its target red (20 minutes by default, or the "
            "field's own target).")),
    ]


def _dossier_lists() -> Lines:
    return [
        (translate("Definitions", "Due today"), translate(
            "Definitions",
            "The due date in force is today and the dossier is not returned or closed (a paused dossier due "
            "today is listed).")),
        (translate("Definitions", "Overdue"), translate(
            "Definitions",
            "Being resolved (status 2, 4 or 6) and past its due date in force. A dossier waiting for supplements "
            "(5) is paused, not overdue.")),
        (translate("Definitions", "Waiting for supplements"), translate(
            "Definitions", "Status 5: the citizen was asked to complete the dossier (form 02).")),
        (translate("Definitions", "Results not collected"), translate(
            "Definitions", "Status 9 (result ready) for more than N calendar days (5 by default).")),
    ]


def _alerts() -> Lines:
    return [
        ("", translate(
            "Definitions",
            "Red first: a field whose longest wait is past its target, a counter serving past its target, "
            "dossiers past their due date, results not collected, people waiting with no open counter for their "
            "field. Amber: at 80 % of the target.")),
    ]


def _charts() -> Lines:
    return [
        (translate("Definitions", "Arrivals and staffed counters"), translate(
            "Definitions",
            "Bars: tickets issued in each hour, average per working day of the period. Line: distinct counters "
            "that called a ticket in that hour, average per working day. Where the bars rise above the line, "
            "open more counters at that hour.")),
        (translate("Definitions", "Waiting time distribution"), translate(
            "Definitions", "Called tickets by their wait (first call − issue time), in 5-minute steps.")),
        (translate("Definitions", "On-time rate by week"), translate(
            "Definitions", "(Early + on time) / resolved, per week (Monday to Sunday).")),
        (translate("Definitions", "Heat map"), translate(
            "Definitions",
            "Tickets issued per weekday and hour over the period, for one field or all: the darker the cell, the "
            "more arrivals.")),
        ("", _period()),
    ]


def _06a() -> Lines:
    return _dossier_report(translate(
        "Definitions",
        "One line per resolving agency recorded on the dossier (its lead agency; none = the centre itself)."))


def _07a() -> Lines:
    return _dossier_report(translate("Definitions", "One line per field (lĩnh vực) of the dossier's procedure."))


# key → (title, lines); functions, so the texts are translated when shown.
DEFINITIONS: dict[str, tuple[Callable[[], str], Callable[[], Lines]]] = {
    "06a": (lambda: translate("Definitions", "Report II.06a — dossiers by resolving unit"), _06a),
    "07a": (lambda: translate("Definitions", "Report II.07a — dossiers by field"), _07a),
    "reform": (lambda: translate("Definitions", "Reform targets"), _reform),
    "queue": (lambda: translate("Definitions", "Queue figures"), _queue),
    "officers": (lambda: translate("Definitions", "Figures per officer"), _officers),
    "satisfaction": (lambda: translate("Definitions", "Citizen satisfaction"), _satisfaction),
    "fields_now": (lambda: translate("Definitions", "Queues now"), _fields_now),
    "counters_now": (lambda: translate("Definitions", "Counters now"), _counters_now),
    "dossier_lists": (lambda: translate("Definitions", "Dossier lists"), _dossier_lists),
    "alerts": (lambda: translate("Definitions", "Alerts"), _alerts),
    "charts": (lambda: translate("Definitions", "Charts"), _charts),
}


def definition_title(key: str) -> str:
    return DEFINITIONS[key][0]()


def definition_lines(key: str) -> Lines:
    return DEFINITIONS[key][1]()


def definition_html(key: str) -> str:
    """The definition as rich text (a heading, paragraphs, and a table of terms)."""
    parts = [f"<h3>{html.escape(definition_title(key))}</h3>"]
    rows: list[str] = []

    def flush() -> None:
        if rows:
            parts.append("<table cellspacing='0' cellpadding='4'>" + "".join(rows) + "</table>")
            rows.clear()

    for term, text in definition_lines(key):
        if term:
            rows.append(f"<tr><td valign='top' width='32%'><b>{html.escape(term)}</b></td>"
                        f"<td valign='top'>{html.escape(text)}</td></tr>")
        else:
            flush()
            parts.append(f"<p>{html.escape(text)}</p>")
    flush()
    return "".join(parts)
