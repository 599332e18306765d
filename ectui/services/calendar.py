"""The calendar: employees' tasks over an interval, busy / free / out of office per slot.

Several employees can be looked at together (a head finds a free hour for a joint visit) as
far as the actor's «view» right reaches. A task of theirs the actor may not open still makes
its time busy, but shows no title. A task with a time occupies its time (from its start when
it starts earlier that day, otherwise one hour); a task due on a day is listed on that day
without making any hour busy. Repeating tasks appear at each occurrence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ectui.db import write_transaction
from ectui.errors import FieldError, NotFound, ValidationError
from ectui.models import Absence, Employee, Organization, Task, TaskParticipant, TaskRepeat
from ectui.names import short_name
from ectui.services import access, task_rights
from ectui.services.context import Context
from ectui.services.reminders import Timing, occurrences
from ectui.validation import parse_date

DEFAULT_LENGTH = dt.timedelta(hours=1)
SLOT_STATES = ("out", "busy", "free")


@dataclass(frozen=True)
class CalendarEntry:
    task_id: int
    title: str  # empty when the actor may not see the task
    client: str
    start: dt.datetime
    end: dt.datetime
    all_day: bool
    status: str
    repeating: bool
    visible: bool


@dataclass(frozen=True)
class AbsenceInfo:
    id: int
    employee_id: int
    start: dt.datetime
    end: dt.datetime
    reason: str


@dataclass(frozen=True)
class EmployeeCalendar:
    employee_id: int
    name: str
    entries: tuple[CalendarEntry, ...]
    absences: tuple[AbsenceInfo, ...]

    def entries_between(self, start: dt.datetime, end: dt.datetime) -> list[CalendarEntry]:
        """Timed entries overlapping [start, end)."""
        return [e for e in self.entries if not e.all_day and e.start < end and e.end > start]

    def day_entries(self, day: dt.date) -> list[CalendarEntry]:
        """Entries due on ``day`` as a whole."""
        return [e for e in self.entries if e.all_day and e.start.date() == day]

    def absence_at(self, start: dt.datetime, end: dt.datetime) -> AbsenceInfo | None:
        for absence in self.absences:
            if absence.start < end and absence.end > start:
                return absence
        return None

    def slot_state(self, start: dt.datetime, end: dt.datetime) -> str:
        """out (out of office), busy (a task with a time) or free, for [start, end)."""
        if self.absence_at(start, end) is not None:
            return "out"
        active = [e for e in self.entries_between(start, end) if e.status != "cancelled"]
        return "busy" if active else "free"


@dataclass(frozen=True)
class CalendarPerson:
    id: int
    name: str


def people_for_calendar(ctx: Context) -> list[CalendarPerson]:
    """Employees whose calendars the actor may open: the reach of their «view» right."""
    reach = access.employees_in_scope(ctx, "view")
    query = Employee.select().where(Employee.is_active == True)  # noqa: E712
    if reach is not None:
        query = query.where(Employee.id.in_(reach or [ctx.actor.employee_id]))
    people = [CalendarPerson(e.id, short_name(e.last_name, e.first_name, e.patronymic))
              for e in query.order_by(Employee.last_name, Employee.first_name)]
    if not any(p.id == ctx.actor.employee_id for p in people):
        me = Employee.get_by_id(ctx.actor.employee_id)
        people.insert(0, CalendarPerson(me.id, short_name(me.last_name, me.first_name,
                                                          me.patronymic)))
    return people


def require_calendar(ctx: Context, employee_id: int) -> None:
    """Refuse to open a colleague's calendar beyond the actor's «view» right."""
    if employee_id != ctx.actor.employee_id:
        access.require(ctx, "view", employee_id)


def _span(task: Task, due: dt.datetime, zone: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    end = due
    if task.start_at is not None and task.due_at is not None:
        start = task.start_at.astimezone(zone)
        length = task.due_at - task.start_at
        if dt.timedelta(0) < length < dt.timedelta(days=1) \
                and start.date() == task.due_at.astimezone(zone).date():
            return due - length, end
    return due, due + DEFAULT_LENGTH


def _calendar(ctx: Context, employee_id: int, start: dt.datetime, end: dt.datetime,
              visible) -> EmployeeCalendar:
    zone = start.tzinfo
    emp = Employee.get_or_none(Employee.id == employee_id)
    if emp is None:
        raise NotFound()
    mine = TaskParticipant.select(TaskParticipant.task).where(
        TaskParticipant.employee == employee_id)
    repeating = TaskRepeat.select(TaskRepeat.task)
    query = (Task.select().where(
        (Task.responsible == employee_id) | Task.id.in_(mine), Task.level == "operation",
        Task.due_at.is_null(False), Task.status.not_in(("pending", "cancelled")),
        Task.due_at.between(start - dt.timedelta(days=1), end)
        | (Task.id.in_(repeating) & (Task.due_at < end) & (Task.status != "done")))
        .order_by(Task.due_at, Task.id))
    tasks = list(query)
    ids = [x.id for x in tasks]
    rules = {r.task_id: r.rule for r in TaskRepeat.select().where(TaskRepeat.task.in_(ids))} \
        if ids else {}
    seen = {x.id for x in Task.select(Task.id).where(Task.id.in_(ids), visible)} \
        if ids and visible is not None else set(ids)
    org_ids = {x.organization_id for x in tasks if x.organization_id}
    orgs = {o.id: o.name for o in Organization.select(Organization.id, Organization.name)
            .where(Organization.id.in_(org_ids))} if org_ids else {}
    entries = []
    for task in tasks:
        timing = Timing(task.id, task.due_at, task.due_has_time, rule=rules.get(task.id, ""))
        shown = task.id in seen
        for due in occurrences(timing, start - dt.timedelta(days=1), end, zone):
            if task.due_has_time:
                begin, finish = _span(task, due, zone)
            else:
                begin, finish = due, due + dt.timedelta(days=1)
            if finish <= start or begin >= end:
                continue
            entries.append(CalendarEntry(
                task.id, task.title if shown else "", orgs.get(task.organization_id, "")
                if shown else "", begin, finish, not task.due_has_time, task.status,
                task.id in rules, shown))
    absences = tuple(
        AbsenceInfo(a.id, employee_id, a.starts_at.astimezone(zone), a.ends_at.astimezone(zone),
                    a.reason)
        for a in Absence.select().where(Absence.employee == employee_id,
                                        Absence.starts_at < end, Absence.ends_at > start)
        .order_by(Absence.starts_at))
    entries.sort(key=lambda e: (e.start, e.task_id))
    return EmployeeCalendar(employee_id, short_name(emp.last_name, emp.first_name,
                                                    emp.patronymic), tuple(entries), absences)


def calendars(ctx: Context, employee_ids: list[int], first: dt.date,
              last: dt.date) -> list[EmployeeCalendar]:
    """Each employee's calendar from ``first`` to ``last`` inclusive, in local time."""
    zone = ctx.now().tzinfo
    start = dt.datetime.combine(first, dt.time(), zone)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), zone)
    visible = task_rights.visible_condition(ctx.actor)
    result = []
    for employee_id in employee_ids:
        require_calendar(ctx, employee_id)
        result.append(_calendar(ctx, employee_id, start, end, visible))
    return result


# ---- out of office ---------------------------------------------------------------------------


def _can_plan_for(ctx: Context, employee_id: int) -> None:
    if employee_id != ctx.actor.employee_id:
        task_rights.require_assign(ctx.actor, employee_id)


def add_absence(ctx: Context, employee_id: int, first_text: str, last_text: str,
                reason: str = "") -> int:
    """Out of office from the first to the last day inclusive (ДД.ММ.ГГГГ); returns its id."""
    _can_plan_for(ctx, employee_id)
    errors: dict[str, FieldError] = {}
    days: dict[str, dt.date] = {}
    for name, text in (("first", first_text), ("last", last_text)):
        if not (text or "").strip():
            errors[name] = FieldError("validation.required")
            continue
        try:
            days[name] = parse_date(text, today=ctx.now().date())
        except FieldError as error:
            errors[name] = error
    if not errors and days["last"] < days["first"]:
        errors["last"] = FieldError("cal.absence_backwards")
    if errors:
        raise ValidationError(errors)
    zone = ctx.now().tzinfo
    with write_transaction():
        return Absence.insert(
            employee=employee_id, reason=(reason or "").strip()[:200], created_at=ctx.now(),
            starts_at=dt.datetime.combine(days["first"], dt.time(), zone),
            ends_at=dt.datetime.combine(days["last"] + dt.timedelta(days=1), dt.time(), zone),
        ).execute()


def delete_absence(ctx: Context, absence_id: int) -> None:
    """Remove an out-of-office period (its employee, or who may give them tasks)."""
    absence = Absence.get_or_none(Absence.id == absence_id)
    if absence is None:
        raise NotFound()
    _can_plan_for(ctx, absence.employee_id)
    with write_transaction():
        Absence.delete().where(Absence.id == absence_id).execute()


def absence_covering(ctx: Context, employee_id: int, moment: dt.datetime) -> int | None:
    """The out-of-office period of the employee at ``moment``, if any."""
    found = Absence.get_or_none(Absence.employee == employee_id, Absence.starts_at <= moment,
                                Absence.ends_at > moment)
    if found is None:
        return None
    require_calendar(ctx, employee_id)
    return found.id

