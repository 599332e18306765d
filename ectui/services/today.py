"""Today: what the employee must do — new tasks given to them, overdue, due today, coming up.

The list is read page by page (any number of tasks), each section after a header row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee

from ectui.models import Task, TaskParticipant
from ectui.models.tasks import OPEN_STATUSES
from ectui.services.context import Context
from ectui.services.task_views import TaskRow, row_query, rows, with_paths
from ectui.when import start_of_day

SECTIONS = ("new", "overdue", "today", "upcoming", "no_date")
UPCOMING_DAYS = 14


@dataclass(frozen=True)
class SectionHeader:
    section: str
    count: int


@dataclass(frozen=True)
class TodayItem:
    section: str
    row: TaskRow


def _mine_open(employee_id: int) -> peewee.Expression:
    """The employee's open tasks and the tasks they take part in: every section's superset.

    One list of ids, not "responsible OR a participant": with the OR, PostgreSQL reads every
    task (1.4 s at two million, benchmarks/RESULTS.md); this way both engines read the
    employee's open tasks from the (responsible, status, due) index."""
    return Task.id.in_(
        Task.select(Task.id).where(Task.responsible == employee_id,
                                   Task.status.in_(OPEN_STATUSES))
        | TaskParticipant.select(TaskParticipant.task)
        .where(TaskParticipant.employee == employee_id))


def _sections(employee_id: int, now: dt.datetime) -> dict[str, peewee.Expression]:
    """What puts one of the employee's tasks (``_mine_open``) in each section."""
    today = start_of_day(now.date(), now.tzinfo)
    tomorrow = today + dt.timedelta(days=1)
    horizon = today + dt.timedelta(days=UPCOMING_DAYS + 1)
    is_new = (Task.responsible == employee_id) & (Task.is_new == True)  # noqa: E712
    open_ops = Task.status.in_(OPEN_STATUSES) & (Task.level == "operation") & ~is_new
    late_today = (Task.due_has_time == True) & (Task.due_at < now)  # noqa: E712
    return {
        "new": is_new & Task.status.in_(OPEN_STATUSES),
        "overdue": open_ops & ((Task.due_at < today) | late_today),
        "today": open_ops & (Task.due_at >= today) & (Task.due_at < tomorrow) & ~late_today,
        "upcoming": open_ops & (Task.due_at >= tomorrow) & (Task.due_at < horizon),
        "no_date": open_ops & Task.due_at.is_null(),
    }


def _conditions(employee_id: int, now: dt.datetime) -> dict[str, peewee.Expression]:
    mine_open = _mine_open(employee_id)
    return {name: mine_open & rule for name, rule in _sections(employee_id, now).items()}


def _counts(employee_id: int, now: dt.datetime) -> dict[str, int]:
    # One grouped pass over the employee's tasks instead of a count per section (each built
    # the same id list again: 5 × 9 ms at full size). The sections do not overlap.
    rules = _sections(employee_id, now)
    section = peewee.Case(None, [(rules[name], name) for name in SECTIONS])
    query = (Task.select(section.alias("section"), peewee.fn.COUNT(Task.id).alias("tasks"))
             # By position: PostgreSQL binds the CASE's values anew in a GROUP BY
             # expression and then takes it for another expression.
             .where(_mine_open(employee_id)).group_by(peewee.SQL("1")).tuples())
    found = {name: tasks for name, tasks in query if name is not None}
    return {name: found.get(name, 0) for name in SECTIONS}


def _ordering(section: str) -> tuple:
    if section == "no_date":
        return (Task.priority, Task.created_at, Task.id)
    if section == "new":
        return (Task.created_at.desc(), Task.id.desc())
    return (Task.due_at, Task.priority, Task.id)


def today_counts(ctx: Context, employee_id: int | None = None) -> dict[str, int]:
    """How many tasks each section holds now."""
    return _counts(employee_id or ctx.actor.employee_id, ctx.now())


def today_items(ctx: Context, offset: int, limit: int,
                employee_id: int | None = None) -> list[SectionHeader | TodayItem]:
    """Rows ``offset`` to ``offset + limit`` of the whole list, headers included."""
    employee_id = employee_id or ctx.actor.employee_id
    now = ctx.now()
    return _items(employee_id, now, _counts(employee_id, now), offset, limit)


def today_first_page(ctx: Context, limit: int) -> tuple[list[SectionHeader | TodayItem], int]:
    """The list's first ``limit`` rows and the length of the whole list, from one count:
    what the start screen shows first (read while the app starts)."""
    employee_id = ctx.actor.employee_id
    now = ctx.now()
    counts = _counts(employee_id, now)
    return _items(employee_id, now, counts, 0, limit), _length(counts)


def _items(employee_id: int, now: dt.datetime, counts: dict[str, int], offset: int,
           limit: int) -> list[SectionHeader | TodayItem]:
    conditions = _conditions(employee_id, now)
    out: list[SectionHeader | tuple[str, TaskRow]] = []
    start = 0  # index of the current section's header in the whole list
    for section in SECTIONS:
        count = counts[section]
        if not count:
            continue
        end = start + 1 + count
        if offset < end and offset + limit > start:
            if offset <= start:
                out.append(SectionHeader(section, count))
            first = max(0, offset - start - 1)
            wanted = min(count, offset + limit - start - 1) - first
            if wanted > 0:
                query = (row_query().where(conditions[section]).order_by(*_ordering(section))
                         .offset(first).limit(wanted))
                out.extend((section, row) for row in rows(query))
        start = end
        if start >= offset + limit:
            break
    # The paths of the whole page at once: a query per level of the trees, not per section.
    pathed = iter(with_paths([item[1] for item in out if isinstance(item, tuple)]))
    return [TodayItem(item[0], next(pathed)) if isinstance(item, tuple) else item
            for item in out]


def today_length(ctx: Context, employee_id: int | None = None) -> int:
    """Rows of the whole list: each non-empty section's header and its tasks."""
    return _length(today_counts(ctx, employee_id))


def _length(counts: dict[str, int]) -> int:
    return sum(count + 1 for count in counts.values() if count)
