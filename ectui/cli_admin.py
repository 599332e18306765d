"""The administrator's commands for a shared server: employees, roles, departments,
reassignment, the shared SQLite file, copying the base, backup and restore.

Each command that touches the base opens a session as the OS login (``--user`` lets an
administrator act as another employee), so the services check rights as in the app.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

import peewee

from ectui.errors import DatabaseSetupError, UserError
from ectui.i18n import t, tn
from ectui.models.access import ACTIONS, SCOPES


def add_commands(commands, user_commands, common: argparse.ArgumentParser) -> None:
    """Add the shared-server commands to the ``ectui`` parser."""
    def sub(parent, name: str, key: str) -> argparse.ArgumentParser:
        return parent.add_parser(name, parents=[common], help=t(key), description=t(key))

    listing = sub(user_commands, "list", "cli.user_list")
    listing.add_argument("--all", action="store_true", help=t("cli.user_list.all"))
    role = sub(user_commands, "role", "cli.user_role")
    role.add_argument("login")
    role.add_argument("role", help=t("cli.role_name"))
    for name in ("deactivate", "activate"):
        sub(user_commands, name, f"cli.user_{name}").add_argument("login")
    department = sub(user_commands, "department", "cli.user_department")
    department.add_argument("login")
    department.add_argument("department", help=t("cli.user_add.department"))

    roles = sub(commands, "role", "cli.role_cmd")
    role_commands = roles.add_subparsers(dest="role_command", metavar="ACTION", required=True)
    sub(role_commands, "list", "cli.role_list")
    role_set = sub(role_commands, "set", "cli.role_set")
    role_set.add_argument("role", help=t("cli.role_name"))
    role_set.add_argument("action", choices=ACTIONS)
    role_set.add_argument("scope", choices=SCOPES)
    role_add = sub(role_commands, "add", "cli.role_add")
    role_add.add_argument("name")
    role_add.add_argument("--like", metavar="ROLE", help=t("cli.role_add.like"))
    role_rename = sub(role_commands, "rename", "cli.role_rename")
    role_rename.add_argument("role", help=t("cli.role_name"))
    role_rename.add_argument("name")
    sub(role_commands, "delete", "cli.role_delete").add_argument("role", help=t("cli.role_name"))

    dept = sub(commands, "department", "cli.department_cmd")
    dept_commands = dept.add_subparsers(dest="department_command", metavar="ACTION",
                                        required=True)
    sub(dept_commands, "list", "cli.department_list")
    head = sub(dept_commands, "head", "cli.department_head")
    head.add_argument("department")
    head.add_argument("login")
    head.add_argument("--parent", metavar="DEPARTMENT", help=t("cli.department_head.parent"))

    move = sub(commands, "reassign", "cli.reassign")
    move.add_argument("from_login", metavar="FROM")
    move.add_argument("to_login", metavar="TO")
    move.add_argument("--yes", action="store_true", help=t("cli.yes"))

    shared = sub(commands, "setup-shared", "cli.setup_shared")
    shared.add_argument("path", metavar="DIR", help=t("cli.setup_shared.path"))
    shared.add_argument("--group", required=True, help=t("cli.setup_shared.group"))
    shared.add_argument("--admin", metavar="LOGIN", help=t("cli.setup_shared.admin"))

    copy = sub(commands, "copy", "cli.copy")
    copy.add_argument("--from", dest="source", required=True, metavar="URL")
    copy.add_argument("--to", dest="target", required=True, metavar="URL")
    backup = sub(commands, "backup", "cli.backup")
    backup.add_argument("file", metavar="FILE")
    restore = sub(commands, "restore", "cli.restore")
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--yes", action="store_true", help=t("cli.yes"))


COMMANDS = ("role", "department", "reassign", "setup-shared", "copy", "backup", "restore")


def _input(prompt: str) -> str:
    """The terminal's answer; none (no terminal, input closed) counts as «no»."""
    try:
        return input(prompt)
    except EOFError:
        print()
        print(t("cli.no_answer"))
        return ""


def run(url: str, args: argparse.Namespace, *, ask: Callable[[str], str] = _input) -> int:
    """Run one of the commands added here; returns the exit code."""
    try:
        return _run(url, args, ask)
    except peewee.DatabaseError as error:  # a message for the admin, not a traceback
        raise DatabaseSetupError("cli.database_error", error=str(error).strip()) from error


def _run(url: str, args: argparse.Namespace, ask: Callable[[str], str]) -> int:
    if args.command == "user":
        return _user(url, args)
    if args.command == "role":
        return _role(url, args)
    if args.command == "department":
        return _department(url, args)
    if args.command == "reassign":
        return _reassign(url, args, ask)
    if args.command == "setup-shared":
        from ectui.shared import setup_shared

        for line in setup_shared(args.path, args.group, args.admin):
            print(line)
        return 0
    if args.command == "copy":
        from ectui.transfer import copy_database

        report = copy_database(args.source, args.target, session_user=getattr(args, "user", None))
        print(report.summary())
        return 0
    if args.command == "backup":
        from ectui.transfer import backup

        print(backup(url, args.file, session_user=getattr(args, "user", None)).summary())
        return 0
    if args.command == "restore":
        from ectui.transfer import restore

        return _restore(url, args, ask, restore)
    raise UserError("cli.unknown_command", command=args.command)


def _session(url: str, args: argparse.Namespace):
    from ectui.session import open_session

    return open_session(url, user=getattr(args, "user", None))


def _user(url: str, args: argparse.Namespace) -> int:
    from ectui.services import employees

    session = _session(url, args)
    ctx = session.context
    command = args.user_command
    if command == "list":
        rows = employees.employees(active_only=not args.all)
        width = max((len(e.login) for e in rows), default=5)
        for e in rows:
            state = "" if e.is_active else f"  [{t('cli.user_inactive')}]"
            print(f"{e.login:<{width}}  {e.name}  · {e.role or '—'} · {e.department or '—'}"
                  f"{state}")
        return 0
    info = employees.by_login(args.login)
    if command == "role":
        info = employees.set_role(ctx, info.id, args.role)
        print(t("cli.user_role_done", name=info.name, role=info.role))
    elif command in ("deactivate", "activate"):
        info = employees.set_active(ctx, info.id, command == "activate")
        print(t(f"cli.user_{command}_done", name=info.name, login=info.login))
        owned = employees.records_of(info.id)
        if command == "deactivate" and owned:
            print(t("employee.still_owns", count=owned, login=info.login))
    elif command == "department":
        info = employees.set_department(ctx, info.id, args.department)
        print(t("cli.user_department_done", name=info.name, department=info.department or "—"))
    return 0


def _role(url: str, args: argparse.Namespace) -> int:
    from ectui.services import roles

    session = _session(url, args)
    ctx = session.context
    command = args.role_command
    if command == "list":
        for info in roles.roles():
            scopes = ", ".join(f"{a}={info.scopes[a]}" for a in ACTIONS)
            code = f" ({info.code})" if info.code else ""
            print(f"{info.name}{code} [{info.members}]: {scopes}")
        return 0
    if command == "add":
        scopes = roles.find_role(args.like).scopes if args.like else None
        info = roles.create_role(ctx, args.name, scopes)
    elif command == "set":
        info = roles.update_role(ctx, roles.find_role(args.role).id,
                                 scopes={args.action: args.scope})
    elif command == "rename":
        info = roles.update_role(ctx, roles.find_role(args.role).id, name=args.name)
    else:
        target = roles.find_role(args.role)
        roles.delete_role(ctx, target.id)
        print(t("cli.role_deleted", name=target.name))
        return 0
    print(t("cli.role_saved", name=info.name,
            scopes=", ".join(f"{a}={info.scopes[a]}" for a in ACTIONS)))
    return 0


def _department(url: str, args: argparse.Namespace) -> int:
    from ectui.services import employees

    session = _session(url, args)
    if args.department_command == "list":
        for dept in employees.departments():
            parent = f" ← {dept.parent}" if dept.parent else ""
            print(f"{dept.name}{parent}: {t('cli.department_head_is', name=dept.head or '—')}, "
                  f"{t('cli.department_members', count=dept.members)}")
        return 0
    head = employees.by_login(args.login)
    info = employees.set_department_head(session.context, args.department, head.id,
                                         parent=args.parent)
    print(t("cli.department_head_done", department=info.name, name=info.head))
    return 0


def _reassign(url: str, args: argparse.Namespace, ask: Callable[[str], str]) -> int:
    from ectui.services import employees, reassign

    session = _session(url, args)
    source = employees.by_login(args.from_login)
    target = employees.by_login(args.to_login)
    shown = reassign.preview(session.context, source.id, target.id)
    print(t("reassign.preview_title", source=shown.from_name, target=shown.to_name))
    for group in shown.groups:
        print(f"  {group.label}: {group.count}")
        for name in group.sample:
            print(f"    · {name}")
        if group.count > len(group.sample):
            print(f"    … {t('reassign.more', count=group.count - len(group.sample))}")
    if not shown.total:
        print(t("reassign.nothing"))
        return 0
    if not args.yes:
        records = tn("count.records", shown.total)
        answer = ask(t("cli.confirm", question=t("reassign.confirm", records=records,
                                                   target=shown.to_name)))
        if answer.strip().casefold() not in ("y", "yes", "д", "да"):
            print(t("cli.cancelled"))
            return 1
    moved = reassign.reassign(session.context, shown)
    print(t("reassign.done", count=sum(moved.values()), target=shown.to_name))
    return 0


def _restore(url: str, args: argparse.Namespace, ask: Callable[[str], str], restore) -> int:
    from ectui.transfer import describe_backup

    print(describe_backup(args.file))
    if not args.yes:
        answer = ask(t("cli.confirm", question=t("cli.restore_question", url=url)))
        if answer.strip().casefold() not in ("y", "yes", "д", "да"):
            print(t("cli.cancelled"))
            return 1
    print(restore(args.file, url, session_user=getattr(args, "user", None)).summary())
    return 0


