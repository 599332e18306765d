"""The «Оплата счета» task an invoice puts into the client's history, kept in step with the
invoice: planned on the payment date, moved when that date moves, done when the invoice is
paid in full, reopened when a payment is taken back, cancelled with the invoice.

Everything goes through the task service (``ectui.services.tasks``), so the task tree,
Today, the notices and the rights behave as for a task typed by hand.
"""

from __future__ import annotations

import datetime as dt

from ectui.errors import UserError
from ectui.i18n import t
from ectui.models import Task, TaskResult, TaskType
from ectui.models.tasks import OPEN_STATUSES
from ectui.money import format_money
from ectui.services import tasks
from ectui.services.context import Context
from ectui.services.task_types import type_id_for_code

PAYMENT_TYPE = "payment"


def _date_text(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def plan_payment_task(ctx: Context, *, organization_id: int, contact_id: int | None,
                      responsible_id: int, number: int, date: dt.date, pay_until: dt.date,
                      total) -> int | None:
    """A planned «Оплата счета № N от ДД.ММ.ГГГГ» on the payment date; None when the
    installation has no payment task type (the admin removed it)."""
    type_id = type_id_for_code(PAYMENT_TYPE)
    if type_id is None:
        return None
    title = t("documents.payment_task_title", number=number, date=_date_text(date))
    return tasks.create_task(ctx, {
        "level": "operation", "task_type_id": type_id, "title": title,
        "planned_result": t("documents.payment_task_result", amount=format_money(total)),
        "organization_id": organization_id, "contact_id": contact_id,
        "due": _date_text(pay_until), "responsible_id": responsible_id, "priority": 2,
    })


def _open_task(task_id: int | None) -> Task | None:
    if not task_id:
        return None
    task = Task.get_or_none(Task.id == task_id)
    return task if task is not None and task.status in OPEN_STATUSES else None


def move_payment_task(ctx: Context, task_id: int | None, pay_until: dt.date) -> None:
    """The payment date changed: so does the task's due date (if it is still open)."""
    if _open_task(task_id) is not None:
        tasks.postpone_task(ctx, task_id, _date_text(pay_until))  # type: ignore[arg-type]


def close_payment_task(ctx: Context, task_id: int | None, note: str) -> bool:
    """The invoice is paid in full: the task is done with the result «Оплачен». Returns
    whether it was closed (an employee without rights on the task leaves it to its owner)."""
    task = _open_task(task_id)
    if task is None:
        return False
    result = (TaskResult.select().join(TaskType)
              .where(TaskType.code == PAYMENT_TYPE, TaskResult.code == "paid").first())
    try:
        tasks.complete_task(ctx, task.id, result.id if result else None, note)
    except UserError:
        return False
    return True


def reopen_payment_task(ctx: Context, task_id: int | None) -> None:
    """A payment was taken back: the invoice waits for money again."""
    if not task_id:
        return
    task = Task.get_or_none(Task.id == task_id)
    if task is None or task.status != "done":
        return
    try:
        tasks.set_status(ctx, task.id, "planned")
    except UserError:
        pass  # not ours to reopen; the invoice's own status already says «не оплачен»


def cancel_payment_task(ctx: Context, task_id: int | None) -> None:
    if _open_task(task_id) is not None:
        try:
            tasks.set_status(ctx, task_id, "cancelled")  # type: ignore[arg-type]
        except UserError:
            pass
