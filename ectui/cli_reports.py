"""``ectui report NAME``: every report of control and analysis in the terminal, as a table,
CSV or JSON (the JSON shape is in docs/reports.md), with the same filters as the screens.

    ectui --user kuznetsova report funnel --employee kim --from 01.11.2026 --to 30.11.2026
    ectui report abc --basis paid --format json
    ectui report activity --department "Отдел продаж" --format csv
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal

from ectui.i18n import t

COMMANDS = ("report",)
# The same names as ectui.services.reports.run.NAMES (imported lazily: the parser is cheap).
NAMES = ("funnel", "abc", "activity", "results", "sales", "clients", "settings")
SUBJECTS = ("clients", "products", "directions")  # as ectui.services.reports.abc.SUBJECTS


def add_commands(commands, common: argparse.ArgumentParser) -> None:
    report = commands.add_parser("report", parents=[common], help=t("cli.report"),
                                 description=t("cli.report.description"))
    report.add_argument("name", choices=NAMES, help=t("cli.report.name"))
    report.add_argument("--format", choices=("table", "csv", "json"), default="table",
                        help=t("cli.report.format"))
    report.add_argument("--user", metavar="LOGIN", default=argparse.SUPPRESS,
                        help=t("cli.user"))
    report.add_argument("--employee", metavar="LOGIN", default="",
                        help=t("cli.report.employee"))
    report.add_argument("--department", metavar="NAME", default="",
                        help=t("cli.report.department"))
    report.add_argument("--group", metavar="NAME", default="", help=t("cli.report.group"))
    report.add_argument("--project-type", metavar="NAME", default="",
                        help=t("cli.report.project_type"))
    report.add_argument("--from", dest="date_from", metavar="ДД.ММ.ГГГГ", default="",
                        help=t("cli.report.from"))
    report.add_argument("--to", dest="date_to", metavar="ДД.ММ.ГГГГ", default="",
                        help=t("cli.report.to"))
    report.add_argument("--basis", choices=("invoiced", "paid"), default="invoiced",
                        help=t("cli.report.basis"))
    report.add_argument("--subject", choices=SUBJECTS, default="clients",
                        help=t("cli.report.subject"))
    report.add_argument("--thresholds", metavar="A,B", default="",
                        help=t("cli.report.thresholds"))
    report.add_argument("--save-groups", action="store_true", help=t("cli.report.save_groups"))
    report.add_argument("--steps", metavar="FILE.json", default="", help=t("cli.report.steps"))
    report.add_argument("--reset-steps", action="store_true", help=t("cli.report.reset_steps"))
    report.add_argument("--save-thresholds", metavar="A,B", default="",
                        help=t("cli.report.save_thresholds"))


def _settings(ctx, args: argparse.Namespace, out) -> int:
    """Change what was asked (administrators only), then print the settings in force."""
    from pathlib import Path

    from ectui.services.reports import abc, funnel_steps

    if args.steps:
        text = Path(args.steps).expanduser().read_text(encoding="utf-8")
        funnel_steps.save_funnel_steps(ctx, funnel_steps.steps_from_json(text))
    if args.reset_steps:
        funnel_steps.reset_funnel_steps(ctx)
    limits = _thresholds(args.save_thresholds)
    if limits:
        abc.save_abc_thresholds(ctx, *limits)
    print(t("report.settings.steps"), file=out)
    for n, step in enumerate(funnel_steps.funnel_steps(), 1):
        print(t("report.settings.step", n=n, name=step.label, code=step.code,
                types=", ".join(step.task_types) or "—",
                documents=", ".join(step.documents) or "—"), file=out)
    a, b = abc.abc_thresholds()
    print(t("report.settings.thresholds", a=a, b=b), file=out)
    return 0


def _thresholds(text: str) -> tuple[Decimal, Decimal] | None:
    from ectui.errors import FieldError, ValidationError

    if not text:
        return None
    try:
        a, b = (Decimal(part.strip()) for part in text.split(","))
    except (ValueError, ArithmeticError):
        raise ValidationError({"thresholds": FieldError("report.error.abc_thresholds")}) \
            from None
    return a, b


OPTIONS = {"employee_id": "--employee", "department_id": "--department", "group_id": "--group",
           "project_type_id": "--project-type", "date_from": "--from", "date_to": "--to"}


def compute(ctx, args: argparse.Namespace):
    """The report named on the command line, with its filters and options."""
    from ectui.errors import ValidationError
    from ectui.services.reports import abc
    from ectui.services.reports.filters import filter_from_names
    from ectui.services.reports.run import ReportOptions, build_report

    try:
        f = filter_from_names(args.employee, args.department, args.group, args.project_type,
                              args.date_from, args.date_to)
    except ValidationError as error:  # name the options the person typed, not the fields
        raise ValidationError({OPTIONS.get(k, k): e for k, e in error.errors.items()}) from None
    result = build_report(ctx, args.name, f, ReportOptions(args.basis, args.subject,
                                                           _thresholds(args.thresholds)))
    if args.name == "abc" and args.save_groups:
        abc.save_as_groups(ctx, result.data)
    return result


def _is_number(value: object) -> bool:
    if value is None or isinstance(value, (int, float, Decimal)):
        return True
    try:
        Decimal(str(value))
    except ArithmeticError:
        return False
    return True


def print_table(table, out) -> None:
    from ectui.services.reports.tables import cell

    texts = [[cell(v) for v in row] for row in table.rows]
    widths = [max([len(h)] + [len(r[i]) for r in texts]) for i, h in enumerate(table.columns)]
    # Numbers read best right-aligned, names and marks left-aligned: a column is numeric
    # when every value in it is a number (a signed delta «+0.5» too) or nothing.
    numeric = [bool(table.rows) and all(_is_number(row[i]) for row in table.rows)
               for i in range(len(table.columns))]

    def line(values):
        return "  ".join(v.rjust(w) if numeric[i] else v.ljust(w)
                         for i, (v, w) in enumerate(zip(values, widths, strict=True))).rstrip()

    print(table.title, file=out)
    print(line(table.columns), file=out)
    print("  ".join("─" * w for w in widths), file=out)
    for row in texts:
        print(line(row), file=out)
    if not texts:
        print(t("report.empty"), file=out)


def run(url: str, args: argparse.Namespace, out=None) -> int:
    from ectui.services.reports.export import write_csv
    from ectui.services.reports.tables import filter_json, plain
    from ectui.session import open_session

    out = out or sys.stdout
    session = open_session(url, user=getattr(args, "user", None))
    if args.name == "settings":
        return _settings(session.context, args, out)
    result = compute(session.context, args)
    if args.format == "json":
        json.dump({"report": args.name, "filter": filter_json(result.filter),
                   "data": plain(result.data)}, out, ensure_ascii=False, indent=2)
        print(file=out)
    elif args.format == "csv":
        write_csv(result.tables, out)
    else:
        for i, table in enumerate(result.tables):
            if i:
                print(file=out)
            print_table(table, out)
    return 0
