"""Versioned migrations: the only way the schema is created or upgraded."""

from __future__ import annotations

from pathlib import Path

import peewee
from playhouse.migrations import Runner

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def _runner(db: peewee.Database) -> Runner:
    return Runner(db, directory=str(MIGRATIONS_DIR), table_name="schema_migration")


def pending_migrations(db: peewee.Database) -> list[str]:
    """Names of migrations not yet applied to ``db``."""
    return [m.name for m in _runner(db).status() if m.path is not None and not m.applied]


def migrate(db: peewee.Database) -> list[str]:
    """Apply every pending migration in order; returns the names applied."""
    return _runner(db).up()
