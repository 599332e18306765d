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
from ectui.models import Contract, Invoice, Organization, Payment, Proposal, Task, TaskType
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


def _day_number(moment: peewee.Node, offset_minutes: int | None) -> peewee.Node:
    """Days since 2000-01-01 of a local day: of a stored moment (naive UTC) shifted by the
    session's UTC offset, or of a date column (``offset_minutes`` None). Same on both
    engines, so a difference of two is a whole number of days."""
    if is_sqlite():
        day = moment if offset_minutes is None else fn.date(
            moment, peewee.SQL(f"'{offset_minutes:+d} minutes'"))
        return peewee.Cast(fn.julianday(day), "INTEGER") - peewee.SQL("2451544")
    if offset_minutes is not None:
        moment = peewee.Cast(moment + peewee.SQL(f"interval '{offset_minutes:d} minutes'"),
                             "date")
    return moment - peewee.SQL("DATE '2000-01-01'")


def _clients(query: peewee.ModelSelect, ctx: Context, f: ReportFilter,
             org_column: peewee.Field) -> peewee.ModelSelect:
    """Narrow to the reported clients; the join is skipped when it would keep every row."""
    if f.narrows_clients() or ctx.actor.scope("reports") != "all":
        # The reported clients as one list built once, not a join for each of a million
        # tasks (benchmarks/RESULTS.md).
        query = query.where(org_column.in_(
            Organization.select(Organization.id).where(client_condition(ctx, f))))
    return query


def _evidence(ctx: Context, f: ReportFilter,
              steps: tuple[FunnelStepDef, ...]) -> list[peewee.ModelSelect]:
    """Queries of (organization, step index, first day number): one per source."""
    offset = int(ctx.now().utcoffset().total_seconds() // 60)
    parts = []
    type_step: dict[int, int] = {}
    for type_id, code in TaskType.select(TaskType.id, TaskType.code).tuples():
        for index, step in enumerate(steps):
            if code in step.task_types and type_id not in type_step:
                type_step[type_id] = index
    if type_step:
        # Literals, not parameters: PostgreSQL must see the grouped CASE as the selected one.
        step = peewee.Case(Task.task_type, [(peewee.SQL(str(k)), peewee.SQL(str(v)))
                                            for k, v in sorted(type_step.items())])
        query = (Task.select(Task.organization.alias("org"), step.alias("step"),
                             _day_number(fn.MIN(Task.finished_at), offset).alias("day"))
                 .where(Task.status == "done", Task.level == "operation",
                        Task.organization.is_null(False),
                        Task.task_type.in_(sorted(type_step)),
                        moment_in_period(Task.finished_at, f, ctx.clock.zone)))
        parts.append(_clients(query, ctx, f, Task.organization)
                     .group_by(Task.organization, Task.task_type))
    for index, step_def in enumerate(steps):
        for kind in step_def.documents:
            parts.append(_document_query(ctx, f, kind, index))
    return parts


def _document_query(ctx: Context, f: ReportFilter, kind: str, index: int) -> peewee.ModelSelect:
    step = peewee.SQL(str(int(index))).alias("step")
    if kind == "payment":
        query = (Payment.select(Invoice.organization.alias("org"), step,
                                _day_number(fn.MIN(Payment.date), None).alias("day"))
                 .join(Invoice).where(date_in_period(Payment.date, f)))
        return _clients(query, ctx, f, Invoice.organization).group_by(Invoice.organization)
    model = {"proposal": Proposal, "invoice": Invoice, "contract": Contract}[kind]
    query = (model.select(model.organization.alias("org"), step,
                          _day_number(fn.MIN(model.date), None).alias("day"))
             .where(date_in_period(model.date, f)))
    if kind == "proposal":
        query = query.where(Proposal.status != "draft")
    elif kind == "invoice":
        query = query.where(Invoice.status != "cancelled")
    return _clients(query, ctx, f, model.organization).group_by(model.organization)


def _funnel_numbers(ctx: Context, f: ReportFilter, steps: tuple[FunnelStepDef, ...]):
    """Entered and moved on per step, deals, clients and paid: one statement, the clients'
    first days per step kept in a CTE the database materializes once."""
    parts = _evidence(ctx, f, steps)
    if not parts:
        return [], Decimal("0.00")
    evidence = parts[0]
    for part in parts[1:]:
        evidence = evidence | part  # UNION; a client's duplicate (step, day) rows are harmless
    db = database.obj
    ev_sql, ev_params = db.get_sql_context().sql(evidence).query()
    last = len(steps) - 1
    sql = f"""
        WITH ev AS ({ev_sql}),
        firsts AS (SELECT org, step, MIN(day) AS day FROM ev GROUP BY org, step)
        SELECT 'entered', step, COUNT(*), 0 FROM firsts GROUP BY step
        UNION ALL
        SELECT 'moved', a.step, COUNT(*), SUM(b.day - a.day) FROM firsts a
          JOIN firsts b ON b.org = a.org AND b.step = a.step + 1 AND b.day >= a.day
          GROUP BY a.step
        UNION ALL
        SELECT 'deals', {last}, COUNT(*), SUM(l.day - s.day) FROM firsts l
          JOIN (SELECT org, MIN(day) AS day FROM firsts GROUP BY org) s ON s.org = l.org
          WHERE l.step = {last}
        UNION ALL
        SELECT 'clients', 0, COUNT(DISTINCT org), 0 FROM firsts
    """
    paid = (Payment.select(fn.SUM(Payment.amount)).join(Invoice)
            .where(date_in_period(Payment.date, f), Invoice.organization.in_(peewee.NodeList(
                (peewee.SQL(f"SELECT org FROM firsts WHERE step = {last}"),), parens=True))))
    paid_sql, paid_params = db.get_sql_context().sql(
        _clients(paid, ctx, f, Invoice.organization)).query()
    sql += f"UNION ALL SELECT 'paid', 0, 0, ({paid_sql})"
    rows = list(db.execute_sql(sql, [*ev_params, *paid_params]).fetchall())
    paid_total = next((money(v) for kind, _, _, v in rows if kind == "paid"), Decimal("0.00"))
    return [r for r in rows if r[0] != "paid"], paid_total


def sales_funnel(ctx: Context, f: ReportFilter = EVERYTHING) -> Funnel:
    """The funnel of the clients that pass the filter, over its period."""
    require_reports(ctx)
    check_filter(f)
    steps = funnel_steps()
    rows, paid = _funnel_numbers(ctx, f, steps)
    entered = {step: int(count) for kind, step, count, _ in rows if kind == "entered"}
    moved = {step: (int(count), int(days or 0)) for kind, step, count, days in rows
             if kind == "moved"}
    deals, deal_days = next(((int(c), int(d or 0)) for k, _, c, d in rows if k == "deals"),
                            (0, 0))
    clients = next((int(c) for k, _, c, _ in rows if k == "clients"), 0)
    last = len(steps) - 1
    out = []
    for index, step in enumerate(steps):
        came = entered.get(index, 0)
        went, days = moved.get(index, (0, 0)) if index < last else (0, 0)
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

