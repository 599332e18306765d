"""Tasks: create and edit, complete with a result, postpone, give to someone, move, delete.

Every change checks the rights (``task_rights``), runs in one write transaction, keeps the
projects and stages above it up to date (``task_rollup``) and records what must be announced.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ectui.db import write_transaction
from ectui.errors import FieldError, NotFound, UserError, ValidationError
from ectui.models import (
    Contact,
    Employee,
    Organization,
    Task,
    TaskParticipant,
    TaskReminder,
    TaskResult,
    TaskType,
)
from ectui.models.tasks import LEVELS, OPEN_STATUSES, PARTS, PRIORITIES
from ectui.names import short_name
from ectui.services import task_rights
from ectui.services.context import Context
from ectui.services.task_notices import announce
from ectui.services.task_rollup import next_pending_step, open_step, rollup, step_delay_days
from ectui.services.task_types import type_label
from ectui.when import Due, format_due_input, parse_due

CONTAINERS = ("project", "stage")


@dataclass(frozen=True)
class EditableTask:
    """What the task form starts from: its values as typed text and its participants."""

    id: int | None
    version: int
    values: dict[str, object]
    participants: list[tuple[int, str]] = field(default_factory=list)
    references: dict[str, str] = field(default_factory=dict)  # names of org / contact / parent


def get_task(task_id: int) -> Task:
    task = Task.get_or_none(Task.id == task_id)
    if task is None:
        raise NotFound()
    return task


def visible_task(ctx: Context, task_id: int) -> Task:
    task = get_task(task_id)
    task_rights.require_view(ctx.actor, task)
    return task


# ---- validation --------------------------------------------------------------------------

_REMINDER = re.compile(r"(\d{1,4})\s*(м|мин|m|min|ч|h|д|d)?")


def parse_reminder(text: str) -> int | None:
    """«15», «15м», «2ч», «1д» → minutes before the due time; "" → None."""
    raw = (text or "").strip().casefold()
    if not raw:
        return None
    match = _REMINDER.fullmatch(raw)
    if not match:
        raise FieldError("task.bad_reminder", value=text)
    count, unit = int(match.group(1)), match.group(2) or "м"
    return count * {"ч": 60, "h": 60, "д": 1440, "d": 1440}.get(unit, 1)


def _int_or_none(raw: object) -> int | None:
    if raw in (None, "", 0, "0"):
        return None
    try:
        return int(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise FieldError("task.reference_missing") from None


def _employee(raw: object) -> int | None:
    ident = _int_or_none(raw)
    if ident is not None and not Employee.select().where(
            Employee.id == ident, Employee.is_active == True).exists():  # noqa: E712
        raise FieldError("task.reference_missing")
    return ident


def _due(raw: object, today: dt.date) -> Due | None:
    return parse_due(str(raw or ""), today)


@dataclass
class _Clean:
    values: dict[str, object]
    participants: list[tuple[int, str]]
    reminder: int | None


def _clean(ctx: Context, data: dict[str, object], participants: list[tuple[int, str]],
           existing: Task | None) -> _Clean:
    """Check a whole task as typed; every bad field at once in a ValidationError."""
    errors: dict[str, FieldError] = {}
    now = ctx.now()
    zone = now.tzinfo
    values: dict[str, object] = {}

    def check(name: str, fn):
        try:
            return fn()
        except FieldError as error:
            errors[name] = error
            return None

    level = str(data.get("level") or (existing.level if existing else "operation"))
    if level not in LEVELS:
        errors["level"] = FieldError("task.choice", options=", ".join(LEVELS))
    values["level"] = level

    type_id = check("task_type_id", lambda: _int_or_none(data.get("task_type_id")))
    task_type = TaskType.get_or_none(TaskType.id == type_id) if type_id else None
    if type_id and task_type is None:
        errors["task_type_id"] = FieldError("task.reference_missing")
    if level == "operation" and task_type is None and "task_type_id" not in errors:
        errors["task_type_id"] = FieldError("validation.required")
    values["task_type"] = task_type.id if task_type else None

    title = str(data.get("title") or "").strip()
    if not title and task_type is not None and level == "operation":
        title = type_label(task_type.code, task_type.name, task_type.is_builtin)
    if not title:
        errors["title"] = FieldError("validation.required")
    elif len(title) > 300:
        errors["title"] = FieldError("task.title_too_long")
    values["title"] = title
    for name in ("description", "planned_result"):
        values[name] = str(data.get(name) or "").strip()

    org_id = check("organization_id", lambda: _int_or_none(data.get("organization_id")))
    contact_id = check("contact_id", lambda: _int_or_none(data.get("contact_id")))
    if org_id and not Organization.select().where(Organization.id == org_id).exists():
        errors["organization_id"] = FieldError("task.reference_missing")
    if contact_id:
        contact = Contact.get_or_none(Contact.id == contact_id)
        if contact is None:
            errors["contact_id"] = FieldError("task.reference_missing")
        elif org_id and contact.organization_id and contact.organization_id != org_id:
            errors["contact_id"] = FieldError("task.contact_of_other_org")
        elif not org_id and contact.organization_id:
            org_id = contact.organization_id  # a contact's task is their organization's too
    values["organization"] = org_id
    values["contact"] = contact_id

    try:
        priority = int(data.get("priority") or 2)
    except (TypeError, ValueError):
        priority = 0
    if priority not in PRIORITIES:
        errors["priority"] = FieldError("task.choice", options="1, 2, 3")
    values["priority"] = priority

    start = check("start", lambda: _due(data.get("start"), now.date()))
    due = check("due", lambda: _due(data.get("due"), now.date()))
    values["start_at"] = start.moment(zone) if start else None
    values["due_at"] = due.moment(zone) if due else None
    values["due_has_time"] = bool(due and due.has_time)
    if start and due and due.moment(zone) < start.moment(zone):
        errors["due"] = FieldError("task.due_before_start")

    responsible = check("responsible_id", lambda: _employee(data.get("responsible_id")))
    if responsible is None and "responsible_id" not in errors:
        responsible = existing.responsible_id if existing else ctx.actor.employee_id
    values["responsible"] = responsible
    values["controller"] = check("controller_id", lambda: _employee(data.get("controller_id")))

    reminder = check("reminder", lambda: parse_reminder(str(data.get("reminder") or "")))
    if reminder is not None and due is None and "due" not in errors:
        errors["reminder"] = FieldError("task.reminder_needs_due")

    cleaned_people: list[tuple[int, str]] = []
    for emp_id, part in participants:
        if emp_id == responsible or any(emp_id == p for p, _ in cleaned_people):
            continue
        if part not in PARTS:
            errors["participants"] = FieldError("task.choice", options=", ".join(PARTS))
            break
        if not Employee.select().where(Employee.id == emp_id).exists():
            errors["participants"] = FieldError("task.reference_missing")
            break
        cleaned_people.append((emp_id, part))
    if errors:
        raise ValidationError(errors)
    return _Clean(values, cleaned_people, reminder)


def _check_parent(level: str, parent: Task | None, org_id: int | None) -> None:
    if level == "project" and parent is not None:
        raise ValidationError({"parent": FieldError("task.project_on_top")})
    if level == "stage" and parent is None:
        raise ValidationError({"parent": FieldError("task.stage_needs_parent")})
    if parent is not None and parent.level not in CONTAINERS:
        raise ValidationError({"parent": FieldError("task.parent_not_container")})
    if parent is not None and parent.organization_id and org_id \
            and parent.organization_id != org_id:
        raise ValidationError({"organization_id": FieldError("task.other_client")})


# ---- create and edit ---------------------------------------------------------------------


def _store_people(task: Task, participants: list[tuple[int, str]],
                  reminder: int | None) -> set[int]:
    """Replace the participants and the reminder; returns who was newly added."""
    before = {p.employee_id for p in TaskParticipant.select().where(TaskParticipant.task == task)}
    TaskParticipant.delete().where(TaskParticipant.task == task).execute()
    if participants:
        TaskParticipant.insert_many([{"task": task.id, "employee": emp, "part": part}
                                     for emp, part in participants]).execute()
    TaskReminder.delete().where(TaskReminder.task == task,
                                TaskReminder.kind == "before").execute()
    if reminder is not None:
        TaskReminder.create(task=task, kind="before", minutes_before=reminder,
                            audience="participants")
    return {emp for emp, _ in participants} - before


def create_task(ctx: Context, data: dict[str, object], *,
                participants: list[tuple[int, str]] | None = None,
                parent_id: int | None = None) -> int:
    """A new task, under ``parent_id`` when given; returns its id."""
    parent = visible_task(ctx, parent_id) if parent_id else None
    if parent is not None and not data.get("organization_id") and parent.organization_id:
        data = {**data, "organization_id": parent.organization_id}
    clean = _clean(ctx, data, participants or [], None)
    values = clean.values
    _check_parent(str(values["level"]), parent, values["organization"])  # type: ignore[arg-type]
    responsible = int(values["responsible"])  # type: ignore[arg-type]
    if responsible != ctx.actor.employee_id:
        task_rights.require_assign(ctx.actor, responsible)
    if parent is not None:
        task_rights.require_edit(ctx.actor, parent)
    now = ctx.now()
    me = ctx.actor.employee_id
    with write_transaction():
        position = 0
        if parent is not None:
            position = Task.select().where(Task.parent == parent.id).count()
        task = Task.create(
            **values, parent=parent, root=parent.root_id if parent else None,
            position=position, status="planned", author=me,
            assigned_by=me if responsible != me else None, is_new=responsible != me,
            created_at=now, updated_at=now)
        if values["level"] == "project":
            task.root = task.id
            task.save(only=[Task.root])
        if parent is not None and parent.template_id:
            Task.update(template=parent.template_id).where(Task.id == task.id).execute()
        added = _store_people(task, clean.participants, clean.reminder)
        announce(task.id, "assigned", [responsible, *added], me, now)
        rollup(task.root_id, now)
    return task.id


def update_task(ctx: Context, task_id: int, data: dict[str, object], *,
                participants: list[tuple[int, str]] | None = None,
                expected_version: int | None = None) -> int:
    """Save an edited task; its level and place in the tree stay (see ``move_task``)."""
    task = visible_task(ctx, task_id)
    task_rights.require_edit(ctx.actor, task)
    data = {**data, "level": task.level}
    clean = _clean(ctx, data, participants or [], task)
    values = clean.values
    parent = Task.get_or_none(Task.id == task.parent_id) if task.parent_id else None
    _check_parent(task.level, parent, values["organization"])  # type: ignore[arg-type]
    new_responsible = int(values["responsible"])  # type: ignore[arg-type]
    if new_responsible != task.responsible_id:
        task_rights.require_assign(ctx.actor, new_responsible)
    now = ctx.now()
    me = ctx.actor.employee_id
    with write_transaction():
        current = get_task(task_id)
        if expected_version is not None and current.version != expected_version:
            raise UserError("conflict.changed_elsewhere")
        reassigned = new_responsible != current.responsible_id
        for name, value in values.items():
            if name != "level":
                setattr(current, name, value)
        if reassigned:
            current.is_new = new_responsible != me
            current.assigned_by = me
        current.updated_at = now
        current.version += 1
        current.save()
        added = _store_people(current, clean.participants, clean.reminder)
        announce(current.id, "assigned", [*added, new_responsible if reassigned else None],
                 me, now)
    return task_id


def task_for_edit(ctx: Context, task_id: int) -> EditableTask:
    """The stored task as its edit form shows it."""
    task = visible_task(ctx, task_id)
    zone = ctx.now().tzinfo
    reminder = TaskReminder.get_or_none(TaskReminder.task == task, TaskReminder.kind == "before")
    values: dict[str, object] = {
        "level": task.level, "task_type_id": task.task_type_id, "title": task.title,
        "description": task.description, "planned_result": task.planned_result,
        "organization_id": task.organization_id, "contact_id": task.contact_id,
        "priority": task.priority,
        "start": format_due_input(task.start_at, True, zone) if task.start_at else "",
        "due": format_due_input(task.due_at, task.due_has_time, zone),
        "responsible_id": task.responsible_id, "controller_id": task.controller_id,
        "reminder": str(reminder.minutes_before) if reminder else "",
    }
    if task.start_at and task.start_at.astimezone(zone).time() == dt.time(0, 0):
        values["start"] = format_due_input(task.start_at, False, zone)
    people = [(p.employee_id, p.part) for p in
              TaskParticipant.select().where(TaskParticipant.task == task)
              .order_by(TaskParticipant.id)]
    refs = {}
    if task.organization_id:
        refs["organization_id"] = task.organization.name
    if task.contact_id:
        c = task.contact
        refs["contact_id"] = short_name(c.last_name, c.first_name, c.patronymic)
    if task.parent_id:
        refs["parent"] = task.parent.title
    return EditableTask(task.id, task.version, values, people, refs)


def mark_seen(ctx: Context, task_id: int) -> None:
    """The responsible has opened a task given to them: it is no longer new."""
    with write_transaction():
        (Task.update(is_new=False)
         .where(Task.id == task_id, Task.responsible == ctx.actor.employee_id,
                Task.is_new == True)  # noqa: E712
         .execute())


# ---- completing and planning ---------------------------------------------------------------


def check_result(task: Task, result_id: int | None) -> TaskResult | None:
    """The result for a task of its type; required when its type defines results."""
    if task.task_type_id is None:
        if result_id:
            raise ValidationError({"result": FieldError("task.result_other_type")})
        return None
    offered = list(TaskResult.select().where(TaskResult.task_type == task.task_type_id,
                                             TaskResult.is_active == True))  # noqa: E712
    if result_id is None:
        if offered:
            raise ValidationError({"result": FieldError("task.result_required")})
        return None
    result = TaskResult.get_or_none(TaskResult.id == result_id)
    if result is None or result.task_type_id != task.task_type_id:
        raise ValidationError({"result": FieldError("task.result_other_type")})
    return result


def finish(ctx: Context, task: Task, result: TaskResult | None, note: str) -> None:
    """Mark a task done now with its result (inside the caller's transaction)."""
    now = ctx.now()
    Task.update(status="done", finished_at=now, result=result.id if result else None,
                result_note=(note or "").strip(), is_new=False, updated_at=now,
                version=Task.version + 1).where(Task.id == task.id).execute()
    announce(task.id, "completed", [task.controller_id, task.author_id, task.responsible_id],
             ctx.actor.employee_id, now)
    if result is not None and task.controller_id:
        announce(task.id, "result", [task.controller_id], ctx.actor.employee_id, now)
    rollup(task.root_id, now)


def complete_task(ctx: Context, task_id: int, result_id: int | None, note: str = "", *,
                  open_next: bool = True) -> int | None:
    """Done, with its result; opens the template's next step when the result moves the sale
    on. Returns the id of the step opened, if any."""
    task = visible_task(ctx, task_id)
    task_rights.require_edit(ctx.actor, task)
    if task.status in ("done", "cancelled"):
        raise UserError("task.already_closed")
    if Task.select().where(Task.parent == task.id).exists():
        raise UserError("task.status_from_children")
    result = check_result(task, result_id)
    with write_transaction():
        finish(ctx, task, result, note)
        if open_next and (result is None or result.advances):
            following = next_pending_step(task)
            if following is not None:
                now = ctx.now()
                day = now.date() + dt.timedelta(days=step_delay_days(task, following))
                return open_step(following, day, now, ctx.actor.employee_id)
    return None


def postpone_task(ctx: Context, task_id: int, due_text: str) -> None:
    """A new due date; a template step not opened yet is opened by it."""
    task = visible_task(ctx, task_id)
    task_rights.require_edit(ctx.actor, task)
    if task.status not in (*OPEN_STATUSES, "pending"):
        raise UserError("task.already_closed")
    now = ctx.now()
    try:
        due = parse_due(due_text, now.date())
    except FieldError as error:
        raise ValidationError({"due": error}) from None
    if due is None:
        raise ValidationError({"due": FieldError("validation.required")})
    with write_transaction():
        if task.status == "pending":
            open_step(task, due.day, now, ctx.actor.employee_id, due_time=due.time)
            return
        Task.update(due_at=due.moment(now.tzinfo), due_has_time=due.has_time, updated_at=now,
                    version=Task.version + 1).where(Task.id == task.id).execute()


def reassign_task(ctx: Context, task_id: int, employee_id: int) -> None:
    """Give the task to another employee; they see it among their new tasks."""
    task = visible_task(ctx, task_id)
    task_rights.require_edit(ctx.actor, task)
    task_rights.require_assign(ctx.actor, employee_id)
    if not Employee.select().where(Employee.id == employee_id,
                                   Employee.is_active == True).exists():  # noqa: E712
        raise UserError("task.reference_missing")
    if employee_id == task.responsible_id:
        return
    now = ctx.now()
    me = ctx.actor.employee_id
    with write_transaction():
        Task.update(responsible=employee_id, assigned_by=me, is_new=employee_id != me,
                    updated_at=now, version=Task.version + 1).where(Task.id == task.id).execute()
        TaskParticipant.delete().where(TaskParticipant.task == task.id,
                                       TaskParticipant.employee == employee_id).execute()
        announce(task.id, "assigned", [employee_id], me, now)
        announce(task.id, "reassigned", [task.responsible_id], me, now)


def set_status(ctx: Context, task_id: int, status: str) -> None:
    """Start work on a task (in progress), cancel it, or reopen it (planned)."""
    if status not in ("planned", "in_progress", "cancelled"):
        raise UserError("task.bad_status")
    task = visible_task(ctx, task_id)
    task_rights.require_edit(ctx.actor, task)
    has_children = Task.select().where(Task.parent == task.id).exists()
    if has_children and status != "cancelled" and task.status != "cancelled":
        raise UserError("task.status_from_children")
    now = ctx.now()
    with write_transaction():
        finished = now if status == "cancelled" else None
        Task.update(status=status, finished_at=finished, updated_at=now,
                    version=Task.version + 1).where(Task.id == task.id).execute()
        if status != "cancelled" and has_children:
            # Reopening a cancelled project: its status follows its tasks again.
            Task.update(status="planned").where(Task.id == task.id).execute()
        rollup(task.root_id, now)


# ---- the tree ------------------------------------------------------------------------------


def _subtree_ids(task: Task) -> list[int]:
    ids, frontier = [task.id], [task.id]
    while frontier:
        frontier = [t.id for t in Task.select(Task.id).where(Task.parent.in_(frontier))]
        ids.extend(frontier)
    return ids


def move_task(ctx: Context, task_id: int, new_parent_id: int | None) -> None:
    """Put a task (with everything under it) under another project or stage of its client,
    or on top as a standalone task."""
    task = visible_task(ctx, task_id)
    task_rights.require_edit(ctx.actor, task)
    parent = visible_task(ctx, new_parent_id) if new_parent_id else None
    if parent is not None:
        task_rights.require_edit(ctx.actor, parent)
    if parent is not None and parent.id in _subtree_ids(task):
        raise UserError("task.move_into_itself")
    if task.level == "project" and parent is not None:
        raise UserError("task.project_on_top")
    if task.level == "stage" and parent is None:
        raise UserError("task.stage_needs_parent")
    if parent is not None and parent.level not in CONTAINERS:
        raise UserError("task.parent_not_container")
    if parent is not None and parent.organization_id and task.organization_id \
            and parent.organization_id != task.organization_id:
        raise UserError("task.other_client")
    if new_parent_id == task.parent_id:
        return
    now = ctx.now()
    old_root = task.root_id
    new_root = parent.root_id if parent is not None else None
    if task.level == "project":
        new_root = task.id
    with write_transaction():
        ids = _subtree_ids(task)
        position = Task.select().where(Task.parent == parent.id).count() if parent else 0
        Task.update(parent=parent.id if parent else None, position=position, updated_at=now,
                    version=Task.version + 1).where(Task.id == task.id).execute()
        Task.update(root=new_root).where(Task.id.in_(ids)).execute()
        if parent is not None and not task.organization_id and parent.organization_id:
            Task.update(organization=parent.organization_id).where(Task.id.in_(ids)).execute()
        rollup(old_root, now)
        rollup(new_root, now)


def delete_task(ctx: Context, task_id: int) -> None:
    """Delete a task with everything under it."""
    task = visible_task(ctx, task_id)
    task_rights.require_delete(ctx.actor, task)
    now = ctx.now()
    with write_transaction():
        root = task.root_id if task.root_id != task.id else None
        ids = _subtree_ids(task)
        # Children first: SQLite cascades only when foreign keys are on for the connection.
        for ident in reversed(ids):
            Task.delete().where(Task.id == ident).execute()
        rollup(root, now)


def task_brief(task_id: int) -> tuple[str, str]:
    """The title and the client of a task, for a dialog's heading."""
    task = get_task(task_id)
    return task.title, task.organization.name if task.organization_id else ""
