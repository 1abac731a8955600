"""Who may use the supervisor console's services: a table of role × call → allowed / refused.

The check is in the services, so it holds for the window, the CLI and any script alike: an
officer is refused, a supervisor of this site is allowed, an admin too except moving a citizen's
ticket (a supervisor's decision), the database operator ("system") is refused, and a supervisor
of another site sees nothing of this one. Refused calls write nothing."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from counter_app.domain.errors import DomainError
from counter_app.domain.indicators import Period
from counter_app.services import accounts, queue, reports, supervisor
from counter_app.services.context import Actor
from counter_app.store.models import AuditEntry

from tests.helpers import KIOSK

PERIOD = Period(date(2026, 11, 1), date(2026, 11, 30))


def _calls(tmp_path: Path, field: str, number: str):
    return {
        "now_view": lambda svc, a: supervisor.now_view(svc, a),
        "dossier_list": lambda svc, a: supervisor.dossier_list(svc, a, "overdue"),
        "set_targets": lambda svc, a: supervisor.set_targets(svc, a, max_wait_minutes=12),
        "move_waiting_ticket": lambda svc, a: supervisor.move_waiting_ticket(svc, a, number, field, "test"),
        "set_counter_fields": lambda svc, a: supervisor.set_counter_fields(svc, a, 2, [field]),
        "broadcast_notice": lambda svc, a: supervisor.broadcast_notice(svc, a, "Hôm nay làm việc đến 17 giờ"),
        "report_06a": lambda svc, a: reports.report_06a(svc, a, PERIOD),
        "report_07a": lambda svc, a: reports.report_07a(svc, a, PERIOD),
        "drill_down": lambda svc, a: reports.drill_down(svc, a, PERIOD, by="field", key=None, measure="received"),
        "queue_report": lambda svc, a: reports.queue_report(svc, a, PERIOD),
        "officer_report": lambda svc, a: reports.officer_report(svc, a, PERIOD),
        "satisfaction_report": lambda svc, a: reports.satisfaction_report(svc, a, PERIOD),
        "reform_report": lambda svc, a: reports.reform_report(svc, a, PERIOD),
        "chart_data": lambda svc, a: reports.chart_data(svc, a, PERIOD),
        "period_report": lambda svc, a: reports.period_report(svc, a, PERIOD),
        "export_xlsx": lambda svc, a: reports.export_tables_xlsx(svc, a, PERIOD, ("06a",), tmp_path / f"{uuid.uuid4()}.xlsx"),
        "export_pdf": lambda svc, a: reports.export_period_pdf(svc, a, PERIOD, tmp_path / f"{uuid.uuid4()}.pdf"),
    }


@pytest.fixture
def actors(svc, demo):
    def sign_in(username, counter=None):
        return accounts.authenticate(svc, username, demo[username][0], counter)

    site_id = sign_in("giamsat").site_id
    return {
        "officer": sign_in("canbo1", 1),
        "supervisor": sign_in("giamsat"),
        "admin": sign_in("admin"),
        "system": Actor(None, "cli:test", "test", "system"),
        "other_site_supervisor": Actor(uuid.uuid4(), "giamsat2", "Giám sát khác", "supervisor", None, uuid.uuid4()),
        "nobody": None,
    }, site_id


EXPECTED = {"officer": "role_forbidden", "supervisor": None, "admin": None, "system": "role_forbidden",
            "other_site_supervisor": "site_forbidden", "nobody": "role_forbidden"}
# Calls where a role differs from its row above.
EXCEPTIONS = {("admin", "move_waiting_ticket"): "role_forbidden"}


def _audit_count(svc) -> int:
    with svc.reading() as s:
        return s.execute(sa.select(sa.func.count()).select_from(AuditEntry)).scalar_one()


@pytest.mark.parametrize("role", list(EXPECTED))
def test_role_table(svc, actors, tmp_path, role):
    people, _ = actors
    field = queue.list_fields(svc)[0].code
    calls = _calls(tmp_path, field, "")
    refused, allowed = [], []
    for name, call in calls.items():
        if name == "move_waiting_ticket":  # needs a ticket waiting for each call
            number = queue.issue_ticket(svc, field, actor=KIOSK).number
            call = _calls(tmp_path, field, number)[name]
        before = _audit_count(svc)
        try:
            call(svc, people[role])
        except DomainError as exc:
            refused.append((name, exc.code))
            assert _audit_count(svc) == before, f"{name} refused but wrote to the audit trail"
        else:
            allowed.append(name)
    expected = {name: EXCEPTIONS.get((role, name), EXPECTED[role]) for name in calls}
    assert allowed == [name for name in calls if expected[name] is None]
    assert refused == [(name, expected[name]) for name in calls if expected[name] is not None]


def test_refusal_message_tells_the_officer_what_is_needed(svc, actors):
    people, _ = actors
    with pytest.raises(DomainError) as caught:
        supervisor.now_view(svc, people["officer"])
    assert "giám sát" in caught.value.message("vi") and "supervisor" in caught.value.message("en")
    with pytest.raises(DomainError) as caught:
        reports.report_06a(svc, people["other_site_supervisor"], PERIOD)
    assert "trung tâm khác" in caught.value.message("vi")
