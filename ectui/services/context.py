"""Who is acting and when: passed to every service that changes data or checks rights."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ectui.clock import Clock


@dataclass(frozen=True)
class Actor:
    """The employee of this session, as plain data, with the rights of their role.

    ``scopes`` holds ``(action, scope)`` pairs loaded from the role at session start (see
    ``ectui.services.access``); None means "derived from ``is_admin``": everything for an
    administrator, nothing otherwise — what a hand-built Actor in a test gets.
    ``department_ids`` are the departments whose records "department" scope reaches: the
    employee's own, those they head, and all their sub-departments.
    """

    employee_id: int
    login: str
    name: str
    is_admin: bool = False
    role: str = ""
    scopes: tuple[tuple[str, str], ...] | None = None
    department_ids: frozenset[int] = frozenset()

    def scope(self, action: str) -> str:
        """How far ``action`` reaches for this employee: none, own, department or all."""
        if self.scopes is None:
            return "all" if self.is_admin else "none"
        return dict(self.scopes).get(action, "none")


@dataclass(frozen=True)
class Context:
    actor: Actor
    clock: Clock = field(default_factory=Clock)
    # The session that acts, written into the change log so a session skips its own changes.
    origin: str = ""

    def now(self) -> datetime:
        return self.clock.now()
