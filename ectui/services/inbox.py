"""The notification inbox: what each employee must be told, stored first, then shown.

A session calls ``collect`` every few seconds: it turns what is due for its employee (task
notices recorded by anyone's action, reminders, tasks turned overdue) into ``Notification``
rows — each cause stored once, whichever session finds it first. ``take_new`` then hands the
session the unread ones it has not shown yet and records that it showed them, so every
running session of the employee shows each notification once. What nobody saw waits unread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ectui.db import write_transaction
from ectui.errors import NotFound
from ectui.models import (
    Employee,
    Notification,
    NotificationDelivery,
    ReminderDefault,
    Task,
    TaskNotice,
    TaskParticipant,
    TaskReminder,
    TaskRepeat,
    TaskType,
)
from ectui.models.tasks import AUDIENCES, OPEN_STATUSES
from ectui.names import short_name
from ectui.services.context import Context
from ectui.services.reminder_defaults import defaults_by_type
from ectui.services.reminders import Reminder, Timing, due_items
from ectui.services.service_requests import TASK_TYPE_CODE as REQUEST_TASK_TYPE

LOOKBACK = dt.timedelta(days=3)
"""How far back a session looks for what came due while the employee was away."""


@dataclass(frozen=True)
class NotificationInfo:
    id: int
    kind: str
    task_id: int | None
    task_title: str
    about_at: dt.datetime | None
    actor_name: str
    created_at: dt.datetime
    show_at: dt.datetime
    is_read: bool


# ---- finding what is due -------------------------------------------------------------------


def _audience(task: Task, employee_id: int) -> str:
    return "controller" if task.controller_id == employee_id \
        and task.responsible_id != employee_id else "participants"


def _notice_rows(employee_id: int) -> tuple[list[dict], list[int]]:
    """Notices recorded by anyone's action, as inbox rows; a kind the task type's defaults
    switch off for this employee's part in the task is only marked delivered."""
    notices = list(TaskNotice.select(TaskNotice, Task).join(Task).where(
        TaskNotice.recipient == employee_id, TaskNotice.delivered_at.is_null()))
    defaults = defaults_by_type({n.task.task_type_id for n in notices})
    rows, ids = [], []
    for notice in notices:
        ids.append(notice.id)
        task = notice.task
        if not defaults[(task.task_type_id, _audience(task, employee_id))].tells(notice.kind):
            continue
        rows.append({"task": notice.task_id, "kind": notice.kind, "key": f"notice:{notice.id}",
                     "about_at": None, "actor": notice.actor_id,
                     "created_at": notice.created_at})
    return rows, ids


def _timings(task_ids: set[int], zone: dt.tzinfo) -> dict[int, Timing]:
    if not task_ids:
        return {}
    rules = {r.task_id: r.rule for r in TaskRepeat.select().where(TaskRepeat.task.in_(task_ids))}
    request_type = TaskType.select(TaskType.id).where(
        TaskType.code == REQUEST_TASK_TYPE).scalar()
    return {task.id: Timing(task.id, task.due_at, task.due_has_time, task.start_at,
                            rules.get(task.id, ""), task.status in OPEN_STATUSES,
                            deadline_only=task.task_type_id == request_type)
            for task in Task.select(Task.id, Task.due_at, Task.due_has_time, Task.start_at,
                                    Task.status, Task.task_type).where(Task.id.in_(task_ids))}


def _involved_ids(employee_id: int, audience: str):
    """Ids of the open tasks whose reminders for ``audience`` reach this employee."""
    if audience == "controller":
        return Task.select(Task.id).where(Task.controller == employee_id,
                                          Task.status.in_(OPEN_STATUSES))
    return (Task.select(Task.id).where(Task.responsible == employee_id,
                                       Task.status.in_(OPEN_STATUSES))
            | TaskParticipant.select(TaskParticipant.task)
            .where(TaskParticipant.employee == employee_id))


def _involved(employee_id: int, *audiences: str):
    """Open tasks whose reminders for any of ``audiences`` reach this employee.

    One list of ids from the employee's own indexes, not "responsible = me OR …": with the
    OR, SQLite read the date window of every employee's tasks through another index (the
    notifier's round took 160 ms every 2 s at full size, benchmarks/RESULTS.md)."""
    ids = _involved_ids(employee_id, audiences[0])
    for audience in audiences[1:]:
        ids = ids | _involved_ids(employee_id, audience)
    return Task.id.in_(ids)


def _reminder_rows(employee_id: int, since: dt.datetime, now: dt.datetime,
                   zone: dt.tzinfo) -> list[dict]:
    repeating = TaskRepeat.select(TaskRepeat.task)
    horizon = now + dt.timedelta(days=31)  # an advance reminder is never set further ahead
    in_window = (((Task.due_at >= since - dt.timedelta(days=1)) & (Task.due_at <= horizon))
                 | Task.id.in_(repeating))
    is_open = Task.status.in_(OPEN_STATUSES) & Task.due_at.is_null(False)
    reminders: dict[int, list[Reminder]] = {}
    own: set[tuple[int, str]] = set()
    for audience in AUDIENCES:
        query = (TaskReminder.select(TaskReminder.task, TaskReminder.kind,
                                     TaskReminder.minutes_before)
                 .join(Task, on=(TaskReminder.task == Task.id))
                 .where(TaskReminder.audience == audience, is_open,
                        _involved(employee_id, audience), in_window))
        for rem in query:
            own.add((rem.task_id, audience))
            reminders.setdefault(rem.task_id, []).append(Reminder(rem.kind, rem.minutes_before))
    # The task type's default reminders, where the task sets none of its own.
    for audience in AUDIENCES:
        typed = ReminderDefault.select(ReminderDefault.task_type).where(
            ReminderDefault.audience == audience, ReminderDefault.enabled == True,  # noqa: E712
            ReminderDefault.kind.in_(("start", "before")))
        found = list(Task.select(Task.id, Task.task_type).where(
            is_open, _involved(employee_id, audience), in_window, Task.task_type.in_(typed)))
        defaults = defaults_by_type({x.task_type_id for x in found})
        for task in found:
            if (task.id, audience) not in own:
                reminders.setdefault(task.id, []).extend(
                    defaults[(task.task_type_id, audience)].reminders())
    # Overdue: the participants and the controller, as the type's defaults say.
    candidates = list(Task.select(Task.id, Task.task_type, Task.responsible, Task.controller)
                      .where(_involved(employee_id, "participants", "controller"),
                             is_open, Task.due_at.between(since - dt.timedelta(days=1), now)))
    defaults = defaults_by_type({x.task_type_id for x in candidates})
    overdue_ids = {x.id for x in candidates
                   if defaults[(x.task_type_id, _audience(x, employee_id))].tells("overdue")}
    timings = _timings(set(reminders) | overdue_ids, zone)
    rows = []
    for task_id, timing in timings.items():
        for item in due_items(timing, sorted(set(reminders.get(task_id, [])),
                                             key=lambda r: (r.kind, r.minutes_before)),
                              since, now, zone, overdue=task_id in overdue_ids):
            rows.append({"task": task_id, "kind": item.kind, "key": item.key,
                         "about_at": item.about, "actor": None, "created_at": item.at})
    return rows


def collect(ctx: Context) -> int:
    """Store what has come due for the employee of ``ctx``; returns how many are new."""
    me = ctx.actor.employee_id
    now = ctx.now()
    notice_rows, notice_ids = _notice_rows(me)
    rows = notice_rows + _reminder_rows(me, now - LOOKBACK, now, now.tzinfo)
    if not rows:
        return 0
    known = {n.key for n in Notification.select(Notification.key).where(
        Notification.recipient == me, Notification.key.in_([r["key"] for r in rows]))}
    fresh = [{**r, "recipient": me, "show_at": now} for r in rows if r["key"] not in known]
    if not fresh and not notice_ids:
        return 0
    with write_transaction():
        if fresh:
            # Another session of the same employee may store the same cause at the same time.
            Notification.insert_many(fresh).on_conflict_ignore().execute()
        if notice_ids:
            TaskNotice.update(delivered_at=now).where(TaskNotice.id.in_(notice_ids)).execute()
    return len(fresh)


# ---- showing -------------------------------------------------------------------------------


def _infos(query) -> list[NotificationInfo]:
    rows = list(query)
    titles = {}
    task_ids = {n.task_id for n in rows if n.task_id}
    if task_ids:
        titles = {t.id: t.title for t in Task.select(Task.id, Task.title)
                  .where(Task.id.in_(task_ids))}
    actor_ids = {n.actor_id for n in rows if n.actor_id}
    names = {}
    if actor_ids:
        names = {e.id: short_name(e.last_name, e.first_name, e.patronymic)
                 for e in Employee.select().where(Employee.id.in_(actor_ids))}
    return [NotificationInfo(n.id, n.kind, n.task_id, titles.get(n.task_id, ""), n.about_at,
                             names.get(n.actor_id, ""), n.created_at, n.show_at,
                             n.read_at is not None) for n in rows]


def _unread(employee_id: int, now: dt.datetime):
    return (Notification.recipient == employee_id) & Notification.read_at.is_null() \
        & (Notification.show_at <= now)


def take_new(ctx: Context, session: str) -> list[NotificationInfo]:
    """Unread notifications this session has not shown yet, oldest first; marks them shown."""
    now = ctx.now()
    shown = NotificationDelivery.select(NotificationDelivery.notification).where(
        NotificationDelivery.session == session)
    infos = _infos(Notification.select().where(_unread(ctx.actor.employee_id, now),
                                               Notification.id.not_in(shown))
                   .order_by(Notification.show_at, Notification.id))
    if infos:
        with write_transaction():
            NotificationDelivery.insert_many(
                [{"notification": i.id, "session": session, "shown_at": now} for i in infos]
            ).on_conflict_ignore().execute()
    return infos


def unread_count(ctx: Context) -> int:
    """How many notifications wait unread (snoozed ones count again once they are due)."""
    return Notification.select().where(_unread(ctx.actor.employee_id, ctx.now())).count()


def _mine(ctx: Context):
    me = ctx.actor.employee_id
    return (Notification.recipient == me) & (
        Notification.read_at.is_null() | (Notification.read_at >= ctx.now() - LOOKBACK * 10))


def inbox_length(ctx: Context) -> int:
    """Unread notifications (snoozed included) and those read in the last month."""
    return Notification.select().where(_mine(ctx)).count()


def inbox_page(ctx: Context, offset: int, limit: int) -> list[NotificationInfo]:
    """The inbox, unread first, newest first within each part."""
    return _infos(Notification.select().where(_mine(ctx))
                  .order_by(Notification.read_at.is_null(False), Notification.created_at.desc(),
                            Notification.id.desc())
                  .offset(offset).limit(limit))


def _own(ctx: Context, notification_id: int) -> Notification:
    found = Notification.get_or_none(Notification.id == notification_id,
                                     Notification.recipient == ctx.actor.employee_id)
    if found is None:
        raise NotFound()
    return found


def mark_read(ctx: Context, notification_ids: list[int]) -> None:
    """Seen and dealt with: out of the unread count (dismiss)."""
    if not notification_ids:
        return
    with write_transaction():
        Notification.update(read_at=ctx.now()).where(
            Notification.id.in_(notification_ids),
            Notification.recipient == ctx.actor.employee_id,
            Notification.read_at.is_null()).execute()


def mark_all_read(ctx: Context) -> int:
    """Dismiss everything unread that is due now."""
    with write_transaction():
        return Notification.update(read_at=ctx.now()).where(
            _unread(ctx.actor.employee_id, ctx.now())).execute()


def snooze(ctx: Context, notification_id: int, minutes: int) -> dt.datetime:
    """Show it again in ``minutes``, in every session; returns when."""
    _own(ctx, notification_id)
    again = ctx.now() + dt.timedelta(minutes=minutes)
    with write_transaction():
        Notification.update(show_at=again, read_at=None).where(
            Notification.id == notification_id).execute()
        NotificationDelivery.delete().where(
            NotificationDelivery.notification == notification_id).execute()
    return again


def notification_text(info: NotificationInfo, now: dt.datetime) -> str:
    """One line a person reads: what happened, to which task, and when it is."""
    from ectui.i18n import t
    from ectui.when import format_due

    when = ""
    if info.about_at is not None:
        local = info.about_at.astimezone(now.tzinfo)
        when = format_due(info.about_at, local.time() != dt.time(0, 0), now)
    return t(f"notify.kind.{info.kind}", title=info.task_title or "—", when=when,
             actor=info.actor_name or "—")


def prune_read(now: dt.datetime, keep: dt.timedelta = dt.timedelta(days=90)) -> int:
    """Forget notifications read more than ``keep`` ago (their deliveries go with them)."""
    with write_transaction():
        return Notification.delete().where(Notification.read_at < now - keep).execute()
