"""Opening a working session: the database, its schema, and who is working."""

from __future__ import annotations

import getpass
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import peewee

from ectui.clock import Clock
from ectui.db import bind, is_sqlite, open_database
from ectui.errors import DatabaseSetupError, UserError
from ectui.planner_statistics import refresh as refresh_planner_statistics
from ectui.schema import migrate, pending_migrations
from ectui.services import employees
from ectui.services.context import Actor, Context
from ectui.shared import check_writable


@dataclass
class Session:
    url: str
    db: peewee.Database
    context: Context
    migrated: list[str]

    @property
    def actor(self) -> Actor:
        return self.context.actor


def os_login() -> str:
    """The operating-system login of this process: the SSH user on a shared server."""
    return getpass.getuser()


def connect(url: str) -> tuple[peewee.Database, list[str]]:
    """Open the database at ``url``, upgrading its schema when it is behind.

    A shared SQLite file this login cannot write is refused here, with the file and the fix
    named (``ectui.shared``), rather than at the first save.
    """
    try:
        engine = open_database(url)
    except PermissionError as error:  # the folder of a new file cannot be created
        raise DatabaseSetupError("db.sqlite_cannot_open", path=error.filename,
                                 error=error.strerror) from error
    if is_sqlite(engine) and engine.database != ":memory:":
        check_writable(Path(engine.database))
    db = bind(engine)
    db.connect(reuse_if_open=True)
    applied = migrate(db) if pending_migrations(db) else []
    refresh_planner_statistics(db)  # SQLite's plans at millions of tasks need them
    return db, applied


def _actor(login: str):
    actor = employees.actor_for_login(login)
    if actor is None:
        if employees.login_is_inactive(login):
            raise UserError("session.deactivated", login=login)
        raise UserError("session.unknown_login", login=login)
    return actor


def new_origin() -> str:
    """A token naming this session in the change log, so it skips its own changes."""
    return f"{os.getpid()}-{secrets.token_hex(4)}"


def open_session(url: str, *, user: str | None = None, clock: Clock | None = None,
                 login: str | None = None) -> Session:
    """Connect, migrate, and find the employee of this login (the first one becomes admin).

    ``user`` (the ``--user`` switch) works as another employee: administrators only, for
    setting up and for support.
    """
    clock = clock or Clock()
    login = login or os_login()
    db, applied = connect(url)
    if not employees.has_employees():
        employees.create_employee(None, login, login, position="", is_admin=True, now=clock.now())
    actor = _actor(login)
    if user and user != login:
        if not actor.is_admin:
            raise UserError("session.user_switch_admin_only")
        actor = _actor(user)
    if not actor.role:
        raise UserError("role.none_assigned", login=actor.login)
    return Session(url, db, Context(actor, clock, new_origin()), applied)


def reload_actor(session: Session) -> Actor | None:
    """The session's employee with their current rights; None once they were deactivated."""
    return employees.actor_for_login(session.actor.login)
