"""Letters and e-mails in a client's relationship history: each is a done operational task.

The one place where the mailing and mail import areas write tasks; it goes through the tasks
service (``create_task`` then ``finish``), so every rule of tasks holds for them too. Call it
inside the caller's write transaction: the letter and its history entry are stored together.
"""

from __future__ import annotations

import datetime as dt

from ectui.models import Task, TaskResult
from ectui.services import tasks
from ectui.services.context import Context
from ectui.services.task_types import type_id_for_code

TITLE_LIMIT = 300


def _result(type_id: int | None, code: str) -> TaskResult | None:
    if type_id is None or not code:
        return None
    return TaskResult.get_or_none(TaskResult.task_type == type_id, TaskResult.code == code)


def record_letter(ctx: Context, *, kind: str, title: str, text: str,
                  organization_id: int | None, contact_id: int | None, at: dt.datetime,
                  result: str = "sent", responsible_id: int | None = None) -> int:
    """A done task «E-mail» (``kind`` "email") or «Письмо» ("letter") in the client's history,
    dated ``at``; returns its id."""
    type_id = type_id_for_code(kind)
    title = " ".join((title or "").split())[:TITLE_LIMIT] or "—"
    data: dict[str, object] = {
        "level": "operation", "task_type_id": type_id, "title": title, "description": text,
        "organization_id": organization_id, "contact_id": contact_id,
        "responsible_id": responsible_id or ctx.actor.employee_id,
    }
    task_id = tasks.create_task(ctx, data)
    task = Task.get_by_id(task_id)
    tasks.finish(ctx, task, _result(type_id, result), "")
    # The letter happened at its own time (a message imported today may be a month old).
    Task.update(start_at=at, due_at=at, due_has_time=True, finished_at=at,
                is_new=False).where(Task.id == task_id).execute()
    return task_id
