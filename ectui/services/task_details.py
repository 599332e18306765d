"""One task with everything about it, as its detail panel shows it: the path from the project,
what was planned and what happened, who takes part, and the progress of what is under it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ectui.i18n import t
from ectui.models import SalesTemplate, Task, TaskParticipant, TaskReminder
from ectui.services import task_rights
from ectui.services.context import Context
from ectui.services.task_rollup import Progress, progress_of
from ectui.services.task_types import ResultInfo, task_types
from ectui.services.task_views import employee_name, row_query, rows, with_paths


@dataclass(frozen=True)
class PathStep:
    id: int
    level: str
    title: str


@dataclass(frozen=True)
class TaskDetail:
    row: object  # TaskRow
    description: str
    path: tuple[PathStep, ...]  # from the project down to this task's parent
    controller: str
    author: str
    assigned_by: str
    participants: tuple[tuple[str, str], ...]  # (name, part label)
    reminders: tuple[str, ...]
    template: str
    progress: Progress | None  # for projects and stages
    results: tuple[ResultInfo, ...]  # what this task's type can come to
    created_at: dt.datetime
    can_edit: bool
    can_delete: bool


def reminder_text(minutes: int) -> str:
    if minutes and minutes % 1440 == 0:
        return t("task.reminder.days", count=minutes // 1440)
    if minutes and minutes % 60 == 0:
        return t("task.reminder.hours", count=minutes // 60)
    return t("task.reminder.minutes", count=minutes)


def path_of(task: Task) -> tuple[PathStep, ...]:
    chain: list[PathStep] = []
    current, seen = task.parent_id, set()
    while current and current not in seen:
        seen.add(current)
        parent = Task.get_or_none(Task.id == current)
        if parent is None:
            break
        chain.append(PathStep(parent.id, parent.level, parent.title))
        current = parent.parent_id
    return tuple(reversed(chain))


def task_detail(ctx: Context, task_id: int) -> TaskDetail:
    """A task as a person reads it; raises if they may not see it."""
    from ectui.services.tasks import visible_task

    task = visible_task(ctx, task_id)
    row = with_paths(rows(row_query().where(Task.id == task_id)))[0]
    people = tuple(
        (employee_name(p.employee_id), t(f"task.part.{p.part}"))
        for p in TaskParticipant.select().where(TaskParticipant.task == task)
        .order_by(TaskParticipant.id))
    reminders = tuple(
        reminder_text(r.minutes_before) if r.kind == "before" else t("task.reminder.at_start")
        for r in TaskReminder.select().where(TaskReminder.task == task))
    progress = None
    if task.level in ("project", "stage"):
        root = task.root_id or task.id
        nodes = [(n.id, n.parent_id, n.status) for n in
                 Task.select(Task.id, Task.parent, Task.status)
                 .where((Task.root == root) | (Task.id == root))]
        progress = progress_of(nodes).get(task.id)
    results: tuple[ResultInfo, ...] = ()
    if task.task_type_id:
        for info in task_types(active_only=False):
            if info.id == task.task_type_id:
                results = info.results
    template = ""
    if task.template_id:
        found = SalesTemplate.get_or_none(SalesTemplate.id == task.template_id)
        template = found.name if found else ""
    return TaskDetail(
        row=row, description=task.description, path=path_of(task),
        controller=employee_name(task.controller_id), author=employee_name(task.author_id),
        assigned_by=employee_name(task.assigned_by_id), participants=people,
        reminders=reminders, template=template, progress=progress, results=results,
        created_at=task.created_at, can_edit=task_rights.can_edit(ctx.actor, task),
        can_delete=task_rights.can_delete(ctx.actor, task))
