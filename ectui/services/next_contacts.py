"""The next planned contact with each client, and the clients nobody has planned one with."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee

from ectui.models import Employee, Organization, Task
from ectui.models.tasks import OPEN_STATUSES
from ectui.names import short_name
from ectui.services import access
from ectui.services.context import Actor, Context
from ectui.services.task_views import TaskRow, row_query, rows

# Competitors and suppliers are not sold to: nobody needs a next step with them.
SELLING_CATEGORIES = ("client", "prospect", "partner")


def next_contact(organization_id: int | None, contact_id: int | None = None) -> TaskRow | None:
    """The earliest open operational task with this organization (or contact person)."""
    client = (Task.organization == organization_id) if organization_id else \
        (Task.contact == contact_id)
    query = (row_query()
             .where(client, Task.status.in_(OPEN_STATUSES), Task.level == "operation")
             .order_by(Task.due_at.is_null(), Task.due_at, Task.priority).limit(1))
    found = rows(query)
    return found[0] if found else None


@dataclass(frozen=True)
class ClientWithoutStep:
    id: int
    name: str
    category: str
    responsible: str
    last_contact: dt.datetime | None


@dataclass(frozen=True)
class NoStepFilter:
    responsible_id: int | None  # None: everyone's clients
    actor: Actor | None = None  # only the clients this employee may see


def _filtered(flt: NoStepFilter) -> peewee.ModelSelect:
    # A correlated NOT EXISTS walks the (organization, status, due_at) index per client.
    planned = (Task.select(peewee.SQL("1"))
               .where(Task.organization == Organization.id, Task.status.in_(OPEN_STATUSES),
                      Task.level == "operation"))
    query = Organization.select().where(Organization.category.in_(SELLING_CATEGORIES),
                                        ~peewee.fn.EXISTS(planned))
    if flt.responsible_id:
        query = query.where(Organization.responsible == flt.responsible_id)
    if flt.actor is not None:
        query = query.where(access.visible_to(flt.actor, Organization))
    return query


def count_without_next_step(flt: NoStepFilter) -> int:
    return _filtered(flt).count()


def clients_without_next_step(flt: NoStepFilter, offset: int,
                              limit: int) -> list[ClientWithoutStep]:
    """Clients with no open operational task, the longest untouched first."""
    last = (Task.select(peewee.fn.MAX(Task.finished_at))
            .where(Task.organization == Organization.id, Task.status == "done"))
    # Never contacted first, on both engines (they put NULLs at opposite ends).
    never = peewee.NodeList((last, peewee.SQL("IS NULL")))
    query = (_filtered(flt)
             .select(Organization.id, Organization.name, Organization.category,
                     last.alias("last_contact"), Employee.last_name, Employee.first_name,
                     Employee.patronymic)
             .join(Employee, peewee.JOIN.LEFT_OUTER, on=(Organization.responsible == Employee.id))
             .order_by(never.desc(), last, Organization.sort_key)
             .offset(offset).limit(limit).dicts())
    out = []
    for row in query:
        moment = row["last_contact"]
        if isinstance(moment, str):  # SQLite returns MAX() of a datetime column as text
            moment = dt.datetime.fromisoformat(moment)
        if isinstance(moment, dt.datetime) and moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        out.append(ClientWithoutStep(
            row["id"], row["name"], row["category"],
            short_name(row["last_name"], row["first_name"] or "", row["patronymic"] or "")
            if row["last_name"] else "", moment))
    return out


def default_filter(ctx: Context) -> NoStepFilter:
    """The employee's own clients; an administrator sees everyone's."""
    return NoStepFilter(None if ctx.actor.is_admin else ctx.actor.employee_id, ctx.actor)
