"""What happened to the records: the audit trail people read, the change log sessions poll."""

from __future__ import annotations

import peewee

from ectui.models.base import BaseModel
from ectui.models.fields import UtcDateTimeField
from ectui.models.people import Employee

AUDIT_ACTIONS = ("create", "update", "delete", "reassign")


class AuditEntry(BaseModel):
    """One field of one record changed: who, when, the value before and after.

    There is no foreign key to the record: the trail outlives a deleted record. Values are
    stored as people read them (names, not ids), except choice codes, translated when shown.
    """

    table_name = peewee.CharField(max_length=60)
    record_id = peewee.IntegerField()
    action = peewee.CharField(max_length=20)
    employee = peewee.ForeignKeyField(Employee, null=True, backref="audit_entries",
                                      on_delete="SET NULL")
    at = UtcDateTimeField()
    field = peewee.CharField(max_length=100, default="")
    old_value = peewee.TextField(default="")
    new_value = peewee.TextField(default="")

    class Meta:
        indexes = ((("table_name", "record_id"), False),)


class ChangeLog(BaseModel):
    """A record was written; other sessions read rows past the last id they saw, and refresh."""

    table_name = peewee.CharField(max_length=60)
    record_id = peewee.IntegerField()
    action = peewee.CharField(max_length=20)
    # The session that wrote it, so a session does not refresh for its own changes.
    origin = peewee.CharField(max_length=40, default="")
    at = UtcDateTimeField(index=True)
