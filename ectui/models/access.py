"""Roles and their permissions: what each employee may do, and to whose records."""

from __future__ import annotations

import peewee

from ectui.models.base import BaseModel

ACTIONS = ("view", "create", "edit", "delete", "assign_tasks", "reports", "administer")
"""Everything a role can allow; ``administer`` is users, roles, custom fields, the base itself."""

SCOPES = ("none", "own", "department", "all")
"""Whose records an action reaches, from narrowest to widest."""


class Role(BaseModel):
    name = peewee.CharField(max_length=100, unique=True)   # «Руководитель отдела»
    # The seeded roles keep a stable code (head, senior_manager, manager, trainee, admin) so the
    # demo and the CLI can name them whatever the admin renamed them to; "" for the admin's own.
    code = peewee.CharField(max_length=40, default="", index=True)


class RolePermission(BaseModel):
    role = peewee.ForeignKeyField(Role, backref="permissions", on_delete="CASCADE")
    action = peewee.CharField(max_length=20)
    scope = peewee.CharField(max_length=20, default="none")

    class Meta:
        indexes = ((("role", "action"), True),)
