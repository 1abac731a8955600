"""`counter-app admin`: the administration window and its headless commands.

    counter-app admin [--language vi|en]                 the window (sign-in as an administrator)
    counter-app admin users list [--json]
    counter-app admin users add NAME --full-name TEXT --role officer|supervisor|admin [--counter N]
    counter-app admin users reset-password NAME
    counter-app admin users unlock NAME
    counter-app admin users deactivate|reactivate NAME

The headless commands sign in like every application command (--user, $COUNTER_APP_USER,
$COUNTER_APP_PASSWORD, else asked at a terminal) and call the same services as the window,
so the same rules and refusals apply. A temporary password is printed once.
"""

from __future__ import annotations

EXIT_OK = 0


def register(sub, common) -> None:
    """Add this module's sub-commands to the `counter-app` parser."""
    from counter_app.cli import add_sign_in_option

    a = sub.add_parser("admin", parents=[common],
                       help="the administration window (users, counters, fields, catalog, holidays, printers)")
    a.add_argument("--language", choices=("vi", "en"))
    a.set_defaults(func=cmd_admin_window)
    areas = a.add_subparsers(dest="admin_area")
    users = areas.add_parser("users", parents=[common], help="user accounts")
    verbs = users.add_subparsers(dest="users_command", required=True)
    p = add_sign_in_option(verbs.add_parser("list", parents=[common]))
    p.add_argument("--json", action="store_true")
    p = add_sign_in_option(verbs.add_parser("add", parents=[common], help="a new account; prints its temporary password"))
    p.add_argument("username")
    p.add_argument("--full-name", required=True)
    p.add_argument("--role", required=True, choices=("officer", "supervisor", "admin"))
    p.add_argument("--counter", dest="assigned_counter", type=int, metavar="N",
                   help="the counter an officer signs in at (default: any)")
    p.add_argument("--json", action="store_true")
    for name, text in (("reset-password", "a new temporary password, to be changed at the next sign-in"),
                       ("unlock", "lift a lock-out after wrong passwords"),
                       ("deactivate", "the account can no longer sign in (its history stays)"),
                       ("reactivate", "the account can sign in again")):
        p = add_sign_in_option(verbs.add_parser(name, parents=[common], help=text))
        p.add_argument("username")
        p.add_argument("--json", action="store_true")
    users.set_defaults(func=cmd_admin_users)


def cmd_admin_window(args) -> int:
    from counter_app.cli import _window

    return _window(args, "counter_app.ui.admin.app.run_admin")


def _find(svc, actor, username: str):
    from counter_app.cli import CliError
    from counter_app.services import admin

    for user in admin.list_users(svc, actor):
        if user.username == username.strip():
            return user
    raise CliError(f"no account named '{username}'")


def cmd_admin_users(args) -> int:
    from counter_app.cli import _print_json, _services, cli_actor
    from counter_app.services import admin

    svc, _settings = _services(args)
    actor = cli_actor(args)
    command = args.users_command
    if command == "list":
        users = admin.list_users(svc, actor)
        if args.json:
            _print_json(users)
        else:
            for u in users:
                state = "active" if u.active else "deactivated"
                if u.locked:
                    state = "locked"
                print(f"{u.username:<20} {u.role:<11} {u.assigned_counter or '-':>3}  {state:<11} {u.full_name}")
        return EXIT_OK
    if command == "add":
        user, password = admin.create_user(svc, actor, username=args.username, full_name=args.full_name,
                                           role=args.role, assigned_counter=args.assigned_counter)
        if args.json:
            _print_json({"user": user, "temporary_password": password})
        else:
            print(f"{user.username}: temporary password {password} (to be changed at the first sign-in)")
        return EXIT_OK
    user = _find(svc, actor, args.username)
    if command == "reset-password":
        password = admin.reset_password(svc, actor, user.id)
        if args.json:
            _print_json({"username": user.username, "temporary_password": password})
        else:
            print(f"{user.username}: temporary password {password} (to be changed at the next sign-in)")
        return EXIT_OK
    if command == "unlock":
        result = admin.unlock_user(svc, actor, user.id)
    else:
        result = admin.set_user_active(svc, actor, user.id, command == "reactivate")
    if args.json:
        _print_json(result)
    else:
        print(f"{result.username}: {'active' if result.active else 'deactivated'}, "
              f"{'locked' if result.locked else 'not locked'}")
    return EXIT_OK
