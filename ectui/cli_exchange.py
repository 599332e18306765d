"""The exchange commands of ``ectui``: import and export (mail commands: ``cli_mail``).

    ectui import contacts FILE [--map COLUMN=FIELD ...] [--dry-run] [--show-mapping]
    ectui import organizations FILE …
    ectui import contacts sqlite:///path/file.db --query "SELECT …" | --query TABLE [--map …]
    ectui import all FILE.json [--replace]
    ectui export contacts|organizations FILE [--group NAME] [--search TEXT] …
    ectui export all FILE.json
    ectui export calendar FILE.ics [--employee LOGIN] [--from ДД.ММ.ГГГГ] [--to ДД.ММ.ГГГГ]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ectui.cli_mail import abc_criteria, add_abc_arguments
from ectui.errors import UserError
from ectui.i18n import t

COMMANDS = ("import", "export")
KINDS = {"organizations": "organization", "contacts": "contact"}


def add_commands(commands, common: argparse.ArgumentParser) -> None:
    """Register the exchange commands on the main parser's subcommands."""
    imp = commands.add_parser("import", parents=[common], help=t("exchange.cli.import"),
                              description=t("exchange.cli.import.description"))
    imp.add_argument("what", choices=(*KINDS, "all"), help=t("exchange.cli.import.what"))
    imp.add_argument("file", help=t("exchange.cli.import.source"))
    imp.add_argument("--format", choices=("csv", "xlsx", "vcf"), help=t("exchange.cli.format"))
    imp.add_argument("--query", metavar="SELECT|TABLE", default="",
                     help=t("exchange.cli.import.query"))
    imp.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                     help=t("exchange.cli.import.map"))
    imp.add_argument("--show-mapping", action="store_true",
                     help=t("exchange.cli.import.show_mapping"))
    imp.add_argument("--dry-run", action="store_true", help=t("exchange.cli.import.dry_run"))
    imp.add_argument("--no-new-organizations", action="store_true",
                     help=t("exchange.cli.import.no_new_orgs"))
    imp.add_argument("--replace", action="store_true", help=t("exchange.cli.import.replace"))

    exp = commands.add_parser("export", parents=[common], help=t("exchange.cli.export"),
                              description=t("exchange.cli.export.description"))
    exp.add_argument("what", choices=(*KINDS, "all", "calendar"),
                     help=t("exchange.cli.export.what"))
    exp.add_argument("file", type=Path, help=t("exchange.cli.file"))
    exp.add_argument("--format", choices=("csv", "xlsx", "vcf"), help=t("exchange.cli.format"))
    exp.add_argument("--group", metavar="NAME", help=t("exchange.cli.export.group"))
    exp.add_argument("--search", metavar="TEXT", default="", help=t("exchange.cli.export.search"))
    exp.add_argument("--category", metavar="CODE", default="",
                     help=t("exchange.cli.export.category"))
    exp.add_argument("--segment", metavar="TEXT", default="", help=t("exchange.cli.export.segment"))
    exp.add_argument("--responsible", metavar="LOGIN", help=t("exchange.cli.export.responsible"))
    add_abc_arguments(exp)
    exp.add_argument("--employee", metavar="LOGIN", help=t("exchange.cli.export.employee"))
    exp.add_argument("--from", dest="date_from", metavar="ДД.ММ.ГГГГ", help=t("exchange.cli.from"))
    exp.add_argument("--to", dest="date_to", metavar="ДД.ММ.ГГГГ", help=t("exchange.cli.to"))


def run(url: str, args: argparse.Namespace) -> int:
    if args.command == "import":
        return _import(url, args)
    return _export(url, args)


def _session(url: str, args: argparse.Namespace):
    from ectui.session import open_session

    return open_session(url, user=getattr(args, "user", None))


def _bar(label: str):
    from ectui.exchange.progress import TerminalBar

    return TerminalBar(label)


# ---- import -------------------------------------------------------------------------------

def _import(url: str, args: argparse.Namespace) -> int:
    from ectui.exchange.sql_source import is_database_url

    from_database = is_database_url(args.file)
    if args.query and not from_database:
        raise UserError("exchange.cli.query_needs_url")
    if from_database and args.what == "all":
        raise UserError("exchange.cli.all_needs_json")
    session = _session(url, args)
    if args.what == "all":
        from ectui.services.backup import restore_database

        bar = _bar(t("exchange.cli.progress.import"))
        try:
            report = restore_database(session.context, Path(args.file), replace=args.replace,
                                      progress=bar)
        finally:
            bar.finish()
        print(t("exchange.cli.restore_done", tables=report.tables, rows=report.rows))
        return 0
    from ectui.services import client_import

    kind = KINDS[args.what]
    if from_database:
        table = client_import.read_database(args.file, args.query)
    else:
        table = client_import.read_source(Path(args.file), kind, args.format)
    mapping = client_import.parse_mapping(kind, table.headers, args.map,
                                          client_import.suggest_mapping(kind, table.headers))
    if args.show_mapping:
        print_mapping(kind, table.headers, mapping)
        return 0
    bar = _bar(t("exchange.cli.progress.check") if args.dry_run
               else t("exchange.cli.progress.import"))
    try:
        report = client_import.run_import(session.context, kind, table, mapping,
                                          dry_run=args.dry_run,
                                          create_organizations=not args.no_new_organizations,
                                          progress=bar)
    finally:
        bar.finish()
    print_report(report)
    return 0 if not report.rejected else 1


def print_mapping(kind: str, headers: list[str], mapping) -> None:
    from ectui.services.client_import import column_label

    width = max((len(h) for h in headers), default=0)
    for number, (header, key) in enumerate(zip(headers, mapping, strict=True), start=1):
        target = f"{column_label(kind, key)} ({key})" if key else t("exchange.cli.mapping.skipped")
        print(f"{number:>3}. {header.ljust(width)}  →  {target}")


def print_report(report, out=None) -> None:
    """What an import did or would do, then every rejected row with its reasons."""
    from ectui.services.client_import import describe

    for line in describe(report):
        print(line, file=out or sys.stdout)


# ---- export -------------------------------------------------------------------------------

def _selection(kind: str, args: argparse.Namespace):
    from ectui.models import ClientGroup, Employee
    from ectui.services.selection import Selection

    group_id = responsible_id = None
    if args.group:
        group = ClientGroup.get_or_none(ClientGroup.kind == kind, ClientGroup.name == args.group)
        if group is None:
            raise UserError("exchange.cli.no_group", name=args.group)
        group_id = group.id
    if args.responsible:
        emp = Employee.get_or_none(Employee.login == args.responsible)
        if emp is None:
            raise UserError("exchange.cli.no_employee", login=args.responsible)
        responsible_id = emp.id
    return Selection(kind=kind, group_id=group_id, query=args.search, category=args.category,
                     segment=args.segment, responsible_id=responsible_id, **abc_criteria(args))


def _export(url: str, args: argparse.Namespace) -> int:
    session = _session(url, args)
    bar = _bar(t("exchange.cli.progress.export"))
    try:
        if args.what == "all":
            from ectui.services.backup import export_database

            count = export_database(session.context, args.file, progress=bar)
        elif args.what == "calendar":
            count = _export_calendar(session, args, bar)
        else:
            from ectui.services.client_export import export_clients

            kind = KINDS[args.what]
            count = export_clients(session.context, _selection(kind, args), args.file,
                                   args.format, progress=bar)
    finally:
        bar.finish()
    print(t("exchange.cli.export_done", count=count, path=args.file))
    return 0


def _export_calendar(session, args: argparse.Namespace, bar) -> int:
    from ectui.models import Employee
    from ectui.services.calendar_export import export_calendar
    from ectui.validation import parse_date

    employee_id = session.actor.employee_id
    if args.employee:
        emp = Employee.get_or_none(Employee.login == args.employee)
        if emp is None:
            raise UserError("exchange.cli.no_employee", login=args.employee)
        employee_id = emp.id
    try:
        start = parse_date(args.date_from) if args.date_from else None
        end = parse_date(args.date_to) if args.date_to else None
    except UserError as error:
        raise UserError("exchange.cli.bad_date", message=error.message) from None
    return export_calendar(session.context, args.file, employee_id=employee_id, start=start,
                           end=end, progress=bar)
