"""The sales funnel: how many clients reach each step, how many move on, how long it takes,
and the deals that come out of it; and the same beside the reference funnel.

Definitions (docs/reports.md says the same):

- a client *enters* a step on the first day within the period it has evidence of the step (a
  done operational task of a mapped type, or a mapped document);
- it *moves on* when it enters the next step on that day or later; conversion is moved on /
  entered, in percent; *days at the step* average (next step's day − this step's day) over
  the clients that moved on;
- *deals out* are the clients that entered the last step; their *amount* is what they paid in
  the period; the *deal duration* is from the first day on any step to the last step's day.

The database groups the evidence per client and step (one row per client and step, never a
row per task); the arithmetic over those rows is done here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import peewee
from peewee import fn

from ectui.db import database, is_sqlite
from ectui.models import (
    Contract,
    Employee,
    Invoice,
    Organization,
    Payment,
    Proposal,
    Task,
    TaskType,
)
from ectui.services import access
from ectui.services.context import Context
from ectui.services.reports.filters import (
    EVERYTHING,
    ReportFilter,
    check_filter,
    client_condition,
    date_in_period,
    moment_in_period,
    require_reports,
)
from ectui.services.reports.funnel_steps import FunnelStepDef, funnel_steps
from ectui.services.reports.numbers import average, money, percent


@dataclass(frozen=True)
class FunnelStep:
    code: str
    name: str
    entered: int
    moved_on: int                 # 0 on the last step: there is no next one
    conversion: Decimal | None    # % moved on; None on the last step or when none entered
    avg_days: Decimal | None      # average days to the next step over those moved on


@dataclass(frozen=True)
class Funnel:
    steps: tuple[FunnelStep, ...]
    deals_out: int
    deals_amount: Decimal           # paid in the period by the deals out
    avg_deal_amount: Decimal | None
    avg_deal_days: Decimal | None
    clients: int                    # clients on any step


@dataclass(frozen=True)
class StepComparison:
    """One step of a funnel beside the reference's; deltas are funnel − reference."""

    code: str
    name: str
    entered: int
    reference_entered: int
    share: Decimal | None             # entered as % of the reference's entered
    conversion: Decimal | None
    reference_conversion: Decimal | None
    conversion_delta: Decimal | None  # percentage points
    avg_days: Decimal | None
    reference_avg_days: Decimal | None
    days_delta: Decimal | None
    mark: str                         # "better", "worse", "same" or "" (nothing to compare)


@dataclass(frozen=True)
class FunnelComparison:
    funnel: Funnel
    reference: Funnel
    steps: tuple[StepComparison, ...]


NO_DAY = 1_000_000_000
"""Stands for the day of a done task without a finish moment: larger than any day, so a
real day of the same step wins the MIN, and turned back into NULL before any arithmetic."""


def _day_number(moment: peewee.Node, offset_minutes: int | None) -> peewee.Node:
    """Days since 2000-01-01 of a local day: of a stored moment (naive UTC) shifted by the
    session's UTC offset, or of a date column (``offset_minutes`` None). Same on both
    engines, so a difference of two is a whole number of days."""
    if is_sqlite():
        # julianday() with modifiers parses the text once; 'start of day' gives the same
        # midnight as julianday(date(...)) did (SQLite counts in whole milliseconds).
        day = (fn.julianday(moment) if offset_minutes is None else fn.julianday(
            moment, peewee.SQL(f"'{offset_minutes:+d} minutes'"), peewee.SQL("'start of day'")))
        return peewee.Cast(day, "INTEGER") - peewee.SQL("2451544")
    if offset_minutes is not None:
        moment = peewee.Cast(moment + peewee.SQL(f"interval '{offset_minutes:d} minutes'"),
                             "date")
    return moment - peewee.SQL("DATE '2000-01-01'")


def _reports_on_everyone(ctx: Context) -> bool:
    """True when the actor's reports scope reaches every organization: scope "all", or a
    department scope whose departments hold every employee (an organization's responsible
    is an employee or nobody, and both pass that scope's condition)."""
    reach = access.employees_in_scope(ctx, "reports")
    if reach is None:
        return True
    if ctx.actor.scope("reports") != "department":
        return False
    return not Employee.select().where(Employee.id.not_in(reach)).exists()


def _clients(query: peewee.ModelSelect, ctx: Context, f: ReportFilter,
             org_column: peewee.Field, everyone: bool) -> peewee.ModelSelect:
    """Narrow to the reported clients; skipped when it would keep every row."""
    if f.narrows_clients() or not everyone:
        # The reported clients as one list built once, not a join for each of a million
        # tasks (benchmarks/RESULTS.md).
        query = query.where(org_column.in_(
            Organization.select(Organization.id).where(client_condition(ctx, f))))
    return query


def _only_step(index: int, count: int, value: peewee.Node) -> list[peewee.Node]:
    """The columns d0..d(count-1) of a source that gives only step ``index``."""
    return [value.alias(f"d{i}") if i == index else
            peewee.Cast(peewee.SQL("NULL"), "INTEGER").alias(f"d{i}") for i in range(count)]


def _evidence(ctx: Context, f: ReportFilter, steps: tuple[FunnelStepDef, ...],
              everyone: bool) -> list[peewee.ModelSelect]:
    """Queries of (organization, first day number on step 0, on step 1, ...): one row per
    client and source. A step a source does not give, or the client lacks, is NULL."""
    offset = int(ctx.now().utcoffset().total_seconds() // 60)
    count = len(steps)
    parts = []
    type_step: dict[int, int] = {}
    for type_id, code in TaskType.select(TaskType.id, TaskType.code).tuples():
        for index, step in enumerate(steps):
            if code in step.task_types and type_id not in type_step:
                type_step[type_id] = index
    if type_step:
        # One row per client, in the order of the index (organization, status, level, type,
        # finished_at): no sort of a million tasks. A done task without a finish moment
        # still puts its client on the step (NO_DAY), as it did when grouped by type.
        never = peewee.SQL("'9999-12-31 23:59:59'" if is_sqlite()
                           else "'infinity'::timestamp")
        columns = []
        for index in range(count):
            types = sorted(t for t, i in type_step.items() if i == index)
            if not types:
                columns.append(peewee.Cast(peewee.SQL("NULL"), "INTEGER").alias(f"d{index}"))
                continue
            # Literals, not parameters: the MIN is written twice below, and the database
            # computes it once only when both copies are the same text.
            first = fn.MIN(peewee.Case(None, [(Task.task_type.in_(
                peewee.NodeList([peewee.SQL(str(t)) for t in types], ", ", parens=True)),
                fn.COALESCE(Task.finished_at, never))]))
            columns.append(peewee.Case(None, [(first == never, peewee.SQL(str(NO_DAY)))],
                                       _day_number(first, offset)).alias(f"d{index}"))
        query = (Task.select(Task.organization.alias("org"), *columns)
                 .where(Task.status == "done", Task.level == "operation",
                        Task.organization.is_null(False),
                        Task.task_type.in_(sorted(type_step)),
                        moment_in_period(Task.finished_at, f, ctx.clock.zone)))
        parts.append(_clients(query, ctx, f, Task.organization, everyone)
                     .group_by(Task.organization))
    for index, step_def in enumerate(steps):
        for kind in step_def.documents:
            parts.append(_document_query(ctx, f, kind, index, count, everyone))
    return parts


def _document_query(ctx: Context, f: ReportFilter, kind: str, index: int, count: int,
                    everyone: bool) -> peewee.ModelSelect:
    if kind == "payment":
        query = (Payment.select(Invoice.organization.alias("org"), *_only_step(
                     index, count, _day_number(fn.MIN(Payment.date), None)))
                 .join(Invoice).where(date_in_period(Payment.date, f)))
        return _clients(query, ctx, f, Invoice.organization, everyone).group_by(
            Invoice.organization)
    model = {"proposal": Proposal, "invoice": Invoice, "contract": Contract}[kind]
    query = (model.select(model.organization.alias("org"),
                          *_only_step(index, count, _day_number(fn.MIN(model.date), None)))
             .where(date_in_period(model.date, f)))
    if kind == "proposal":
        query = query.where(Proposal.status != "draft")
    elif kind == "invoice":
        query = query.where(Invoice.status != "cancelled")
    return _clients(query, ctx, f, model.organization, everyone).group_by(model.organization)


def _funnel_numbers(ctx: Context, f: ReportFilter, steps: tuple[FunnelStepDef, ...]):
    """Entered, moved on (and their days) per step, deals and their days, clients and paid:
    one statement over one row per client with its first day on each step."""
    count = len(steps)
    last = count - 1
    everyone = _reports_on_everyone(ctx)
    parts = _evidence(ctx, f, steps, everyone)
    if not parts:
        return [0] * count, [(0, 0)] * count, (0, 0), 0, Decimal("0.00")
    evidence = parts[0]
    for part in parts[1:]:
        evidence = evidence.union_all(part)
    db = database.obj
    ev_sql, ev_params = db.get_sql_context().sql(evidence).query()
    days = [f"d{i}" for i in range(count)]
    # m: a client's first day per step over all sources (NO_DAY: on it, day unknown);
    # d: the same day or NULL; e: on the step or not.
    firsts = ", ".join(f"MIN({d}) AS m{i}" for i, d in enumerate(days))
    known = ", ".join(f"NULLIF(m{i}, {NO_DAY}) AS {d}, m{i} IS NOT NULL AS e{i}"
                      for i, d in enumerate(days))
    least = "min" if is_sqlite() else "LEAST"
    start = f"{least}({', '.join(f'COALESCE({d}, d{last})' for d in days)})" \
        if count > 1 else f"d{last}"
    numbers = [f"SUM(CASE WHEN e{i} THEN 1 ELSE 0 END)" for i in range(count)]
    for i in range(last):
        numbers.append(f"SUM(CASE WHEN d{i + 1} >= d{i} THEN 1 ELSE 0 END)")
        numbers.append(f"SUM(CASE WHEN d{i + 1} >= d{i} THEN d{i + 1} - d{i} END)")
    numbers.append(f"SUM(CASE WHEN e{last} THEN 1 ELSE 0 END)")
    numbers.append(f"SUM(d{last} - {start})")
    numbers.append("COUNT(*)")
    paid = (Payment.select(fn.SUM(Payment.amount)).join(Invoice)
            .where(date_in_period(Payment.date, f), Invoice.organization.in_(peewee.NodeList(
                (peewee.SQL(f"SELECT org FROM clients WHERE e{last}"),), parens=True))))
    paid_sql, paid_params = db.get_sql_context().sql(
        _clients(paid, ctx, f, Invoice.organization, everyone)).query()
    sql = f"""
        WITH ev AS ({ev_sql}),
        clients AS (SELECT org, {known} FROM (
            SELECT org, {firsts} FROM ev GROUP BY org) AS m)
        SELECT {", ".join(numbers)}, ({paid_sql}) FROM clients
    """
    row = db.execute_sql(sql, [*ev_params, *paid_params]).fetchone()
    values = [int(v or 0) for v in row[:-1]]
    entered = values[:count]
    moved = [(values[count + 2 * i], values[count + 2 * i + 1]) for i in range(last)]
    deals = (values[count + 2 * last], values[count + 2 * last + 1])
    clients = values[count + 2 * last + 2]
    return entered, moved, deals, clients, money(row[-1])


def sales_funnel(ctx: Context, f: ReportFilter = EVERYTHING) -> Funnel:
    """The funnel of the clients that pass the filter, over its period."""
    require_reports(ctx)
    check_filter(f)
    steps = funnel_steps()
    entered, moved, (deals, deal_days), clients, paid = _funnel_numbers(ctx, f, steps)
    last = len(steps) - 1
    out = []
    for index, step in enumerate(steps):
        came = entered[index]
        went, days = moved[index] if index < last else (0, 0)
        out.append(FunnelStep(step.code, step.label, came, went,
                              percent(went, came) if index < last else None,
                              average(days, went)))
    return Funnel(tuple(out), deals, paid, average(paid, deals, Decimal("0.01")),
                  average(deal_days, deals), clients)


def _delta(value: Decimal | None, reference: Decimal | None) -> Decimal | None:
    return None if value is None or reference is None else value - reference


def compare(funnel: Funnel, reference: Funnel) -> tuple[StepComparison, ...]:
    """Each step beside the reference's: a higher conversion is better, fewer days better."""
    rows = []
    for mine, ref in zip(funnel.steps, reference.steps, strict=True):
        conv = _delta(mine.conversion, ref.conversion)
        days = _delta(mine.avg_days, ref.avg_days)
        if conv is not None and conv != 0:
            mark = "better" if conv > 0 else "worse"
        elif conv is not None:
            mark = "same"
        else:
            mark = ""
        rows.append(StepComparison(
            mine.code, mine.name, mine.entered, ref.entered, percent(mine.entered, ref.entered),
            mine.conversion, ref.conversion, conv, mine.avg_days, ref.avg_days, days, mark))
    return tuple(rows)


def funnel_with_reference(ctx: Context, f: ReportFilter = EVERYTHING) -> FunnelComparison:
    """The filtered funnel beside the reference funnel: every client the actor may report on
    (for the head of sales, the whole company) over the same period."""
    funnel = sales_funnel(ctx, f)
    reference = sales_funnel(ctx, f.period_only()) if f.narrows_clients() else funnel
    return FunnelComparison(funnel, reference, compare(funnel, reference))

