"""How projects and stages follow their tasks: progress, derived status, and the template's
next step opening when a step gets a result that moves the sale on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ectui.models import Task, TaskType, TemplateStep
from ectui.when import start_of_day


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def progress_of(nodes: Iterable[tuple[int, int | None, str]]) -> dict[int, Progress]:
    """Progress of every node from its leaves: done leaves of all leaves that are not
    cancelled. ``nodes`` are (id, parent_id, status) of one whole tree or more."""
    nodes = list(nodes)
    parent_of = {node_id: parent for node_id, parent, _status in nodes}
    has_children = {parent for _id, parent, _status in nodes if parent is not None}
    done: dict[int, int] = {}
    total: dict[int, int] = {}
    for node_id, _parent, status in nodes:
        if node_id in has_children or status == "cancelled":
            continue
        finished = 1 if status == "done" else 0
        current: int | None = node_id
        seen: set[int] = set()
        while current is not None and current not in seen:
            seen.add(current)
            total[current] = total.get(current, 0) + 1
            done[current] = done.get(current, 0) + finished
            current = parent_of.get(current)
    return {node_id: Progress(done.get(node_id, 0), total.get(node_id, 0))
            for node_id, _p, _s in nodes}


def derived_status(leaf_statuses: list[str], own: str) -> str:
    """A container's status from the statuses of the leaves under it."""
    live = [s for s in leaf_statuses if s != "cancelled"]
    if not leaf_statuses:
        return own
    if not live:
        return "cancelled"
    if all(s == "done" for s in live):
        return "done"
    if any(s in ("done", "in_progress") for s in live):
        return "in_progress"
    if any(s == "planned" for s in live):
        return "planned"
    return "pending"


def rollup(root_id: int | None, now: dt.datetime) -> None:
    """Bring the status of every project and stage in the tree of ``root_id`` up to date.

    A container cancelled by hand stays cancelled."""
    if root_id is None:
        return
    tasks = list(Task.select(Task.id, Task.parent, Task.status, Task.finished_at)
                 .where((Task.root == root_id) | (Task.id == root_id)))
    children: dict[int, list[Task]] = {}
    for task in tasks:
        if task.parent_id is not None:
            children.setdefault(task.parent_id, []).append(task)

    def leaves(task: Task) -> list[str]:
        below = children.get(task.id)
        if not below:
            return [task.status]
        return [status for child in below for status in leaves(child)]

    for task in tasks:
        if task.id not in children or task.status == "cancelled":
            continue
        status = derived_status(leaves(task), task.status)
        if status != task.status:
            finished = now if status == "done" else None
            Task.update(status=status, finished_at=finished).where(Task.id == task.id).execute()


def next_pending_step(task: Task) -> Task | None:
    """The template step that comes after ``task`` and waits to be opened."""
    if task.root_id is None or task.step_index is None:
        return None
    return (Task.select()
            .where(Task.root == task.root_id, Task.status == "pending",
                   Task.level == "operation", Task.step_index > task.step_index)
            .order_by(Task.step_index).first())


def step_delay_days(done: Task, following: Task) -> int:
    """Days between two template steps by the template's offsets, else the type's delay."""
    steps = {s.id: s.offset_days for s in TemplateStep.select(TemplateStep.id,
                                                              TemplateStep.offset_days)
             .where(TemplateStep.id.in_([done.template_step_id or 0,
                                         following.template_step_id or 0]))}
    if done.template_step_id in steps and following.template_step_id in steps:
        return max(0, steps[following.template_step_id] - steps[done.template_step_id])
    return type_delay_days(following.task_type_id)


def type_delay_days(type_id: int | None) -> int:
    found = TaskType.get_or_none(TaskType.id == type_id) if type_id else None
    return found.default_delay_days if found else 2


def open_step(step: Task, due_day: dt.date, now: dt.datetime, actor_id: int, *,
              title: str | None = None, type_id: int | None = None,
              contact_id: int | None = None, due_time: dt.time | None = None) -> int:
    """Open a pending template step for work, due on ``due_day``."""
    zone = now.tzinfo
    due = (dt.datetime.combine(due_day, due_time, tzinfo=zone) if due_time
           else start_of_day(due_day, zone))
    changes = {Task.status: "planned", Task.due_at: due, Task.due_has_time: due_time is not None,
               Task.updated_at: now, Task.version: Task.version + 1,
               Task.is_new: step.responsible_id != actor_id}
    if title:
        changes[Task.title] = title
    if type_id:
        changes[Task.task_type] = type_id
    if contact_id:
        changes[Task.contact] = contact_id
    Task.update(changes).where(Task.id == step.id).execute()
    if step.responsible_id != actor_id:
        from ectui.services.task_notices import announce

        announce(step.id, "assigned", [step.responsible_id], actor_id, now)
    rollup(step.root_id, now)
    return step.id
