"""The ``ectui`` command: opens the app, and the admin's commands (demo, init, migrate, user)."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence

from ectui.db import resolve_database_url
from ectui.errors import UserError
from ectui.i18n import language_from_env, set_language, t, tn

_APP_OPTIONS = ("--db", "--lang", "--user")  # each takes a value


def _opens_the_app(argv: Sequence[str]) -> bool:
    """Only the options of the app itself: no command, no --help (the everyday start)."""
    expects_value = False
    for arg in argv:
        if expects_value:
            expects_value = False
        elif arg in _APP_OPTIONS:
            expects_value = True
        elif not arg.startswith(tuple(f"{option}=" for option in _APP_OPTIONS)):
            return False
    return not expects_value


def _parser(with_commands: bool = True) -> argparse.ArgumentParser:
    """The command line; without the commands (their modules and help texts cost a tenth
    of the app's start-up) when it only opens the app."""
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a subcommand's parser must not reset what was given before the subcommand
    # (``ectui --db URL backup FILE``) to its own default.
    common.add_argument("--db", metavar="URL", help=t("cli.db"), default=argparse.SUPPRESS)
    common.add_argument("--lang", choices=("ru", "en"), help=t("cli.lang"),
                        default=argparse.SUPPRESS)
    parser = argparse.ArgumentParser(prog="ectui", description=t("cli.description"),
                                     parents=[common])
    parser.add_argument("--user", metavar="LOGIN", help=t("cli.user"))
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser("demo", parents=[common], help=t("cli.demo"),
                               description=t("cli.demo"))
    demo.add_argument("--no-open", action="store_true", help=t("cli.demo.no_open"))
    commands.add_parser("init", parents=[common], help=t("cli.init"), description=t("cli.init"))
    commands.add_parser("migrate", parents=[common], help=t("cli.migrate"),
                        description=t("cli.migrate"))
    user = commands.add_parser("user", parents=[common], help=t("cli.user_cmd"),
                               description=t("cli.user_cmd"))
    user_commands = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = user_commands.add_parser("add", parents=[common], help=t("cli.user_add"),
                                   description=t("cli.user_add"))
    add.add_argument("login", help=t("cli.user_add.login"))
    add.add_argument("--name", required=True, help=t("cli.user_add.name"))
    add.add_argument("--position", default="", help=t("cli.user_add.position"))
    add.add_argument("--department", default="", help=t("cli.user_add.department"))
    add.add_argument("--admin", action="store_true", help=t("cli.user_add.admin"))
    add.add_argument("--role", help=t("cli.role_name"))
    from ectui.cli_admin import add_commands

    add_commands(commands, user_commands, common)
    from ectui import cli_exchange, cli_mail

    cli_exchange.add_commands(commands, common)
    cli_mail.add_commands(commands, common)
    from ectui import cli_documents

    cli_documents.add_commands(commands, common)
    from ectui import cli_reports

    cli_reports.add_commands(commands, common)
    return parser


def _language(argv: Sequence[str]) -> str:
    # The language must be known before the parser's help texts are built.
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in ("ru", "en"):
            return argv[i + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in ("ru", "en"):
            return arg.split("=", 1)[1]
    return language_from_env()


def _open_app(url: str, user: str | None) -> int:
    # Python's cyclic collector waits while the app starts: nearly everything made on the
    # way (modules, classes, styles, widgets) lives as long as the app, and a full
    # collection walking it fell just before the first list was drawn (20–30 ms). The App
    # resumes it once its first frame is on the screen (screens/app.py), or this on exit.
    gc.disable()
    try:
        from ectui.session import open_session

        session = open_session(url, user=user)
        # The only place the domain reaches for the UI. Today's first rows are read while
        # the App is imported (screens/first_page.py).
        from screens.first_page import FirstPage

        first_page = FirstPage(session.context)
        from screens.app import run_app

        run_app(session, first_page)
    finally:
        gc.enable()
    return 0


def _demo(url: str | None, open_after: bool) -> int:
    from ectui.demo import create_demo_database, default_demo_url

    # --db or ECTUI_DB names where; a database that already holds data is refused.
    url = url or os.environ.get("ECTUI_DB") or default_demo_url()
    counts = create_demo_database(url, fresh=url == default_demo_url())
    print(t("cli.demo_created", url=url,
            orgs=tn("count.organizations", counts["organizations"]),
            contacts=tn("count.contacts", counts["contacts"])))
    return _open_app(url, None) if open_after else 0


def _init(url: str) -> int:
    from ectui.session import open_session

    session = open_session(url)
    print(t("cli.init_done", url=url, login=session.actor.login))
    return 0


def _migrate(url: str) -> int:
    from ectui.session import connect

    _db, applied = connect(url)
    print(t("db.migrated", names=", ".join(applied)) if applied else t("db.up_to_date"))
    return 0


def _user_add(url: str, args: argparse.Namespace) -> int:
    from ectui.services.employees import create_employee
    from ectui.session import open_session

    session = open_session(url, user=args.user)
    parts = args.name.split()
    last, first, patronymic = [*parts, "", "", ""][:3]
    info = create_employee(session.context, args.login, last, first, patronymic,
                           position=args.position, department=args.department,
                           is_admin=args.admin, role=args.role)
    print(t("cli.user_added", name=info.name, login=info.login))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Files ectui creates (the SQLite file, its -wal and -shm, backups) stay writable by the
    # group, so every login of a shared base can write them (see ectui/shared.py).
    os.umask(0o007)
    set_language(_language(argv))
    opens_the_app = _opens_the_app(argv)
    args = _parser(with_commands=not opens_the_app).parse_args(argv)
    db_option = getattr(args, "db", None)
    url = resolve_database_url(db_option)
    try:
        if opens_the_app:
            return _open_app(url, args.user)
        from ectui import cli_admin

        if args.command == "demo":
            return _demo(db_option, not args.no_open)
        if args.command == "init":
            return _init(url)
        if args.command == "migrate":
            return _migrate(url)
        if args.command == "user" and args.user_command == "add":
            return _user_add(url, args)
        if args.command == "user" or args.command in cli_admin.COMMANDS:
            return cli_admin.run(url, args)
        from ectui import cli_exchange, cli_mail

        if args.command in cli_exchange.COMMANDS:
            return cli_exchange.run(url, args)
        if args.command in cli_mail.COMMANDS:
            return cli_mail.run(url, args)
        from ectui import cli_documents

        if args.command in cli_documents.COMMANDS:
            return cli_documents.run(url, args)
        from ectui import cli_reports

        if args.command in cli_reports.COMMANDS:
            return cli_reports.run(url, args)
        return _open_app(url, args.user)
    except UserError as error:
        print(t("cli.error", message=error.message), file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
