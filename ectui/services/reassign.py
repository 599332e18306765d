"""Reassignment: hand all clients (and open tasks) of one employee to another in one action.

First ``preview(ctx, from_id, to_id)`` says what would move; then ``reassign(ctx, preview)``
moves exactly what the preview listed (records given to the employee since are left for the
next run), each move recorded in the audit trail. Who may: whoever may edit the records of
both employees — the head of the department for its people, the administrator for anyone.

What moves is a list of ``Mover``s, one per kind of record: organizations, contact persons
and the open tasks the employee is responsible for (done and cancelled ones keep their author).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import peewee

from ectui.db import write_transaction
from ectui.errors import NotFound, UserError
from ectui.i18n import t
from ectui.models import Contact, Employee, Organization
from ectui.models.tasks import CLOSED_STATUSES, Task
from ectui.names import full_name, short_name
from ectui.services import access, audit
from ectui.services.context import Context

SAMPLE = 30
"""How many names of each kind the preview shows (the counts are always complete)."""


@dataclass(frozen=True)
class Mover:
    kind: str                          # the table, as the audit trail and change log name it
    label_key: str                     # «Организации»
    model: type[peewee.Model]
    field: peewee.ForeignKeyField      # the responsible employee
    title: Callable[[peewee.Model], str]
    condition: Callable[[], peewee.Expression] | None = None  # e.g. only open tasks
    order_by: Callable[[], peewee.Node] | None = None


MOVERS: list[Mover] = [
    Mover("organization", "reassign.kind.organization", Organization, Organization.responsible,
          title=lambda org: org.name, order_by=lambda: Organization.sort_key),
    Mover("contact", "reassign.kind.contact", Contact, Contact.responsible,
          title=lambda c: full_name(c.last_name, c.first_name, c.patronymic),
          order_by=lambda: Contact.sort_key),
    Mover("task", "reassign.kind.task", Task, Task.responsible,
          title=lambda task: task.title,
          condition=lambda: Task.status.not_in(CLOSED_STATUSES),
          order_by=lambda: Task.due_at),
]


@dataclass(frozen=True)
class PreviewGroup:
    kind: str
    label: str
    ids: tuple[int, ...]
    sample: tuple[str, ...]            # the first names, for the person to recognise

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class ReassignPreview:
    from_id: int
    to_id: int
    from_name: str
    to_name: str
    groups: tuple[PreviewGroup, ...]

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)


def _employee(emp_id: int) -> Employee:
    emp = Employee.get_or_none(Employee.id == emp_id)
    if emp is None:
        raise NotFound()
    return emp


def _name(emp: Employee) -> str:
    return short_name(emp.last_name, emp.first_name, emp.patronymic)


def _check(ctx: Context, from_id: int, to_id: int) -> tuple[Employee, Employee]:
    if from_id == to_id:
        raise UserError("reassign.same_employee")
    source, target = _employee(from_id), _employee(to_id)
    if not target.is_active:
        raise UserError("reassign.target_inactive", name=_name(target))
    access.require(ctx, "edit", from_id)
    access.require(ctx, "edit", to_id)
    return source, target


def _query(mover: Mover, from_id: int) -> peewee.ModelSelect:
    query = mover.model.select().where(mover.field == from_id)
    if mover.condition is not None:
        query = query.where(mover.condition())
    order = mover.order_by() if mover.order_by is not None else mover.model.id
    return query.order_by(order, mover.model.id)


def preview(ctx: Context, from_id: int, to_id: int) -> ReassignPreview:
    """What would move from one employee to another: every id, and the first names."""
    source, target = _check(ctx, from_id, to_id)
    groups = []
    for mover in MOVERS:
        rows = list(_query(mover, from_id))
        groups.append(PreviewGroup(mover.kind, t(mover.label_key),
                                   tuple(row.id for row in rows),
                                   tuple(mover.title(row) for row in rows[:SAMPLE])))
    return ReassignPreview(from_id, to_id, _name(source), _name(target), tuple(groups))


def reassign(ctx: Context, shown: ReassignPreview) -> dict[str, int]:
    """Move what the preview showed (and still belongs to the first employee); counts by kind."""
    source, target = _check(ctx, shown.from_id, shown.to_id)
    moved: dict[str, int] = {}
    by_kind = {mover.kind: mover for mover in MOVERS}
    with write_transaction():
        for group in shown.groups:
            mover = by_kind[group.kind]
            model = mover.model
            still = [row.id for row in model.select(model.id).where(
                model.id.in_(group.ids), mover.field == shown.from_id)] if group.ids else []
            for start in range(0, len(still), 500):
                chunk = still[start:start + 500]
                update = {mover.field: shown.to_id}
                if "version" in model._meta.fields:
                    update[model.version] = model.version + 1  # open forms merge, not overwrite
                if "updated_at" in model._meta.fields:
                    update[model.updated_at] = ctx.now()
                model.update(update).where(model.id.in_(chunk)).execute()
                for record_id in chunk:
                    audit.record(ctx, group.kind, record_id, "reassign",
                                 [(mover.field.name + "_id", _name(source), _name(target))])
            moved[group.kind] = len(still)
    return moved
