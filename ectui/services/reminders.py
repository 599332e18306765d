"""When a reminder or a notice about a task is due: pure computation, time injected.

A task is due at ``due_at``; with ``due_has_time`` False it is due on that day as a whole
(stored as the local midnight). For reminders such a day counts from the start of the working
day (``WORKDAY_START``, local time), and it becomes overdue only at the next local midnight.
A repeating task (an RRULE counted from its first due moment) has one due moment per
occurrence; occurrences keep their local wall-clock time across daylight-saving changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from dateutil.rrule import rrulestr

WORKDAY_START = dt.time(9, 0)


@dataclass(frozen=True)
class Timing:
    """What the computation needs to know about one task."""

    task_id: int
    due_at: dt.datetime | None
    due_has_time: bool
    start_at: dt.datetime | None = None
    rule: str = ""  # an RRULE, empty when the task does not repeat
    is_open: bool = True
    # A client request's step: its start is when it was registered, not an appointment, so
    # the advance reminder counts back from the step's deadline only.
    deadline_only: bool = False


@dataclass(frozen=True)
class Reminder:
    kind: str  # start or before
    minutes_before: int = 0


@dataclass(frozen=True)
class DueItem:
    """Something to say about a task at ``at``; ``key`` names it uniquely for the inbox."""

    task_id: int
    kind: str  # start, before, overdue
    at: dt.datetime
    about: dt.datetime  # the occurrence's due moment
    key: str


def local_due(due_at: dt.datetime, due_has_time: bool, zone: dt.tzinfo) -> dt.datetime:
    """The moment a reminder counts from: the due time, or the working day's start."""
    local = due_at.astimezone(zone)
    if due_has_time:
        return local
    return dt.datetime.combine(local.date(), WORKDAY_START, zone)


def overdue_at(due_at: dt.datetime, due_has_time: bool, zone: dt.tzinfo) -> dt.datetime:
    """When an open task becomes overdue: its due time, or the midnight after its day."""
    local = due_at.astimezone(zone)
    if due_has_time:
        return local
    return dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(), zone)


def occurrences(timing: Timing, start: dt.datetime, end: dt.datetime,
                zone: dt.tzinfo) -> Iterator[dt.datetime]:
    """Due moments of the task in [start, end): one for a plain task, each occurrence for a
    repeating one (computed on naive local time so 10:00 stays 10:00 after a DST change)."""
    if timing.due_at is None:
        return
    first = timing.due_at.astimezone(zone)
    if not timing.rule:
        if start <= first < end:
            yield first
        return
    rule = rrulestr(timing.rule, dtstart=first.replace(tzinfo=None))
    naive_start = start.astimezone(zone).replace(tzinfo=None)
    naive_end = end.astimezone(zone).replace(tzinfo=None)
    for moment in rule.between(naive_start, naive_end, inc=True):
        if moment < naive_end:
            yield moment.replace(tzinfo=zone)


def reminder_moment(reminder: Reminder, due: dt.datetime, timing: Timing,
                    zone: dt.tzinfo) -> dt.datetime:
    """When ``reminder`` rings for the occurrence due at ``due``."""
    anchor = local_due(due, timing.due_has_time, zone)
    if reminder.kind == "start":
        if timing.start_at is not None and not timing.rule:
            return timing.start_at.astimezone(zone)
        return anchor
    return event_start(timing, anchor, zone) - dt.timedelta(minutes=reminder.minutes_before)


def event_start(timing: Timing, due: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """What «remind N minutes before» counts back from: the start of a meeting planned from
    11:35 to 12:30 (the calendar draws it so, and an iCalendar alarm counts from it), else the
    due moment."""
    if timing.deadline_only or timing.rule or timing.start_at is None or not timing.due_has_time:
        return due
    start = timing.start_at.astimezone(zone)
    if dt.timedelta(0) < due - start < dt.timedelta(days=1) and start.date() == due.date():
        return start
    return due


def due_items(timing: Timing, reminders: list[Reminder], since: dt.datetime,
              now: dt.datetime, zone: dt.tzinfo, *, overdue: bool = True) -> list[DueItem]:
    """Reminders and the overdue notice of one task that fall in (since, now], oldest first.

    Only an open task reminds or goes overdue. ``since`` bounds how far back a session looks
    (what was missed while nobody was logged in still reaches the inbox).
    """
    if not timing.is_open or timing.due_at is None:
        return []
    longest = max((r.minutes_before for r in reminders), default=0)
    # An occurrence due up to ``longest`` minutes after now can already have rung, and one
    # due a day before ``since`` can have turned overdue after it.
    window_start = since - dt.timedelta(days=1)
    window_end = now + dt.timedelta(minutes=longest, days=1)
    items: list[DueItem] = []
    for due in occurrences(timing, window_start, window_end, zone):
        stamp = due.astimezone(dt.UTC).strftime("%Y%m%dT%H%M")
        # A meeting's reminder names the time it starts («— 11:35»), not when it ends.
        anchor = local_due(due, timing.due_has_time, zone)
        start = event_start(timing, anchor, zone)
        about = start if start != anchor else due
        for reminder in reminders:
            at = reminder_moment(reminder, due, timing, zone)
            if timing.deadline_only and timing.start_at is not None and at <= timing.start_at:
                continue  # a request due within the advance: registering it is no reminder
            if since < at <= now:
                items.append(DueItem(timing.task_id, reminder.kind, at, about,
                                     f"{reminder.kind}:{reminder.minutes_before}:"
                                     f"{timing.task_id}:{stamp}"))
        if overdue and not timing.rule:
            at = overdue_at(due, timing.due_has_time, zone)
            if since < at <= now:
                # With the due moment in the key, a task postponed and overdue again is
                # announced again.
                items.append(DueItem(timing.task_id, "overdue", at, due,
                                     f"overdue:{timing.task_id}:{stamp}"))
    return sorted(items, key=lambda item: (item.at, item.key))


def next_occurrence(timing: Timing, after: dt.datetime, zone: dt.tzinfo) -> dt.datetime | None:
    """The first due moment of the task strictly after ``after`` (None when there is none)."""
    if timing.due_at is None:
        return None
    if not timing.rule:
        first = timing.due_at.astimezone(zone)
        return first if first > after else None
    rule = rrulestr(timing.rule, dtstart=timing.due_at.astimezone(zone).replace(tzinfo=None))
    moment = rule.after(after.astimezone(zone).replace(tzinfo=None))
    return moment.replace(tzinfo=zone) if moment is not None else None
