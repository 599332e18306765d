"""What every report is narrowed by: the actor's ``reports`` scope and the user's filters.

A report covers the clients (organizations) the actor may report on and that pass the
filters: the responsible employee, a department (with its sub-departments), a client group,
a project type (a sales template some project of the client was made from), and a period of
days in the session's time zone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo

import peewee

from ectui.errors import FieldError, ValidationError
from ectui.models import ClientGroup, Employee, Organization, OrganizationGroupMember, Task
from ectui.services import access
from ectui.services.access import department_subtree
from ectui.services.context import Context


@dataclass(frozen=True)
class ReportFilter:
    """The user's narrowing of a report; None everywhere is the whole company, all time."""

    employee_id: int | None = None
    department_id: int | None = None
    group_id: int | None = None
    project_type_id: int | None = None  # a SalesTemplate id
    date_from: date | None = None
    date_to: date | None = None  # inclusive

    def period_only(self) -> ReportFilter:
        """The same period without the other filters: what the reference funnel covers."""
        return ReportFilter(date_from=self.date_from, date_to=self.date_to)

    def narrows_clients(self) -> bool:
        return any(v is not None for v in (self.employee_id, self.department_id, self.group_id,
                                            self.project_type_id))

    def with_period(self, date_from: date | None, date_to: date | None) -> ReportFilter:
        return replace(self, date_from=date_from, date_to=date_to)


EVERYTHING = ReportFilter()
"""No filter: every client the actor may report on, all time."""


def check_filter(f: ReportFilter) -> None:
    """Refuse a period that ends before it starts and filters naming nothing that exists."""
    errors: dict[str, FieldError] = {}
    if f.date_from and f.date_to and f.date_to < f.date_from:
        errors["date_to"] = FieldError("report.error.period_reversed")
    if f.employee_id is not None and not Employee.select().where(
            Employee.id == f.employee_id).exists():
        errors["employee_id"] = FieldError("report.error.no_employee")
    if f.group_id is not None and not ClientGroup.select().where(
            ClientGroup.id == f.group_id, ClientGroup.kind == "organization").exists():
        errors["group_id"] = FieldError("report.error.no_group")
    if errors:
        raise ValidationError(errors)


def require_reports(ctx: Context) -> None:
    """Any report needs the ``reports`` action in some scope."""
    access.require(ctx, "reports")


def _employees_of_department(department_id: int) -> peewee.Select:
    return Employee.select(Employee.id).where(
        Employee.department.in_(sorted(department_subtree({department_id}))))


def client_condition(ctx: Context, f: ReportFilter,
                     responsible: peewee.Field = Organization.responsible,
                     org_id: peewee.Field = Organization.id) -> peewee.Expression:
    """A WHERE condition on an organization's columns: in the actor's reports scope and
    passing the client filters. ``responsible``/``org_id`` name the columns to test."""
    cond = access.visible_to(ctx, Organization, field=responsible, action="reports")
    if f.employee_id is not None:
        cond &= responsible == f.employee_id
    if f.department_id is not None:
        cond &= responsible.in_(_employees_of_department(f.department_id))
    if f.group_id is not None:
        cond &= org_id.in_(OrganizationGroupMember.select(OrganizationGroupMember.organization)
                           .where(OrganizationGroupMember.group == f.group_id))
    if f.project_type_id is not None:
        cond &= org_id.in_(Task.select(Task.organization).where(
            Task.level == "project", Task.template == f.project_type_id))
    return cond


def task_condition(ctx: Context, f: ReportFilter) -> peewee.Expression:
    """A WHERE condition on tasks for activity reports: the actor's reports scope over the
    task's responsible employee, and the employee/department/group/project-type filters."""
    cond = access.visible_to(ctx, Task, field=Task.responsible, action="reports")
    if f.employee_id is not None:
        cond &= Task.responsible == f.employee_id
    if f.department_id is not None:
        cond &= Task.responsible.in_(_employees_of_department(f.department_id))
    if f.group_id is not None:
        cond &= Task.organization.in_(
            OrganizationGroupMember.select(OrganizationGroupMember.organization)
            .where(OrganizationGroupMember.group == f.group_id))
    if f.project_type_id is not None:
        cond &= Task.root.in_(Task.select(Task.id).where(
            Task.level == "project", Task.template == f.project_type_id))
    return cond


def moment_bounds(f: ReportFilter, zone: tzinfo) -> tuple[datetime | None, datetime | None]:
    """The period as [start, end) moments: local midnights of the first and the day after."""
    start = datetime.combine(f.date_from, time(), zone) if f.date_from else None
    end = (datetime.combine(f.date_to + timedelta(days=1), time(), zone)
           if f.date_to else None)
    return start, end


def moment_in_period(column: peewee.Node, f: ReportFilter, zone: tzinfo) -> peewee.Expression:
    """``column`` (a moment) within the period. A UtcDateTimeField converts aware moments
    itself; an expression over such columns (COALESCE) compares with naive UTC, as stored."""
    start, end = moment_bounds(f, zone)
    if not isinstance(column, peewee.Field):
        start, end = (_naive_utc(start), _naive_utc(end))
    cond = peewee.SQL("1 = 1")
    if start is not None:
        cond &= column >= start
    if end is not None:
        cond &= column < end
    return cond


def _naive_utc(moment: datetime | None) -> datetime | None:
    return moment.astimezone(UTC).replace(tzinfo=None) if moment is not None else None


def date_in_period(column: peewee.Field, f: ReportFilter) -> peewee.Expression:
    cond = peewee.SQL("1 = 1")
    if f.date_from is not None:
        cond &= column >= f.date_from
    if f.date_to is not None:
        cond &= column <= f.date_to
    return cond


def _day(text: str, field: str, errors: dict[str, FieldError]) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return datetime.strptime(text, "%d.%m.%Y").date()
    except ValueError:
        errors[field] = FieldError("report.error.date", value=text)
        return None


def filter_from_names(employee_login: str = "", department: str = "", group: str = "",
                      project_type: str = "", date_from: str = "",
                      date_to: str = "") -> ReportFilter:
    """A filter from what a person types: a login, a department's, group's or sales
    template's name, dates as ДД.ММ.ГГГГ. Names that match nothing are refused by field."""
    from ectui.models import Department, SalesTemplate

    errors: dict[str, FieldError] = {}
    ids: dict[str, int | None] = {}
    lookups = (
        ("employee_id", employee_login, Employee, Employee.login, "report.error.no_employee"),
        ("department_id", department, Department, Department.name, "report.error.no_department"),
        ("group_id", group, ClientGroup, ClientGroup.name, "report.error.no_group"),
        ("project_type_id", project_type, SalesTemplate, SalesTemplate.name,
         "report.error.no_project_type"),
    )
    for field, text, model, column, message in lookups:
        text = (text or "").strip()
        ids[field] = None
        if text:
            query = model.select(model.id).where(column == text)
            if model is ClientGroup:
                query = query.where(ClientGroup.kind == "organization")
            found = query.scalar()
            if found is None:
                errors[field] = FieldError(message, name=text)
            ids[field] = found
    start = _day(date_from, "date_from", errors)
    end = _day(date_to, "date_to", errors)
    if errors:
        raise ValidationError(errors)
    f = ReportFilter(date_from=start, date_to=end, **ids)
    check_filter(f)
    return f


def reportable_employees(ctx: Context) -> list[tuple[int, str]]:
    """The active employees whose clients the actor may report on: (id, short name)."""
    from ectui.names import short_name

    reach = access.employees_in_scope(ctx, "reports")
    query = Employee.select().where(Employee.is_active == True)  # noqa: E712
    if reach is not None:
        query = query.where(Employee.id.in_(reach))
    return [(e.id, short_name(e.last_name, e.first_name, e.patronymic))
            for e in query.order_by(Employee.last_name, Employee.first_name)]


def filter_choices(ctx: Context) -> dict[str, list[tuple[str, str]]]:
    """What the filter form offers: (label, value) pairs; values are what
    ``filter_from_names`` takes (a login, or a department's, group's, template's name)."""
    from ectui.models import Department, SalesTemplate
    from ectui.names import short_name

    reach = access.employees_in_scope(ctx, "reports")
    people = Employee.select().where(Employee.is_active == True)  # noqa: E712
    if reach is not None:
        people = people.where(Employee.id.in_(reach))
    return {
        "employee": [(short_name(e.last_name, e.first_name, e.patronymic), e.login)
                     for e in people.order_by(Employee.last_name, Employee.first_name)],
        "department": [(d.name, d.name) for d in Department.select().order_by(Department.name)],
        "group": [(g.name, g.name) for g in ClientGroup.select().where(
            ClientGroup.kind == "organization").order_by(ClientGroup.name)],
        "project_type": [(s.name, s.name) for s in SalesTemplate.select().order_by(
            SalesTemplate.name)],
    }
