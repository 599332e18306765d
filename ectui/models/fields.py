"""Column types shared by the models."""

from __future__ import annotations

from datetime import UTC, datetime

import peewee


class UtcDateTimeField(peewee.DateTimeField):
    """A moment in time: stored as naive UTC on both engines, always read back timezone-aware."""

    def db_value(self, value):
        if isinstance(value, datetime):
            if value.tzinfo is None:
                raise ValueError("naive datetime given to a UtcDateTimeField; pass an aware one")
            value = value.astimezone(UTC).replace(tzinfo=None)
        return super().db_value(value)

    def python_value(self, value):
        value = super().python_value(value)
        if isinstance(value, datetime):
            return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value
