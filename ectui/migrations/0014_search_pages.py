"""Indexes for the Directory's search pages on PostgreSQL (issue 9, see benchmarks/RESULTS.md).

A page of a search walks the list's order, (sort_key, id), testing each record
(``ectui.search_page``). An employee who sees only their own clients walked everyone's
records in that order to meet theirs: 40 read for each of theirs, 45 ms for the first
thousand of 7 500 contact persons at full size. With the responsible employee first, the walk
reads theirs alone, 3 ms. SQLite searches through its full-text tables and is left as it is.
"""
from peewee import *

# Named as the engine's own search indexes: the models do not declare them (SQLite has none).
INDEXES = {
    "organization_responsible_search_idx": ("organization", ("responsible_id", "sort_key", "id")),
    "contact_responsible_search_idx": ("contact", ("responsible_id", "sort_key", "id")),
}


def up(migrator, db):
    if isinstance(db, SqliteDatabase):
        return
    for name, (table, columns) in INDEXES.items():
        listed = ", ".join(f'"{column}"' for column in columns)
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({listed})')


def down(migrator, db):
    if isinstance(db, SqliteDatabase):
        return
    for name in INDEXES:
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
