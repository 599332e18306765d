"""iCalendar (.ics): tasks as calendar events that Outlook, Thunderbird and phones show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

PRODID = "-//ectui//Express-Contact for the terminal//RU"
DEFAULT_LENGTH = dt.timedelta(hours=1)


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    description: str
    # A whole day (a task due on a day) or a moment (a meeting at 14:00), never both.
    day: dt.date | None
    start: dt.datetime | None
    end: dt.datetime | None
    stamp: dt.datetime
    modified: dt.datetime | None = None
    categories: tuple[str, ...] = ()
    priority: int = 0           # 1 high … 9 low; 0 undefined
    status: str = "CONFIRMED"
    alarms: tuple[int, ...] = ()  # minutes before the start
    location: str = ""


def calendar_bytes(events: Iterable[CalendarEvent], name: str) -> tuple[bytes, int]:
    """The .ics text of the events and how many there are."""
    from icalendar import Alarm, Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    count = 0
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("summary", item.summary)
        if item.description:
            event.add("description", item.description)
        if item.location:
            event.add("location", item.location)
        if item.day is not None:
            event.add("dtstart", item.day)
            event.add("dtend", item.day + dt.timedelta(days=1))
        else:
            event.add("dtstart", item.start.astimezone(dt.UTC))
            event.add("dtend", (item.end or item.start + DEFAULT_LENGTH).astimezone(dt.UTC))
        event.add("dtstamp", item.stamp.astimezone(dt.UTC))
        if item.modified is not None:
            event.add("last-modified", item.modified.astimezone(dt.UTC))
        if item.categories:
            event.add("categories", list(item.categories))
        if item.priority:
            event.add("priority", item.priority)
        event.add("status", item.status)
        for minutes in item.alarms:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", item.summary)
            alarm.add("trigger", dt.timedelta(minutes=-minutes))
            event.add_component(alarm)
        calendar.add_component(event)
        count += 1
    return calendar.to_ical(), count
