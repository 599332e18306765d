"""The admin's service settings: the steps of the handling process with the working hours
each allows per priority, and the working calendar (hours, working days, holidays)."""

from __future__ import annotations

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label
from textual.widgets.option_list import Option

from ectui.errors import UserError
from ectui.i18n import t
from ectui.services import access
from ectui.services import service_process as process
from screens.db import run_db
from screens.forms.field_form import FieldDef, FieldForm
from screens.widgets.key_bar import KeyBar


def open_settings(app: App) -> None:
    """Choose what to set up; only an administrator may."""
    if not access.can(app.context, "administer"):
        app.notify(t("service.settings_admin_only"), severity="warning", timeout=5)
        return
    from screens.forms.pick_option import PickOption

    def picked(choice: str | None) -> None:
        if choice == "steps":
            app.push_screen(StepsScreen())
        elif choice == "calendar":
            app.run_worker(edit_calendar(app))

    app.push_screen(PickOption(t("service.settings_title"), [
        Option(t("service.settings_steps"), id="steps"),
        Option(t("service.settings_calendar"), id="calendar")]), picked)


async def edit_calendar(app: App) -> None:
    ctx = app.context
    values = await run_db(process.calendar_form_values)

    def field(key: str, hint: str = "") -> FieldDef:
        return FieldDef(key, t(f"service.calendar.{key}"), value=values[key], hint=hint)

    fields = [field("start", "09:00"), field("end", "18:00"),
              field("weekdays", t("service.calendar.weekdays_hint")),
              field("holidays", t("service.calendar.days_hint")),
              field("extra", t("service.calendar.days_hint")),
              field("remind_minutes", "60")]

    def save(data: dict) -> object:
        return process.save_calendar(ctx, data)

    def finished(result: object) -> None:
        if result is not None:
            app.notify(t("common.saved"), timeout=3)

    app.push_screen(FieldForm(t("service.settings_calendar"), fields, save), finished)


def _hours(value: float) -> str:
    return f"{value:g}".replace(".", ",")


class StepsScreen(Screen):
    """The steps in order; the last one closes a request."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", t("key.back")),
        Binding("insert,ctrl+n", "add", t("key.new")),
        Binding("f4", "edit", t("key.edit")),
        Binding("delete", "retire", t("key.delete")),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(t("service.steps_hint"), id="steps-hint")
        yield DataTable(id="steps", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(t("service.step.name"), width=30)
        for key in ("hours_high", "hours_normal", "hours_low"):
            table.add_column(t(f"service.step.{key}"), width=12)
        table.add_column(t("service.step.marks_solved"), width=12)
        self.steps = []
        self.load()

    @work(exclusive=True, group="steps")
    async def load(self) -> None:
        self.steps = await run_db(process.process_steps)
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for step in self.steps:
            hours = ("—", "—", "—") if step.is_final else tuple(_hours(h) for h in step.hours)
            table.add_row(step.name, *hours, "✔" if step.marks_solved else "",
                          key=str(step.id))
        if self.steps:
            table.move_cursor(row=min(row, len(self.steps) - 1))
        self.set_focus(table)

    def _current(self):
        table = self.query_one(DataTable)
        return self.steps[table.cursor_row] if self.steps else None

    @on(DataTable.RowSelected)
    async def _selected(self) -> None:
        await self.action_edit()

    async def action_add(self) -> None:
        await self._form(None)

    async def action_edit(self) -> None:
        step = self._current()
        if step is not None:
            await self._form(step)

    async def _form(self, step) -> None:
        ctx = self.app.context
        hours = step.hours if step else (1, 4, 8)
        fields = [FieldDef("name", t("service.step.name"), value=step.name if step else "",
                           required=step is None)]
        fields += [FieldDef(key, t(f"service.step.{key}"), value=_hours(h))
                   for key, h in zip(("hours_high", "hours_normal", "hours_low"), hours,
                                     strict=True)]
        fields.append(FieldDef("marks_solved", t("service.step.marks_solved"), "select",
                               bool(step and step.marks_solved),
                               ((t("common.no"), False), (t("common.yes"), True)),
                               allow_blank=False))

        def save(values: dict) -> int:
            return process.save_step(ctx, step.id if step else None, values)

        def finished(result: object) -> None:
            if result is not None:
                self.load()

        self.app.push_screen(FieldForm(t("service.step_title"), fields, save), finished)

    async def action_retire(self) -> None:
        step = self._current()
        if step is None:
            return
        try:
            await run_db(process.retire_step, self.app.context, step.id)
        except UserError as error:
            self.app.report_error(error)
            return
        self.notify(t("service.step_retired", name=step.name), timeout=4)
        self.load()
