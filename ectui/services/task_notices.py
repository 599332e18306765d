"""What must be announced about tasks: recorded here, delivered by the notification mechanism
(toasts and the inbox come with the calendar); until then, the Today list shows new tasks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ectui.db import write_transaction
from ectui.models import Task, TaskNotice
from ectui.services.context import Context


@dataclass(frozen=True)
class NoticeInfo:
    id: int
    task_id: int
    task_title: str
    kind: str  # assigned, reassigned, completed, result
    actor_id: int | None
    created_at: dt.datetime


def announce(task_id: int, kind: str, recipients: Iterable[int | None], actor_id: int,
             now: dt.datetime) -> None:
    """Record that each recipient (except whoever acted) must be told ``kind`` about a task."""
    people = sorted({r for r in recipients if r and r != actor_id})
    if people:
        TaskNotice.insert_many(
            [{"recipient": r, "task": task_id, "kind": kind, "actor": actor_id,
              "created_at": now} for r in people]).execute()


def undelivered_notices(employee_id: int) -> list[NoticeInfo]:
    """Notices waiting for this employee, oldest first."""
    query = (TaskNotice.select(TaskNotice.id, TaskNotice.task, TaskNotice.kind,
                               TaskNotice.actor, TaskNotice.created_at, Task.title)
             .join(Task, on=(TaskNotice.task == Task.id))
             .where(TaskNotice.recipient == employee_id, TaskNotice.delivered_at.is_null())
             .order_by(TaskNotice.created_at, TaskNotice.id).dicts())
    return [NoticeInfo(n["id"], n["task"], n["title"], n["kind"], n["actor"], n["created_at"])
            for n in query]


def mark_delivered(ctx: Context, notice_ids: list[int]) -> None:
    """The employee of ``ctx`` has been shown these notices."""
    if not notice_ids:
        return
    with write_transaction():
        (TaskNotice.update(delivered_at=ctx.now())
         .where(TaskNotice.id.in_(notice_ids), TaskNotice.recipient == ctx.actor.employee_id)
         .execute())
