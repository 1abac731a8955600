"""`counter-app audit …`: verify, browse and export the audit trail.

    counter-app audit verify [--json]        operator command (no sign-in); exit 0 intact, 1 tampered
    counter-app audit list [filters] [--limit N] [--offset N] [--json]      supervisor / admin
    counter-app audit export --out FILE.csv [filters]                        supervisor / admin

filters: --from DATE --to DATE (business dates, Hà Nội time) --by-user NAME --action A (exact, or
a prefix ending in "." such as "queue.").
"""

from __future__ import annotations

import getpass
import json
import sys


def register(sub, common) -> None:
    """Add this module's sub-commands to the `counter-app` parser."""
    a = sub.add_parser("audit", parents=[common], help="the audit trail: verify its integrity, browse, export")
    subs = a.add_subparsers(dest="audit_command", required=True)

    v = subs.add_parser("verify", parents=[common],
                        help="check the hash chain: exit 0 when intact, 1 with one line per problem")
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=_verify)

    p = subs.add_parser("list", parents=[common], help="the entries, newest first")
    _filters(p)
    p.add_argument("--limit", type=int, default=50, help="at most N entries (≤ 1000; default 50)")
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_list)

    e = subs.add_parser("export", parents=[common], help="write the entries to a CSV file (UTF-8, opens in Excel)")
    _filters(e)
    e.add_argument("--out", required=True, metavar="FILE")
    e.add_argument("--json", action="store_true")
    e.set_defaults(func=_export)
    _sign_in(p)
    _sign_in(e)


def _sign_in(parser) -> None:
    # The sign-in options of an application command, where the CLI offers them.
    from counter_app import cli

    add = getattr(cli, "add_sign_in_option", None)
    if add is not None:
        add(parser)


def _filters(p) -> None:
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    # --user is the sign-in of application commands; the filter is --by-user.
    p.add_argument("--by-user", dest="audit_user", metavar="NAME", help="entries written by this user name")
    p.add_argument("--action", metavar="ACTION", help='exact, or a prefix ending in "." (e.g. "queue.")')


def _filters_of(args):
    from counter_app.cli import _parse_date
    from counter_app.services.audit import AuditFilters

    return AuditFilters(
        start=_parse_date(args.date_from, "--from") if args.date_from else None,
        end=_parse_date(args.date_to, "--to") if args.date_to else None,
        username=args.audit_user or "", action=args.action or "",
    )


def _verify(args) -> int:
    from counter_app.cli import EXIT_FAILURE, EXIT_OK, _print_json, _services
    from counter_app.services import audit, authz

    svc, _settings = _services(args)
    result = audit.verify(svc, authz.operator(getpass.getuser()))
    if args.json:
        _print_json({
            "ok": result.ok, "checked": result.checked, "head": {"seq": result.head_seq, "hash": result.head_hash},
            "problems": [{"kind": p.kind, "seq": p.seq, "entry_id": p.entry_id, "last_seq": p.last_seq,
                          "message": p.message("vi"), "message_en": p.message("en")} for p in result.problems],
        })
    else:
        for line in result.lines("vi"):
            print(line)
        print(result.summary("vi"))
        print(f"Đầu chuỗi / chain head: #{result.head_seq} SHA-256 {result.head_hash}")
    return EXIT_OK if result.ok else EXIT_FAILURE


def _list(args) -> int:
    from counter_app.cli import EXIT_OK, _print_json, _services, cli_actor
    from counter_app.domain.calendar import LOCAL_TZ
    from counter_app.services import audit

    svc, _settings = _services(args)
    actor = cli_actor(args)
    page = audit.list_entries(svc, actor, _filters_of(args), limit=args.limit, offset=args.offset)
    if args.json:
        _print_json({"total": page.total, "offset": page.offset, "entries": list(page.rows)})
        return EXIT_OK
    for r in page.rows:
        counter = f"quầy {r.counter_number}" if r.counter_number is not None else "-"
        target = f"{r.entity_type}:{r.entity_id}" if r.entity_type else "-"
        change = ""
        if r.before is not None or r.after is not None:
            change = f"  {_compact(r.before)} → {_compact(r.after)}"
        print(f"#{r.seq}  {r.at.astimezone(LOCAL_TZ):%d/%m/%Y %H:%M:%S}  {r.username or '-'}  {counter}  "
              f"{r.action}  {target}  {_compact(r.details)}{change}")
    shown = len(page.rows)
    print(f"{shown} / {page.total} mục (entries)", file=sys.stderr)
    return EXIT_OK


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value is not None else "-"


def _export(args) -> int:
    from counter_app.cli import EXIT_OK, _print_json, _services, cli_actor
    from counter_app.services import audit

    svc, _settings = _services(args)
    actor = cli_actor(args)
    n = audit.export(svc, actor, _filters_of(args), args.out)
    if args.json:
        _print_json({"file": args.out, "entries": n})
    else:
        print(f"Đã xuất {n} mục nhật ký vào {args.out} / exported {n} entries to {args.out}")
    return EXIT_OK
