"""Who may see, change, give and delete tasks: the task rules on top of the roles.

A task's owner is its responsible employee, so the role's scopes (``ectui.services.access``)
decide as for any record; on top of that, the people involved in a task — responsible,
participants, controller, author — always see it and may log its results, and the employee
responsible for a client sees the client's whole history. Giving a task to oneself is never
refused; giving it to someone else needs the role's ``assign_tasks`` scope to reach them.
"""

from __future__ import annotations

from functools import reduce

import peewee

from ectui.errors import UserError
from ectui.models import Organization, Task, TaskParticipant
from ectui.services import access
from ectui.services.context import Actor


def involved_ids(task: Task) -> set[int]:
    people = {task.responsible_id, task.author_id}
    if task.controller_id:
        people.add(task.controller_id)
    people.update(p.employee_id for p in
                  TaskParticipant.select(TaskParticipant.employee).where(
                      TaskParticipant.task == task.id))
    return people


def _client_is_mine(actor: Actor, task: Task) -> bool:
    if not task.organization_id:
        return False
    responsible = (Organization.select(Organization.responsible)
                   .where(Organization.id == task.organization_id).scalar())
    return responsible == actor.employee_id


def can_view(actor: Actor, task: Task) -> bool:
    return (access.can(actor, "view", task.responsible_id)
            or actor.employee_id in involved_ids(task) or _client_is_mine(actor, task))


def can_edit(actor: Actor, task: Task) -> bool:
    return (access.can(actor, "edit", task.responsible_id)
            or actor.employee_id in involved_ids(task))


def can_delete(actor: Actor, task: Task) -> bool:
    if access.can(actor, "delete", task.responsible_id):
        return True
    # Whoever set a task up or controls it may take it back, if their role deletes at all.
    return (actor.employee_id in (task.author_id, task.controller_id)
            and actor.scope("delete") != "none")


def can_assign(actor: Actor, employee_id: int) -> bool:
    return employee_id == actor.employee_id or access.can(actor, "assign_tasks", employee_id)


def require_view(actor: Actor, task: Task) -> None:
    if not can_view(actor, task):
        raise UserError("task.rights.view")


def require_edit(actor: Actor, task: Task) -> None:
    if not can_edit(actor, task):
        raise UserError("task.rights.edit")


def require_delete(actor: Actor, task: Task) -> None:
    if not can_delete(actor, task):
        raise UserError("task.rights.delete")


def require_assign(actor: Actor, employee_id: int) -> None:
    if not can_assign(actor, employee_id):
        access.require(actor, "assign_tasks", employee_id)  # says what the role allows
        raise UserError("task.rights.assign")


def visible_condition(actor: Actor, model: type[Task] = Task) -> peewee.Expression | None:
    """A WHERE condition for the tasks this actor may see; None when they see everything."""
    if actor.scope("view") == "all":
        return None
    me = actor.employee_id
    mine = (TaskParticipant.select(TaskParticipant.task)
            .where(TaskParticipant.employee == me))
    my_clients = Organization.select(Organization.id).where(Organization.responsible == me)
    parts = [access.visible_to(actor, model, model.responsible), model.author == me,
             model.controller == me, model.id.in_(mine), model.organization.in_(my_clients)]
    return reduce(lambda a, b: a | b, parts)
