"""When reminders and overdue notices are due: time zones, advance reminders, repeats."""

from __future__ import annotations

import datetime as dt

from dateutil import tz

from ectui.services.reminders import (
    Reminder,
    Timing,
    due_items,
    next_occurrence,
    occurrences,
    overdue_at,
    reminder_moment,
)

MSK = tz.gettz("Europe/Moscow")
BERLIN = tz.gettz("Europe/Berlin")
VLADIVOSTOK = tz.gettz("Asia/Vladivostok")


def at(zone, *parts) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=zone)


def test_advance_reminder_rings_the_set_time_before_a_meeting():
    meeting = Timing(1, at(MSK, 2026, 11, 24, 14, 0), True)
    ring = reminder_moment(Reminder("before", 10), meeting.due_at, meeting, MSK)
    assert ring == at(MSK, 2026, 11, 24, 13, 50)
    items = due_items(meeting, [Reminder("before", 10)], at(MSK, 2026, 11, 24, 13, 40),
                      at(MSK, 2026, 11, 24, 13, 50), MSK)
    assert [(i.kind, i.at) for i in items] == [("before", ring)]
    # A moment too early or already counted rings nothing.
    assert due_items(meeting, [Reminder("before", 10)], at(MSK, 2026, 11, 24, 13, 0),
                     at(MSK, 2026, 11, 24, 13, 49), MSK) == []
    assert due_items(meeting, [Reminder("before", 10)], at(MSK, 2026, 11, 24, 13, 50),
                     at(MSK, 2026, 11, 24, 13, 55), MSK) == []


def test_a_meeting_with_a_start_and_an_end_is_reminded_before_it_starts():
    # Planned 11:35–12:30: «10 minutes before» is 11:25, as the calendar draws it and as an
    # iCalendar alarm counts; a request's step counts back from its deadline only.
    meeting = Timing(1, at(MSK, 2026, 11, 23, 12, 30), True, at(MSK, 2026, 11, 23, 11, 35))
    ring = reminder_moment(Reminder("before", 10), meeting.due_at, meeting, MSK)
    assert ring == at(MSK, 2026, 11, 23, 11, 25)
    items = due_items(meeting, [Reminder("before", 10)], at(MSK, 2026, 11, 23, 11, 20),
                      at(MSK, 2026, 11, 23, 11, 26), MSK)
    assert [(i.at, i.about) for i in items] == [(ring, at(MSK, 2026, 11, 23, 11, 35))]
    step = Timing(2, at(MSK, 2026, 11, 23, 12, 30), True, at(MSK, 2026, 11, 23, 11, 35),
                  deadline_only=True)
    assert reminder_moment(Reminder("before", 10), step.due_at, step, MSK) \
        == at(MSK, 2026, 11, 23, 12, 20)
    # A step due 30 minutes after the request came in: an hour's advance would ring the
    # moment it is registered, which tells nobody anything.
    short = Timing(4, at(MSK, 2026, 11, 23, 12, 0), True, at(MSK, 2026, 11, 23, 11, 30),
                   deadline_only=True)
    assert due_items(short, [Reminder("before", 60)], at(MSK, 2026, 11, 23, 10, 0),
                     at(MSK, 2026, 11, 23, 11, 31), MSK) == []
    # A task started on Monday and due on Friday: the reminder is before its deadline.
    long_task = Timing(3, at(MSK, 2026, 11, 27, 18, 0), True, at(MSK, 2026, 11, 23, 9, 0))
    assert reminder_moment(Reminder("before", 60), long_task.due_at, long_task, MSK) \
        == at(MSK, 2026, 11, 27, 17, 0)


def test_start_reminder_uses_the_start_time_or_the_due_time():
    with_start = Timing(1, at(MSK, 2026, 11, 24, 16, 0), True, at(MSK, 2026, 11, 24, 15, 0))
    assert reminder_moment(Reminder("start"), with_start.due_at, with_start, MSK) == \
        at(MSK, 2026, 11, 24, 15, 0)
    plain = Timing(2, at(MSK, 2026, 11, 24, 16, 0), True)
    assert reminder_moment(Reminder("start"), plain.due_at, plain, MSK) == \
        at(MSK, 2026, 11, 24, 16, 0)


def test_a_task_due_on_a_day_reminds_from_the_working_day_and_is_overdue_next_midnight():
    day_task = Timing(1, at(MSK, 2026, 11, 24, 0, 0), False)
    assert reminder_moment(Reminder("before", 30), day_task.due_at, day_task, MSK) == \
        at(MSK, 2026, 11, 24, 8, 30)
    assert overdue_at(day_task.due_at, False, MSK) == at(MSK, 2026, 11, 25, 0, 0)
    items = due_items(day_task, [], at(MSK, 2026, 11, 24, 23, 0), at(MSK, 2026, 11, 25, 0, 1),
                      MSK)
    assert [(i.kind, i.key) for i in items] == [("overdue", "overdue:1:20261123T2100")]


def test_a_timed_task_is_overdue_at_its_time_and_a_closed_one_never():
    call = Timing(7, at(MSK, 2026, 11, 24, 11, 0), True)
    since, now = at(MSK, 2026, 11, 24, 10, 0), at(MSK, 2026, 11, 24, 11, 0)
    assert [i.kind for i in due_items(call, [], since, now, MSK)] == ["overdue"]
    closed = Timing(7, call.due_at, True, is_open=False)
    assert due_items(closed, [Reminder("before", 5)], since, now, MSK) == []


def test_time_zones_the_same_moment_is_the_same_reminder():
    # A meeting stored in UTC reminds at the same instant whichever zone the session is in;
    # a whole-day task counts from the working day of the session's zone.
    meeting = Timing(1, dt.datetime(2026, 11, 24, 11, 0, tzinfo=dt.UTC), True)
    in_msk = reminder_moment(Reminder("before", 15), meeting.due_at, meeting, MSK)
    in_vvo = reminder_moment(Reminder("before", 15), meeting.due_at, meeting, VLADIVOSTOK)
    assert in_msk == in_vvo and in_msk.astimezone(MSK).hour == 13
    day = Timing(2, at(VLADIVOSTOK, 2026, 11, 24, 0, 0), False)
    assert reminder_moment(Reminder("before", 0), day.due_at, day, VLADIVOSTOK) == \
        at(VLADIVOSTOK, 2026, 11, 24, 9, 0)


def test_every_monday_repeats_at_the_same_local_time_across_daylight_saving():
    weekly = Timing(3, at(BERLIN, 2026, 3, 23, 10, 0), True, rule="FREQ=WEEKLY;BYDAY=MO")
    moments = list(occurrences(weekly, at(BERLIN, 2026, 3, 20), at(BERLIN, 2026, 4, 7), BERLIN))
    assert [m.date() for m in moments] == [dt.date(2026, 3, 23), dt.date(2026, 3, 30),
                                           dt.date(2026, 4, 6)]
    assert all(m.hour == 10 for m in moments)
    # Berlin moved to summer time on 29 March: the UTC hour changed, the local one did not.
    assert moments[0].astimezone(dt.UTC).hour == 9 and moments[1].astimezone(dt.UTC).hour == 8


def test_each_occurrence_of_a_repeating_task_reminds_once():
    weekly = Timing(3, at(MSK, 2026, 11, 23, 10, 0), True, rule="FREQ=WEEKLY;BYDAY=MO")
    items = due_items(weekly, [Reminder("before", 5)], at(MSK, 2026, 11, 29, 0, 0),
                      at(MSK, 2026, 11, 30, 9, 55), MSK)
    assert [(i.at, i.about) for i in items] == [(at(MSK, 2026, 11, 30, 9, 55),
                                                 at(MSK, 2026, 11, 30, 10, 0))]
    first = due_items(weekly, [Reminder("before", 5)], at(MSK, 2026, 11, 23, 9, 0),
                      at(MSK, 2026, 11, 23, 9, 55), MSK)
    assert first[0].key != items[0].key  # two occurrences, two inbox entries
    # A repeating task is never "overdue" as a whole.
    assert all(i.kind != "overdue" for i in items)


def test_first_working_day_of_the_month():
    rule = "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1"
    report = Timing(4, at(MSK, 2026, 12, 1, 0, 0), False, rule=rule)
    days = [m.date() for m in occurrences(report, at(MSK, 2026, 12, 1), at(MSK, 2027, 4, 1),
                                          MSK)]
    # 1 Jan 2027 is a Friday (dateutil knows weekdays, not Russian holidays); 1 Feb a Monday;
    # 1 March a Monday; 1 Dec 2026 a Tuesday.
    assert days == [dt.date(2026, 12, 1), dt.date(2027, 1, 1), dt.date(2027, 2, 1),
                    dt.date(2027, 3, 1)]
    assert next_occurrence(report, at(MSK, 2026, 12, 2), MSK) == at(MSK, 2027, 1, 1, 0, 0)
