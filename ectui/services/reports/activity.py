"""Employee activity: operational tasks by employee and type over a period — planned, done,
still open past their due moment (overdue), cancelled.

A task belongs to the period by its due moment, or, for a task logged with no due moment, by
when it was finished or created. Counted in one GROUP BY over the tasks.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from peewee import Case, fn

from ectui.models import Employee, Task, TaskType
from ectui.models.tasks import OPEN_STATUSES
from ectui.names import short_name
from ectui.services.context import Context
from ectui.services.reports.filters import (
    EVERYTHING,
    ReportFilter,
    check_filter,
    moment_in_period,
    require_reports,
    task_condition,
)
from ectui.services.reports.numbers import percent
from ectui.services.task_types import type_label


@dataclass(frozen=True)
class ActivityRow:
    employee_id: int
    employee: str
    type_code: str
    type_name: str
    planned: int      # every task of the period but the cancelled ones
    done: int
    overdue: int      # still open and past due at the report's moment
    cancelled: int
    done_percent: Decimal | None


@dataclass(frozen=True)
class ActivityReport:
    rows: tuple[ActivityRow, ...]
    totals: tuple[ActivityRow, ...]   # one per employee, type_code ""


def _when():
    # The moment a task belongs to a period by: due, else finished, else created.
    return fn.COALESCE(Task.due_at, Task.finished_at, Task.created_at)


def _count(condition):
    return fn.SUM(Case(None, ((condition, 1),), 0))


def employee_activity(ctx: Context, f: ReportFilter = EVERYTHING) -> ActivityReport:
    """Tasks by employee and type in the period: planned, done, overdue, cancelled."""
    require_reports(ctx)
    check_filter(f)
    now = ctx.now()
    query = (Task.select(Task.responsible, Task.task_type, fn.COUNT(Task.id),
                         _count(Task.status == "done"),
                         _count(Task.status.in_(OPEN_STATUSES) & (Task.due_at < now)),
                         _count(Task.status == "cancelled"))
             .where(Task.level == "operation", Task.status != "pending",
                    moment_in_period(_when(), f, ctx.clock.zone), task_condition(ctx, f))
             .group_by(Task.responsible, Task.task_type))
    counts = list(query.tuples())
    people = {e.id: short_name(e.last_name, e.first_name, e.patronymic)
              for e in Employee.select().where(Employee.id.in_({c[0] for c in counts}))}
    types = {tp.id: tp for tp in TaskType.select()}
    rows = []
    for emp_id, type_id, total, done, overdue, cancelled in counts:
        tp = types.get(type_id)
        code = tp.code if tp else ""
        name = type_label(tp.code, tp.name, tp.is_builtin) if tp else "—"
        planned = int(total) - int(cancelled or 0)
        rows.append(ActivityRow(emp_id, people.get(emp_id, "—"), code, name, planned,
                                int(done or 0), int(overdue or 0), int(cancelled or 0),
                                percent(int(done or 0), planned)))
    rows.sort(key=lambda r: (r.employee, r.type_name))
    totals = []
    for emp_id in dict.fromkeys(r.employee_id for r in rows):
        mine = [r for r in rows if r.employee_id == emp_id]
        planned = sum(r.planned for r in mine)
        done = sum(r.done for r in mine)
        totals.append(ActivityRow(emp_id, mine[0].employee, "", "", planned, done,
                                  sum(r.overdue for r in mine), sum(r.cancelled for r in mine),
                                  percent(done, planned)))
    return ActivityReport(tuple(rows), tuple(totals))
