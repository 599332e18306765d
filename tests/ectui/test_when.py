"""Dates as a manager types them, read on Monday 23.11.2026."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil import tz

from ectui.errors import FieldError
from ectui.i18n import set_language
from ectui.when import Due, format_due, parse_due

TODAY = dt.date(2026, 11, 23)  # a Monday
MSK = tz.gettz("Europe/Moscow")
NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=MSK)


@pytest.mark.parametrize(("typed", "day", "time"), [
    ("сегодня", dt.date(2026, 11, 23), None),
    ("завтра", dt.date(2026, 11, 24), None),
    ("Завтра 14:30", dt.date(2026, 11, 24), dt.time(14, 30)),
    ("tomorrow", dt.date(2026, 11, 24), None),
    ("послезавтра", dt.date(2026, 11, 25), None),
    ("+3", dt.date(2026, 11, 26), None),
    ("+ 3", dt.date(2026, 11, 26), None),
    ("+2н", dt.date(2026, 12, 7), None),
    ("+1м", dt.date(2026, 12, 23), None),
    ("пн", dt.date(2026, 11, 30), None),  # typed on a Monday: next week's
    ("пт 11:00", dt.date(2026, 11, 27), dt.time(11, 0)),
    ("fri", dt.date(2026, 11, 27), None),
    ("15.12", dt.date(2026, 12, 15), None),
    ("01.02", dt.date(2027, 2, 1), None),  # the coming 1 February
    ("15.12.2026 9:05", dt.date(2026, 12, 15), dt.time(9, 5)),
    ("2026-12-15", dt.date(2026, 12, 15), None),
    ("16:00", dt.date(2026, 11, 23), dt.time(16, 0)),
])
def test_typed_dates(typed, day, time):
    assert parse_due(typed, TODAY) == Due(day, time)


@pytest.mark.parametrize("typed", ["когда-нибудь", "32.13", "31.02", "завтра 25:00", "+"])
def test_bad_dates_say_what_is_accepted(typed):
    with pytest.raises(FieldError) as error:
        parse_due(typed, TODAY)
    assert error.value.key.startswith("when.")


def test_empty_is_no_date():
    assert parse_due("  ", TODAY) is None


def test_short_display():
    def at(day: int, hour: int = 0) -> dt.datetime:
        return dt.datetime(2026, 11, day, hour, tzinfo=MSK)

    assert format_due(at(23, 14), True, NOW) == "14:00"
    assert format_due(at(23), False, NOW) == "сегодня"
    assert format_due(at(24, 10), True, NOW) == "завтра 10:00"
    assert format_due(at(27), False, NOW) == "пт 27.11"
    assert format_due(dt.datetime(2027, 1, 15, tzinfo=MSK), False, NOW) == "15.01.2027"
    set_language("en")
    assert format_due(at(24), False, NOW) == "tomorrow"
