"""Opening a working session: the database, its schema, and who is working."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

import peewee

from ectui.clock import Clock
from ectui.db import bind, open_database
from ectui.errors import UserError
from ectui.schema import migrate, pending_migrations
from ectui.services import employees
from ectui.services.context import Actor, Context


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
    """Open the database at ``url``, upgrading its schema when it is behind."""
    db = bind(open_database(url))
    db.connect(reuse_if_open=True)
    applied = migrate(db) if pending_migrations(db) else []
    return db, applied


def open_session(url: str, *, user: str | None = None, clock: Clock | None = None,
                 login: str | None = None) -> Session:
    """Connect, migrate, and find the employee of this login (the first one becomes admin)."""
    clock = clock or Clock()
    login = login or os_login()
    db, applied = connect(url)
    if not employees.has_employees():
        employees.create_employee(None, login, login, position="", is_admin=True, now=clock.now())
    actor = employees.actor_for_login(login)
    if actor is None:
        raise UserError("session.unknown_login", login=login)
    if user and user != login:
        if not actor.is_admin:
            raise UserError("session.user_switch_admin_only")
        actor = employees.actor_for_login(user)
        if actor is None:
            raise UserError("session.unknown_login", login=user)
    return Session(url, db, Context(actor, clock), applied)
