"""Access rights: the one place that decides what an employee may do to whose records.

A role maps each action (``view``, ``create``, ``edit``, ``delete``, ``assign_tasks``,
``reports``, ``administer``) to a scope:

- ``none``: never;
- ``own``: records the employee is responsible for (for ``assign_tasks``: to themselves);
- ``department``: records whose responsible employee works in the employee's department, a
  department they head, or any sub-department of those; records with no responsible employee
  count as everyone's department (so a head can pick up a new lead);
- ``all``: every record.

The owner of a record is its responsible employee (``responsible`` field). Services call:

    from ectui.services import access

    access.require(ctx, "edit", org.responsible_id)        # raises AccessDenied (a UserError)
    if access.can(ctx, "delete", org.responsible_id): ...    # for the UI to hide or grey keys
    query = query.where(access.visible_to(ctx.actor, Task))  # lists show only what one may view
    access.require(ctx, "assign_tasks", assignee_id)         # the owner is the assignee
    access.require(ctx, "administer")                        # no owner: any scope but none

``visible_to`` returns a condition on the model's ``responsible`` field (pass ``field=`` for
another one, e.g. ``Task.responsible``); combine it with ``|`` for records one is involved in
some other way. The actor's rights are plain data loaded at session start
(``actor_of(employee)``), so a check costs no query unless a department must be looked up.
"""

from __future__ import annotations

import peewee

from ectui.errors import UserError
from ectui.i18n import t
from ectui.models import Department, Employee, Role, RolePermission
from ectui.models.access import ACTIONS, SCOPES
from ectui.names import short_name
from ectui.services.context import Actor, Context

NO_OWNER = object()
"""The owner of actions that are about no one's record (create a group, administer)."""


class AccessDenied(UserError):
    """The role does not allow this; the message says which role, what and whose record."""


def _actor(who: Context | Actor) -> Actor:
    return who.actor if isinstance(who, Context) else who


# ---- loading an actor ---------------------------------------------------------------------

def department_subtree(roots: set[int]) -> set[int]:
    """The given departments and every department below them."""
    children: dict[int | None, list[int]] = {}
    for dept in Department.select(Department.id, Department.parent):
        children.setdefault(dept.parent_id, []).append(dept.id)
    found: set[int] = set()
    stack = list(roots)
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(children.get(current, ()))
    return found


def role_scopes(role_id: int | None) -> dict[str, str]:
    """Each action's scope in a role; actions the role does not mention are ``none``."""
    scopes = dict.fromkeys(ACTIONS, "none")
    if role_id is not None:
        for perm in RolePermission.select().where(RolePermission.role == role_id):
            if perm.action in scopes and perm.scope in SCOPES:
                scopes[perm.action] = perm.scope
    return scopes


def actor_of(emp: Employee) -> Actor:
    """The session's Actor for an employee: name, role, scopes and department reach."""
    scopes = role_scopes(emp.role_id)
    roots = {d.id for d in Department.select(Department.id).where(Department.head == emp.id)}
    if emp.department_id:
        roots.add(emp.department_id)
    role_name = (Role.select(Role.name).where(Role.id == emp.role_id).scalar()
                 if emp.role_id else "")
    return Actor(emp.id, emp.login, short_name(emp.last_name, emp.first_name, emp.patronymic),
                 is_admin=scopes["administer"] == "all", role=role_name or "",
                 scopes=tuple(scopes.items()),
                 department_ids=frozenset(department_subtree(roots)) if roots else frozenset())


# ---- deciding -----------------------------------------------------------------------------

def _owner_department(owner_id: int) -> int | None:
    return Employee.select(Employee.department).where(Employee.id == owner_id).scalar()


_LOOK_UP = object()


def in_scope(actor: Actor, scope: str, owner_id, owner_department=_LOOK_UP) -> bool:
    """Whether a record of ``owner_id`` (an employee id, None, or NO_OWNER) is within scope.

    ``owner_department`` (the owner's department id), when the caller has it from a join,
    spares the query; lists decide each row's rights that way.
    """
    if scope == "all":
        return True
    if scope == "none":
        return False
    if owner_id is NO_OWNER:
        return True
    if scope == "own":
        return owner_id == actor.employee_id
    # department
    if owner_id is None or owner_id == actor.employee_id:
        return True
    if owner_department is _LOOK_UP:
        owner_department = _owner_department(owner_id)
    return owner_department in actor.department_ids


def can_on_row(actor: Actor, action: str, owner_id: int | None,
               owner_department: int | None) -> bool:
    """``can`` for a list row whose owner's department was joined in: no query."""
    return in_scope(actor, actor.scope(action), owner_id, owner_department)


def can(who: Context | Actor, action: str, owner_id=NO_OWNER) -> bool:
    """Whether the actor may do ``action`` to a record whose responsible is ``owner_id``."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    actor = _actor(who)
    return in_scope(actor, actor.scope(action), owner_id)


def _owner_name(owner_id: int) -> str:
    emp = Employee.get_or_none(Employee.id == owner_id)
    return short_name(emp.last_name, emp.first_name, emp.patronymic) if emp else str(owner_id)


def require(who: Context | Actor, action: str, owner_id=NO_OWNER) -> None:
    """Refuse with a message saying what the role allows and whose record this is."""
    if can(who, action, owner_id):
        return
    actor = _actor(who)
    scope = actor.scope(action)
    role = actor.role or "—"
    if action == "administer" or scope == "none":
        raise AccessDenied(f"access.denied.{action}.none", role=role)
    if owner_id is None:
        owner = t("access.owner.nobody")
    else:
        phrase = "access.assignee.is" if action == "assign_tasks" else "access.owner.is"
        owner = t(phrase, name=_owner_name(owner_id))
    raise AccessDenied(f"access.denied.{action}.{scope}", role=role, owner=owner)


def visible_to(who: Context | Actor, model: type[peewee.Model],
               field: peewee.Field | None = None, action: str = "view") -> peewee.Expression:
    """A WHERE condition: the rows of ``model`` the actor may ``action`` (view by default)."""
    actor = _actor(who)
    column = field if field is not None else model.responsible
    scope = actor.scope(action)
    if scope == "all":
        return peewee.SQL("1 = 1")
    if scope == "none":
        return peewee.SQL("1 = 0")
    if scope == "own":
        return column == actor.employee_id
    colleagues = Employee.select(Employee.id).where(
        Employee.department.in_(sorted(actor.department_ids)))
    return (column.is_null() | (column == actor.employee_id)
            | (column.in_(colleagues) if actor.department_ids else peewee.SQL("1 = 0")))


def employees_in_scope(who: Context | Actor, action: str) -> list[int] | None:
    """Ids of the employees whose records ``action`` reaches; None means everyone's."""
    actor = _actor(who)
    scope = actor.scope(action)
    if scope == "all":
        return None
    if scope == "none":
        return []
    if scope == "own" or not actor.department_ids:
        return [actor.employee_id]
    ids = {e.id for e in Employee.select(Employee.id)
           .where(Employee.department.in_(sorted(actor.department_ids)))}
    return sorted(ids | {actor.employee_id})
