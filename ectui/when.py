"""Dates as a sales manager types them: «завтра», «+3», «пн», «15.12», «15.12.2026 14:30».

A due moment is a day, optionally with a time. A day without a time is due on that day as a
whole: it is stored as the local midnight and is overdue only from the next day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from ectui.errors import FieldError
from ectui.i18n import t
from ectui.validation import parse_date

_WORDS = {
    "сегодня": 0, "сег": 0, "today": 0,
    "завтра": 1, "зав": 1, "tomorrow": 1, "tmr": 1,
    "послезавтра": 2,
}
_WEEKDAYS = {
    **dict.fromkeys(("пн", "пон", "понедельник", "mon", "monday"), 0),
    **dict.fromkeys(("вт", "вто", "вторник", "tue", "tuesday"), 1),
    **dict.fromkeys(("ср", "сре", "среда", "среду", "wed", "wednesday"), 2),
    **dict.fromkeys(("чт", "чет", "четверг", "thu", "thursday"), 3),
    **dict.fromkeys(("пт", "пят", "пятница", "пятницу", "fri", "friday"), 4),
    **dict.fromkeys(("сб", "суб", "суббота", "субботу", "sat", "saturday"), 5),
    **dict.fromkeys(("вс", "вос", "воскресенье", "sun", "sunday"), 6),
}
_RELATIVE = re.compile(r"\+\s*(\d{1,3})\s*(д|дн|дня|дней|d|н|нед|w|м|мес|m)?")
_DAY_MONTH = re.compile(r"(\d{1,2})[./](\d{1,2})")
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})")


@dataclass(frozen=True)
class Due:
    """A due day and, when one was given, the time of day."""

    day: dt.date
    time: dt.time | None = None

    def moment(self, zone: dt.tzinfo) -> dt.datetime:
        """The aware moment to store: the time on that day, or the day's local midnight."""
        return dt.datetime.combine(self.day, self.time or dt.time(0, 0), tzinfo=zone)

    @property
    def has_time(self) -> bool:
        return self.time is not None


def parse_due(text: str | None, today: dt.date) -> Due | None:
    """What a person typed as a due date; "" → None; FieldError with the accepted forms."""
    raw = (text or "").strip()
    if not raw:
        return None
    words = raw.casefold().replace(",", " ").split()
    clock_time = None
    if len(words) > 1 and _TIME.fullmatch(words[-1]):
        clock_time = _time(words.pop())
    elif len(words) == 1 and _TIME.fullmatch(words[0]) and ":" in words[0]:
        return Due(today, _time(words[0]))  # «14:30» alone: today at that time
    day = _day(" ".join(words), today, raw)
    return Due(day, clock_time)


def _time(text: str) -> dt.time:
    match = _TIME.fullmatch(text)
    assert match is not None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise FieldError("when.bad_time", value=text)
    return dt.time(hour, minute)


def _day(text: str, today: dt.date, shown: str) -> dt.date:
    if text in _WORDS:
        return today + dt.timedelta(days=_WORDS[text])
    if text in _WEEKDAYS:
        # The next such weekday, never today: «пн» typed on a Monday means next week.
        ahead = (_WEEKDAYS[text] - today.weekday() - 1) % 7 + 1
        return today + dt.timedelta(days=ahead)
    if match := _RELATIVE.fullmatch(text):
        count, unit = int(match.group(1)), match.group(2) or "д"
        if unit in ("н", "нед", "w"):
            return today + dt.timedelta(weeks=count)
        if unit in ("м", "мес", "m"):
            return today + relativedelta(months=count)
        return today + dt.timedelta(days=count)
    if match := _DAY_MONTH.fullmatch(text):
        day, month = int(match.group(1)), int(match.group(2))
        for year in (today.year, today.year + 1):
            try:
                candidate = dt.date(year, month, day)
            except ValueError:
                raise FieldError("when.no_such_day", value=shown) from None
            if candidate >= today:  # «15.12» is the coming 15 December
                return candidate
        return candidate
    try:
        parsed = parse_date(text, today=today)
    except FieldError:
        raise FieldError("when.format", value=shown) from None
    assert parsed is not None
    return parsed


def format_due(moment: dt.datetime | None, has_time: bool, now: dt.datetime) -> str:
    """A due moment the short way a list shows it: «14:30», «завтра», «пт 27.11», «15.01.2027»."""
    if moment is None:
        return ""
    local = moment.astimezone(now.tzinfo)
    day = local.date()
    today = now.date()
    clock = f" {local:%H:%M}" if has_time else ""
    if day == today:
        return f"{local:%H:%M}" if has_time else t("when.today")
    if day == today + dt.timedelta(days=1):
        return t("when.tomorrow") + clock
    if day == today - dt.timedelta(days=1):
        return t("when.yesterday") + clock
    if abs((day - today).days) < 7:
        return f"{t(f'when.weekday.{day.weekday()}')} {day:%d.%m}{clock}"
    if day.year == today.year:
        return f"{day:%d.%m}{clock}"
    return f"{day:%d.%m.%Y}{clock}"


def format_due_input(moment: dt.datetime | None, has_time: bool, zone: dt.tzinfo) -> str:
    """A due moment as a form shows it for editing: «27.11.2026» or «27.11.2026 14:30»."""
    if moment is None:
        return ""
    local = moment.astimezone(zone)
    return f"{local:%d.%m.%Y %H:%M}" if has_time else f"{local:%d.%m.%Y}"


def start_of_day(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=zone)
