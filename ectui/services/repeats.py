"""Repeating tasks: a rule from a short list of presets or typed as an iCalendar RRULE.

The rule counts from the task's due moment in local time: «every Monday» keeps the meeting at
10:00 all year. Presets are what sales people ask for; a typed RRULE covers the rest.
"""

from __future__ import annotations

from dateutil.rrule import rrulestr

from ectui.db import write_transaction
from ectui.errors import FieldError, UserError, ValidationError
from ectui.models import Task, TaskRepeat
from ectui.services import task_rights
from ectui.services import tasks as task_service
from ectui.services.context import Context

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
PRESETS = ("none", "daily", "workdays", "weekly", "monthly", "first_workday", "last_workday",
           "yearly", "custom")


def preset_rule(preset: str, weekday: int, monthday: int) -> str:
    """The RRULE of a preset for a task due on ``weekday`` (0 = Monday), day ``monthday``."""
    return {
        "daily": "FREQ=DAILY",
        "workdays": "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
        "weekly": f"FREQ=WEEKLY;BYDAY={WEEKDAYS[weekday]}",
        "monthly": f"FREQ=MONTHLY;BYMONTHDAY={monthday}",
        "first_workday": "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1",
        "last_workday": "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        "yearly": "FREQ=YEARLY",
    }.get(preset, "")


def check_rule(rule: str) -> str:
    """A typed RRULE, upper-cased and checked; a field error names what is wrong."""
    text = (rule or "").strip().upper()
    if text.startswith("RRULE:"):
        text = text[len("RRULE:"):]
    if not text:
        raise FieldError("validation.required")
    try:
        rrulestr(text)
    except (ValueError, TypeError) as error:
        raise FieldError("cal.bad_rule", error=str(error)) from None
    if len(text) > 300:
        raise FieldError("cal.bad_rule", error="> 300")
    return text


def repeat_of(ctx: Context, task_id: int) -> str:
    """The task's RRULE, "" when it does not repeat."""
    task_service.visible_task(ctx, task_id)
    found = TaskRepeat.get_or_none(TaskRepeat.task == task_id)
    return found.rule if found else ""


def set_repeat(ctx: Context, task_id: int, preset: str, custom: str = "") -> str:
    """Make the task repeat by a preset (or a typed rule with ``custom``); "none" stops it."""
    task: Task = task_service.visible_task(ctx, task_id)
    task_rights.require_edit(ctx.actor, task)
    if preset not in PRESETS:
        raise ValidationError({"preset": FieldError("cal.bad_rule", error=preset)})
    if preset != "none" and task.due_at is None:
        raise UserError("cal.repeat_needs_due")
    if preset != "none" and task.level != "operation":
        raise UserError("cal.repeat_operation_only")
    rule = ""
    if preset == "custom":
        try:
            rule = check_rule(custom)
        except FieldError as error:
            raise ValidationError({"custom": error}) from None
    elif preset != "none":
        local = task.due_at.astimezone(ctx.now().tzinfo)
        rule = preset_rule(preset, local.weekday(), local.day)
    with write_transaction():
        TaskRepeat.delete().where(TaskRepeat.task == task_id).execute()
        if rule:
            TaskRepeat.insert(task=task_id, rule=rule).execute()
    return rule
