"""The calendar, reminders and notifications in the real app on a SQLite file.

The issue's «done when»: a reminder set five minutes before a meeting shows as a toast on
time whatever screen is open; the head gives a manager a meeting from the calendar and the
manager's running session shows it within seconds; the week shows two people side by side.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ectui.models import Task
from ectui.services import tasks
from ectui.services.task_types import type_id_for_code
from ectui.session import open_session
from screens.app import EctuiApp
from screens.calendar import CalendarScreen
from screens.forms.pick_option import PickOption
from screens.forms.task_form import TaskForm
from screens.inbox import InboxScreen
from screens.today import TodayScreen
from screens.widgets.paged_table import PagedTable
from tests.ectui.task_helpers import build_office
from tests.screens.test_forms import screen_text, type_text
from tests.screens.test_forms import wait_until as _wait_until

SIZE = (130, 40)


async def wait_until(pilot, predicate, timeout: float = 20.0) -> None:
    await _wait_until(pilot, predicate, timeout)


@pytest.fixture
def office(sqlite_database, clock):
    return build_office(clock)


def app_for(url: str, clock, login: str = "kim") -> EctuiApp:
    return EctuiApp(open_session(url, login=login, clock=clock))


def meeting(office, due: str, **extra) -> dict:
    return {"task_type_id": type_id_for_code("meeting"), "organization_id": office.romashka,
            "title": "Встреча на складе", "due": due, **extra}


def count_bells(app: EctuiApp) -> list[int]:
    rung: list[int] = []
    app.bell = lambda: rung.append(1)  # type: ignore[method-assign]
    return rung


async def test_a_reminder_becomes_due_and_the_toast_appears_with_the_bell(
        office, sqlite_only_url, clock):
    tasks.create_task(office.kim, meeting(office, "23.11.2026 10:00", reminder="5"))
    app = app_for(sqlite_only_url, clock)
    rung = count_bells(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await wait_until(pilot, lambda: app.notifier is not None)
        await pilot.pause(0.5)
        assert "Напоминание" not in screen_text(app) and not rung
        await pilot.press("f7")  # any screen: the calendar
        await wait_until(pilot, lambda: isinstance(app.screen, CalendarScreen))
        clock.advance(dt.timedelta(minutes=25))  # 09:55
        await app.notifier.check()
        await wait_until(pilot, lambda: "Напоминание: Встреча на складе — 10:00"
                         in screen_text(app))
        assert rung
        assert "✉ 1" in app.sub_title
        # The inbox lists it; Del dismisses it and the count goes.
        await pilot.press("shift+f7")
        await wait_until(pilot, lambda: isinstance(app.screen, InboxScreen))
        table = app.screen.query_one(PagedTable)
        await wait_until(pilot, lambda: table.row_count == 1 and table.current_row is not None)
        await pilot.press("delete")
        await wait_until(pilot, lambda: "✉" not in app.sub_title)


async def test_a_meeting_given_in_one_session_reaches_the_other_session(
        office, sqlite_only_url, clock):
    head = app_for(sqlite_only_url, clock, "kuznetsova")
    kim = app_for(sqlite_only_url, clock, "kim")
    kim_id = office.kim.actor.employee_id
    async with kim.run_test(size=SIZE, notifications=True) as kim_pilot, \
            head.run_test(size=SIZE, notifications=True) as pilot:
        await wait_until(kim_pilot, lambda: kim.notifier is not None)
        await wait_until(pilot, lambda: head.notifier is not None)
        # The head opens the week and puts Kim's calendar beside hers.
        await pilot.press("f7")
        await wait_until(pilot, lambda: isinstance(head.screen, CalendarScreen)
                         and head.screen.calendars)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(head.screen, PickOption))
        options = head.screen.query_one("OptionList")
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = ids.index(str(kim_id))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(head.screen, CalendarScreen)
                         and len(head.screen.calendars) == 2)
        assert "Ким Д. О." in screen_text(head)
        # Kim's column, Tuesday 14:00: a new meeting in that slot, given to Kim.
        await pilot.press("right", "right", "right", *["down"] * 5)
        assert head.screen.cursor.hour == 14 and head.screen.cursor.person == 1
        await pilot.press("insert")
        await wait_until(pilot, lambda: isinstance(head.screen, TaskForm)
                         and head.screen.focused is not None)
        await pilot.press("tab")
        await type_text(pilot, "Совместный визит")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(head.screen, CalendarScreen))
        task = Task.get(Task.title == "Совместный визит")
        assert task.responsible_id == kim_id
        assert task.due_at.astimezone(clock.zone) == dt.datetime(2026, 11, 24, 14, 0,
                                                                 tzinfo=clock.zone)
        # Kim's session: a toast within seconds, with no key pressed there.
        await wait_until(kim_pilot, lambda: "Новое поручение от Кузнецова М. А.: Совместный "
                         "визит" in screen_text(kim), timeout=15)
        # The head's week shows both people: Kim busy at 14:00 on Tuesday, the head free.
        await wait_until(pilot, lambda: "■ Совм" in screen_text(head))
        cal = head.screen
        kim_week = cal.calendars[1]
        start = dt.datetime(2026, 11, 24, 14, tzinfo=clock.zone)
        assert kim_week.slot_state(start, start + dt.timedelta(hours=1)) == "busy"
        assert cal.calendars[0].slot_state(start, start + dt.timedelta(hours=1)) == "free"


async def test_calendar_views_and_moves_by_keys(office, sqlite_only_url, clock):
    tasks.create_task(office.kim, meeting(office, "25.11.2026 11:00"))
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("f7")
        await wait_until(pilot, lambda: isinstance(app.screen, CalendarScreen)
                         and app.screen.calendars)
        screen = app.screen
        assert "Неделя  23.11.2026 — 29.11.2026" in screen_text(app)
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: "30.11.2026 — 06.12.2026" in screen_text(app))
        await pilot.press("t", "d")
        await wait_until(pilot, lambda: "День  23.11.2026" in screen_text(app))
        await pilot.press("m")
        await wait_until(pilot, lambda: "Месяц  Ноябрь 2026" in screen_text(app))
        assert "■1 Встреча на складе" in screen_text(app).replace("│", " ") or \
            "■1 Встреча" in screen_text(app)
        await pilot.press("g")
        await wait_until(pilot, lambda: screen.app.screen is not screen
                         and screen.app.screen.focused is not None)
        await type_text(pilot, "25.11.2026 11:00")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is screen and screen.cursor.day
                         == dt.date(2026, 11, 25))
        await pilot.press("w")
        await wait_until(pilot, lambda: screen.view == "week" and screen.cursor.hour == 11)
        await wait_until(pilot, lambda: "Встреча на складе" in screen_text(app))


async def test_a_task_given_by_the_head_is_in_the_managers_today_with_its_toast(
        office, sqlite_only_url, clock):
    tasks.create_task(office.kim, meeting(office, "23.11.2026 16:00", title="Своя встреча"))
    kim = app_for(sqlite_only_url, clock, "kim")
    async with kim.run_test(size=SIZE, notifications=True) as pilot:
        await wait_until(pilot, lambda: isinstance(kim.screen, TodayScreen))
        await wait_until(pilot, lambda: kim.notifier is not None)
        table = kim.screen.query_one(PagedTable)
        await wait_until(pilot, lambda: table.row_count == 2)  # the header and her own task

        tasks.create_task(office.head, meeting(
            office, "23.11.2026 15:00", title="Визит с руководителем",
            responsible_id=str(office.kim.actor.employee_id)))
        await kim.notifier.check()
        await wait_until(pilot, lambda: "Новое поручение от Кузнецова М. А." in screen_text(kim))
        # Not at the next minute's refresh: the list shows it with the toast.
        titles = lambda: [getattr(getattr(table._cached_row(i), "row", None), "title", None)  # noqa: E731
                          for i in range(table.row_count)]
        await wait_until(pilot, lambda: "Визит с руководителем" in titles(), timeout=5)


async def test_three_peoples_week_fits_an_80_column_terminal(office, sqlite_only_url, clock):
    tasks.create_task(office.belova, meeting(office, "29.11.2026 14:00"))
    people = [office.head.actor.employee_id, office.kim.actor.employee_id,
              office.belova.actor.employee_id]
    app = app_for(sqlite_only_url, clock, "kuznetsova")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen))
        app.push_screen(CalendarScreen(people))
        await wait_until(pilot, lambda: isinstance(app.screen, CalendarScreen)
                         and len(app.screen.calendars) == 3)
        await pilot.pause(0.2)
        lines = screen_text(app).splitlines()
        # Sunday, the last column, is on screen; every hour is one line, not wrapped.
        assert any("вс 29.11│" in line for line in lines)
        hours = [line for line in lines if line[:5] in ("13:00", "14:00", "15:00")]
        assert len(hours) == 3 and all(line.rstrip().endswith("│") for line in hours)
        assert hours[1].rstrip().endswith("■ │")  # Белова's Sunday 14:00 is busy


async def test_the_unread_count_stays_in_the_header_at_80_columns(office, sqlite_only_url, clock):
    tasks.create_task(office.kim, meeting(office, "23.11.2026 09:00"))  # overdue at 09:00
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await wait_until(pilot, lambda: app.notifier is not None and app.notifier.unread == 1)
        await pilot.pause(0.2)
        header = screen_text(app).splitlines()[0]
        assert "✉ 1" in header, header


async def test_a_task_given_above_the_cursor_does_not_slide_another_under_it(
        office, sqlite_only_url, clock):
    tasks.create_task(office.kim, meeting(office, "23.11.2026 15:00", title="Первая"))
    tasks.create_task(office.kim, meeting(office, "23.11.2026 16:00", title="Вторая"))
    kim = app_for(sqlite_only_url, clock, "kim")
    async with kim.run_test(size=SIZE, notifications=True) as pilot:
        await wait_until(pilot, lambda: isinstance(kim.screen, TodayScreen))
        await wait_until(pilot, lambda: kim.notifier is not None)
        table = kim.screen.query_one(PagedTable)
        await wait_until(pilot, lambda: table.row_count == 3)
        await pilot.press("down")
        await wait_until(pilot, lambda: table.current_row.row.title == "Вторая")

        tasks.create_task(office.head, meeting(
            office, "23.11.2026 14:00", title="От руководителя",
            responsible_id=str(office.kim.actor.employee_id)))
        await kim.notifier.check()
        await wait_until(pilot, lambda: table.row_count == 5)  # «new» has its own header
        await pilot.pause(0.3)
        assert table.current_row.row.title == "Вторая"


async def test_a_task_in_the_running_hour_is_not_born_overdue(office, sqlite_only_url, clock):
    app = app_for(sqlite_only_url, clock)  # 09:30: the cursor starts on the 09:00 slot
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await pilot.press("f7")
        await wait_until(pilot, lambda: isinstance(app.screen, CalendarScreen)
                         and app.screen.calendars)
        assert app.screen.cursor.hour == 9
        await pilot.press("insert")
        await wait_until(pilot, lambda: isinstance(app.screen, TaskForm))
        assert app.screen.query_one("#f-due").value == "23.11.2026 09:45"


async def test_at_start_the_backlog_is_one_toast_and_today_loads_once(
        office, sqlite_only_url, clock):
    # Two meetings already overdue as the session begins: the notifier's first round finds
    # them. Today, loaded a moment before, already shows them: it must not load again.
    tasks.create_task(office.kim, meeting(office, "23.11.2026 08:00", title="Встреча 1"))
    tasks.create_task(office.kim, meeting(office, "23.11.2026 08:30", title="Встреча 2"))
    clock.advance(dt.timedelta(hours=2))
    loads: list[PagedTable.Loaded] = []

    def hook(message) -> None:  # called at every widget a message bubbles through
        if isinstance(message, PagedTable.Loaded) and not any(m is message for m in loads):
            loads.append(message)

    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE, notifications=True, message_hook=hook) as pilot:
        await wait_until(pilot, lambda: app.notifier is not None and app.notifier.unread >= 2)
        await pilot.pause(0.5)
        assert "Встреча 1" in screen_text(app) and "Встреча 2" in screen_text(app)
        assert [m.paged_table.id for m in loads] == ["today-list"]
