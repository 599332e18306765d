"""Reports on client requests for a period: by status, product, client and employee; the
average working time to solve; the share solved within the deadline; repeat requests."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import peewee

from ectui.models import ClientRequest, Employee, InstalledItem, Organization, RequestStep
from ectui.names import short_name
from ectui.services import access
from ectui.services.context import Context
from ectui.services.service_lists import product_of
from ectui.services.service_process import service_settings, step_label
from ectui.work_calendar import working_minutes_between

REPEAT_DAYS = 30  # a request about the same product within this many days is a repeat


@dataclass(frozen=True)
class Line:
    label: str
    total: int
    open: int
    late: int  # open past the step deadline, or solved after the solve deadline


@dataclass(frozen=True)
class RepeatRow:
    number: int
    organization: str
    product: str
    previous_number: int
    days_after: int


@dataclass(frozen=True)
class ServiceReport:
    start: dt.date
    end: dt.date
    total: int
    solved: int
    solved_in_time: int
    avg_solve_minutes: int | None  # working minutes, over the solved ones
    by_status: list[Line]
    by_product: list[Line]
    by_client: list[Line]
    by_employee: list[Line]
    repeats: list[RepeatRow]

    @property
    def in_time_share(self) -> float | None:
        return self.solved_in_time / self.solved if self.solved else None


def _lines(groups: dict[str, list[tuple[bool, bool]]]) -> list[Line]:
    lines = [Line(label, len(items), sum(1 for o, _ in items if o), sum(1 for _, la in items if la))
             for label, items in groups.items()]
    return sorted(lines, key=lambda line: (-line.total, line.label))


def service_report(ctx: Context, start: dt.date, end: dt.date) -> ServiceReport:
    """Requests registered from ``start`` to ``end`` inclusive, within the reports scope."""
    access.require(ctx, "reports")
    zone = ctx.now().tzinfo
    since = dt.datetime.combine(start, dt.time(0, 0), tzinfo=zone)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0, 0), tzinfo=zone)
    now = ctx.now()
    query = (ClientRequest.select(ClientRequest, Organization.name.alias("org_name"),
                                  RequestStep.code.alias("step_code"),
                                  RequestStep.name.alias("step_name"),
                                  Employee.last_name, Employee.first_name, Employee.patronymic,
                                  InstalledItem.name.alias("item_name"),
                                  InstalledItem.serial_number.alias("item_serial"))
             .join(Organization, on=(ClientRequest.organization == Organization.id))
             .switch(ClientRequest).join(RequestStep, on=(ClientRequest.step == RequestStep.id))
             .switch(ClientRequest).join(Employee, on=(ClientRequest.responsible == Employee.id))
             .switch(ClientRequest).join(InstalledItem, peewee.JOIN.LEFT_OUTER,
                                         on=(ClientRequest.item == InstalledItem.id))
             .where(ClientRequest.registered_at >= since, ClientRequest.registered_at < until))
    scope = access.employees_in_scope(ctx, "reports")
    if scope is not None:
        query = query.where(ClientRequest.responsible.in_(scope))
    rows = list(query.order_by(ClientRequest.registered_at, ClientRequest.id).objects())
    calendar = service_settings().calendar
    by_status: dict[str, list] = defaultdict(list)
    by_product: dict[str, list] = defaultdict(list)
    by_client: dict[str, list] = defaultdict(list)
    by_employee: dict[str, list] = defaultdict(list)
    solved = in_time = 0
    solve_minutes: list[int] = []
    last_by_product: dict[tuple[int, str], tuple[int, dt.datetime]] = {}
    repeats: list[RepeatRow] = []
    for r in rows:
        is_open = not r.is_closed
        if r.solved_at is not None:
            solved += 1
            late = r.solved_at > r.solve_due_at
            in_time += not late
            solve_minutes.append(working_minutes_between(
                calendar, r.registered_at.astimezone(zone), r.solved_at))
        else:
            late = (r.step_due_at is not None and now > r.step_due_at) or now > r.solve_due_at
        mark = (is_open, late)
        by_status[step_label(r.step_code, r.step_name)].append(mark)
        product = product_of(r.item_name, r.item_serial, r.product_text) or "—"
        by_product[product].append(mark)
        by_client[r.org_name].append(mark)
        by_employee[short_name(r.last_name, r.first_name, r.patronymic)].append(mark)
        key = (r.organization_id, f"item:{r.item_id}" if r.item_id
               else r.product_text.strip().casefold())
        if key[1]:
            previous = last_by_product.get(key)
            if previous is not None:
                days = (r.registered_at - previous[1]).days
                if days <= REPEAT_DAYS:
                    repeats.append(RepeatRow(r.number, r.org_name, product, previous[0], days))
            last_by_product[key] = (r.number, r.registered_at)
    average = round(sum(solve_minutes) / len(solve_minutes)) if solve_minutes else None
    status_order = {step_label(s.code, s.name): s.position for s in RequestStep.select()}
    status_lines = sorted(_lines(by_status), key=lambda line: status_order.get(line.label, 99))
    return ServiceReport(start, end, len(rows), solved, in_time, average, status_lines,
                         _lines(by_product), _lines(by_client), _lines(by_employee), repeats)

