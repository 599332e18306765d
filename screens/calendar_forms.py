"""The calendar's forms: out of office, a task's repeat, iCalendar export, and the reminder
defaults of a task type (the administrator). Each takes the calendar screen it works for."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from textual.widgets.option_list import Option

from ectui.errors import FieldError, ValidationError
from ectui.i18n import t
from ectui.services import access, reminder_defaults, repeats, task_types
from ectui.services import calendar as cal_service
from ectui.services.calendar_export import export_calendar
from ectui.services.task_types import type_label
from screens.db import run_db
from screens.forms.confirm import ConfirmDialog
from screens.forms.field_form import FieldDef, FieldForm
from screens.forms.pick_option import PickOption

if TYPE_CHECKING:
    from screens.calendar import CalendarScreen

# ---- out of office -----------------------------------------------------------------------


def absence(screen: CalendarScreen) -> None:
    ctx = screen.app.context
    person = screen.person_id()
    day = f"{screen.cursor.day:%d.%m.%Y}"

    def save(values: dict) -> int:
        return cal_service.add_absence(ctx, person, str(values.get("first") or ""),
                                       str(values.get("last") or ""),
                                       str(values.get("reason") or ""))

    def finished(result) -> None:
        if result is not None:
            screen.app.notify(t("common.saved"), timeout=3)
            screen.load()

    cal = screen.current_calendar()
    screen.app.push_screen(FieldForm(
        t("cal.absence_title", name=cal.name if cal else ""),
        [FieldDef("first", t("cal.field.first"), value=day, required=True,
                  hint=t("cal.date_hint")),
         FieldDef("last", t("cal.field.last"), value=day, required=True,
                  hint=t("cal.date_hint")),
         FieldDef("reason", t("cal.field.reason"), hint=t("cal.reason_hint"))], save),
        finished)

async def delete_absence(screen: CalendarScreen) -> None:
    ctx = screen.app.context
    zone = ctx.now().tzinfo
    hour = screen.cursor.hour if screen.view != "month" else 12
    moment = dt.datetime.combine(screen.cursor.day, dt.time(hour), zone)
    try:
        absence_id = await run_db(cal_service.absence_covering, ctx, screen.person_id(),
                                  moment)
    except Exception as error:
        screen.app.report_error(error)
        return
    if absence_id is None:
        screen.app.notify(t("cal.no_absence_here"), timeout=4)
        return

    async def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            await run_db(cal_service.delete_absence, ctx, absence_id)
        except Exception as error:
            screen.app.report_error(error)
            return
        screen.load()

    screen.app.push_screen(ConfirmDialog(t("cal.delete_absence_question")), answered)

# ---- repeats and export -----------------------------------------------------------------


async def repeat(screen: CalendarScreen) -> None:
    entry = await screen.choose_entry()
    if entry is None:
        return
    ctx = screen.app.context
    try:
        current = await run_db(repeats.repeat_of, ctx, entry.task_id)
    except Exception as error:
        screen.app.report_error(error)
        return
    task_id = entry.task_id

    def save(values: dict) -> str:
        return repeats.set_repeat(ctx, task_id, str(values.get("preset") or "none"),
                                  str(values.get("custom") or ""))

    def finished(result) -> None:
        if result is not None:
            screen.app.notify(t("cal.repeat_saved"), timeout=3)
            screen.load()

    options = tuple((t(f"cal.repeat.{p}"), p) for p in repeats.PRESETS)
    screen.app.push_screen(FieldForm(t("cal.repeat_title", title=entry.title), [
        FieldDef("preset", t("cal.field.preset"), kind="select",
                 value="custom" if current else "none", options=options,
                 allow_blank=False),
        FieldDef("custom", t("cal.field.custom"), value=current,
                 hint=t("cal.custom_hint"))], save), finished)

def export(screen: CalendarScreen) -> None:
    ctx = screen.app.context
    person = screen.person_id()
    first, last = screen.period()
    cal = screen.current_calendar()
    suggested = Path.home() / f"calendar-{first:%Y%m%d}-{last:%Y%m%d}.ics"

    def save(values: dict) -> int:
        raw = str(values.get("path") or "").strip()
        if not raw:
            raise ValidationError({"path": FieldError("validation.required")})
        path = Path(raw).expanduser()
        if not path.parent.is_dir():
            raise ValidationError({"path": FieldError("cal.no_folder",
                                                      folder=str(path.parent))})
        try:
            return export_calendar(ctx, path, employee_id=person, start=first, end=last)
        except OSError as error:
            raise ValidationError({"path": FieldError("cal.cannot_write",
                                                      error=str(error))}) from None

    def finished(count) -> None:
        if count is not None:
            screen.app.notify(t("cal.exported", count=count), timeout=6)

    screen.app.push_screen(FieldForm(
        t("cal.export_title", name=cal.name if cal else ""),
        [FieldDef("path", t("cal.field.path"), value=str(suggested), required=True)],
        save, subtitle=f"{first:%d.%m.%Y} — {last:%d.%m.%Y}", submit_on_enter=True),
        finished)


async def type_defaults(screen: CalendarScreen) -> None:
    ctx = screen.app.context
    if not access.can(ctx, "administer"):
        return
    types = await run_db(task_types.task_types)
    options = [Option(type_label(x.code, x.name, x.is_builtin), id=str(x.id)) for x in types]
    choice = await screen.app.push_screen_wait(PickOption(t("cal.defaults_pick"), options))
    if choice is None:
        return
    type_id = int(choice)
    values = await run_db(reminder_defaults.form_values, type_id)
    yes_no = ((t("common.yes"), "yes"), (t("common.no"), "no"))
    fields = []
    for audience in ("participants", "controller"):
        who = t(f"cal.audience.{audience}")
        key = f"{audience}_before"
        fields.append(FieldDef(key, f"{who}: {t('cal.default.before')}", value=values[key],
                               hint=t("cal.default.before_hint")))
        for kind in reminder_defaults.SWITCHES:
            key = f"{audience}_{kind}"
            fields.append(FieldDef(key, f"{who}: {t(f'cal.default.{kind}')}",
                                   kind="select", value=values[key], options=yes_no,
                                   allow_blank=False))

    def save(form: dict) -> int:
        return reminder_defaults.save_type_defaults(ctx, type_id, form)

    name = next((o.prompt for o in options if o.id == choice), "")
    result = await screen.app.push_screen_wait(FieldForm(
        t("cal.defaults_title", type=name), fields, save,
        subtitle=t("cal.defaults_subtitle")))
    if result is not None:
        screen.app.notify(t("common.saved"), timeout=3)
