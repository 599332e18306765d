"""Time is injected: services take a Clock so reminders and lists are testable at fixed moments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo

from dateutil import tz


class Clock:
    """The real clock, in the user's local time zone."""

    def __init__(self, zone: tzinfo | None = None) -> None:
        self.zone = zone or tz.tzlocal()

    def now(self) -> datetime:
        return datetime.now(UTC).astimezone(self.zone)

    def today(self) -> date:
        return self.now().date()


@dataclass
class FixedClock(Clock):
    """A clock that stands still until moved; for tests."""

    moment: datetime
    zone: tzinfo = field(default_factory=lambda: tz.gettz("Europe/Moscow"))

    def __post_init__(self) -> None:
        if self.moment.tzinfo is None:
            self.moment = self.moment.replace(tzinfo=self.zone)

    def now(self) -> datetime:
        return self.moment.astimezone(self.zone)

    def advance(self, delta: timedelta) -> None:
        self.moment += delta
