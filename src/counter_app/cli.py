"""The `counter-app` command: the windows (desk, ...) and the headless scripting commands."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path

EXIT_OK, EXIT_FAILURE, EXIT_INVALID = 0, 1, 2


class CliError(Exception):
    """Bad input on the command line: exit status 2, the reason on stderr."""


def _services(args, *, migrate: bool = True):
    from counter_app.config import load_settings
    from counter_app.services.context import Services

    cached = getattr(args, "_cli_services", None)
    if cached is not None and migrate:  # the sign-in and the command share one engine
        return cached
    settings = load_settings(database_url=args.database)
    made = Services(settings.database_url, archive_dir=settings.archive_dir, migrate_on_start=migrate), settings
    if migrate:
        args._cli_services = made
    return made


# -- who a command acts as -------------------------------------------------------------------
#
# Operator commands (init, db …, sync run|once|status, central …, audit verify) run as the
# operator of the database itself: authz.operator(<OS user>), role "system", which may do the
# operator actions and nothing else. Every other headless command (dossier …, queue …,
# catalog import, fields set, report, targets, print …, sync issues) acts as a signed-in
# user, with that user's role, exactly as the same user would in the desk, supervisor or
# admin window: --user NAME (default $COUNTER_APP_USER) and the password from
# $COUNTER_APP_PASSWORD, else typed at a terminal.

USER_ENV, PASSWORD_ENV, NEW_PASSWORD_ENV = "COUNTER_APP_USER", "COUNTER_APP_PASSWORD", "COUNTER_APP_NEW_PASSWORD"

_signed_in: dict[tuple, object] = {}  # (database, username, counter) -> Actor, for this process


def operator_actor():
    """The actor of an operator command: the OS user, as the operator of the database."""
    from counter_app.services import authz

    return authz.operator(getpass.getuser())


def add_sign_in_option(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Mark parser's command as one that signs in (main() does it first) and give it --user."""
    parser.add_argument("--user", metavar="NAME",
                        help=f"sign in as this user (default: ${USER_ENV}); the password comes from "
                             f"${PASSWORD_ENV}, else it is asked for at a terminal")
    parser.set_defaults(sign_in=True)
    return parser


def _interactive() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _ask(prompt: str, missing: str = "cli_sign_in_required") -> str:
    """A line typed at the terminal; the prompt goes to stderr so --json output stays clean."""
    from counter_app.domain.errors import DomainError

    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:  # end of input: nothing was typed
        raise DomainError(missing)
    return line.rstrip("\r\n")


def _secret(prompt: str, missing: str = "cli_sign_in_required") -> str:
    """A password typed at the terminal, not echoed."""
    from counter_app.domain.errors import DomainError

    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise DomainError(missing) from None


def _username(args) -> str:
    return (getattr(args, "user", None) or os.environ.get(USER_ENV, "")).strip()


def cli_actor(args, counter: int | None = None):
    """Sign in the user of an application command (once per process) and return the Actor.

    counter: the counter the user works at (desk commands' --counter; default args.counter).
    Raises DomainError: cli_sign_in_required (no credentials and no terminal), login_failed and
    the other sign-in refusals of accounts.authenticate, cli_password_change_required."""
    from counter_app.domain.errors import DomainError
    from counter_app.services import accounts

    if counter is None:
        counter = getattr(args, "counter", None)
    username = _username(args)
    password = os.environ.get(PASSWORD_ENV)
    svc, _ = _services(args)
    key = (svc.database_url, username, counter)
    if username and key in _signed_in:
        return _signed_in[key]
    if not username or password is None:
        if not _interactive():
            raise DomainError("cli_sign_in_required")
        username = username or _ask("Tên đăng nhập / user name: ").strip()
        password = _secret(f"Mật khẩu của / password of {username}: ")
        key = (svc.database_url, username, counter)
    actor = accounts.authenticate(svc, username, password, counter)
    if accounts.must_change_password(svc, actor):
        raise DomainError("cli_password_change_required", username=actor.username)
    _signed_in[key] = actor
    return actor


def _jsonable(value):
    if is_dataclass(value):
        return {k: _jsonable(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "hex") and type(value).__name__ == "UUID":
        return str(value)
    return value


def _print_json(obj) -> None:
    json.dump(_jsonable(obj), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _parse_date(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"{what}: '{text}' is not a date (YYYY-MM-DD)") from None


def _parse_datetime(text: str, what: str) -> datetime:
    from counter_app.domain.calendar import LOCAL_TZ

    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise CliError(f"{what}: '{text}' is not an ISO-8601 date-time (e.g. 2026-11-26T09:30+07:00)") from None
    # A time written without offset is a time read off the centre's wall clock.
    return value if value.tzinfo else value.replace(tzinfo=LOCAL_TZ)


# -- windows -------------------------------------------------------------------------------

def cmd_desk(args) -> int:
    from counter_app.config import load_settings
    from counter_app.services.context import Services

    settings = load_settings(database_url=args.database, counter_number=args.counter, language=args.language)
    svc = Services(settings.database_url, archive_dir=settings.archive_dir)
    from counter_app.ui.app import run_desk

    daily = (settings.backup_dir, settings.backup_keep) if settings.backup_daily else None
    return run_desk(svc, counter_number=settings.counter_number, language=settings.language, daily_backup=daily)


# -- init / db -------------------------------------------------------------------------------

def cmd_init(args) -> int:
    from counter_app.services import setup
    from counter_app.services.accounts import generate_password

    svc, settings = _services(args)
    existing = setup.site_info(svc)
    if existing is not None:
        print(f"Đã khởi tạo / already initialised: {existing.name} ({existing.agency_code}) — {settings.database_url}")
        return EXIT_OK
    if args.demo:
        accounts = setup.init_demo(svc)
        info = setup.site_info(svc)
        print(f"Demo centre created: {info.name} ({info.agency_code})")
        print(f"Database: {settings.database_url}")
        print("Demo accounts (write these down — they are not shown again):")
        for username, password, role, counter in accounts:
            where = f"counter {counter}" if counter else ""
            print(f"  {username:<10} {password:<14} {role:<11} {where}")
        print("Start the desk:  counter-app desk --counter 1   (log in as canbo1)")
        print(f"Scripts sign in: {USER_ENV}=canbo1 {PASSWORD_ENV}=… counter-app dossier … --counter 1")
        return EXIT_OK
    missing = [n for n in ("agency_code", "centre_name", "issuing_body", "place_name") if not getattr(args, n)]
    if missing:
        raise CliError("init without --demo needs " + ", ".join("--" + m.replace("_", "-") for m in missing)
                       + " (or start the desk, which asks for them)")
    password = args.admin_password or generate_password()
    info = setup.initialize_site(
        svc, name=args.centre_name, issuing_body=args.issuing_body or "", agency_code=args.agency_code,
        address=args.address or "", hotline=args.hotline or "", place_name=args.place_name,
        admin_username=args.admin_username, admin_password=password, admin_full_name="Quản trị hệ thống",
        counters=args.counters, must_change_password=not args.admin_password,
    )
    print(f"Centre created: {info.name} ({info.agency_code}), counters 1–{len(info.counters)}")
    if not args.admin_password:
        print(f"Administrator: {args.admin_username} / {password}  (shown once; to be changed at first sign-in: "
              f"the admin window, or counter-app password --user {args.admin_username})")
    return EXIT_OK


def cmd_password(args) -> int:
    """`counter-app password [--user NAME]`: change one's own password (also the way out of
    "must change the password" for a user who only uses the command line)."""
    from counter_app.domain.errors import DomainError
    from counter_app.services import accounts

    username = _username(args)
    old, new = os.environ.get(PASSWORD_ENV), os.environ.get(NEW_PASSWORD_ENV)
    interactive = _interactive()
    if not username and not interactive:
        raise DomainError("cli_sign_in_required")
    if (old is None or new is None) and not interactive:
        raise DomainError("cli_password_needed")
    username = username or _ask("Tên đăng nhập / user name: ").strip()
    if old is None:
        old = _secret(f"Mật khẩu hiện tại của / current password of {username}: ", "cli_password_needed")
    if new is None:
        new = _secret("Mật khẩu mới / new password: ", "cli_password_needed")
        if _secret("Nhập lại mật khẩu mới / the new password again: ", "cli_password_needed") != new:
            raise DomainError("cli_password_mismatch")
    svc, _ = _services(args)
    accounts.change_password(svc, username, old, new)
    print(f"Đã đổi mật khẩu của {username} / password changed")
    return EXIT_OK


def cmd_db(args) -> int:
    from counter_app.store import migrate

    svc, settings = _services(args, migrate=False)
    if args.db_command == "upgrade":
        migrate.upgrade(svc.engine)
    elif args.db_command == "downgrade":
        migrate.downgrade(svc.engine, args.revision)
    st = migrate.status(svc.engine)
    if args.json:
        _print_json({"database": svc.engine.url.render_as_string(hide_password=True), "current": st.current,
                     "head": st.head, "up_to_date": st.up_to_date})
    else:
        state = "up to date" if st.up_to_date else "behind (run: counter-app db upgrade)"
        print(f"{svc.engine.url.render_as_string(hide_password=True)}: revision {st.current or '(empty)'}, "
              f"head {st.head} — {state}")
    return EXIT_OK


def cmd_db_backup(args) -> int:
    """`db backup --out FILE`, `db backup --scheduled [--dir DIR] [--keep N]`, `db restore FILE [--force]`."""
    from counter_app.config import load_settings
    from counter_app.domain.errors import DomainError
    from counter_app.services import backup

    settings = load_settings(database_url=args.database)
    try:
        if args.db_command == "restore":
            info = backup.restore(settings.database_url, args.file, force=args.force)
            summary = (f"Đã khôi phục / restored {info.path} (taken {info.created_at:%Y-%m-%d %H:%M} UTC, "
                       f"revision {info.revision}, {info.total_rows} rows) into {info.database}")
            if info.numbering_moved:
                first = min(info.numbering_moved)
                summary += (f"\nMã hồ sơ từ ngày {first} tiếp tục từ số {info.numbering_moved[first]} để không trùng mã đã cấp "
                            f"sau bản sao lưu / dossier codes since {first} go on from {info.numbering_moved[first]}")
        else:
            if args.scheduled == (args.out is not None):
                raise CliError("db backup needs exactly one of --out FILE or --scheduled")
            if not args.scheduled and (args.dir is not None or args.keep is not None):
                raise CliError("--dir and --keep go with --scheduled")
            keep = settings.backup_keep if args.keep is None else args.keep
            if keep < 1:
                raise CliError(f"--keep must be at least 1 (got {keep})")
            svc, _ = _services(args, migrate=False)
            try:
                if args.scheduled:
                    folder = args.dir or settings.backup_dir
                    sched = backup.scheduled_backup(svc, folder, keep)
                    info = sched.created
                    removed = f", {len(sched.removed)} old removed" if sched.removed else ""
                    summary = (f"Đã sao lưu / backed up to {info.path} ({info.size} bytes, {info.total_rows} rows{removed})"
                               if info else f"Hôm nay đã có bản sao lưu / today's backup exists: {sched.existing}{removed}")
                    info = {"created": sched.created, "existing": sched.existing, "removed": sched.removed}
                else:
                    info = backup.backup(svc, args.out)
                    summary = (f"Đã sao lưu / backed up to {info.path} ({info.size} bytes, {info.total_rows} rows, "
                               f"revision {info.revision}, sha256 {info.sha256[:12]}…)")
            finally:
                svc.close()
    except DomainError as exc:  # both languages: an admin or a scheduled task's log reads this
        raise CliError(f"{exc.message('vi')}\n  {exc.message('en')}") from None
    _print_json(info) if args.json else print(summary)
    return EXIT_OK


# -- catalog ---------------------------------------------------------------------------------

def cmd_catalog(args) -> int:
    from counter_app.services import catalog

    svc, _ = _services(args)
    if args.catalog_command == "import":
        result = catalog.import_catalog(svc, args.file, actor=cli_actor(args))
        msg = {"added": result.added, "updated": result.updated, "unchanged": result.unchanged,
               "retired": result.retired, "version": result.version}
        _print_json(msg) if args.json else print(
            f"Catalog {result.version}: {result.added} added, {result.updated} updated, "
            f"{result.unchanged} unchanged, {result.retired} retired")
        return EXIT_OK
    procs = catalog.list_procedures(svc, include_retired=True)
    if args.json:
        _print_json([
            {"code": p.code, "name": p.name, "field": p.field_code, "field_name": p.field_name,
             "processing_days": p.processing_days, "counting": p.counting.value, "fee": p.fee_text,
             "legacy_level": p.legacy_level, "online_class": p.online_class, "lead_agency": p.lead_agency,
             "retired": p.retired, "documents": [{"name": d.name, "form": d.form.value, "count": d.count}
                                                 for d in p.documents]}
            for p in procs
        ])
    else:
        for p in procs:
            days = "trong ngày" if p.processing_days == 0 else f"{p.processing_days} {'ngày làm việc' if p.counting.value == 'working_days' else 'ngày'}"
            flag = "  [đã bãi bỏ]" if p.retired else ""
            print(f"{p.code:<26} {p.field_code:<8} {days:<18} {p.name}{flag}")
    return EXIT_OK


# -- dossier ---------------------------------------------------------------------------------

def _dossier_json(d) -> dict:
    from counter_app.domain.calendar import to_local
    from counter_app.domain.identity import mask_id_number, mask_phone

    def person(p, full: bool):
        if p is None:
            return None
        return {"full_name": p.full_name, "id_kind": p.id_kind.value,
                "id_number": p.id_number if full else mask_id_number(p.id_number),
                "birth_date": p.birth_date.isoformat() if p.birth_date else None,
                "phone": p.phone if full else mask_phone(p.phone), "email": p.email, "address": p.address}

    return {
        "id": str(d.id), "code": d.code, "status": d.status.name.lower(), "status_code": int(d.status),
        "status_label": d.status.label("vi"), "procedure_code": d.procedure_code, "procedure_name": d.procedure_name,
        "processing_days": d.processing_days, "counting": d.counting.value,
        "received_at": to_local(d.received_at).isoformat(), "due_at": to_local(d.due_at).isoformat(),
        "late_entry": d.late_entry, "channel": d.channel.value, "return_method": d.return_method.value,
        "sets": d.sets, "register_book": d.register_book, "register_seq": d.register_seq,
        "received_by": d.received_by, "counter": d.counter_number,
        "owner": person(d.owner, False), "submitter": person(d.submitter, False),
        "documents": [{"name": x.name, "form": x.form.value, "count": x.count} for x in d.documents],
        "receipt_sha256": d.receipt_sha256,
        "original_due_at": to_local(d.original_due_at).isoformat() if d.original_due_at else None,
        "field": d.field_code, "lead_agency": d.lead_agency, "form_set": d.form_set,
        "paused_at": to_local(d.paused_at).isoformat() if d.paused_at else None,
        "forwarded_at": to_local(d.forwarded_at).isoformat() if d.forwarded_at else None,
        "result_ready_at": to_local(d.result_ready_at).isoformat() if d.result_ready_at else None,
        "returned_at": to_local(d.returned_at).isoformat() if d.returned_at else None,
    }


def _list_item_json(i) -> dict:
    from counter_app.domain.calendar import to_local

    return {"code": i.code, "status_code": int(i.status), "status_label": i.status.label("vi"),
            "procedure_code": i.procedure_code, "procedure_name": i.procedure_name, "field": i.field_code,
            "owner_name": i.owner_name, "owner_id_number": i.owner_id_masked, "owner_phone": i.owner_phone_masked,
            "received_at": to_local(i.received_at).isoformat(), "due_at": to_local(i.due_at).isoformat(),
            "overdue": i.overdue}


def _event_json(e) -> dict:
    from counter_app.domain.calendar import to_local

    return {"kind": e.kind, "at": to_local(e.at).isoformat(),
            "from": int(e.from_status) if e.from_status is not None else None,
            "to": int(e.to_status) if e.to_status is not None else None, "reason": e.reason,
            "actor": e.actor_name, "counter": e.counter_number, "number": e.number,
            "due_before": to_local(e.due_before).isoformat() if e.due_before else None,
            "due_after": to_local(e.due_after).isoformat() if e.due_after else None}


def _parse_document(text: str):
    from counter_app.domain.intake import DocumentForm, DocumentLine

    parts = text.split("|")
    name = parts[0]
    try:
        form = DocumentForm(parts[1]) if len(parts) > 1 and parts[1] else DocumentForm.ORIGINAL
    except ValueError:
        raise CliError(f"--document: form must be one of {', '.join(f.value for f in DocumentForm)}") from None
    try:
        count = int(parts[2]) if len(parts) > 2 and parts[2] else 1
    except ValueError:
        raise CliError(f"--document: count '{parts[2]}' is not a whole number") from None
    return DocumentLine(name=name, form=form, count=count)


def cmd_dossier(args) -> int:
    from counter_app.services import intake

    svc, _ = _services(args)
    if args.dossier_command in _LIFECYCLE_COMMANDS:
        return _LIFECYCLE_COMMANDS[args.dossier_command](svc, args)
    if args.dossier_command == "show":
        from counter_app.services import search

        d = search.open_dossier(svc, cli_actor(args), args.code)  # role checked, the look on the record
        if args.json:
            _print_json(_dossier_json(d))
        else:
            j = _dossier_json(d)
            for k in ("code", "status_label", "procedure_name", "received_at", "due_at"):
                print(f"{k:<16} {j[k]}")
            print(f"{'owner':<16} {j['owner']['full_name']} ({j['owner']['id_number']})")
        return EXIT_OK
    d = intake.receive_dossier(svc, cli_actor(args, args.counter), _intake_request(svc, args))
    if args.json:
        _print_json(_dossier_json(d))
    else:
        from counter_app.domain.calendar import to_local

        print(f"{d.code}  hẹn trả {to_local(d.due_at):%H:%M %d/%m/%Y}")
    return EXIT_OK


def _intake_request(svc, args):
    """The intake form of `dossier receive` / `dossier decline` from the command line."""
    from counter_app.domain.identity import IdKind
    from counter_app.domain.intake import Channel, DocumentLine, IntakeRequest, Person, ReturnMethod
    from counter_app.services import catalog

    birth = _parse_date(args.birth_date, "--birth-date") if args.birth_date else None
    received_at = _parse_datetime(args.received_at, "--received-at") if args.received_at else None
    if args.document:
        documents = tuple(_parse_document(t) for t in args.document)
    else:
        try:
            proc = catalog.get_procedure(svc, args.procedure)
            documents = tuple(DocumentLine(name=x.name, form=x.form, count=x.count) for x in proc.documents if x.required)
        except Exception:  # an unknown procedure is reported by receive_dossier with the other errors
            documents = ()
    owner = Person(full_name=args.owner_name, id_number=args.id_number, id_kind=IdKind(args.id_kind),
                   birth_date=birth, phone=args.phone or "", email=args.email or "", address=args.address or "")
    return IntakeRequest(procedure_code=args.procedure, owner=owner, documents=documents, sets=args.sets,
                         return_method=ReturnMethod(args.return_method), channel=Channel(args.channel),
                         received_at=received_at, note=args.note or "", digitised=args.digitised)


def _dossier_transition(svc, args) -> int:
    from counter_app.services import lifecycle

    new_due = _parse_datetime(args.new_due, "--new-due") if args.new_due else None
    at = _parse_datetime(args.at, "--at") if args.at else None
    missing = tuple(_parse_document(t) for t in args.missing or ())
    d = lifecycle.transition(svc, cli_actor(args, args.counter), args.code, args.to, reason=args.reason or "",
                             missing=missing, at=at, new_due=new_due)
    if args.json:
        out = _dossier_json(d)
        out["history"] = [_event_json(e) for e in lifecycle.history(svc, d.code)]
        _print_json(out)
    else:
        from counter_app.domain.calendar import to_local

        print(f"{d.code}  {int(d.status)} {d.status.label('vi')}  hẹn trả {to_local(d.due_at):%H:%M %d/%m/%Y}")
    return EXIT_OK


def _dossier_handover(svc, args) -> int:
    from counter_app.services import handover
    from counter_app.services.queue import rating_scale

    rating = None
    if args.rating is not None:
        try:
            rating = int(args.rating)
        except ValueError:
            scale = list(rating_scale(svc))
            if args.rating not in scale:
                raise CliError(f"--rating: a number 1–{len(scale)} (1 = worst) or one of: {', '.join(scale)}") from None
            rating = len(scale) - scale.index(args.rating)
    collector = handover.Collector("authorised", args.collector_name, args.collector_id, args.authorisation or "")
    d = handover.hand_over(svc, cli_actor(args, args.counter), args.code, collector=collector, fees_paid=args.fees,
                           fee_note=args.fee_note or "", rating=rating, rating_reason=args.rating_reason or "")
    record = handover.handover_of(svc, d.code)
    if args.out:
        from counter_app.services import documents

        _write(Path(args.out), documents.print_form(svc, cli_actor(args, args.counter), "handover", d.code).pdf)
    if args.json:
        out = _dossier_json(d)
        out["handover"] = {"at": record.at.isoformat(), "collector_kind": record.collector_kind,
                           "collector_name": record.collector_name, "collector_id_number": record.collector_id_masked,
                           "authorisation_note": record.authorisation_note, "fees_paid": record.fees_paid,
                           "outcome": record.outcome, "officer": record.officer_name}
        _print_json(out)
    else:
        print(f"{d.code}  đã trả kết quả cho {record.collector_name}")
    return EXIT_OK


def _dossier_search(svc, args) -> int:
    from counter_app.domain.status import DossierStatus
    from counter_app.services import search

    statuses = []
    for value in args.status or ():
        try:
            statuses.append(DossierStatus(int(value)))
        except ValueError:
            raise CliError(f"--status: '{value}' is not a status code 1–10") from None
    filters = search.SearchFilters(
        statuses=tuple(statuses), field_code=args.field or "", procedure_code=args.procedure or "",
        due_today=args.due_today, overdue=args.overdue,
        received_from=_parse_date(args.received_from, "--from") if args.received_from else None,
        received_to=_parse_date(args.received_to, "--to") if args.received_to else None)
    items = search.search_dossiers(svc, args.query, filters, limit=args.limit)
    if args.json:
        _print_json([_list_item_json(i) for i in items])
    else:
        from counter_app.domain.calendar import to_local

        for i in items:
            flag = "  QUÁ HẠN" if i.overdue else ""
            print(f"{i.code}  {int(i.status):>2} {i.status.label('vi'):<24} {i.owner_name:<28} "
                  f"{i.owner_id_masked:<13} hẹn {to_local(i.due_at):%d/%m/%Y}{flag}")
    return EXIT_OK


def _dossier_history(svc, args) -> int:
    from counter_app.services import lifecycle

    events = lifecycle.history(svc, args.code)
    if args.json:
        _print_json([_event_json(e) for e in events])
    else:
        from counter_app.domain.calendar import to_local

        for e in events:
            move = f"{int(e.from_status) if e.from_status else '-'} → {int(e.to_status) if e.to_status else '-'}"
            print(f"{to_local(e.at):%H:%M %d/%m/%Y}  {e.kind:<10} {move:<8} {e.number:<10} {e.reason}")
    return EXIT_OK


def _dossier_decline(svc, args) -> int:
    from counter_app.services import not_accepted

    req = _intake_request(svc, args)
    missing = tuple(_parse_document(t) for t in args.missing or ())
    info = not_accepted.decline_intake(svc, cli_actor(args, args.counter), req,
                                       kind="supplement" if args.form == "02" else "refusal",
                                       reason=args.reason or "", missing=missing)
    if args.json:
        _print_json({"id": str(info.id), "kind": info.kind, "number": info.number, "at": info.at.isoformat(),
                     "procedure_code": info.procedure_code, "owner_name": info.owner_name,
                     "owner_id_number": info.owner_id_masked, "reason": info.reason,
                     "missing": [{"name": x.name, "form": x.form.value, "count": x.count} for x in info.missing]})
    else:
        print(f"{info.number}  ({'Mẫu 02' if info.kind == 'supplement' else 'Mẫu 03'})")
    return EXIT_OK


def _dossier_forward(svc, args) -> int:
    from counter_app.services import forwarding

    batch = forwarding.forward(svc, cli_actor(args, args.counter), args.codes, agency=args.agency,
                               receiver=args.receiver or "")
    if args.out:
        from counter_app.services import documents

        _write(Path(args.out), documents.print_forward_list(svc, cli_actor(args, args.counter), batch.number).pdf)
    if args.json:
        _print_json({"id": str(batch.id), "number": batch.number, "agency": batch.agency, "at": batch.at.isoformat(),
                     "codes": [i.code for i in batch.items]})
    else:
        print(f"{batch.number}  {len(batch.items)} hồ sơ → {batch.agency}")
    return EXIT_OK


def _dossier_handoff(svc, args) -> int:
    from counter_app.services import forwarding

    at = _parse_datetime(args.at, "--at") if args.at else None
    row = forwarding.record_handoff(svc, cli_actor(args, args.counter), args.code, from_unit=args.from_unit,
                                    to_unit=args.to_unit, giver=args.giver or "", receiver=args.receiver or "",
                                    note=args.note or "", at=at)
    if args.json:
        _print_json({"position": row.position, "from_unit": row.from_unit, "to_unit": row.to_unit,
                     "at": row.at.isoformat(), "outcome": row.outcome})
    else:
        print(f"{args.code}  #{row.position} {row.from_unit} → {row.to_unit}")
    return EXIT_OK


_LIFECYCLE_COMMANDS = {
    "transition": _dossier_transition, "handover": _dossier_handover, "search": _dossier_search,
    "history": _dossier_history, "decline": _dossier_decline, "forward": _dossier_forward,
    "handoff": _dossier_handoff,
}


def _write(out: Path, content: bytes) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(content)
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror or exc}") from exc


def cmd_print(args) -> int:
    from counter_app.services import documents

    svc, _ = _services(args)
    if args.print_command == "form":
        printed = documents.print_form(svc, cli_actor(args), args.form, args.code)
    elif args.print_command == "register":
        start, end = _parse_date(args.date_from, "--from"), _parse_date(args.date_to, "--to")
        suffix = Path(args.out).suffix.lower()
        if suffix not in (".pdf", ".xlsx"):
            raise CliError(f"--out: the register is written as .pdf or .xlsx, not '{suffix or args.out}'")
        printed = documents.export_register(svc, cli_actor(args), start, end, suffix[1:])
    elif args.print_command == "forward-list":
        printed = documents.print_forward_list(svc, cli_actor(args), args.ref)
    else:
        printed = documents.print_receipt(svc, cli_actor(args), args.code)
    out = Path(args.out)
    _write(out, printed.pdf)
    print(f"{out}  sha256 {printed.sha256}  (archived: {printed.path})")
    return EXIT_OK


# -- queue -----------------------------------------------------------------------------------

def _ticket_json(t) -> dict | None:
    from counter_app.domain.calendar import to_local

    if t is None:
        return None
    return {
        "id": str(t.id), "number": t.number, "field": t.field_code, "field_name": t.field_name,
        "priority": t.priority, "priority_label": t.priority_label, "status": t.status.value,
        "issued_at": to_local(t.issued_at).isoformat(), "counter": t.counter_number,
        "target_counter": t.target_counter, "call_count": t.call_count, "ahead": t.ahead,
        "estimated_wait_minutes": round(t.estimated_wait.total_seconds() / 60),
        "called_at": to_local(t.called_at).isoformat() if t.called_at else None,
    }


def cmd_queue(args) -> int:
    from counter_app.services import queue

    svc, _ = _services(args)
    command = args.queue_command
    if command == "issue":
        result = _ticket_json(queue.issue_ticket(svc, args.field, priority=args.priority,
                                                actor=cli_actor(args)))
    elif command == "notice":
        queue.set_display_notice(svc, cli_actor(args), args.text)
        result = {"notice": " ".join(args.text.split())}
    elif command == "status":
        st = queue.queue_status(svc)
        result = {
            "fields": [{"code": f.code, "name": f.name, "prefix": f.prefix, "open": f.open, "waiting": f.waiting,
                        "priority_waiting": f.priority_waiting,
                        "longest_wait_minutes": round(f.longest_wait.total_seconds() / 60),
                        "estimated_wait_minutes": round(f.estimated_wait.total_seconds() / 60)} for f in st.fields],
            "counters": [{"number": c.number, "state": c.state, "fields": list(c.fields),
                          "current": _ticket_json(c.current)} for c in st.counters],
        }
    else:
        actor = cli_actor(args, args.counter)
        fn = {"call": queue.call_next, "recall": queue.recall, "no-show": queue.mark_no_show,
              "start": queue.start_service, "finish": queue.finish}.get(command)
        if command == "transfer":
            result = _ticket_json(queue.transfer(svc, actor, to_field=args.to_field, to_counter=args.to_counter,
                                                 reason=args.reason or ""))
        elif command == "pause":
            queue.set_counter_state(svc, actor, "open" if args.resume else "paused")
            result = {"counter": args.counter, "state": "open" if args.resume else "paused"}
        else:
            result = _ticket_json(fn(svc, actor))
    if args.json:
        _print_json(result)
    elif result is None:
        print("Không có ai đang chờ / nobody is waiting")
    elif "number" in result:
        print(f"{result['number']}  {result['field_name']}  ({result['status']})")
    else:
        _print_json(result)
    return EXIT_OK


def cmd_fields(args) -> int:
    from counter_app.services import queue

    svc, _ = _services(args)
    if args.fields_command == "set":
        f = queue.configure_field(svc, cli_actor(args), args.code, prefix=args.prefix, start=args.start, end=args.end,
                                  queue_open=None if args.open is None else args.open == "yes")
        print(f"{f.prefix:<3} {f.code:<8} {f.name}  ({'mở' if f.open else 'đóng'})")
        return EXIT_OK
    fields = [{"code": f.code, "name": f.name, "prefix": f.prefix, "open": f.open, "waiting": f.waiting}
              for f in queue.list_fields(svc)]
    if args.json:
        _print_json(fields)
    else:
        for f in fields:
            print(f"{f['prefix']:<3} {f['code']:<8} {f['name']}  (đang chờ: {f['waiting']})")
    return EXIT_OK


# -- supervisor: reports and targets ---------------------------------------------------------

REPORT_TABLES = {"06a": ("06a",), "07a": ("07a",), "queue": ("queue",), "satisfaction": ("satisfaction", "comments"),
                 "officers": ("officers",), "reform": ("reform",)}


def cmd_report(args) -> int:
    from counter_app.domain.indicators import Period
    from counter_app.services import reports

    svc, _ = _services(args)
    period = Period(_parse_date(args.date_from, "--from"), _parse_date(args.date_to, "--to"))
    actor = cli_actor(args)
    if args.out is None:
        if not args.json:
            raise CliError("report needs --out FILE.xlsx|FILE.pdf, or --json")
        fetch = {"06a": reports.report_06a, "07a": reports.report_07a, "queue": reports.queue_report,
                 "satisfaction": reports.satisfaction_report, "officers": reports.officer_report,
                 "reform": reports.reform_report, "period": reports.period_report}[args.kind]
        _print_json(_report_json(fetch(svc, actor, period)))
        return EXIT_OK
    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise CliError(f"--out: a report is written as .xlsx or .pdf, not '{suffix or args.out}'")
    if not out.parent.is_dir():
        raise CliError(f"--out: the folder {out.parent} does not exist")
    keys = reports.TABLE_KEYS if args.kind == "period" else REPORT_TABLES[args.kind]
    if suffix == ".xlsx":
        reports.export_tables_xlsx(svc, actor, period, keys, out, lang=args.language)
    elif args.kind == "period":
        reports.export_period_pdf(svc, actor, period, out, lang=args.language)
    else:
        reports.export_tables_pdf(svc, actor, period, keys, out, lang=args.language)
    print(f"{out}  ({args.kind}, {period.label()})")
    return EXIT_OK


def _report_json(value):
    """Report dataclasses as JSON: durations in seconds, ratios as fractions, plus the derived totals."""
    from datetime import timedelta

    from counter_app.services.reports import DossierCounts

    if isinstance(value, timedelta):
        return round(value.total_seconds(), 1)
    if isinstance(value, DossierCounts):
        data = {k: _report_json(getattr(value, k)) for k in value.__dataclass_fields__}
        data.update(received=value.received, resolved=value.resolved, in_progress=value.in_progress,
                    on_time_rate=value.on_time_rate)
        return data
    if is_dataclass(value):
        return {k: _report_json(getattr(value, k)) for k in value.__dataclass_fields__}
    if isinstance(value, list | tuple):
        return [_report_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _report_json(v) for k, v in value.items()}
    return _jsonable(value)


def cmd_targets(args) -> int:
    from counter_app.services import supervisor

    svc, _ = _services(args)
    if any(v is not None for v in (args.max_wait, args.max_service, args.uncollected_days)):
        t = supervisor.set_targets(svc, cli_actor(args), max_wait_minutes=args.max_wait,
                                   max_service_minutes=args.max_service, uncollected_days=args.uncollected_days,
                                   field_code=args.field)
    elif args.field is not None:
        raise CliError("--field needs --max-wait and/or --max-service")
    else:
        t = supervisor.targets(svc)
    _print_json(_report_json(t))
    return EXIT_OK


def cmd_sync(args) -> int:
    import signal
    import threading

    from counter_app.services import sync_engine, sync_status, sync_wake
    from counter_app.store.locks import WorkerLock

    svc, settings = _services(args)
    config = sync_engine.sync_config(svc, server_url=args.server, token=args.token, node=args.node)
    if args.action == "status":
        st = sync_status.sync_status(svc, configured=config is not None)
        if args.json:
            _print_json(st)
        else:
            print(st.text_vi)
        return EXIT_OK
    if args.action == "issues":  # the changes that need a person: a signed-in user's command
        cli_actor(args)
        issues = sync_status.list_issues(svc)
        if args.json:
            _print_json(issues)
        else:
            for i in issues:
                print(f"{i.created_at:%Y-%m-%d %H:%M}  {i.dossier_code or i.entity_id}  {i.operation}  {i.reason_code}: {i.message}")
        return EXIT_OK
    if config is None:
        raise CliError("no central system configured: --server URL --token TOKEN, "
                       "or COUNTER_APP_SYNC_URL / COUNTER_APP_SYNC_TOKEN, or [sync] url/token in the config file")
    from dataclasses import replace

    config = replace(config, interval=args.interval)
    lock = WorkerLock(svc.engine, "sync")
    stop, wake = threading.Event(), threading.Event()
    if args.action == "once":
        if not lock.acquire():
            print("counter-app: another sync worker holds this site's lock", file=sys.stderr)
            return EXIT_FAILURE
        try:
            result = sync_engine.SyncEngine(svc, config).cycle()
        finally:
            lock.release()
        if args.json:
            _print_json(result)
        else:
            print(sync_status.sync_status(svc).text_vi)
        return EXIT_OK if result.ok else EXIT_FAILURE

    def _stop(*_):
        stop.set()
        wake.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    announced = False
    while not stop.is_set() and not lock.acquire():
        if not announced:  # a desk of this site is syncing; take over when it closes
            print("counter-app: another worker holds this site's sync lock; waiting", file=sys.stderr)
            announced = True
        stop.wait(5.0)
    if stop.is_set():
        return EXIT_OK
    print(f"counter-app: syncing {config.node} with {config.server_url}", file=sys.stderr)

    sync_wake.watch_outbox(svc, wake, stop)  # local commits wake the worker
    try:
        sync_engine.SyncEngine(svc, config).run(stop, wake)
    finally:
        lock.release()
    return EXIT_OK


def cmd_central(args) -> int:
    from counter_app.sync.central.store import CentralStore

    if args.central_command == "serve":
        from counter_app.sync.central.serve import serve

        serve(args.database, host=args.host, port=args.port, simulate=args.simulate)
        return EXIT_OK
    store = CentralStore(args.database)
    if args.central_command == "add-node":
        print(store.add_node(args.node, args.name, token=args.token))
    elif args.central_command == "publish-online":
        owner = {"full_name": args.owner_name, "id_number": args.id_number, "id_kind": "cccd", "phone": args.phone,
                 "email": "", "address": "", "birth_date": None}
        _print_json(store.publish_online_dossier(args.node, procedure_code=args.procedure, owner=owner))
    elif args.central_command == "advance":
        _print_json(store.advance(args.code, args.status, reason=args.reason))
    return EXIT_OK


def cmd_supervisor(args) -> int:
    from counter_app.config import load_settings
    from counter_app.services.context import Services

    settings = load_settings(database_url=args.database, language=args.language)
    svc = Services(settings.database_url, archive_dir=settings.archive_dir)
    from counter_app.ui.supervisor.app import run_supervisor

    return run_supervisor(svc, language=settings.language)


def _window(args, runner_path: str) -> int:
    from importlib import import_module

    from counter_app.config import load_settings
    from counter_app.services.context import Services

    settings = load_settings(database_url=args.database, counter_number=getattr(args, "counter", None),
                             language=getattr(args, "language", None))
    svc = Services(settings.database_url, archive_dir=settings.archive_dir)
    module, name = runner_path.rsplit(".", 1)
    return getattr(import_module(module), name)(svc, settings=settings, options=args)


# -- parser ----------------------------------------------------------------------------------

SIGN_IN_HELP = f"""\
signing in:
  Application commands act as a signed-in user, with that user's role, as in the windows:
  dossier …, queue …, catalog import, fields set, report, targets, print …, sync issues.
  The user: --user NAME (default ${USER_ENV}); the password: ${PASSWORD_ENV},
  else it is asked for when run at a terminal. Desk commands take --counter N. An account that must
  change its password is refused until it does: counter-app password --user NAME.

  Operator commands run without sign-in, as the operator of the database (the OS user):
  init, db …, sync run|once|status, central …, audit verify.
  Windows sign in through their own dialog (desk, supervisor, admin); kiosk, display and
  rating are unattended devices."""

def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database", metavar="URL",
                        help="database URL (default: $COUNTER_APP_DATABASE_URL, else the SQLite file in the user data dir)")
    parser = argparse.ArgumentParser(prog="counter-app", parents=[common],
                                     description="Reception desk of a one-stop public service centre.",
                                     epilog=SIGN_IN_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command")
    signin = add_sign_in_option(argparse.ArgumentParser(add_help=False, parents=[common]))

    desk = sub.add_parser("desk", parents=[common], help="the reception desk window (default)")
    desk.add_argument("--counter", type=int, help="this PC's counter number")
    desk.add_argument("--language", choices=("vi", "en"))
    desk.set_defaults(func=cmd_desk)

    init = sub.add_parser("init", parents=[common], help="create the database and the centre (operator)")
    init.add_argument("--demo", action="store_true", help="a demo centre, counters 1–4 and demo accounts")
    init.add_argument("--agency-code", help="agency code per QCVN 102, e.g. 000.00.06.H56")
    init.add_argument("--centre-name")
    init.add_argument("--issuing-body", help="e.g. 'UBND TỈNH QUẢNG NAM'")
    init.add_argument("--place-name", help="place printed before the date on forms, e.g. 'Tam Kỳ'")
    init.add_argument("--address")
    init.add_argument("--hotline")
    init.add_argument("--counters", type=int, default=4)
    init.add_argument("--admin-username", default="admin")
    init.add_argument("--admin-password", help="default: generated, printed, to be changed at first sign-in")
    init.set_defaults(func=cmd_init)

    db = sub.add_parser("db", parents=[common], help="database migrations and backups (operator)")
    dbs = db.add_subparsers(dest="db_command", required=True)
    for name in ("upgrade", "status"):
        p = dbs.add_parser(name, parents=[common])
        p.add_argument("--json", action="store_true")
    down = dbs.add_parser("downgrade", parents=[common])
    down.add_argument("revision")
    down.add_argument("--json", action="store_true")
    db.set_defaults(func=cmd_db)
    p = dbs.add_parser("backup", parents=[common], help="copy the database to FILE and FILE.manifest.json")
    p.add_argument("--out", type=Path, metavar="FILE", help="the backup file to create (never overwritten)")
    p.add_argument("--scheduled", action="store_true",
                   help="the daily backup (for a scheduled task): one per business day in --dir, newest --keep kept")
    p.add_argument("--dir", type=Path, help="scheduled backups' folder (default: [backup] dir, else <data dir>/backups)")
    p.add_argument("--keep", type=int, help="scheduled backups to keep (default: [backup] keep, else 7)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_db_backup)
    p = dbs.add_parser("restore", parents=[common], help="replace the database with a verified backup")
    p.add_argument("file", type=Path)
    p.add_argument("--force", action="store_true", help="replace a database that already holds data")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_db_backup)

    cat = sub.add_parser("catalog", parents=[common], help="the procedure catalog")
    cats = cat.add_subparsers(dest="catalog_command", required=True)
    p = cats.add_parser("list", parents=[common])
    p.add_argument("--json", action="store_true")
    p = cats.add_parser("import", parents=[signin])
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    cat.set_defaults(func=cmd_catalog)

    dos = sub.add_parser("dossier", parents=[common], help="dossiers")
    doss = dos.add_subparsers(dest="dossier_command", required=True)
    for name, text in (("receive", "receive a dossier (issues its code and due date)"),
                       ("decline", "do not accept a dossier: request to complete (form 02) or refusal (form 03)")):
        _intake_arguments(doss.add_parser(name, parents=[signin], help=text), decline=name == "decline")
    s = doss.add_parser("show", parents=[signin])
    s.add_argument("code")
    s.add_argument("--json", action="store_true")
    t = doss.add_parser("transition", parents=[signin], help="record a status change (national codes 1–10)")
    t.add_argument("code")
    t.add_argument("--to", required=True, metavar="STATUS", help="status code 1–10")
    t.add_argument("--reason")
    t.add_argument("--new-due", metavar="ISO-8601", help="with an apology (form 04): the new return date")
    t.add_argument("--missing", action="append", metavar="NAME|FORM|COUNT", help="an item to supply (status 5)")
    t.add_argument("--at", metavar="ISO-8601", help="when it happened (back-office progress reported later)")
    t.add_argument("--counter", type=int)
    t.add_argument("--json", action="store_true")
    h = doss.add_parser("handover", parents=[signin], help="hand the result over (status 9 → 10)")
    h.add_argument("code")
    h.add_argument("--collector-name", required=True)
    h.add_argument("--collector-id", required=True, metavar="N")
    h.add_argument("--authorisation", metavar="TEXT", help="authorisation letter (number, date) when not the owner")
    h.add_argument("--fees", type=int, metavar="VND")
    h.add_argument("--fee-note")
    h.add_argument("--rating", metavar="LEVEL", help="1 = worst … best, or the level's label")
    h.add_argument("--rating-reason")
    h.add_argument("--out", metavar="FILE.pdf", help="also write the hand-over receipt")
    h.add_argument("--counter", type=int)
    h.add_argument("--json", action="store_true")
    q = doss.add_parser("search", parents=[signin], help="by code, ID number, phone or name (accents optional)")
    q.add_argument("query", nargs="?", default="")
    q.add_argument("--status", action="append", metavar="N")
    q.add_argument("--field")
    q.add_argument("--procedure")
    q.add_argument("--due-today", action="store_true")
    q.add_argument("--overdue", action="store_true")
    q.add_argument("--from", dest="received_from", metavar="YYYY-MM-DD")
    q.add_argument("--to", dest="received_to", metavar="YYYY-MM-DD")
    q.add_argument("--limit", type=int, default=100)
    q.add_argument("--json", action="store_true")
    p = doss.add_parser("history", parents=[signin])
    p.add_argument("code")
    p.add_argument("--json", action="store_true")
    f = doss.add_parser("forward", parents=[signin], help="forward received dossiers to the resolving agency")
    f.add_argument("codes", nargs="+", metavar="CODE")
    f.add_argument("--agency", required=True)
    f.add_argument("--receiver")
    f.add_argument("--out", metavar="FILE.pdf", help="also write the hand-over list")
    f.add_argument("--counter", type=int)
    f.add_argument("--json", action="store_true")
    o = doss.add_parser("handoff", parents=[signin], help="add a hand-over row to the control slip (form 05)")
    o.add_argument("code")
    o.add_argument("--from-unit", required=True)
    o.add_argument("--to-unit", required=True)
    o.add_argument("--giver")
    o.add_argument("--receiver")
    o.add_argument("--note")
    o.add_argument("--at", metavar="ISO-8601")
    o.add_argument("--counter", type=int)
    o.add_argument("--json", action="store_true")
    dos.set_defaults(func=cmd_dossier)
    _window_parsers(sub, common)
    _queue_parsers(sub, common, signin)
    _print_parsers(sub, common, signin)
    _supervisor_parsers(sub, common, signin)
    _sync_parsers(sub, common)
    _password_parser(sub, common)
    return parser


def _intake_arguments(r, *, decline: bool) -> None:
    r.add_argument("--procedure", required=True, metavar="CODE")
    r.add_argument("--owner-name", required=True)
    r.add_argument("--id-number", required=True)
    r.add_argument("--id-kind", choices=("cccd", "passport"), default="cccd")
    r.add_argument("--phone")
    r.add_argument("--email")
    r.add_argument("--birth-date", metavar="YYYY-MM-DD")
    r.add_argument("--address")
    r.add_argument("--received-at", metavar="ISO-8601", help="enter a paper receipt written while the system was down")
    r.add_argument("--sets", type=int, default=1)
    r.add_argument("--return-method", choices=("counter", "post", "online"), default="counter")
    r.add_argument("--channel", choices=("in_person", "online", "post"), default="in_person")
    r.add_argument("--digitised", action="store_true",
                   help="the papers were scanned at the counter: an electronic dossier (reform indicators)")
    r.add_argument("--document", action="append", metavar="NAME|FORM|COUNT",
                   help="a document received (repeatable); default: the procedure's required documents")
    r.add_argument("--counter", type=int)
    r.add_argument("--note")
    r.add_argument("--json", action="store_true")
    if decline:
        r.add_argument("--form", required=True, choices=("02", "03"))
        r.add_argument("--reason")
        r.add_argument("--missing", action="append", metavar="NAME|FORM|COUNT", help="an item to supply (form 02)")


def _window_parsers(sub, common) -> None:
    for name, runner, text in (
        ("kiosk", "counter_app.ui.kiosk.app.run_kiosk", "the ticket kiosk (full screen, touch)"),
        ("display", "counter_app.ui.display.app.run_display", "the hall display board (full screen)"),
        ("rating", "counter_app.ui.rating.app.run_rating", "the citizen rating window of a counter"),
    ):
        w = sub.add_parser(name, parents=[common], help=text)
        w.add_argument("--language", choices=("vi", "en"))
        w.add_argument("--windowed", action="store_true", help="not full screen (for trying it out)")
        if name == "kiosk":
            w.add_argument("--roll", type=int, choices=(58, 80), default=None,
                           help="thermal roll width in mm (default: this PC's [printers] choice, else 80)")
            w.add_argument("--pdf-dir", help="write tickets as PDF here instead of printing (no printer)")
        if name == "display":
            w.add_argument("--mute", action="store_true", help="no chime and no voice")
        if name == "rating":
            w.add_argument("--counter", type=int, required=True)
        w.set_defaults(func=lambda a, _r=runner: _window(a, _r))


def _queue_parsers(sub, common, signin) -> None:
    q = sub.add_parser("queue", parents=[common], help="queue numbering (tickets, calls)")
    qs = q.add_subparsers(dest="queue_command", required=True)
    p = qs.add_parser("issue", parents=[signin], help="issue a ticket (as the kiosk does)")
    p.add_argument("--field", required=True, metavar="CODE")
    p.add_argument("--priority", metavar="CATEGORY", help="priority category code, e.g. elderly")
    p.add_argument("--json", action="store_true")
    for name in ("call", "recall", "no-show", "start", "finish", "transfer", "pause"):
        p = qs.add_parser(name, parents=[signin])
        p.add_argument("--counter", type=int, required=True)
        p.add_argument("--json", action="store_true")
        if name == "transfer":
            p.add_argument("--to-field")
            p.add_argument("--to-counter", type=int)
            p.add_argument("--reason")
        if name == "pause":
            p.add_argument("--resume", action="store_true")
    p = qs.add_parser("status", parents=[signin])
    p.add_argument("--json", action="store_true")
    p = qs.add_parser("notice", parents=[signin], help="the scrolling notice of the hall display ('' = default)")
    p.add_argument("text")
    p.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_queue)

    fl = sub.add_parser("fields", parents=[common], help="fields (lĩnh vực)")
    fls = fl.add_subparsers(dest="fields_command", required=True)
    p = fls.add_parser("list", parents=[common])
    p.add_argument("--json", action="store_true")
    p = fls.add_parser("set", parents=[signin], help="ticket prefix, number range, open at the kiosk")
    p.add_argument("code")
    p.add_argument("--prefix")
    p.add_argument("--start", type=int)
    p.add_argument("--end", type=int)
    p.add_argument("--open", choices=("yes", "no"))
    fl.set_defaults(func=cmd_fields)


def _supervisor_parsers(sub, common, signin) -> None:
    w = sub.add_parser("supervisor", parents=[common], help="the supervisor console (role supervisor or admin)")
    w.add_argument("--language", choices=("vi", "en"))
    w.set_defaults(func=cmd_supervisor)

    r = sub.add_parser("report", parents=[signin], help="period reports: II.06a, II.07a, queue, satisfaction, officers")
    r.add_argument("kind", choices=(*REPORT_TABLES, "period"),
                   help="06a per unit, 07a per field, queue, satisfaction, officers, reform targets, "
                        "or period (everything, with charts in the PDF)")
    r.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
    r.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD")
    r.add_argument("--out", metavar="FILE.{xlsx,pdf}")
    r.add_argument("--language", choices=("vi", "en"), default="vi")
    r.add_argument("--json", action="store_true", help="print the figures as JSON instead of writing a file")
    r.set_defaults(func=cmd_report)

    t = sub.add_parser("targets", parents=[signin], help="the supervisor's targets (waiting, service, uncollected)")
    t.add_argument("--max-wait", type=int, metavar="MINUTES")
    t.add_argument("--max-service", type=int, metavar="MINUTES")
    t.add_argument("--uncollected-days", type=int, metavar="DAYS")
    t.add_argument("--field", metavar="CODE", help="set this field's own wait/service targets")
    t.set_defaults(func=cmd_targets)


def _sync_parsers(sub, common) -> None:
    from counter_app.config import data_dir

    y = sub.add_parser("sync", parents=[common],
                       help="sync with the central system (SYNC.md); operator, except `sync issues`")
    y.add_argument("action", nargs="?", default="run", choices=("run", "once", "status", "issues"),
                   help="run: the long-running worker (default); once: one cycle; status: the status line; "
                        "issues: the changes that need a person")
    y.add_argument("--server", metavar="URL", help="central system URL (default: $COUNTER_APP_SYNC_URL or config [sync] url)")
    y.add_argument("--token", help="this site's token (default: $COUNTER_APP_SYNC_TOKEN or config [sync] token)")
    y.add_argument("--node", help="this site's node name (default: the agency code)")
    y.add_argument("--interval", type=float, default=30.0, metavar="SECONDS", help="pause between cycles when idle")
    y.add_argument("--json", action="store_true")
    y.add_argument("--user", metavar="NAME", help=f"sync issues: sign in as this user (default: ${USER_ENV})")
    y.set_defaults(func=cmd_sync)

    c = sub.add_parser("central", help="the reference central server of the sync contract (tests, demos; operator)")
    cs = c.add_subparsers(dest="central_command", required=True)
    default_db = f"sqlite:///{data_dir() / 'central.sqlite3'}"
    serve = cs.add_parser("serve", help="serve /sync/v1 over HTTP (uvicorn)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--database", default=default_db, metavar="URL", help="the central's own database")
    serve.add_argument("--simulate", action="store_true",
                       help="move received dossiers through back-office processing and publish online dossiers")
    node = cs.add_parser("add-node", help="register a site and print its token")
    node.add_argument("node", help="the site's node name (its agency code, e.g. 000.00.06.H56)")
    node.add_argument("--name", default="")
    node.add_argument("--token", help="use this token instead of a generated one")
    node.add_argument("--database", default=default_db, metavar="URL")
    pub = cs.add_parser("publish-online", help="publish a dossier submitted on the portal to a site's inbox")
    pub.add_argument("node")
    pub.add_argument("--procedure", required=True, metavar="CODE")
    pub.add_argument("--owner-name", required=True)
    pub.add_argument("--id-number", required=True)
    pub.add_argument("--phone", default="")
    pub.add_argument("--database", default=default_db, metavar="URL")
    adv = cs.add_parser("advance", help="a back-office status change of a dossier (national codes 1–10)")
    adv.add_argument("code")
    adv.add_argument("status", type=int)
    adv.add_argument("--reason", default="")
    adv.add_argument("--database", default=default_db, metavar="URL")
    c.set_defaults(func=cmd_central)


def _password_parser(sub, common) -> None:
    p = sub.add_parser("password", parents=[common], help="change your password (asked for, or from "
                       f"${PASSWORD_ENV} and ${NEW_PASSWORD_ENV})")
    p.add_argument("--user", metavar="NAME", help=f"whose password (default: ${USER_ENV})")
    p.set_defaults(func=cmd_password)


def _print_parsers(sub, common, signin) -> None:
    pr = sub.add_parser("print", parents=[common], help="print documents to PDF")
    prs = pr.add_subparsers(dest="print_command", required=True)
    p = prs.add_parser("receipt", parents=[signin], help="Mẫu 01 receipt of a dossier")
    p.add_argument("code")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p = prs.add_parser("form", parents=[signin], help="a lifecycle form of a dossier (or of a not-accepted slip)")
    p.add_argument("form", choices=("02", "03", "04", "05", "withdrawal", "stop", "handover"),
                   help="02 request to complete, 03 refusal, 04 apology, 05 control slip (Circular 01/2018 numbering)")
    p.add_argument("code", help="dossier code, or for 02/03 at intake the slip number (e.g. 3/PYCBS)")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p = prs.add_parser("register", parents=[signin], help="Mẫu 06 register (Sổ theo dõi hồ sơ)")
    p.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--out", required=True, metavar="FILE.{pdf,xlsx}")
    p = prs.add_parser("forward-list", parents=[signin], help="the hand-over list of a forward batch")
    p.add_argument("ref", metavar="NUMBER")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    pr.set_defaults(func=cmd_print)

    # Sub-commands kept in their own modules: register(sub, common) adds parsers whose
    # set_defaults(func=...) handlers take args and return an exit code.
    from counter_app import cli_admin, cli_audit

    cli_audit.register(sub, common)
    cli_admin.register(sub, common)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["desk", *(argv if argv is not None else sys.argv[1:])])
    if args.command != "central":  # the reference server keeps its own console log (sync/central/serve.py)
        from counter_app.logsetup import setup_logging

        setup_logging()
    from counter_app.domain.errors import DomainError, ValidationFailed

    _signed_in.clear()
    try:
        if getattr(args, "sign_in", False):
            cli_actor(args)  # before anything is read or written; the command reuses it
        return args.func(args)
    except ValidationFailed as exc:
        for err in exc.errors:
            print(f"counter-app: {err.field}: {err.message('vi')}", file=sys.stderr)
        return EXIT_INVALID
    except (DomainError, CliError) as exc:
        msg = exc.message("vi") if isinstance(exc, DomainError) else str(exc)
        if isinstance(exc, DomainError) and exc.code == "counter_required":
            msg += " (Dòng lệnh: thêm --counter N.)"
        print(f"counter-app: {msg}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `counter-app catalog list --json | head`
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
