"""The calendar: day, week or month of one or several employees' tasks, by keys.

Arrows move the cursor (Left/Right step through the employees shown, then the days),
PageUp/PageDown turn the period, T is today, G jumps to a typed date. Enter opens the task
under the cursor, Insert/Ctrl+N creates one in the selected slot for the employee of that
column. A adds a colleague's calendar beside yours, X removes one. Data is read on a database
thread for the whole period shown and redrawn locally while the cursor moves.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Label, Static
from textual.widgets.option_list import Option

from ectui.errors import FieldError, ValidationError
from ectui.i18n import t
from ectui.services import access, employees, task_types
from ectui.services import calendar as cal_service
from ectui.services import tasks as task_service
from ectui.services.calendar import CalendarEntry, CalendarPerson, EmployeeCalendar
from ectui.services.tasks import EditableTask
from ectui.when import parse_due
from screens import calendar_forms, changes, task_actions
from screens.calendar_grid import (
    HOURS,
    Cursor,
    draw_hours,
    draw_month,
    legend,
    shown_days,
    slot_entries,
)
from screens.db import run_db
from screens.forms.field_form import TASKS_CSS, FieldDef, FieldForm
from screens.forms.pick_option import PickOption
from screens.forms.task_form import TaskForm
from screens.task_keys import letter
from screens.widgets.key_bar import KeyBar

VIEWS = ("day", "week", "month")


class CalendarGrid(Widget, can_focus=True):
    """Draws what the screen holds; the screen owns the cursor and the data."""

    # Wider than the screen (many people side by side) is cut at the edge, never wrapped.
    DEFAULT_CSS = "CalendarGrid { height: 1fr; text-wrap: nowrap; text-overflow: clip; }"

    def render(self) -> Text:
        screen = self.screen
        if not isinstance(screen, CalendarScreen) or not screen.calendars:
            return Text(t("cal.loading"), style="dim")
        return screen.draw(self.size.width)


class CalendarScreen(Screen):
    """One or several employees' calendars over a day, a week or a month."""

    CSS_PATH = TASKS_CSS
    DEFAULT_CSS = """
    #cal-title { height: 1; padding: 0 1; }
    #cal-detail { height: 4; padding: 0 1; border-top: solid $primary-darken-2; }
    #cal-legend { height: 1; padding: 0 1; }
    """
    BINDINGS = [
        Binding("left", "move(0, -1)", show=False),
        Binding("right", "move(0, 1)", show=False),
        Binding("up", "move(-1, 0)", show=False),
        Binding("down", "move(1, 0)", show=False),
        Binding("pageup", "turn(-1)", t("cal.key.previous")),
        Binding("pagedown", "turn(1)", t("cal.key.next")),
        Binding("enter", "open", t("cal.key.open")),
        Binding("ctrl+n,insert", "new", t("cal.key.new")),
        *letter("t", "today", t("cal.key.today")),
        *letter("g", "go_to", t("cal.key.go_to")),
        *letter("d", "view('day')", t("cal.key.day")),
        *letter("w", "view('week')", t("cal.key.week")),
        *letter("m", "view('month')", t("cal.key.month")),
        *letter("a", "add_person", t("cal.key.add_person")),
        *letter("x", "remove_person", t("cal.key.remove_person"), show=False),
        *letter("o", "absence", t("cal.key.absence")),
        *letter("r", "repeat", t("cal.key.repeat")),
        *letter("e", "export", t("cal.key.export")),
        Binding("ctrl+e", "type_defaults", t("cal.key.type_defaults")),
        Binding("delete", "delete_absence", t("cal.key.delete_absence"), show=False),
        Binding("ctrl+r", "reload", show=False),
        Binding("escape", "close", t("inbox.key.close"), show=False),
    ]

    def __init__(self, employee_ids: list[int] | None = None, view: str = "week",
                 day: dt.date | None = None) -> None:
        super().__init__()
        self.view = view
        self.people_ids: list[int] = list(employee_ids or [])
        self.start_day = day
        self.cursor: Cursor | None = None
        self.calendars: list[EmployeeCalendar] = []
        self.loaded_days: tuple[dt.date, dt.date] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="cal-title")
        yield CalendarGrid(id="cal-grid")
        yield Static("", id="cal-detail")
        yield Label(legend(), id="cal-legend")
        yield KeyBar()

    def on_mount(self) -> None:
        ctx = self.app.context
        now = ctx.now()
        if not self.people_ids:
            self.people_ids = [ctx.actor.employee_id]
        hour = min(max(now.hour, HOURS[0]), HOURS[-1])
        self.cursor = Cursor(self.start_day or now.date(), hour, 0)
        self.screen.set_focus(self.query_one(CalendarGrid))
        self.load()
        changes.subscribe(self, lambda _batch: self.load(), tables={"task", "absence"})
        # Time moves on: today's mark and what is overdue.
        self.set_interval(60, self.load)

    def on_notifications_arrived(self, _message) -> None:
        # A task given by someone else, or one that changed, is in the period shown.
        self.load()

    # ---- data ------------------------------------------------------------------------------

    def period(self) -> tuple[dt.date, dt.date]:
        days = shown_days(self.view, self.cursor.day)
        return days[0], days[-1]

    @work(exclusive=True, group="calendar-load", exit_on_error=False)
    async def load(self) -> None:
        first, last = self.period()
        try:
            found = await run_db(cal_service.calendars, self.app.context, self.people_ids,
                                 first, last)
        except Exception as error:
            self.app.report_error(error)
            return
        self.calendars = found
        self.loaded_days = (first, last)
        self.redraw()

    def _ensure_loaded(self) -> None:
        if self.loaded_days != self.period():
            self.load()
        self.redraw()

    def draw(self, width: int) -> Text:
        ctx = self.app.context
        now = ctx.now()
        zone = now.tzinfo
        if self.view == "month":
            return draw_month(self.calendars, self.cursor.day, self.cursor, zone, width,
                              now.date())
        return draw_hours(self.calendars, shown_days(self.view, self.cursor.day), self.cursor,
                          zone, width, now.date())

    def redraw(self) -> None:
        if self.cursor is None:
            return
        first, last = self.period()
        names = ", ".join(c.name for c in self.calendars)
        if self.view == "month":
            day = self.cursor.day
            span = f"{t(f'cal.month.{day.month}')} {day.year}"
        else:
            span = f"{first:%d.%m.%Y}" if first == last else f"{first:%d.%m.%Y} — {last:%d.%m.%Y}"
        title = Text.assemble((t(f"cal.view.{self.view}"), "bold"), "  ", (span, "bold"), "   ",
                              (names, "dim"))
        self.query_one("#cal-title", Label).update(title)
        self.query_one(CalendarGrid).refresh()
        self.query_one("#cal-detail", Static).update(self._detail())

    def current_calendar(self) -> EmployeeCalendar | None:
        if not self.calendars:
            return None
        return self.calendars[min(self.cursor.person, len(self.calendars) - 1)]

    def _entries(self) -> list[CalendarEntry]:
        cal = self.current_calendar()
        if cal is None:
            return []
        return slot_entries(cal, self.view, self.cursor, self.app.context.now().tzinfo)

    def _detail(self) -> Text:
        cal = self.current_calendar()
        if cal is None:
            return Text()
        zone = self.app.context.now().tzinfo
        text = Text()
        text.append(cal.name, style="bold")
        day = self.cursor.day
        when = f"{day:%d.%m.%Y}" if self.view == "month" \
            else f"{day:%d.%m.%Y} {self.cursor.hour:02d}:00"
        text.append(f"  {t(f'when.weekday.{day.weekday()}')} {when}", style="dim")
        start = dt.datetime.combine(day, dt.time(self.cursor.hour if self.view != "month"
                                                 else 12), zone)
        absence = cal.absence_at(start, start + dt.timedelta(hours=1))
        if absence is not None:
            text.append(f"  × {t('cal.out')}" + (f": {absence.reason}" if absence.reason else ""),
                        style="magenta")
        for entry in self._entries()[:3]:
            text.append("\n")
            span = t("cal.all_day") if entry.all_day else \
                f"{entry.start:%H:%M}–{entry.end:%H:%M}"
            text.append(f"{span}  ", style="bold")
            text.append(entry.title or t("cal.busy_hidden"))
            if entry.client:
                text.append(f" — {entry.client}", style="dim")
            if entry.repeating:
                text.append(f"  ↻ {t('cal.repeats')}", style="dim")
            if entry.status == "done":
                text.append(f"  ✓ {t('cal.done')}", style="dim")
        if not self._entries() and absence is None:
            text.append(f"\n{t('cal.slot_free')}", style="green")
        return text

    # ---- moving ----------------------------------------------------------------------------

    def _set(self, **changes_) -> None:
        values = {"day": self.cursor.day, "hour": self.cursor.hour,
                  "person": self.cursor.person, **changes_}
        self.cursor = Cursor(**values)
        self._ensure_loaded()

    def action_move(self, rows: int, columns: int) -> None:
        if self.cursor is None:
            return
        day, hour, person = self.cursor.day, self.cursor.hour, self.cursor.person
        people = max(1, len(self.people_ids))
        if self.view == "month":
            if rows:
                day += dt.timedelta(days=7 * rows)
            if columns:
                person += columns
                if person < 0 or person >= people:
                    day += dt.timedelta(days=columns)
                    person = people - 1 if person < 0 else 0
        else:
            if rows:
                hour = min(max(hour + rows, HOURS[0]), HOURS[-1])
            if columns:
                person += columns
                if person < 0 or person >= people:
                    day += dt.timedelta(days=columns)
                    person = people - 1 if person < 0 else 0
        self._set(day=day, hour=hour, person=person)

    def action_turn(self, direction: int) -> None:
        if self.cursor is None:
            return
        day = self.cursor.day
        if self.view == "day":
            day += dt.timedelta(days=direction)
        elif self.view == "week":
            day += dt.timedelta(days=7 * direction)
        else:
            month = day.month - 1 + direction
            year = day.year + month // 12
            month = month % 12 + 1
            day = day.replace(year=year, month=month, day=min(day.day, 28))
        self._set(day=day)

    def action_today(self) -> None:
        now = self.app.context.now()
        self._set(day=now.date(), hour=min(max(now.hour, HOURS[0]), HOURS[-1]))

    def action_view(self, view: str) -> None:
        if view in VIEWS:
            self.view = view
            self._ensure_loaded()

    def action_go_to(self) -> None:
        today = self.app.context.now().date()

        def save(values: dict) -> dt.datetime | dt.date:
            try:
                due = parse_due(str(values.get("day") or ""), today)
            except FieldError as error:
                raise ValidationError({"day": error}) from None
            if due is None:
                raise ValidationError({"day": FieldError("validation.required")})
            return due.day if not due.has_time else \
                dt.datetime.combine(due.day, due.time)

        def chosen(result) -> None:
            if isinstance(result, dt.datetime):
                self._set(day=result.date(), hour=min(max(result.hour, HOURS[0]), HOURS[-1]))
            elif isinstance(result, dt.date):
                self._set(day=result)

        self.app.push_screen(FieldForm(t("cal.go_to_title"), [
            FieldDef("day", t("cal.field.day"), value="", hint=t("task.date_hint"))], save,
            submit_on_enter=True), chosen)

    def action_reload(self) -> None:
        self.load()

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    # ---- people ----------------------------------------------------------------------------

    async def action_add_person(self) -> None:
        try:
            people: list[CalendarPerson] = await run_db(cal_service.people_for_calendar,
                                                        self.app.context)
        except Exception as error:
            self.app.report_error(error)
            return
        options = [Option(p.name, id=str(p.id)) for p in people if p.id not in self.people_ids]
        if not options:
            self.app.notify(t("cal.nobody_to_add"), timeout=5)
            return

        def chosen(choice: str | None) -> None:
            if choice:
                self.people_ids.append(int(choice))
                self.load()

        self.app.push_screen(PickOption(t("cal.add_person_title"), options), chosen)

    def action_remove_person(self) -> None:
        if len(self.people_ids) <= 1:
            return
        index = min(self.cursor.person, len(self.people_ids) - 1)
        del self.people_ids[index]
        self.cursor = Cursor(self.cursor.day, self.cursor.hour,
                             min(index, len(self.people_ids) - 1))
        self.calendars = [c for c in self.calendars if c.employee_id in self.people_ids]
        self.load()

    def person_id(self) -> int:
        return self.people_ids[min(self.cursor.person, len(self.people_ids) - 1)]

    # ---- tasks -----------------------------------------------------------------------------

    async def choose_entry(self) -> CalendarEntry | None:
        entries = [e for e in self._entries() if e.visible]
        if not entries:
            if self._entries():
                self.app.notify(t("cal.busy_hidden"), timeout=4)
            return None
        if len(entries) == 1:
            return entries[0]
        options = [Option(f"{t('cal.all_day') if e.all_day else f'{e.start:%H:%M}'}  "
                          f"{e.title}" + (f" — {e.client}" if e.client else ""),
                          id=str(index)) for index, e in enumerate(entries)]
        choice = await self.app.push_screen_wait(PickOption(t("cal.pick_task"), options))
        return entries[int(choice)] if choice is not None else None

    @work(exclusive=True, group="calendar-open", exit_on_error=False)
    async def action_open(self) -> None:
        if self.view == "month" and not self._entries():
            self.action_view("day")
            return
        entry = await self.choose_entry()
        if entry is not None:
            await task_actions.open_task(self.app, entry.task_id, lambda _r: self.load())

    async def action_new(self) -> None:
        """A new operational task in the selected slot, for the employee of that column."""
        ctx = self.app.context
        zone = ctx.now().tzinfo
        day = self.cursor.day
        if self.view == "month":
            due = f"{day:%d.%m.%Y}"
        else:
            slot = dt.datetime.combine(day, dt.time(self.cursor.hour), zone)
            now = ctx.now()
            if slot <= now < slot + dt.timedelta(hours=1):
                # The hour that is running: from the next quarter, not from its past start
                # (a task given «for 11:00» at 11:30 would be overdue the moment it is saved).
                slot = now.replace(second=0, microsecond=0) + dt.timedelta(
                    minutes=15 - now.minute % 15)
            due = f"{slot:%d.%m.%Y %H:%M}"
        meeting = await run_db(task_types.type_id_for_code, "meeting")
        record = EditableTask(None, 0, {
            "level": "operation", "task_type_id": meeting, "priority": 2,
            "responsible_id": self.person_id(), "due": due}, [], {})

        def save(values: dict) -> int:
            people = values.pop("participants", [])
            return task_service.create_task(ctx, {**values, "level": "operation"},
                                            participants=people)

        types = await run_db(task_types.task_types)
        staff = await run_db(employees.employees)

        def finished(result: object) -> None:
            if result is not None:
                self.app.notify(t("common.saved"), timeout=3)
                self.load()

        self.app.push_screen(TaskForm(t("task.new_title", level=t("task.level.operation")),
                                      "operation", record, types, staff, save), finished)

    # ---- forms: out of office, repeats, export, reminder defaults (screens/calendar_forms) ----

    def action_absence(self) -> None:
        calendar_forms.absence(self)

    async def action_delete_absence(self) -> None:
        await calendar_forms.delete_absence(self)

    @work(exclusive=True, group="calendar-repeat", exit_on_error=False)
    async def action_repeat(self) -> None:
        await calendar_forms.repeat(self)

    def action_export(self) -> None:
        calendar_forms.export(self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "type_defaults":
            # Shown greyed to everyone but the administrator.
            return True if access.can(self.app.context, "administer") else None
        return True

    @work(exclusive=True, group="calendar-defaults", exit_on_error=False)
    async def action_type_defaults(self) -> None:
        await calendar_forms.type_defaults(self)

def open_calendar(app) -> None:
    """The calendar (one key from anywhere): the week of the current employee."""
    while len(app.screen_stack) > 1:
        app.pop_screen()
    app.push_screen(CalendarScreen())
