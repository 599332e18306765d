"""Drawing the calendar: day, week and month grids of one or several employees.

Each slot reads on a monochrome terminal too: a symbol says free, busy or out of office, and a
colour says the same. The cursor is drawn reversed. Only what fits the widget is drawn.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from ectui.i18n import t
from ectui.services.calendar import CalendarEntry, EmployeeCalendar

HOURS = tuple(range(8, 21))  # the working day shown: 08:00 … 20:00
SYMBOLS = {"free": "·", "busy": "■", "out": "×", "all_day": "◆", "repeat": "↻"}
STYLES = {"free": "green", "busy": "bold yellow", "out": "dim magenta", "all_day": "cyan",
          "done": "dim"}
TIME_WIDTH = 6


@dataclass(frozen=True)
class Cursor:
    day: dt.date
    hour: int
    person: int  # index into the calendars shown


def slot_bounds(day: dt.date, hour: int, zone: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time(hour), zone)
    return start, start + dt.timedelta(hours=1)


def week_days(day: dt.date) -> list[dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return [monday + dt.timedelta(days=i) for i in range(7)]


def month_weeks(day: dt.date) -> list[list[dt.date]]:
    first = day.replace(day=1)
    start = first - dt.timedelta(days=first.weekday())
    weeks = []
    while True:
        week = [start + dt.timedelta(days=i) for i in range(7)]
        weeks.append(week)
        start += dt.timedelta(days=7)
        if start.month != day.month and start > first:
            break
    return weeks


def shown_days(view: str, day: dt.date) -> list[dt.date]:
    if view == "day":
        return [day]
    if view == "week":
        return week_days(day)
    return [d for week in month_weeks(day) for d in week]


def _fit(text: str, width: int) -> str:
    return set_cell_size(text, width) if width > 0 else ""


def _weekday(day: dt.date) -> str:
    return t(f"when.weekday.{day.weekday()}")


def _slot(cal: EmployeeCalendar, day: dt.date, hour: int, zone, width: int,
          selected: bool, today: bool) -> Text:
    start, end = slot_bounds(day, hour, zone)
    state = cal.slot_state(start, end)
    entries = [e for e in cal.entries_between(start, end)]
    symbol = SYMBOLS[state]
    label = ""
    if state == "busy":
        first = entries[0]
        begins_here = first.start >= start
        label = (first.title or t("cal.busy")) if begins_here else "┃"
        if first.repeating and begins_here:
            symbol = SYMBOLS["repeat"]
        if len(entries) > 1:
            label = f"{len(entries)}: {label}"
    elif state == "out":
        absence = cal.absence_at(start, end)
        label = absence.reason if absence and hour == HOURS[0] else ""
    style = STYLES[state]
    if state == "busy" and all(e.status == "done" for e in entries):
        style = STYLES["done"]
    text = Text(_fit(f"{symbol} {label}", width), style=style)
    if today and not selected:
        text.stylize("underline")
    if selected:
        text.stylize("reverse")
    return text


def _all_day(cal: EmployeeCalendar, day: dt.date, width: int, selected: bool) -> Text:
    items = cal.day_entries(day)
    if not items:
        return Text(" " * width)
    label = f"{SYMBOLS['all_day']} {len(items)}: {items[0].title or t('cal.busy')}" \
        if len(items) > 1 else f"{SYMBOLS['all_day']} {items[0].title or t('cal.busy')}"
    text = Text(_fit(label, width), style=STYLES["all_day"])
    if selected:
        text.stylize("underline")
    return text


def draw_hours(cals: list[EmployeeCalendar], days: list[dt.date], cursor: Cursor,
               zone: dt.tzinfo, width: int, today: dt.date) -> Text:
    """The day or week grid: a column per day and employee, a row per hour."""
    columns = [(d, p) for d in days for p in range(len(cals))]
    # Two cells (the symbol and a letter) still read: three people's week fits in 80 columns.
    cell = max(2, (width - TIME_WIDTH) // max(1, len(columns)) - 1)
    out = Text(no_wrap=True, overflow="crop")
    # Two header lines: the day, then who (when several people are shown).
    line = Text(" " * TIME_WIDTH)
    for day in days:
        span = (cell + 1) * len(cals)
        head = f"{_weekday(day)} {day:%d.%m}"
        style = "bold reverse" if day == today else "bold"
        line.append(_fit(head, span - 1), style=style)
        line.append("│")
    out.append_text(line)
    out.append("\n")
    if len(cals) > 1:
        line = Text(" " * TIME_WIDTH)
        for _day in days:
            for index, cal in enumerate(cals):
                style = "bold" if index == cursor.person else "dim"
                line.append(_fit(cal.name, cell), style=style)
                line.append("│" if index == len(cals) - 1 else " ")
        out.append_text(line)
        out.append("\n")
    line = Text(_fit(t("cal.all_day_short"), TIME_WIDTH), style="dim")
    for day, person in columns:
        selected = day == cursor.day and person == cursor.person
        line.append_text(_all_day(cals[person], day, cell, selected))
        line.append("│" if person == len(cals) - 1 else " ")
    out.append_text(line)
    for hour in HOURS:
        out.append("\n")
        line = Text(_fit(f"{hour:02d}:00", TIME_WIDTH),
                    style="bold" if hour == cursor.hour else "dim")
        for day, person in columns:
            selected = day == cursor.day and person == cursor.person and hour == cursor.hour
            line.append_text(_slot(cals[person], day, hour, zone, cell, selected,
                                   day == today))
            line.append("│" if person == len(cals) - 1 else " ")
        out.append_text(line)
    return out


def _day_summary(cal: EmployeeCalendar, day: dt.date, zone, width: int) -> Text:
    start = dt.datetime.combine(day, dt.time(), zone)
    end = start + dt.timedelta(days=1)
    if cal.absence_at(start, end) is not None and cal.slot_state(
            start.replace(hour=12), start.replace(hour=13)) == "out":
        return Text(_fit(f"{SYMBOLS['out']} {t('cal.out')}", width), style=STYLES["out"])
    timed = cal.entries_between(start, end)
    whole = cal.day_entries(day)
    if not timed and not whole:
        return Text(_fit(SYMBOLS["free"], width), style=STYLES["free"])
    label = f"{SYMBOLS['busy']}{len(timed) + len(whole)}"
    first = (timed or whole)[0]
    return Text(_fit(f"{label} {first.title or t('cal.busy')}", width), style=STYLES["busy"])


def draw_month(cals: list[EmployeeCalendar], anchor: dt.date, cursor: Cursor,
               zone: dt.tzinfo, width: int, today: dt.date) -> Text:
    """Weeks of the month; each day lists, per employee, how many tasks and the first."""
    cell = max(6, width // 7 - 1)
    out = Text(no_wrap=True, overflow="crop")
    line = Text()
    for weekday in range(7):
        line.append(_fit(t(f"when.weekday.{weekday}"), cell), style="bold")
        line.append("│")
    out.append_text(line)
    for week in month_weeks(anchor):
        out.append("\n")
        line = Text()
        for day in week:
            style = "bold" if day.month == anchor.month else "dim"
            if day == today:
                style += " reverse"
            line.append(_fit(f"{day.day:>2}", cell), style=style)
            line.append("│")
        out.append_text(line)
        for index, cal in enumerate(cals):
            out.append("\n")
            line = Text()
            for day in week:
                text = _day_summary(cal, day, zone, cell)
                if len(cals) > 1:
                    text = Text(_fit(cal.name[:3], 4), style="dim") + text
                    text = Text(_fit(text.plain, cell)) if cell_len(text.plain) > cell \
                        else text
                if day == cursor.day and index == cursor.person:
                    text.stylize("reverse")
                line.append_text(text)
                line.append("│")
            out.append_text(line)
    return out


def slot_entries(cal: EmployeeCalendar, view: str, cursor: Cursor,
                 zone: dt.tzinfo) -> list[CalendarEntry]:
    """What the cursor is on: the hour's tasks, or in the month view the whole day's."""
    day_start = dt.datetime.combine(cursor.day, dt.time(), zone)
    if view == "month":
        return cal.day_entries(cursor.day) + cal.entries_between(
            day_start, day_start + dt.timedelta(days=1))
    start, end = slot_bounds(cursor.day, cursor.hour, zone)
    return cal.entries_between(start, end) or cal.day_entries(cursor.day)


def legend() -> Text:
    text = Text()
    for key in ("free", "busy", "out", "all_day", "repeat"):
        style = STYLES.get(key, "")
        text.append(f"{SYMBOLS[key]} ", style=style)
        text.append(t(f"cal.legend.{key}") + "   ", style="dim")
    return text
