"""The calendar's own tables: the notification inbox and where each notification was shown,
repeat rules of tasks, employees' out-of-office periods, reminder defaults per task type."""

from __future__ import annotations

import peewee

from ectui.models.base import BaseModel
from ectui.models.fields import UtcDateTimeField
from ectui.models.people import Employee
from ectui.models.tasks import Task, TaskType

# start / before: reminders; assigned, reassigned, completed, result: what others did;
# overdue: the due time passed with the task still open.
NOTIFICATION_KINDS = ("start", "before", "assigned", "reassigned", "completed", "result",
                      "overdue")


class Notification(BaseModel):
    """One thing one employee must be told, stored before it is shown: the inbox.

    ``key`` names its cause (a reminder and the occurrence it is for, a task notice, an
    overdue task), so two sessions that find the same cause at once store it only once.
    """

    recipient = peewee.ForeignKeyField(Employee, backref="notifications")
    task = peewee.ForeignKeyField(Task, null=True, backref="notifications", on_delete="CASCADE")
    kind = peewee.CharField(max_length=20)
    key = peewee.CharField(max_length=120)
    # The moment it concerns (the start, the due time, the occurrence of a repeating task).
    about_at = UtcDateTimeField(null=True)
    actor = peewee.ForeignKeyField(Employee, null=True)
    created_at = UtcDateTimeField()
    # Shown again from this moment on (snoozed); it waits unread until then.
    show_at = UtcDateTimeField()
    read_at = UtcDateTimeField(null=True)

    class Meta:
        indexes = (
            (("recipient", "key"), True),
            (("recipient", "read_at", "show_at"), False),
        )


class NotificationDelivery(BaseModel):
    """A notification was shown as a toast in one session: each session shows it once."""

    notification = peewee.ForeignKeyField(Notification, backref="deliveries",
                                          on_delete="CASCADE")
    session = peewee.CharField(max_length=60)
    shown_at = UtcDateTimeField()

    class Meta:
        indexes = ((("notification", "session"), True),)


class TaskRepeat(BaseModel):
    """A task that repeats: an iCalendar RRULE («every Monday», «first working day of the
    month»), counted from the task's due moment in the local time zone."""

    task = peewee.ForeignKeyField(Task, unique=True, backref="repeat", on_delete="CASCADE")
    rule = peewee.CharField(max_length=300)


class Absence(BaseModel):
    """An employee out of office (holiday, sick leave, a trip) from one moment to another."""

    employee = peewee.ForeignKeyField(Employee, backref="absences", on_delete="CASCADE")
    starts_at = UtcDateTimeField()
    ends_at = UtcDateTimeField()
    reason = peewee.CharField(max_length=200, default="")
    created_at = UtcDateTimeField()

    class Meta:
        indexes = ((("employee", "starts_at"), False),)


class ReminderDefault(BaseModel):
    """One default of a task type for its participants or its controller: a reminder at the
    start, one some minutes before, or whether they are told of overdue / completed / result.
    No rows for a type: the built-in defaults (``ectui.services.reminder_defaults``)."""

    task_type = peewee.ForeignKeyField(TaskType, backref="reminder_defaults",
                                       on_delete="CASCADE")
    audience = peewee.CharField(max_length=20)  # participants or controller
    kind = peewee.CharField(max_length=20)  # start, before, overdue, completed, result
    minutes_before = peewee.IntegerField(default=0)
    enabled = peewee.BooleanField(default=True)

    class Meta:
        indexes = ((("task_type", "audience", "kind"), True),)
