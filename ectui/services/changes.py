"""The change log: every write leaves a row, so other sessions learn of it within seconds.

Services call ``note(ctx, table, record_id, action)`` inside their write transaction. A
session remembers the last id it saw and asks ``changes_since(last_id)``; on PostgreSQL a
NOTIFY on channel ``CHANNEL`` (sent at commit) wakes listeners at once, on SQLite the poll is
a cheap primary-key range read. Old rows are pruned by ``prune``.

PostgreSQL hands out ids before commit, so a slow transaction can commit an id lower than one
already seen; ``changes_since`` therefore re-reads a window below the last id and the caller
drops ids it has seen (``ChangeCursor`` does both).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from peewee import fn

from ectui.db import database, is_sqlite
from ectui.models import ChangeLog
from ectui.services.context import Context

CHANNEL = "ectui_changes"
RELOOK = 200
"""How many ids below the last seen one are read again (PostgreSQL's out-of-order commits)."""


@dataclass(frozen=True)
class Change:
    id: int
    table: str
    record_id: int
    action: str
    origin: str


def note(ctx: Context, table: str, record_id: int, action: str) -> None:
    """Record that ``table``/``record_id`` was written; call inside the write transaction."""
    ChangeLog.insert(table_name=table, record_id=record_id, action=action, origin=ctx.origin,
                     at=ctx.now()).execute()
    if not is_sqlite():
        # Delivered when the transaction commits, and only then: listeners never see a
        # change that was rolled back.
        database.execute_sql("SELECT pg_notify(%s, %s)", (CHANNEL, f"{table}:{record_id}"))


def latest_change_id() -> int:
    """The id of the newest change; a new session starts watching from here."""
    return ChangeLog.select(ChangeLog.id).order_by(ChangeLog.id.desc()).limit(1).scalar() or 0


def write_mark() -> tuple[int, int]:
    """Where the change log stands, for what must be forgotten once anything is written: the
    newest id, and how many rows lie in the window below it where PostgreSQL may still
    commit ids it handed out earlier (``RELOOK``)."""
    newest = latest_change_id()
    recent = (ChangeLog.select(fn.COUNT(ChangeLog.id))
              .where(ChangeLog.id > newest - RELOOK).scalar())
    return newest, recent


def changes_since(last_id: int, limit: int = 1000) -> list[Change]:
    """Changes with ids above ``last_id - RELOOK``, oldest first."""
    query = (ChangeLog.select().where(ChangeLog.id > max(0, last_id - RELOOK))
             .order_by(ChangeLog.id).limit(limit))
    return [Change(row.id, row.table_name, row.record_id, row.action, row.origin)
            for row in query]


def prune(now: datetime, keep: timedelta = timedelta(days=2)) -> int:
    """Forget changes older than ``keep``; sessions only ever look seconds back."""
    return ChangeLog.delete().where(ChangeLog.at < now - keep).execute()


@dataclass
class ChangeCursor:
    """Where one session is in the change log, and which ids near that point it has seen."""

    origin: str
    last_id: int = 0
    seen: set[int] = field(default_factory=set)

    def start(self) -> None:
        """Watch from now on: what is already in the log is not news."""
        self.last_id = latest_change_id()
        self.seen = {c.id for c in changes_since(self.last_id)}

    def fetch(self) -> list[Change]:
        """New changes made by other sessions; marks them seen."""
        fresh = [c for c in changes_since(self.last_id) if c.id not in self.seen]
        for change in fresh:
            self.seen.add(change.id)
            self.last_id = max(self.last_id, change.id)
        floor = self.last_id - RELOOK
        self.seen = {i for i in self.seen if i > floor}
        return [c for c in fresh if not (c.origin and c.origin == self.origin)]


def listen_for_changes(db, stop: threading.Event, wake: Callable[[], None],
                       timeout: float = 2.0) -> None:
    """PostgreSQL only: call ``wake()`` whenever a change is committed, until ``stop`` is set.

    Runs on its own thread with its own autocommit connection (LISTEN needs one that is not
    inside a transaction). A lost connection is retried every few seconds; meanwhile the
    session's poll still finds the changes, only later.
    """
    while not stop.is_set():
        try:
            conn = db._connect()
        except Exception:
            stop.wait(5.0)
            continue
        try:
            conn.autocommit = True
            conn.execute(f"LISTEN {CHANNEL}")
            while not stop.is_set():
                if any(True for _ in conn.notifies(timeout=timeout)):
                    wake()
        except Exception:
            stop.wait(5.0)
        finally:
            try:
                conn.close()
            except Exception:
                pass
