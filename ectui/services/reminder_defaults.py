"""What each task type reminds and notifies by default, separately for the participants (the
responsible and co-executors) and for the controller.

A row of ``ReminderDefault`` is one switch: (type, audience, kind) with minutes for «before».
Without any row for a type the built-in defaults hold: told when a task becomes overdue, is
completed or gets a result; no reminders unless the task sets its own. A task's own reminder
(the task form's «Напомнить за») replaces the type's default for that audience.
"""

from __future__ import annotations

from dataclasses import dataclass

from ectui.db import write_transaction
from ectui.errors import FieldError, ValidationError
from ectui.models import ReminderDefault, TaskType
from ectui.models.tasks import AUDIENCES
from ectui.services import access
from ectui.services.context import Context
from ectui.services.reminders import Reminder
from ectui.services.tasks import parse_reminder

SWITCHES = ("start", "overdue", "completed", "result")
BUILT_IN = {"start": False, "overdue": True, "completed": True, "result": True}


@dataclass(frozen=True)
class TypeDefaults:
    """The defaults of one task type for one audience."""

    before: int | None  # minutes before the due time; None: no advance reminder
    switches: dict[str, bool]

    def reminders(self) -> list[Reminder]:
        found = [Reminder("start")] if self.switches.get("start") else []
        if self.before is not None:
            found.append(Reminder("before", self.before))
        return found

    def tells(self, kind: str) -> bool:
        return self.switches.get(kind, BUILT_IN.get(kind, True))


def defaults_by_type(type_ids: set[int | None]) -> dict[tuple[int | None, str], TypeDefaults]:
    """(type id, audience) → its defaults, for the given types (and None: no type)."""
    rows: dict[tuple[int, str], list[ReminderDefault]] = {}
    known = [i for i in type_ids if i is not None]
    if known:
        for row in ReminderDefault.select().where(ReminderDefault.task_type.in_(known)):
            rows.setdefault((row.task_type_id, row.audience), []).append(row)
    result = {}
    for type_id in type_ids:
        for audience in AUDIENCES:
            found = rows.get((type_id, audience), []) if type_id is not None else []
            switches = dict(BUILT_IN)
            before = None
            for row in found:
                if row.kind == "before":
                    before = row.minutes_before if row.enabled else None
                else:
                    switches[row.kind] = row.enabled
            result[(type_id, audience)] = TypeDefaults(before, switches)
    return result


def form_values(type_id: int) -> dict[str, str]:
    """The defaults of a type as the form shows them: «15», «yes»/«no» per audience."""
    values: dict[str, str] = {}
    for audience in AUDIENCES:
        found = defaults_by_type({type_id})[(type_id, audience)]
        values[f"{audience}_before"] = "" if found.before is None else str(found.before)
        for kind in SWITCHES:
            values[f"{audience}_{kind}"] = "yes" if found.tells(kind) else "no"
    return values


def save_type_defaults(ctx: Context, type_id: int, values: dict[str, object]) -> int:
    """Store a type's defaults as typed in the form (the administrator only)."""
    access.require(ctx, "administer")
    if TaskType.get_or_none(TaskType.id == type_id) is None:
        raise ValidationError({"type": FieldError("task.reference_missing")})
    rows, errors = [], {}
    for audience in AUDIENCES:
        key = f"{audience}_before"
        try:
            minutes = parse_reminder(str(values.get(key) or ""))
        except FieldError as error:
            errors[key] = error
            continue
        rows.append({"task_type": type_id, "audience": audience, "kind": "before",
                     "minutes_before": minutes or 0, "enabled": minutes is not None})
        for kind in SWITCHES:
            rows.append({"task_type": type_id, "audience": audience, "kind": kind,
                         "minutes_before": 0,
                         "enabled": str(values.get(f"{audience}_{kind}")) == "yes"})
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        ReminderDefault.delete().where(ReminderDefault.task_type == type_id).execute()
        ReminderDefault.insert_many(rows).execute()
    return type_id
