"""Roles: named sets of allowed actions with their scopes, which the administrator edits.

Each employee has one role; ``ectui.services.access`` decides with it. A role's change takes
effect in a session when the session reloads its rights (at start, and when the change log
says the role or the employee changed).
"""

from __future__ import annotations

from dataclasses import dataclass

from ectui.db import write_transaction
from ectui.errors import FieldError, NotFound, UserError, ValidationError
from ectui.i18n import t
from ectui.models import Employee, Role, RolePermission
from ectui.models.access import ACTIONS, SCOPES
from ectui.services import access, audit, changes
from ectui.services.context import Context


@dataclass(frozen=True)
class RoleInfo:
    id: int
    name: str
    code: str
    scopes: dict[str, str]
    members: int


def _info(role: Role) -> RoleInfo:
    members = Employee.select().where(Employee.role == role.id,
                                      Employee.is_active == True).count()  # noqa: E712
    return RoleInfo(role.id, role.name, role.code, access.role_scopes(role.id), members)


def roles() -> list[RoleInfo]:
    """Every role, seeded ones first in their seed order, then the admin's own by name."""
    seeded = {"admin": 0, "head": 1, "senior_manager": 2, "manager": 3, "trainee": 4}
    found = sorted(Role.select(), key=lambda r: (seeded.get(r.code, 9), r.name))
    return [_info(role) for role in found]


def role_name(role_id: int | None) -> str:
    return (Role.select(Role.name).where(Role.id == role_id).scalar() or "") if role_id else ""


def find_role(name_or_code: str | int) -> RoleInfo:
    """A role by id, code (``trainee``) or name (case-insensitive); UserError listing the roles."""
    role = None
    if isinstance(name_or_code, int):
        role = Role.get_or_none(Role.id == name_or_code)
    else:
        wanted = name_or_code.strip().casefold().replace("ё", "е")
        for candidate in Role.select():
            if wanted in (candidate.code.casefold(),
                          candidate.name.casefold().replace("ё", "е")):
                role = candidate
                break
    if role is None:
        names = ", ".join(f"{r.name} ({r.code})" if r.code else r.name for r in Role.select())
        raise UserError("role.unknown", name=name_or_code, names=names)
    return _info(role)


def _check_scopes(scopes: dict[str, str]) -> dict[str, str]:
    errors = {}
    for action, scope in scopes.items():
        if action not in ACTIONS:
            errors[action] = FieldError("record.choice", options=", ".join(ACTIONS))
        elif scope not in SCOPES:
            errors[action] = FieldError("record.choice", options=", ".join(SCOPES))
        elif action == "administer" and scope not in ("none", "all"):
            errors[action] = FieldError("role.administer_scope")
    if errors:
        raise ValidationError(errors)
    return scopes


def _store_scopes(role_id: int, scopes: dict[str, str]) -> None:
    for action, scope in scopes.items():
        RolePermission.delete().where(RolePermission.role == role_id,
                                      RolePermission.action == action).execute()
        RolePermission.insert(role=role_id, action=action, scope=scope).execute()
    # The is_admin column mirrors the role, so other code may ask it cheaply.
    admin = access.role_scopes(role_id)["administer"] == "all"
    Employee.update(is_admin=admin).where(Employee.role == role_id).execute()


def _check_name(name: str, role_id: int | None) -> str:
    name = name.strip()
    if not name:
        raise ValidationError({"name": FieldError("validation.required")})
    taken = Role.select().where(Role.name == name)
    if role_id is not None:
        taken = taken.where(Role.id != role_id)
    if taken.exists():
        raise ValidationError({"name": FieldError("role.name_taken", name=name)})
    return name


def create_role(ctx: Context, name: str, scopes: dict[str, str] | None = None) -> RoleInfo:
    """A new role; actions not given are not allowed."""
    access.require(ctx, "administer")
    name = _check_name(name, None)
    full = dict.fromkeys(ACTIONS, "none")
    full.update(_check_scopes(scopes or {}))
    with write_transaction():
        role = Role.create(name=name, code="")
        _store_scopes(role.id, full)
        changes.note(ctx, "role", role.id, "create")
    return _info(role)


def _admins_left_without(role_id: int) -> bool:
    """Whether no active administrator would remain if this role stopped administering."""
    others = Employee.select().where(Employee.is_admin == True, Employee.is_active == True,  # noqa: E712
                                     (Employee.role != role_id) | Employee.role.is_null())
    return not others.exists()


def update_role(ctx: Context, role_id: int, *, name: str | None = None,
                scopes: dict[str, str] | None = None) -> RoleInfo:
    """Rename a role or change some of its scopes; the base keeps an administrator."""
    access.require(ctx, "administer")
    role = Role.get_or_none(Role.id == role_id)
    if role is None:
        raise NotFound()
    new_name = _check_name(name, role_id) if name is not None else role.name
    scopes = _check_scopes(scopes or {})
    before = access.role_scopes(role_id)
    if (scopes.get("administer", before["administer"]) != "all"
            and before["administer"] == "all" and _admins_left_without(role_id)
            and Employee.select().where(Employee.role == role_id).exists()):
        raise UserError("role.last_admin", name=role.name)
    with write_transaction():
        if new_name != role.name:
            Role.update(name=new_name).where(Role.id == role_id).execute()
        if scopes:
            _store_scopes(role_id, scopes)
        after = access.role_scopes(role_id)
        changed = [("name", role.name, new_name)] if new_name != role.name else []
        changed += [(f"permission.{a}", t(f"scope.{before[a]}"), t(f"scope.{after[a]}"))
                    for a in ACTIONS if before[a] != after[a]]
        audit.record(ctx, "role", role_id, "update", changed)
    return find_role(role_id)


def delete_role(ctx: Context, role_id: int) -> None:
    """Delete a role nobody has."""
    access.require(ctx, "administer")
    info = find_role(role_id)
    holders = Employee.select().where(Employee.role == role_id).count()
    if holders:
        raise UserError("role.in_use", name=info.name, count=holders)
    with write_transaction():
        Role.delete().where(Role.id == role_id).execute()
        audit.record(ctx, "role", role_id, "delete", [], title=info.name)
