"""Working time: deadlines counted in working hours, skipping evenings, weekends and holidays.

A request step allows, say, 8 working hours: registered on Friday at 17:00 with a 9:00–18:00,
Monday–Friday calendar, it is due on Monday at 16:00. Pure functions: the moment to count
from is passed in (the caller takes it from its clock), the calendar is plain data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class WorkCalendar:
    """When the service desk works: daily hours, working weekdays (0 = Monday), days off.

    ``holidays`` are days off on working weekdays (1 January, 9 May…); ``workdays_extra`` are
    working days on a weekend (a Saturday moved to work, as the Russian calendar often does).
    """

    start: dt.time = dt.time(9, 0)
    end: dt.time = dt.time(18, 0)
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    holidays: frozenset[dt.date] = frozenset()
    workdays_extra: frozenset[dt.date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("the working day must end after it starts")
        if not self.weekdays and not self.workdays_extra:
            raise ValueError("a calendar needs at least one working day")

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.workdays_extra:
            return True
        return day.weekday() in self.weekdays and day not in self.holidays

    @property
    def minutes_per_day(self) -> int:
        return _minutes(self.end) - _minutes(self.start)


def _minutes(moment: dt.time) -> int:
    return moment.hour * 60 + moment.minute


def _at(day: dt.date, moment: dt.time, zone: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(day, moment, tzinfo=zone)


# A calendar with no working day for this long is a mistake, not a reason to loop forever.
_MAX_DAYS_SEARCHED = 3700


def _next_working_day(cal: WorkCalendar, day: dt.date) -> dt.date:
    for _ in range(_MAX_DAYS_SEARCHED):
        day += dt.timedelta(days=1)
        if cal.is_working_day(day):
            return day
    raise ValueError("the working calendar has no working day ahead")


def add_working_minutes(cal: WorkCalendar, start: dt.datetime, minutes: int) -> dt.datetime:
    """The moment ``minutes`` of working time after ``start`` (aware; its zone is the
    calendar's). Work left at the end of a day carries on at the start of the next working
    day; a deadline that falls exactly at the end of a day stays there (18:00, not 9:00)."""
    if start.tzinfo is None:
        raise ValueError("start must be timezone-aware")
    if minutes < 0:
        raise ValueError("minutes must not be negative")
    zone = start.tzinfo
    day = start.date()
    # Where working time begins: now, later today, or the next working morning.
    if not cal.is_working_day(day) or start.timetz().replace(tzinfo=None) >= cal.end:
        day = _next_working_day(cal, day)
        cursor = _at(day, cal.start, zone)
    elif start.timetz().replace(tzinfo=None) < cal.start:
        cursor = _at(day, cal.start, zone)
    else:
        cursor = start
    left = minutes
    while True:
        day_end = _at(day, cal.end, zone)
        available = int((day_end - cursor).total_seconds() // 60)
        if left <= available:
            return cursor + dt.timedelta(minutes=left)
        left -= available
        day = _next_working_day(cal, day)
        cursor = _at(day, cal.start, zone)


def add_working_hours(cal: WorkCalendar, start: dt.datetime, hours: float) -> dt.datetime:
    """``add_working_minutes`` in hours (a step's deadline is set in hours)."""
    return add_working_minutes(cal, start, round(hours * 60))


def working_minutes_between(cal: WorkCalendar, start: dt.datetime, end: dt.datetime) -> int:
    """Working minutes from ``start`` to ``end``; negative when ``end`` is earlier (time
    overdue). Both aware; counted in the zone of ``start``."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("moments must be timezone-aware")
    if end < start:
        return -working_minutes_between(cal, end.astimezone(start.tzinfo), start)
    zone = start.tzinfo
    end = end.astimezone(zone)
    total = 0
    day = start.date()
    while day <= end.date():
        if cal.is_working_day(day):
            open_at = max(_at(day, cal.start, zone), start)
            close_at = min(_at(day, cal.end, zone), end)
            if close_at > open_at:
                total += int((close_at - open_at).total_seconds() // 60)
        day += dt.timedelta(days=1)
    return total


def format_minutes(minutes: int, minutes_per_day: int) -> tuple[int, int, int]:
    """Working minutes as (working days, hours, minutes) of absolute value, for display."""
    minutes = abs(minutes)
    days, rest = divmod(minutes, minutes_per_day) if minutes_per_day else (0, minutes)
    return days, rest // 60, rest % 60
