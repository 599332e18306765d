"""Reading client requests: the paged list with the working time left, one request with its
history, and a client's requests for the card."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee

from ectui.errors import NotFound
from ectui.i18n import t
from ectui.models import (
    ClientRequest,
    Contact,
    Employee,
    InstalledItem,
    Organization,
    RequestEvent,
    RequestStep,
)
from ectui.names import short_name
from ectui.search import fold
from ectui.services.context import Actor
from ectui.services.service_process import service_settings, step_label
from ectui.services.service_requests import can_move, can_view, visible_condition
from ectui.work_calendar import format_minutes, working_minutes_between

FILTERS = ("mine", "open", "late", "closed", "all")
# Within this many working minutes of the deadline a request shows as «скоро срок».
SOON_MINUTES = 60


@dataclass(frozen=True)
class RequestFilter:
    viewer: Actor
    now: dt.datetime
    scope: str = "open"  # one of FILTERS
    organization_id: int | None = None
    query: str = ""


@dataclass(frozen=True)
class RequestRow:
    id: int
    number: int
    organization_id: int
    organization: str
    subject: str
    product: str
    step_code: str
    step: str
    priority: int
    responsible: str
    registered_at: dt.datetime
    step_due_at: dt.datetime | None
    solve_due_at: dt.datetime
    solved_at: dt.datetime | None
    is_closed: bool
    minutes_left: int | None  # working minutes to the step's deadline; negative when late
    state: str  # ok, soon, late, closed


def time_state(is_closed: bool, due: dt.datetime | None, now: dt.datetime,
               minutes_left: int | None) -> str:
    """closed, late (deadline passed), soon (within an hour of working time) or ok."""
    if is_closed or due is None:
        return "closed"
    if now >= due:
        return "late"
    if minutes_left is not None and minutes_left <= SOON_MINUTES:
        return "soon"
    return "ok"


def _base(flt: RequestFilter) -> peewee.ModelSelect:
    Responsible = Employee.alias()
    query = (ClientRequest.select(
        ClientRequest, Organization.name.alias("org_name"), RequestStep.code.alias("step_code"),
        RequestStep.name.alias("step_name"), Responsible.last_name, Responsible.first_name,
        Responsible.patronymic, InstalledItem.name.alias("item_name"),
        InstalledItem.serial_number.alias("item_serial"))
        .join(Organization, on=(ClientRequest.organization == Organization.id))
        .switch(ClientRequest).join(RequestStep, on=(ClientRequest.step == RequestStep.id))
        .switch(ClientRequest).join(Responsible, on=(ClientRequest.responsible == Responsible.id))
        .switch(ClientRequest).join(InstalledItem, peewee.JOIN.LEFT_OUTER,
                                    on=(ClientRequest.item == InstalledItem.id))
        .where(visible_condition(flt.viewer)))
    me = flt.viewer.employee_id
    if flt.scope == "mine":
        query = query.where(((ClientRequest.responsible == me) | (ClientRequest.controller == me))
                            & (ClientRequest.is_closed == False))  # noqa: E712
    elif flt.scope == "open":
        query = query.where(ClientRequest.is_closed == False)  # noqa: E712
    elif flt.scope == "late":
        query = query.where(ClientRequest.is_closed == False,  # noqa: E712
                            ClientRequest.step_due_at <= flt.now)
    elif flt.scope == "closed":
        query = query.where(ClientRequest.is_closed == True)  # noqa: E712
    if flt.organization_id is not None:
        query = query.where(ClientRequest.organization == flt.organization_id)
    text = flt.query.strip()
    if text.isdigit():
        query = query.where(ClientRequest.number == int(text))
    elif text:
        folded = fold(text)
        query = query.where(ClientRequest.subject.contains(text)
                            | Organization.search_text.contains(folded))
    return query


def count_requests(flt: RequestFilter) -> int:
    return _base(flt).count()


def product_of(item_name: str | None, serial: str | None, product_text: str) -> str:
    if item_name:
        return item_name + (f" № {serial}" if serial else "")
    return product_text


def list_requests(flt: RequestFilter, offset: int = 0, limit: int = 200) -> list[RequestRow]:
    """Open ones by deadline (the most urgent first), closed ones newest first."""
    query = _base(flt)
    if flt.scope in ("closed", "all"):
        query = query.order_by(ClientRequest.is_closed, ClientRequest.registered_at.desc(),
                               ClientRequest.id.desc())
    else:
        query = query.order_by(ClientRequest.step_due_at.asc(nulls="LAST"),
                               ClientRequest.priority, ClientRequest.id)
    calendar = service_settings().calendar
    rows = []
    for r in query.offset(offset).limit(limit).objects():
        left = (None if r.is_closed or r.step_due_at is None
                else working_minutes_between(calendar, flt.now, r.step_due_at))
        rows.append(RequestRow(
            r.id, r.number, r.organization_id, r.org_name, r.subject,
            product_of(r.item_name, r.item_serial, r.product_text), r.step_code,
            step_label(r.step_code, r.step_name), r.priority,
            short_name(r.last_name, r.first_name, r.patronymic), r.registered_at,
            r.step_due_at, r.solve_due_at, r.solved_at, r.is_closed, left,
            time_state(r.is_closed, r.step_due_at, flt.now, left)))
    return rows


@dataclass(frozen=True)
class EventRow:
    at: dt.datetime
    action: str
    from_step: str
    to_step: str
    employee: str
    comment: str
    was_late: bool


@dataclass(frozen=True)
class RequestDetail:
    row: RequestRow
    version: int
    channel: str
    category: str
    description: str
    controller: str
    contact: str
    task_id: int | None
    may_move: bool
    events: list[EventRow]


def _name(emp_id: int | None) -> str:
    if not emp_id:
        return ""
    emp = Employee.get_or_none(Employee.id == emp_id)
    return short_name(emp.last_name, emp.first_name, emp.patronymic) if emp else ""


def request_detail(viewer: Actor, request_id: int, now: dt.datetime) -> RequestDetail:
    """One request with who did what when."""
    req = ClientRequest.get_or_none(ClientRequest.id == request_id)
    if req is None or not can_view(viewer, req):
        raise NotFound()
    flt = RequestFilter(viewer, now, scope="all")
    rows = [r for r in list_requests(_only(flt, req.number), 0, 1)]
    if not rows:
        raise NotFound()
    steps = {s.id: step_label(s.code, s.name) for s in RequestStep.select()}
    people: dict[int, str] = {}
    events = []
    for e in RequestEvent.select().where(RequestEvent.request == req.id).order_by(
            RequestEvent.at, RequestEvent.id):
        if e.employee_id not in people:
            people[e.employee_id] = _name(e.employee_id)
        events.append(EventRow(e.at, e.action, steps.get(e.from_step_id, ""),
                               steps.get(e.to_step_id, ""), people[e.employee_id], e.comment,
                               e.was_late))
    contact = ""
    if req.contact_id:
        c = Contact.get_or_none(Contact.id == req.contact_id)
        contact = short_name(c.last_name, c.first_name, c.patronymic) if c else ""
    return RequestDetail(rows[0], req.version, req.channel, req.category, req.description,
                         _name(req.controller_id), contact, req.task_id,
                         can_move(viewer, req), events)


def _only(flt: RequestFilter, number: int) -> RequestFilter:
    return RequestFilter(flt.viewer, flt.now, "all", None, str(number))


def client_requests(viewer: Actor, org_id: int, now: dt.datetime,
                    limit: int = 20) -> list[RequestRow]:
    """A client's requests for its card: open ones first, then the latest closed."""
    open_rows = list_requests(RequestFilter(viewer, now, "open", org_id), 0, limit)
    closed = list_requests(RequestFilter(viewer, now, "closed", org_id), 0,
                           max(0, limit - len(open_rows)))
    return open_rows + closed


def describe_left(minutes: int | None, minutes_per_day: int, late: bool | None = None) -> str:
    """«осталось 1 д 3 ч» / «просрочено на 2 ч 15 мин» in working time; ``late`` when the
    deadline passed less than a working minute ago (or out of working hours)."""
    if minutes is None:
        return ""
    days, hours, mins = format_minutes(minutes, minutes_per_day)
    parts = []
    if days:
        parts.append(t("request.left.days", n=days))
    if hours:
        parts.append(t("request.left.hours", n=hours))
    if mins and not days:
        parts.append(t("request.left.minutes", n=mins))
    amount = " ".join(parts) or t("request.left.minutes", n=0)
    late = minutes < 0 if late is None else late
    return t("request.left.late" if late else "request.left.left", amount=amount)


def minutes_per_day() -> int:
    return service_settings().calendar.minutes_per_day
