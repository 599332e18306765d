"""Our own company's people: departments and employees."""

from __future__ import annotations

import peewee

from ectui.models.access import Role
from ectui.models.base import BaseModel
from ectui.models.fields import UtcDateTimeField


class Department(BaseModel):
    name = peewee.CharField(max_length=200)
    parent = peewee.ForeignKeyField("self", null=True, backref="children", on_delete="SET NULL")
    # Deferred: Employee refers to Department too. The head sees the department's records
    # when their role's scope is "department", like every member.
    head = peewee.DeferredForeignKey("Employee", null=True, backref="headed_departments",
                                     on_delete="SET NULL")


class Employee(BaseModel):
    # The operating-system login of the person (the SSH user); how a session knows who works.
    login = peewee.CharField(max_length=64, unique=True)
    last_name = peewee.CharField(max_length=100)
    first_name = peewee.CharField(max_length=100, default="")
    patronymic = peewee.CharField(max_length=100, default="")
    position = peewee.CharField(max_length=200, default="")
    department = peewee.ForeignKeyField(Department, null=True, backref="employees",
                                        on_delete="SET NULL")
    email = peewee.CharField(max_length=254, default="")
    phone = peewee.CharField(max_length=100, default="")
    # Deactivated, never deleted: history keeps its authors.
    is_active = peewee.BooleanField(default=True)
    # The installation's administrator: every action on every record, whatever the role.
    is_admin = peewee.BooleanField(default=False)
    role = peewee.ForeignKeyField(Role, null=True, backref="employees", on_delete="RESTRICT")
    created_at = UtcDateTimeField()
