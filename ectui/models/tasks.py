"""The relationship history: tasks in a tree (project → stages → operational tasks), their
types and results, participants, reminders, the notices to announce, and sales templates."""

from __future__ import annotations

import peewee

from ectui.models.base import BaseModel
from ectui.models.client_base import Contact, Organization
from ectui.models.fields import UtcDateTimeField
from ectui.models.people import Employee

LEVELS = ("project", "stage", "operation")
# pending: a template step not opened yet; planned → in_progress → done, or cancelled.
STATUSES = ("pending", "planned", "in_progress", "done", "cancelled")
OPEN_STATUSES = ("planned", "in_progress")
CLOSED_STATUSES = ("done", "cancelled")
PRIORITIES = (1, 2, 3)  # high, normal, low: sorts the way people read it
PARTS = ("co_executor", "consultant", "observer")
REMINDER_KINDS = ("start", "before")
AUDIENCES = ("participants", "controller")
NOTICE_KINDS = ("assigned", "completed", "result", "reassigned")


class TaskType(BaseModel):
    """What an operational task is: a call, a meeting, a letter… Built-in ones are named by
    their code through the translations; the admin's own carry their name."""

    code = peewee.CharField(max_length=50, unique=True)
    name = peewee.CharField(max_length=200, default="")
    is_builtin = peewee.BooleanField(default=False)
    # «in 2 days»: where the next step of this type lands when nobody types a date.
    default_delay_days = peewee.IntegerField(default=2)
    position = peewee.IntegerField(default=0)
    is_active = peewee.BooleanField(default=True)


class TaskResult(BaseModel):
    """A result an operational task of one type can have («вышел на ЛПР», «отказ»…)."""

    task_type = peewee.ForeignKeyField(TaskType, backref="results", on_delete="CASCADE")
    code = peewee.CharField(max_length=50)
    name = peewee.CharField(max_length=200, default="")
    # A result that moves the sale on opens the template's next step; «нет ответа» does not.
    advances = peewee.BooleanField(default=True)
    position = peewee.IntegerField(default=0)
    is_active = peewee.BooleanField(default=True)

    class Meta:
        indexes = ((("task_type", "code"), True),)


class SalesTemplate(BaseModel):
    """A sales process template («типовая модель сбыта»): a reusable tree of stages and steps."""

    name = peewee.CharField(max_length=200, unique=True)
    description = peewee.TextField(default="")
    # Steps open one after another (each when the previous gets an advancing result).
    sequential = peewee.BooleanField(default=True)
    is_active = peewee.BooleanField(default=True)
    created_at = UtcDateTimeField()
    updated_at = UtcDateTimeField()


class TemplateStep(BaseModel):
    template = peewee.ForeignKeyField(SalesTemplate, backref="steps", on_delete="CASCADE")
    parent = peewee.ForeignKeyField("self", null=True, backref="children", on_delete="CASCADE")
    level = peewee.CharField(max_length=20)  # stage or operation
    title = peewee.CharField(max_length=300)
    task_type = peewee.ForeignKeyField(TaskType, null=True, on_delete="SET NULL")
    # Days from the project's start to this step's deadline.
    offset_days = peewee.IntegerField(default=0)
    planned_result = peewee.TextField(default="")
    position = peewee.IntegerField(default=0)


class Task(BaseModel):
    level = peewee.CharField(max_length=20, default="operation")
    parent = peewee.ForeignKeyField("self", null=True, backref="children", on_delete="CASCADE")
    # The project at the top of this task's tree (itself for a project, None when standalone):
    # one indexed query loads a whole project.
    root = peewee.ForeignKeyField("self", null=True, backref="descendants", on_delete="CASCADE")
    position = peewee.IntegerField(default=0)
    task_type = peewee.ForeignKeyField(TaskType, null=True, on_delete="SET NULL")
    title = peewee.CharField(max_length=300)
    description = peewee.TextField(default="")
    planned_result = peewee.TextField(default="")
    result = peewee.ForeignKeyField(TaskResult, null=True, on_delete="SET NULL")
    result_note = peewee.TextField(default="")  # what actually happened, in words
    organization = peewee.ForeignKeyField(Organization, null=True, backref="tasks",
                                          on_delete="CASCADE")
    contact = peewee.ForeignKeyField(Contact, null=True, backref="tasks", on_delete="SET NULL")
    priority = peewee.IntegerField(default=2)
    status = peewee.CharField(max_length=20, default="planned")
    start_at = UtcDateTimeField(null=True)
    due_at = UtcDateTimeField(null=True)
    # False: due on that day as a whole (stored as the day's local midnight), overdue next day.
    due_has_time = peewee.BooleanField(default=False)
    finished_at = UtcDateTimeField(null=True)
    responsible = peewee.ForeignKeyField(Employee, backref="tasks")
    controller = peewee.ForeignKeyField(Employee, null=True, backref="controlled_tasks")
    author = peewee.ForeignKeyField(Employee, backref="authored_tasks")
    assigned_by = peewee.ForeignKeyField(Employee, null=True)
    # Given by someone else and not yet opened by the responsible: «новые поручения».
    is_new = peewee.BooleanField(default=False)
    template = peewee.ForeignKeyField(SalesTemplate, null=True, on_delete="SET NULL")
    template_step = peewee.ForeignKeyField(TemplateStep, null=True, on_delete="SET NULL")
    # Order of the step in its template (depth first); the next pending one opens next.
    step_index = peewee.IntegerField(null=True)
    created_at = UtcDateTimeField()
    updated_at = UtcDateTimeField()
    version = peewee.IntegerField(default=1)

    class Meta:
        indexes = (
            (("responsible", "status", "due_at"), False),
            (("organization", "status", "due_at"), False),
            # The funnel's first days per client and step, from the index alone (0013).
            (("organization", "status", "level", "task_type", "finished_at"), False),
            # A card's tasks outside projects: not through the "no parent" million (0013).
            (("organization", "parent", "level"), False),
            (("controller", "status"), False),
            (("root", "position"), False),
            (("parent", "position"), False),
            (("contact",), False),
            # Projects (the tree's roots) are few among millions of tasks: find them directly.
            (("level", "created_at"), False),
        )


class TaskParticipant(BaseModel):
    """An employee who takes part in a task besides the responsible one, and their part."""

    task = peewee.ForeignKeyField(Task, backref="participants", on_delete="CASCADE")
    employee = peewee.ForeignKeyField(Employee, backref="participations")
    part = peewee.CharField(max_length=30, default="co_executor")

    class Meta:
        indexes = ((("task", "employee"), True), (("employee",), False))


class TaskReminder(BaseModel):
    """When to remind whom about a task; the calendar delivers them."""

    task = peewee.ForeignKeyField(Task, backref="reminders", on_delete="CASCADE")
    kind = peewee.CharField(max_length=20, default="before")  # start or before the due time
    minutes_before = peewee.IntegerField(default=0)
    audience = peewee.CharField(max_length=20, default="participants")


class TaskNotice(BaseModel):
    """Something an employee must be told about a task (a task given to them, a task they
    control completed…). Recorded here; delivered by the notification mechanism."""

    recipient = peewee.ForeignKeyField(Employee, backref="task_notices")
    task = peewee.ForeignKeyField(Task, backref="notices", on_delete="CASCADE")
    kind = peewee.CharField(max_length=20)
    actor = peewee.ForeignKeyField(Employee, null=True)
    created_at = UtcDateTimeField()
    delivered_at = UtcDateTimeField(null=True)

    class Meta:
        indexes = ((("recipient", "delivered_at"), False),)
