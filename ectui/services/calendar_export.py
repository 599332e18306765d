"""A calendar as iCalendar: an employee's tasks with dates, for Outlook, Thunderbird or a phone.

Only the tasks the exporting employee may see go out. A task due on a day is an all-day event;
a task with a time is an event at that time (from its start when it starts earlier the same
way, else one hour long); its reminders become alarms.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import peewee

from ectui.exchange.ical import CalendarEvent, calendar_bytes
from ectui.exchange.progress import Progress, no_progress
from ectui.i18n import t
from ectui.models import (
    Contact,
    Employee,
    Organization,
    Task,
    TaskParticipant,
    TaskReminder,
    TaskType,
)
from ectui.names import full_name, short_name
from ectui.services import task_rights
from ectui.services.client_export import write_atomically
from ectui.services.context import Context
from ectui.services.task_types import type_label

PRIORITY = {1: 1, 2: 5, 3: 9}  # ectui's high/normal/low as iCalendar's 1–9


def _tasks(ctx: Context, employee_id: int, start: dt.date | None,
           end: dt.date | None) -> peewee.ModelSelect:
    zone = ctx.now().tzinfo
    mine = TaskParticipant.select(TaskParticipant.task).where(
        TaskParticipant.employee == employee_id)
    query = (Task.select().where((Task.responsible == employee_id) | Task.id.in_(mine),
                                 Task.due_at.is_null(False),
                                 Task.status.not_in(("pending", "cancelled")),
                                 Task.level == "operation")
             .order_by(Task.due_at, Task.id))
    condition = task_rights.visible_condition(ctx.actor)
    if condition is not None:
        query = query.where(condition)
    if start is not None:
        query = query.where(Task.due_at >= dt.datetime.combine(start, dt.time(), zone))
    if end is not None:
        query = query.where(Task.due_at < dt.datetime.combine(end + dt.timedelta(days=1),
                                                              dt.time(), zone))
    return query


def _event(task: Task, names: dict, now: dt.datetime, alarms: tuple[int, ...]) -> CalendarEvent:
    zone = now.tzinfo
    client = names["orgs"].get(task.organization_id, "")
    person = names["contacts"].get(task.contact_id, "")
    summary = f"{task.title} — {client}" if client else task.title
    lines = [task.description]
    if task.planned_result:
        lines.append(t("calendar.planned_result", text=task.planned_result))
    if client:
        lines.append(t("calendar.client", name=client))
    if person:
        lines.append(t("calendar.contact", name=person))
    lines.append(t("calendar.responsible", name=names["employees"].get(task.responsible_id, "")))
    kind = names["types"].get(task.task_type_id)
    day = start = end = None
    if task.due_has_time:
        end = task.due_at
        start = task.start_at if task.start_at and task.start_at < end \
            and task.start_at.astimezone(zone).date() == end.astimezone(zone).date() else None
        if start is None:
            start, end = end, None
    else:
        day = task.due_at.astimezone(zone).date()
    return CalendarEvent(
        uid=f"task-{task.id}@ectui", summary=summary,
        description="\n".join(line for line in lines if line), day=day, start=start, end=end,
        stamp=now, modified=task.updated_at, categories=(kind,) if kind else (),
        priority=PRIORITY.get(task.priority, 0), alarms=alarms if task.due_has_time else (),
        status="CONFIRMED")


def export_calendar(ctx: Context, path: Path, *, employee_id: int | None = None,
                    start: dt.date | None = None, end: dt.date | None = None,
                    progress: Progress = no_progress) -> int:
    """Write one employee's tasks (yours by default) between two dates into an .ics file."""
    employee_id = employee_id or ctx.actor.employee_id
    tasks = list(_tasks(ctx, employee_id, start, end))
    total = len(tasks)
    progress(0, total)
    org_ids = {x.organization_id for x in tasks if x.organization_id}
    contact_ids = {x.contact_id for x in tasks if x.contact_id}
    names = {
        "orgs": {o.id: o.name for o in Organization.select(Organization.id, Organization.name)
                 .where(Organization.id.in_(org_ids))} if org_ids else {},
        "contacts": {c.id: full_name(c.last_name, c.first_name, c.patronymic)
                     for c in Contact.select().where(Contact.id.in_(contact_ids))}
        if contact_ids else {},
        "employees": {e.id: short_name(e.last_name, e.first_name, e.patronymic)
                      for e in Employee.select()},
        "types": {tp.id: type_label(tp.code, tp.name, tp.is_builtin) for tp in TaskType.select()},
    }
    reminders: dict[int, list[int]] = {}
    if tasks:
        for rem in TaskReminder.select().where(TaskReminder.task.in_([x.id for x in tasks]),
                                               TaskReminder.kind == "before"):
            reminders.setdefault(rem.task_id, []).append(rem.minutes_before)
    now = ctx.now()
    events = []
    for done, task in enumerate(tasks, start=1):
        events.append(_event(task, names, now, tuple(sorted(reminders.get(task.id, ())))))
        progress(done, total)
    owner = names["employees"].get(employee_id, "")
    data, count = calendar_bytes(events, t("calendar.name", name=owner))
    write_atomically(Path(path), lambda out: out.write(data))
    return count
