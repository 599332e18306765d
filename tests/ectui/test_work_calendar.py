"""Deadlines in working time: evenings, weekends, holidays and moved working days."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil import tz

from ectui.work_calendar import (
    WorkCalendar,
    add_working_hours,
    add_working_minutes,
    format_minutes,
    working_minutes_between,
)

MSK = tz.gettz("Europe/Moscow")
CAL = WorkCalendar()  # 9:00–18:00, Monday to Friday


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=MSK)  # 23.11.2026 is a Monday


def test_within_one_working_day():
    assert add_working_hours(CAL, at(23, 10), 4) == at(23, 14)


def test_a_deadline_at_the_end_of_the_day_stays_there():
    assert add_working_hours(CAL, at(23, 10), 8) == at(23, 18)


def test_the_evening_carries_over_to_the_next_morning():
    assert add_working_hours(CAL, at(23, 17), 2) == at(24, 10)


def test_registered_in_the_evening_starts_counting_next_morning():
    assert add_working_hours(CAL, at(23, 20, 30), 1) == at(24, 10)


def test_registered_before_opening_counts_from_opening():
    assert add_working_hours(CAL, at(23, 7), 1) == at(23, 10)


def test_friday_evening_crosses_the_weekend():
    assert add_working_hours(CAL, at(27, 17), 8) == at(30, 16)


def test_registered_on_saturday_counts_from_monday():
    assert add_working_hours(CAL, at(28, 12), 3) == at(30, 12)


def test_holidays_are_skipped():
    cal = WorkCalendar(holidays=frozenset({dt.date(2026, 11, 24), dt.date(2026, 11, 25)}))
    assert add_working_hours(cal, at(23, 17), 2) == at(26, 10)


def test_a_working_saturday_counts():
    cal = WorkCalendar(workdays_extra=frozenset({dt.date(2026, 11, 28)}))
    assert add_working_hours(cal, at(27, 17), 8) == at(28, 16)


def test_several_days_and_new_year_holidays():
    cal = WorkCalendar(holidays=frozenset(dt.date(2027, 1, d) for d in range(1, 9)))
    # 31.12.2026 (Thursday) 17:00 + 10 h: 1 h on Thursday, Friday 01.01 and 4–8.01 are days
    # off, then 9 h on Monday 11.01 would end the day: 18:00 on 11.01.
    assert add_working_hours(cal, at(31, 17, month=12), 10) == dt.datetime(
        2027, 1, 11, 18, 0, tzinfo=MSK)


def test_other_hours():
    cal = WorkCalendar(start=dt.time(8, 30), end=dt.time(17, 15))
    assert add_working_minutes(cal, at(23, 17), 30) == at(24, 8, 45)


def test_zero_hours_is_now_or_the_next_opening():
    assert add_working_hours(CAL, at(23, 11), 0) == at(23, 11)
    assert add_working_hours(CAL, at(28, 11), 0) == at(30, 9)


def test_minutes_between_skip_nights_and_weekends():
    assert working_minutes_between(CAL, at(27, 17), at(30, 10)) == 120
    assert working_minutes_between(CAL, at(30, 10), at(27, 17)) == -120
    assert working_minutes_between(CAL, at(28, 10), at(29, 10)) == 0


def test_minutes_between_is_the_inverse_of_adding():
    for start in (at(23, 8), at(23, 12, 15), at(27, 17, 59), at(28, 3)):
        for minutes in (0, 1, 59, 540, 541, 2000):
            end = add_working_minutes(CAL, start, minutes)
            assert working_minutes_between(CAL, start, end) == minutes


def test_bad_calendars_and_inputs_are_refused():
    with pytest.raises(ValueError):
        WorkCalendar(start=dt.time(18), end=dt.time(9))
    with pytest.raises(ValueError):
        WorkCalendar(weekdays=frozenset())
    with pytest.raises(ValueError):
        add_working_minutes(CAL, dt.datetime(2026, 11, 23, 10), 5)
    with pytest.raises(ValueError):
        add_working_minutes(CAL, at(23, 10), -5)


def test_format_minutes():
    assert format_minutes(-(540 + 135), 540) == (1, 2, 15)
