"""Who is acting and when: passed to every service that changes data or checks rights."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ectui.clock import Clock


@dataclass(frozen=True)
class Actor:
    """The employee of this session, as plain data."""

    employee_id: int
    login: str
    name: str
    is_admin: bool = False


@dataclass(frozen=True)
class Context:
    actor: Actor
    clock: Clock = field(default_factory=Clock)

    def now(self) -> datetime:
        return self.clock.now()
