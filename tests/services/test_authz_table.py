"""Who may call what: every action of services/authz.PERMISSIONS × every role, against the
REAL service function, on SQLite and PostgreSQL.

allowed → the call succeeds (the set-up makes it possible);
refused → DomainError "role_forbidden" and nothing was written: every table's row count, the
mutable state of the site (settings, fields, counters, tickets, dossiers, sync issues) and the
files under the archive / export folders are the same before and after.

Plus two completeness checks, so a new service cannot forget its guard: every action of the
table has a driver here (or is listed as not yet served, with the reason), and every public
service function taking an ``actor`` calls authz (require / at_counter / supervising /
require_role), directly or through a private helper of its module.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import itertools
import pkgutil
import shutil
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Callable

import pytest
import sqlalchemy as sa

import counter_app.services as services_pkg
from counter_app.domain.errors import DomainError
from counter_app.domain.indicators import Period
from counter_app.domain.status import DossierStatus as S
from counter_app.services import (
    accounts,
    authz,
    catalog,
    documents,
    forwarding,
    handover,
    inbox,
    intake,
    lifecycle,
    not_accepted,
    queue,
    reports,
    search,
    setup,
    supervisor,
    sync_status,
    tickets,
)
from counter_app.services.context import Actor, Services
from counter_app.services.sync_apply import apply_changes
from counter_app.store import models
from counter_app.store.models import SyncIssue, SyncOutbox
from counter_app.sync.wire import Change
from tests.conftest import FrozenClock, _fresh_pg
from tests.helpers import KIOSK, intake_request, pick_procedure

ROLES = ("officer", "supervisor", "admin", "kiosk", "rating", "system", None)
PERIOD = Period(date(2026, 11, 1), date(2026, 11, 30))

# Actions of the table no service guards yet, and why (a driver is added with the service).
NOT_YET_SERVED = {
    "admin.backup": "services/backup.py has no actor yet: the CLI (db backup/restore) is the operator's tool",
}


# --- the world: one demo centre per backend, shared by the module's tests ----------------------------

@dataclass
class World:
    svc: Services
    tmp: Path
    actors: dict[str | None, Actor | None]
    officer: Actor  # canbo1 at counter 1: the staff that prepares what a call needs
    field_code: str
    other_field: str
    procedure: Any
    seq: itertools.count = field(default_factory=lambda: itertools.count(1001))

    def staff_at(self, counter: int) -> Actor:
        return replace(self.officer, counter_number=counter)

    def dossier(self) -> str:
        return intake.receive_dossier(self.svc, self.officer, intake_request(self.procedure)).code

    def ready(self) -> str:
        code = self.dossier()
        lifecycle.transition(self.svc, self.officer, code, S.RESULT_READY)
        return code

    def ticket(self):
        return queue.issue_ticket(self.svc, self.field_code, actor=KIOSK)

    def idle(self, counter: int) -> None:
        if queue.current_ticket(self.svc, counter) is not None:
            queue.finish(self.svc, self.staff_at(counter))

    def called(self, counter: int) -> None:
        """A ticket freshly called at counter (status called)."""
        self.idle(counter)
        self.ticket()
        assert queue.call_next(self.svc, self.staff_at(counter)) is not None

    def online(self) -> str:
        """An online dossier as the sync worker brings it (status 1)."""
        n = next(self.seq)
        code, dossier_id = f"000.00.06.H56-261125-{n:04d}", uuid.uuid4()
        change = Change(position=n, op="upsert", key=str(dossier_id), data={
            "dossier_id": str(dossier_id), "code": code, "agency_code": "000.00.06.H56",
            "procedure_code": self.procedure.code, "catalog_version": "2026.11",
            "submitted_at": datetime(2026, 11, 25, 8, 15, tzinfo=UTC).isoformat(),
            "owner": {"full_name": "Trần Văn Bình", "id_number": "001201009876", "id_kind": "cccd",
                      "phone": "0987654321", "email": "", "address": "5 Trần Phú, Hà Nội", "birth_date": None},
            "submitter": None, "documents": [{"name": "Tờ khai (bản điện tử)", "form": "original", "count": 1}],
            "return_method": "online", "note": ""})
        with self.svc.transaction() as s:
            apply_changes(s, "online_dossiers", [change], now=self.svc.now())
        return code

    def rejected_issue(self) -> uuid.UUID:
        """A change the central system refused: the row rejected, an open issue."""
        code = self.dossier()
        with self.svc.transaction() as s:
            d = intake.find_dossier(s, code)
            row = s.execute(sa.select(SyncOutbox).where(SyncOutbox.entity_id == str(d.id))
                            .order_by(SyncOutbox.seq.desc())).scalars().first()
            row.state, row.last_error = "rejected", "transition_illegal"
            issue = SyncIssue(kind="rejected", outbox_id=row.id, mutation_id=row.mutation_id, lane=row.lane,
                              seq=row.seq, entity_type=row.entity_type, entity_id=row.entity_id,
                              operation=row.operation, reason_code="transition_illegal",
                              message="Chuyển trạng thái không hợp lệ", server_state={"status": 2}, state="open",
                              created_at=self.svc.now())
            s.add(issue)
            s.flush()
            return issue.id

    def restore_issue(self) -> uuid.UUID:
        with self.svc.transaction() as s:
            issue = SyncIssue(kind="restored_backup", lane="case", reason_code="conflict",
                              message="Máy chủ được khôi phục từ bản sao lưu", server_state={"last_applied_seq": 1},
                              state="open", created_at=self.svc.now())
            s.add(issue)
            s.flush()
            return issue.id

    def out(self, suffix: str) -> Path:
        return self.tmp / "exports" / f"{uuid.uuid4().hex}{suffix}"


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def world(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("authz")
    if request.param == "postgresql":
        url = _fresh_pg(request, migrated=True)
    else:
        path = tmp / "site.sqlite3"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite:///{path}"
    svc = Services(url, archive_dir=tmp / "archive", clock=FrozenClock(datetime(2026, 11, 26, 2, 30, tzinfo=UTC)))
    request.addfinalizer(svc.close)
    (tmp / "exports").mkdir()
    demo = {u: (p, role) for u, p, role, _counter in setup.init_demo(svc)}

    def sign_in(username: str, counter: int | None = None) -> Actor:
        return accounts.authenticate(svc, username, demo[username][0], counter)

    officer = sign_in("canbo1", 1)
    boss = replace(sign_in("giamsat"), counter_number=2)  # a supervisor sitting at counter 2
    fields = [f.code for f in queue.list_fields(svc, only_open=True)]
    for n in (1, 2, 3, 4):
        queue.set_counter_fields(svc, boss, n, [fields[0]])
    # the admin sits at counter 3 in case the table lets them work a counter (DESK)
    actors = {"officer": officer, "supervisor": boss, "admin": replace(sign_in("admin"), counter_number=3),
              "kiosk": authz.device(authz.KIOSK, "sảnh"), "rating": authz.device(authz.RATING, "quầy 1"),
              "system": authz.operator("test"), None: None}
    return World(svc=svc, tmp=tmp, actors=actors, officer=officer, field_code=fields[0], other_field=fields[1],
                 procedure=pick_procedure(svc, days=5))


def state(w: World) -> tuple:
    """Everything a refused call must leave as it was."""
    with w.svc.reading() as s:
        counts = {t.name: s.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                  for t in models.Base.metadata.sorted_tables}
        site = s.execute(sa.select(models.Site.settings, models.Site.name)).all()
        fields = s.execute(sa.select(models.Field.code, models.Field.ticket_prefix, models.Field.ticket_start,
                                     models.Field.ticket_end, models.Field.queue_open).order_by(models.Field.code)).all()
        counters = s.execute(sa.select(models.Counter.number, models.Counter.queue_state)
                             .order_by(models.Counter.number)).all()
        links = s.execute(sa.select(models.CounterField.counter_id, models.CounterField.field_id)
                          .order_by(models.CounterField.counter_id, models.CounterField.field_id)).all()
        ticket_rows = s.execute(sa.select(models.Ticket.number, models.Ticket.status, models.Ticket.field_code,
                                          models.Ticket.counter_number, models.Ticket.target_counter,
                                          models.Ticket.printed).order_by(models.Ticket.number)).all()
        dossiers = s.execute(sa.select(models.Dossier.code, models.Dossier.status, models.Dossier.due_at)
                             .order_by(models.Dossier.code)).all()
        issues = s.execute(sa.select(SyncIssue.id, SyncIssue.state, SyncIssue.resolution)
                           .order_by(SyncIssue.created_at, SyncIssue.id)).all()
    files = sorted(str(p) for p in w.tmp.rglob("*") if p.is_file() and "sqlite3" not in p.name)
    return counts, site, fields, counters, links, ticket_rows, dossiers, issues, files


# --- one driver per action: prepares what the call needs, returns the call ---------------------------

Driver = Callable[[World, Actor | None], Callable[[], Any]]


def _counter_of(a: Actor | None) -> int:
    return a.counter_number if a is not None and a.counter_number else 1


def _desk_queue(call: Callable[[World, Actor | None], Any]) -> Driver:
    def driver(w, a):
        w.called(_counter_of(a))
        return lambda: call(w, a)
    return driver


def _issue(w, a):
    return lambda: queue.issue_ticket(w.svc, w.field_code, actor=a)


def _print_ticket(w, a):
    t = w.ticket()
    return lambda: tickets.print_ticket(w.svc, t, 80, actor=a)


def _mark_printed(w, a):
    t = w.ticket()
    return lambda: queue.mark_printed(w.svc, t.id, actor=a)


def _call_next(w, a):
    w.idle(_counter_of(a))
    w.ticket()
    return lambda: queue.call_next(w.svc, a)


def _call_specific(w, a):
    w.idle(_counter_of(a))
    t = w.ticket()
    return lambda: queue.call_specific(w.svc, a, t.number, "Người cao tuổi")


def _move(w, a):
    t = w.ticket()
    return lambda: queue.move_waiting(w.svc, a, t.number, w.other_field, "nhầm lĩnh vực")


def _with_dossier(call: Callable[[World, Actor | None, str], Any], *, ready: bool = False) -> Driver:
    def driver(w, a):
        code = w.ready() if ready else w.dossier()
        return lambda: call(w, a, code)
    return driver


def _with_online(call: Callable[[World, Actor | None, str], Any]) -> Driver:
    def driver(w, a):
        code = w.online()
        return lambda: call(w, a, code)
    return driver


def _reopen(w, a):
    info = not_accepted.decline_intake(w.svc, w.officer, intake_request(w.procedure), kind="refusal",
                                       reason="Sai thẩm quyền")
    return lambda: not_accepted.reopen_request(w.svc, a, info.number)


def _forward_list(w, a):
    batch = forwarding.forward(w.svc, w.officer, [w.dossier()], agency="Phòng Tư pháp", receiver="Lê Văn Nhận")
    return lambda: documents.print_forward_list(w.svc, a, batch.number)


def _apology(w, a, code):
    due = intake.get_dossier(w.svc, code).due_at
    return lifecycle.apologise(w.svc, a, code, reason="Chờ ý kiến liên ngành", new_due=due + timedelta(days=7))


def _with_issue(call: Callable[[World, Actor | None, uuid.UUID], Any], *, restore: bool = False) -> Driver:
    def driver(w, a):
        issue = w.restore_issue() if restore else w.rejected_issue()
        return lambda: call(w, a, issue)
    return driver


def _plain(call: Callable[[World, Actor | None], Any]) -> Driver:
    return lambda w, a: (lambda: call(w, a))


def _admin(name: str, *args: Any) -> Driver:
    from counter_app.services import admin

    return _plain(lambda w, a: getattr(admin, name)(w.svc, a, *args))


def _audit(name: str, *args: Any, **kwargs: Any) -> Driver:
    from counter_app.services import audit

    def call(w, a):
        extra = {"path": w.out(".csv")} if name == "export" else {}
        return getattr(audit, name)(w.svc, a, *args, **extra, **kwargs)
    return _plain(call)


def _shipped_catalog_path() -> Path:
    return catalog.resource_path(*catalog.SHIPPED_CATALOG)


DRIVERS: dict[str, Driver] = {
    "queue.issue_ticket": _issue,
    "queue.print_ticket": _print_ticket,
    "queue.mark_printed": _mark_printed,
    "queue.rate": _plain(lambda w, a: queue.rate_service(w.svc, counter_number=1, value=3, actor=a)),
    "queue.call_next": _call_next,
    "queue.call_specific": _call_specific,
    "queue.recall": _desk_queue(lambda w, a: queue.recall(w.svc, a)),
    "queue.no_show": _desk_queue(lambda w, a: queue.mark_no_show(w.svc, a)),
    "queue.start": _desk_queue(lambda w, a: queue.start_service(w.svc, a)),
    "queue.finish": _desk_queue(lambda w, a: queue.finish(w.svc, a)),
    "queue.transfer": _desk_queue(lambda w, a: queue.transfer(
        w.svc, a, to_counter=4 if _counter_of(a) == 3 else 3, reason="sai quầy")),
    "queue.counter_state": _plain(lambda w, a: queue.set_counter_state(w.svc, a, "open")),
    "queue.move": _move,
    "queue.counter_fields": _plain(lambda w, a: queue.set_counter_fields(w.svc, a, 4, [w.field_code])),
    "queue.display_notice": _plain(lambda w, a: queue.set_display_notice(w.svc, a, "Hôm nay làm việc đến 17 giờ")),
    "queue.expire": _plain(lambda w, a: queue.expire_waiting(w.svc, before_day=date(2026, 11, 1), actor=a)),
    "dossier.receive": _plain(lambda w, a: intake.receive_dossier(w.svc, a, intake_request(w.procedure))),
    "dossier.decline": _plain(lambda w, a: not_accepted.decline_intake(
        w.svc, a, intake_request(w.procedure), kind="refusal", reason="Sai thẩm quyền")),
    "dossier.reopen": _reopen,
    "dossier.transition": _with_dossier(lambda w, a, c: lifecycle.transition(w.svc, a, c, S.PROCESSING)),
    "dossier.withdraw": _with_dossier(lambda w, a, c: lifecycle.withdraw(w.svc, a, c, reason="Công dân xin rút")),
    "dossier.apology": _with_dossier(_apology),
    "dossier.forward": _with_dossier(lambda w, a, c: forwarding.forward(w.svc, a, [c], agency="Phòng Tư pháp")),
    "dossier.handoff": _with_dossier(lambda w, a, c: forwarding.record_handoff(
        w.svc, a, c, from_unit="Phòng Tư pháp", to_unit="UBND xã")),
    "dossier.handover_check": _with_dossier(lambda w, a, c: handover.check_handover(w.svc, a, c), ready=True),
    "dossier.handover": _with_dossier(lambda w, a, c: handover.hand_over(
        w.svc, a, c, collector=handover.Collector("owner")), ready=True),
    "dossier.view": _with_dossier(lambda w, a, c: search.open_dossier(w.svc, a, c)),
    "inbox.list": _plain(lambda w, a: inbox.online_inbox(w.svc, a)),
    "inbox.accept": _with_online(lambda w, a, c: inbox.accept_online(w.svc, a, c)),
    "inbox.supplement": _with_online(lambda w, a, c: inbox.request_supplement_online(
        w.svc, a, c, missing=intake_request(w.procedure).documents[:1], reason="Thiếu bản sao")),
    "inbox.refuse": _with_online(lambda w, a, c: inbox.refuse_online(w.svc, a, c, reason="Sai thẩm quyền")),
    "document.receipt": _with_dossier(lambda w, a, c: documents.print_receipt(w.svc, a, c)),
    "document.form": _with_dossier(lambda w, a, c: documents.print_form(w.svc, a, "05", c)),
    "document.forward_list": _forward_list,
    "document.register": _plain(lambda w, a: documents.export_register(
        w.svc, a, date(2026, 11, 26), date(2026, 11, 26), "xlsx")),
    "sync.issue.resubmit": _with_issue(lambda w, a, i: sync_status.resubmit(w.svc, a, i)),
    "sync.issue.accept_server": _with_issue(lambda w, a, i: sync_status.accept_server_state(w.svc, a, i)),
    "sync.issue.escalate": _with_issue(lambda w, a, i: sync_status.escalate(w.svc, a, i, note="Nhờ lãnh đạo")),
    "sync.issue.acknowledge": _with_issue(lambda w, a, i: sync_status.acknowledge(w.svc, a, i), restore=True),
    "supervisor.view": _plain(lambda w, a: supervisor.now_view(w.svc, a)),
    "supervisor.dossiers": _plain(lambda w, a: supervisor.dossier_list(w.svc, a, "overdue")),
    "supervisor.targets": _plain(lambda w, a: supervisor.set_targets(w.svc, a, max_wait_minutes=20)),
    "report.06a": _plain(lambda w, a: reports.report_06a(w.svc, a, PERIOD)),
    "report.07a": _plain(lambda w, a: reports.report_07a(w.svc, a, PERIOD)),
    "report.drill_down": _plain(lambda w, a: reports.drill_down(w.svc, a, PERIOD, by="field", key=None,
                                                                measure="received")),
    "report.indicators": _plain(lambda w, a: reports.dossier_indicators(w.svc, a, PERIOD)),
    "report.queue": _plain(lambda w, a: reports.queue_report(w.svc, a, PERIOD)),
    "report.officers": _plain(lambda w, a: reports.officer_report(w.svc, a, PERIOD)),
    "report.satisfaction": _plain(lambda w, a: reports.satisfaction_report(w.svc, a, PERIOD)),
    "report.reform": _plain(lambda w, a: reports.reform_report(w.svc, a, PERIOD)),
    "report.charts": _plain(lambda w, a: reports.chart_data(w.svc, a, PERIOD)),
    "report.period": _plain(lambda w, a: reports.period_report(w.svc, a, PERIOD)),
    "report.tables": _plain(lambda w, a: reports.report_tables(w.svc, a, PERIOD, ("06a", "queue"))),
    "report.export": _plain(lambda w, a: reports.export_tables_xlsx(w.svc, a, PERIOD, ("06a",), w.out(".xlsx"))),
    "admin.fields": _plain(lambda w, a: queue.configure_field(w.svc, a, w.other_field, queue_open=True)),
    "admin.catalog": _plain(lambda w, a: catalog.import_catalog(w.svc, _shipped_catalog_path(), a)),
    "admin.users": _admin("list_users"),
    "admin.counters": _admin("list_counters"),
    "admin.holidays": _admin("list_calendar", 2026),
    "admin.site": _admin("site_settings"),
    "admin.printers": _plain(lambda w, a: importlib.import_module("counter_app.services.admin").printer_choice(a)),
    "audit.browse": _audit("list_entries"),
    "audit.export": _audit("export", None),
    "audit.verify": _audit("verify"),
}

CASES = [pytest.param(action, role, id=f"{action}-{role or 'none'}")
         for action in sorted(authz.PERMISSIONS) if action in DRIVERS for role in ROLES]


@pytest.mark.parametrize(("action", "role"), CASES)
def test_role_table(world, action, role):
    actor = world.actors[role]
    call = DRIVERS[action](world, actor)
    if role is not None and authz.allowed(role, action):
        call()  # the set-up makes the call possible: it must simply work
        return
    before = state(world)
    with pytest.raises(DomainError) as refused:
        call()
    assert refused.value.code == "role_forbidden", refused.value
    assert refused.value.params["action"] == action
    message = refused.value.message("vi")
    assert action in message and "dành cho tài khoản" in message
    assert state(world) == before, f"{action} refused for {role} but something was written"


def test_an_officer_works_only_at_a_counter(world):
    """An officer signed in without a counter is refused the desk actions that need one."""
    w = world
    nowhere = replace(w.officer, counter_number=None)
    code = w.ready()
    online = w.online()
    before = state(w)
    for call in (lambda: queue.call_next(w.svc, nowhere),
                 lambda: queue.set_counter_state(w.svc, nowhere, "paused"),
                 lambda: intake.receive_dossier(w.svc, nowhere, intake_request(w.procedure)),
                 lambda: inbox.accept_online(w.svc, nowhere, online),
                 lambda: handover.hand_over(w.svc, nowhere, code, collector=handover.Collector("owner"))):
        with pytest.raises(DomainError) as refused:
            call()
        assert refused.value.code == "counter_required"
        assert "quầy" in refused.value.message("vi") and "counter" in refused.value.message("en")
    assert state(w) == before
    # Looking a dossier up needs no counter.
    assert search.open_dossier(w.svc, nowhere, code).code == code


def test_the_refusal_says_what_and_who_may(world):
    with pytest.raises(DomainError) as refused:
        queue.move_waiting(world.svc, world.actors["officer"], "A001", world.other_field)
    assert refused.value.message("vi") == (
        "Tài khoản cán bộ tiếp nhận không có quyền thực hiện thao tác này (queue.move); việc này dành cho "
        "tài khoản giám sát. Hãy nhờ người có tài khoản đó thực hiện, hoặc đăng nhập bằng tài khoản phù hợp.")
    assert "supervisor accounts" in refused.value.message("en")
    with pytest.raises(DomainError) as refused:
        search.open_dossier(world.svc, None, "x")
    assert "chưa đăng nhập" in refused.value.message("vi") and "not signed in" in refused.value.message("en")


# --- completeness ------------------------------------------------------------------------------------

GUARDS = {"require", "at_counter", "supervising", "require_role"}
# Public functions with an actor that need no role: the actor acts on their own account.
SELF_SERVICE = {
    ("accounts", "must_change_password"), ("accounts", "verify_password"), ("accounts", "record_idle_lock"),
}
# Public functions that write without an actor, and why that is right.
NO_ACTOR_WRITES = {
    ("setup", "initialize_site"): "first start: refused once a centre exists (site_exists); no user exists yet",
    ("setup", "init_demo"): "first start of a demo centre, same as initialize_site",
    ("accounts", "sign_in"): "signing in is how an actor comes to be (failed attempts are counted)",
    ("accounts", "authenticate"): "signing in",
    ("accounts", "change_password"): "the user's own password, checked against the old one",
    ("sync_engine", "snapshot_telemetry"): "the sync worker's own bookkeeping (no user)",
}


def _service_modules():
    for info in sorted(pkgutil.iter_modules(services_pkg.__path__), key=lambda m: m.name):
        if info.name != "authz":
            yield info.name, importlib.import_module(f"counter_app.services.{info.name}")


def _called_names(fn: ast.AST) -> set[str]:
    out = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.Call):
            f = node.func
            out.add(f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", ""))
    return out


def _guard_actions(fn: ast.AST) -> set[str]:
    """The action strings passed to authz in fn (constants, also inside a conditional)."""
    found = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in GUARDS and node.args:
                arg = node.args[-1]
                found |= {c.value for c in ast.walk(arg) if isinstance(c, ast.Constant) and isinstance(c.value, str)
                          and "." in c.value}
    return found


def _scan():
    """(module, function name, params, guarded?, actions, writes?) of every public module-level function."""
    for mod_name, module in _service_modules():
        tree = ast.parse(inspect.getsource(module))
        funcs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}

        def guarded(name: str, seen: frozenset = frozenset()) -> bool:
            called = _called_names(funcs[name])
            return bool(called & GUARDS) or any(
                c in funcs and c.startswith("_") and c not in seen and guarded(c, seen | {name}) for c in called)

        for name, fn in funcs.items():
            if name.startswith("_"):
                continue
            params = [a.arg for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs]
            yield (mod_name, name, params, guarded(name), _guard_actions(fn),
                   "transaction()" in ast.unparse(fn))


def test_every_service_with_an_actor_asks_authz():
    # (functions taking a session work inside their caller's transaction, after its check)
    unguarded = [f"{m}.{n}" for m, n, params, guarded, _a, _w in _scan()
                 if "actor" in params and params[0] not in ("s", "session") and not guarded
                 and (m, n) not in SELF_SERVICE]
    assert unguarded == [], f"these services take an actor but never ask authz: {unguarded}"


def test_every_service_that_writes_has_an_actor():
    blind = [f"{m}.{n}" for m, n, params, _g, _a, writes in _scan()
             if writes and params[:1] == ["svc"] and not {"actor", "username_or_actor"} & set(params)
             and (m, n) not in NO_ACTOR_WRITES]
    assert blind == [], f"these services write without knowing who asks: {blind}"


def test_every_action_asked_for_is_in_the_table_and_driven_here():
    asked = set().union(*(actions for *_x, actions, _w in _scan()))
    # (a prefix ending in "." is the constant part of an f-string such as f"sync.issue.{action}")
    unknown = sorted(a for a in asked if a not in authz.PERMISSIONS and not a.endswith("."))
    assert unknown == [], f"actions asked for but not in authz.PERMISSIONS (refused to everyone): {unknown}"
    undriven = sorted(a for a in authz.PERMISSIONS if a not in DRIVERS and a not in NOT_YET_SERVED)
    assert undriven == [], f"add a driver to DRIVERS for: {undriven}"
    assert not set(NOT_YET_SERVED) & set(DRIVERS), "a driven action is still listed as not yet served"


def test_the_system_operator_does_only_operator_work():
    """The database operator (CLI init/db, the sync worker) is not a supervisor nor a desk."""
    operator_actions = {a for a, roles in authz.PERMISSIONS.items() if authz.SYSTEM in roles}
    assert operator_actions == {"admin.backup", "audit.verify", "queue.expire"}
    # an officer does desk work only: no console, report, administration or queue move
    officer = {a for a, roles in authz.PERMISSIONS.items() if authz.OFFICER in roles}
    assert officer and all(a.split(".")[0] in ("queue", "dossier", "inbox", "document", "sync") for a in officer)
    assert not authz.allowed(authz.OFFICER, "queue.move") and not authz.allowed(authz.OFFICER, "queue.display_notice")
    # the move of a citizen's ticket is the supervisor's alone
    assert authz.PERMISSIONS["queue.move"] == {authz.SUPERVISOR}
    # the devices do one thing each
    assert {a for a, r in authz.PERMISSIONS.items() if authz.KIOSK in r} == {
        "queue.issue_ticket", "queue.print_ticket", "queue.mark_printed"}
    assert {a for a, r in authz.PERMISSIONS.items() if authz.RATING in r} == {"queue.rate"}
