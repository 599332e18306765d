"""The notification inbox and the calendar on SQLite and PostgreSQL: reminders stored once
and shown once per session, notices from other people's actions, overdue tasks, snooze and
dismiss; busy, free and out-of-office slots of several employees; repeats; rights."""

from __future__ import annotations

import datetime as dt

import pytest

from ectui.errors import UserError, ValidationError
from ectui.models import Notification, TaskResult
from ectui.services import calendar as cal
from ectui.services import inbox, repeats, tasks
from ectui.services.task_types import type_id_for_code
from tests.ectui.task_helpers import build_office


@pytest.fixture
def office(database):
    return build_office()


def meeting(office, due: str, **extra) -> dict:
    return {"task_type_id": type_id_for_code("meeting"), "organization_id": office.romashka,
            "title": "Встреча на складе", "due": due, **extra}


def test_an_advance_reminder_is_stored_once_and_shown_once_per_session(office):
    # 09:30 now; the meeting is at 10:00 with a reminder five minutes before.
    tasks.create_task(office.kim, meeting(office, "23.11.2026 10:00", reminder="5"))
    assert inbox.collect(office.kim) == 0
    office.clock.advance(dt.timedelta(minutes=24))  # 09:54
    assert inbox.collect(office.kim) == 0
    office.clock.advance(dt.timedelta(minutes=1))  # 09:55: due
    assert inbox.collect(office.kim) == 1
    assert inbox.collect(office.kim) == 0  # a second session finds nothing new
    first = inbox.take_new(office.kim, "session-a")
    assert [(n.kind, n.task_title) for n in first] == [("before", "Встреча на складе")]
    assert inbox.take_new(office.kim, "session-a") == []
    assert [n.id for n in inbox.take_new(office.kim, "session-b")] == [first[0].id]
    assert inbox.unread_count(office.kim) == 1
    assert "Напоминание: Встреча на складе" in inbox.notification_text(first[0],
                                                                       office.clock.now())


def test_a_task_given_by_the_head_reaches_the_manager(office):
    tasks.create_task(office.head, meeting(office, "завтра 11:00",
                                           responsible_id=office.kim.actor.employee_id))
    assert inbox.collect(office.kim) == 1
    [note] = inbox.take_new(office.kim, "kim-1")
    assert note.kind == "assigned" and note.actor_name == "Кузнецова М. А."
    assert inbox.collect(office.head) == 0  # the one who acted is not told


def test_overdue_and_completion_notices(office):
    task_id = tasks.create_task(office.kim, meeting(
        office, "23.11.2026 10:00", controller_id=office.head.actor.employee_id))
    office.clock.advance(dt.timedelta(minutes=31))  # 10:01
    inbox.collect(office.kim)
    inbox.collect(office.head)
    assert [n.kind for n in inbox.take_new(office.kim, "k")] == ["overdue"]
    kinds = [n.kind for n in inbox.take_new(office.head, "h")]
    assert "overdue" in kinds
    held = TaskResult.get(TaskResult.task_type == type_id_for_code("meeting"),
                          TaskResult.code == "held").id
    tasks.complete_task(office.kim, task_id, held)
    inbox.collect(office.head)
    assert sorted(n.kind for n in inbox.take_new(office.head, "h")) == ["completed", "result"]


def test_snooze_shows_it_again_later_in_every_session_and_dismiss_removes_it(office):
    tasks.create_task(office.kim, meeting(office, "23.11.2026 09:40", reminder="10"))
    inbox.collect(office.kim)
    [note] = inbox.take_new(office.kim, "a")
    inbox.snooze(office.kim, note.id, 10)
    assert inbox.unread_count(office.kim) == 0
    assert inbox.take_new(office.kim, "a") == []
    office.clock.advance(dt.timedelta(minutes=10))
    assert [n.id for n in inbox.take_new(office.kim, "a")] == [note.id]
    inbox.mark_read(office.kim, [note.id])
    assert inbox.unread_count(office.kim) == 0
    assert inbox.inbox_length(office.kim) >= 1  # still listed, as read
    with pytest.raises(UserError):
        inbox.snooze(office.belova, note.id, 10)  # not hers


def test_a_weekly_meeting_reminds_at_each_occurrence(office):
    task_id = tasks.create_task(office.kim, meeting(office, "23.11.2026 10:00", reminder="5"))
    repeats.set_repeat(office.kim, task_id, "weekly")
    office.clock.advance(dt.timedelta(days=7, minutes=25))  # Monday 30.11, 09:55
    inbox.collect(office.kim)
    notes = inbox.take_new(office.kim, "a")
    assert [n.about_at.astimezone(office.clock.zone).date() for n in notes
            if n.kind == "before"][-1] == dt.date(2026, 11, 30)
    assert Notification.select().where(Notification.kind == "overdue").count() == 0


def test_week_of_two_employees_busy_free_and_out_of_office(office):
    tasks.create_task(office.kim, meeting(office, "24.11.2026 14:00"))
    tasks.create_task(office.belova, meeting(office, "24.11.2026 10:00",
                                             start="24.11.2026 09:00"))
    cal.add_absence(office.head, office.belova.actor.employee_id, "26.11.2026", "27.11.2026",
                    "отпуск")
    kim_id, belova_id = office.kim.actor.employee_id, office.belova.actor.employee_id
    kim, belova = cal.calendars(office.head, [kim_id, belova_id], dt.date(2026, 11, 23),
                                dt.date(2026, 11, 29))
    zone = office.clock.zone

    def slot(day, hour):
        start = dt.datetime(2026, 11, day, hour, tzinfo=zone)
        return start, start + dt.timedelta(hours=1)

    assert kim.slot_state(*slot(24, 14)) == "busy" and belova.slot_state(*slot(24, 14)) == "free"
    assert belova.slot_state(*slot(24, 9)) == "busy" and kim.slot_state(*slot(24, 9)) == "free"
    assert belova.slot_state(*slot(26, 12)) == "out" and belova.slot_state(*slot(28, 12)) == "free"
    assert belova.absences[0].reason == "отпуск"
    # Kim (a manager) may not look into another department's calendar.
    with pytest.raises(UserError):
        cal.calendars(office.kim, [office.zaitsev.actor.employee_id], dt.date(2026, 11, 23),
                      dt.date(2026, 11, 29))


def test_repeats_show_in_the_calendar_and_bad_rules_are_refused(office):
    task_id = tasks.create_task(office.kim, meeting(office, "01.12.2026 09:00"))
    assert repeats.set_repeat(office.kim, task_id, "first_workday") == \
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1"
    [kim] = cal.calendars(office.kim, [office.kim.actor.employee_id], dt.date(2026, 12, 1),
                          dt.date(2027, 3, 31))
    days = [e.start.date() for e in kim.entries if e.task_id == task_id]
    assert days == [dt.date(2026, 12, 1), dt.date(2027, 1, 1), dt.date(2027, 2, 1),
                    dt.date(2027, 3, 1)]
    assert all(e.repeating for e in kim.entries if e.task_id == task_id)
    with pytest.raises(ValidationError) as error:
        repeats.set_repeat(office.kim, task_id, "custom", "FREQ=SOMETIMES")
    assert "custom" in error.value.errors
    repeats.set_repeat(office.kim, task_id, "none")
    assert repeats.repeat_of(office.kim, task_id) == ""


def test_absence_dates_are_checked_at_the_field(office):
    with pytest.raises(ValidationError) as error:
        cal.add_absence(office.kim, office.kim.actor.employee_id, "27.11.2026", "26.11.2026")
    assert set(error.value.errors) == {"last"}
    with pytest.raises(ValidationError) as error:
        cal.add_absence(office.kim, office.kim.actor.employee_id, "32.11", "")
    assert set(error.value.errors) == {"first", "last"}
    with pytest.raises(UserError):  # a manager does not plan a colleague's holiday
        cal.add_absence(office.kim, office.belova.actor.employee_id, "26.11.2026", "27.11.2026")


def test_task_type_defaults_remind_the_controller_and_can_silence_overdue(office):
    from ectui.services.reminder_defaults import form_values, save_type_defaults

    meeting_type = type_id_for_code("meeting")
    values = form_values(meeting_type)
    assert values["controller_overdue"] == "yes" and values["participants_before"] == ""
    with pytest.raises(UserError):  # the administrator sets defaults
        save_type_defaults(office.kim, meeting_type, values)
    with pytest.raises(ValidationError) as error:
        save_type_defaults(office.admin, meeting_type, {**values, "controller_before": "скоро"})
    assert set(error.value.errors) == {"controller_before"}
    save_type_defaults(office.admin, meeting_type, {
        **values, "controller_before": "30", "participants_before": "10",
        "participants_overdue": "no"})
    assert form_values(meeting_type)["controller_before"] == "30"
    tasks.create_task(office.kim, meeting(office, "23.11.2026 10:30",
                                          controller_id=office.head.actor.employee_id))
    office.clock.advance(dt.timedelta(minutes=30))  # 10:00: the controller's 30 minutes
    assert inbox.collect(office.head) == 1 and inbox.collect(office.kim) == 0
    office.clock.advance(dt.timedelta(minutes=20))  # 10:20: Kim's 10 minutes
    assert inbox.collect(office.kim) == 1
    office.clock.advance(dt.timedelta(minutes=15))  # 10:35: overdue, Kim's type says no
    inbox.collect(office.kim)
    inbox.collect(office.head)
    assert [n.kind for n in inbox.take_new(office.kim, "k")] == ["before"]
    assert sorted(n.kind for n in inbox.take_new(office.head, "h")) == ["before", "overdue"]


def test_read_notifications_are_forgotten_after_three_months(office):
    tasks.create_task(office.head, meeting(office, "завтра 11:00",
                                           responsible_id=office.kim.actor.employee_id))
    inbox.collect(office.kim)
    [note] = inbox.take_new(office.kim, "k")
    inbox.mark_read(office.kim, [note.id])
    assert inbox.prune_read(office.clock.now()) == 0
    assert inbox.prune_read(office.clock.now() + dt.timedelta(days=91)) == 1


def test_a_postponed_task_that_is_late_again_is_announced_again(office):
    task_id = tasks.create_task(office.kim, meeting(office, "23.11.2026 10:00"))
    office.clock.advance(dt.timedelta(minutes=31))  # 10:01
    assert inbox.collect(office.kim) == 1
    tasks.postpone_task(office.kim, task_id, "сегодня 11:00")
    assert inbox.collect(office.kim) == 0
    office.clock.advance(dt.timedelta(hours=1))  # 11:01
    assert inbox.collect(office.kim) == 1
    assert [n.kind for n in inbox.take_new(office.kim, "k")] == ["overdue", "overdue"]
