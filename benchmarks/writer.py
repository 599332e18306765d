"""Bulk writes of generated rows into one or more databases at once.

The same rows go into every database given (an SQLite file and a PostgreSQL database), so
the two engines are measured on identical data and the rows are generated only once.
Values go through each field's ``db_value`` (as peewee would convert them) but the
statements are the driver's own: ``executemany`` on SQLite, COPY on PostgreSQL. Building
peewee's multi-row INSERTs cost ten times more than executing them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import peewee

from ectui.db import bind, database, is_sqlite, write_transaction

T = TypeVar("T")


class Writer:
    """Inserts rows with explicit ids, one transaction per call and database."""

    def __init__(self, databases: Sequence[peewee.Database]) -> None:
        self.databases = list(databases)
        self.counts: dict[str, int] = {}

    def insert(self, model: type[peewee.Model], fields: Sequence[peewee.Field],
               rows: Iterable[Sequence[object]]) -> None:
        rows = list(rows)
        if not rows:
            return
        columns, converted = _database_rows(model, fields, rows)
        table = model._meta.table_name
        names = ", ".join(f'"{column}"' for column in columns)
        for db in self.databases:
            bind(db)
            with write_transaction():
                if is_sqlite(db):
                    placeholders = ", ".join("?" * len(columns))
                    db.connection().executemany(
                        f'INSERT INTO "{table}" ({names}) VALUES ({placeholders})', converted)
                else:
                    with db.connection().cursor() as cursor:
                        with cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                            for row in converted:
                                copy.write_row(row)
        self.counts[table] = self.counts.get(table, 0) + len(rows)

    def read(self, query: Callable[[], T]) -> T:
        """``query``'s answer in the first database; they all hold the same rows."""
        bind(self.databases[0])
        return query()

    def run(self, work: Callable[[], object]) -> None:
        """Run ``work`` (queries through the models) once in each database, in a transaction."""
        for db in self.databases:
            bind(db)
            with write_transaction():
                work()

    def finish(self, models: Sequence[type[peewee.Model]]) -> None:
        """Move PostgreSQL's id sequences past the explicit ids, so the app can insert."""
        for db in self.databases:
            bind(db)
            if is_sqlite(db):
                continue  # SQLite takes max(rowid) + 1 by itself
            for model in models:
                pk = model._meta.primary_key
                if not isinstance(pk, peewee.AutoField):
                    continue
                table = model._meta.table_name
                database.execute_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', '{pk.column_name}'), "
                    f"COALESCE((SELECT MAX({pk.column_name}) FROM {table}), 0) + 1, false)")


def _database_rows(model: type[peewee.Model], fields: Sequence[peewee.Field],
                   rows: list[Sequence[object]]) -> tuple[list[str], list[list[object]]]:
    """Column names and rows as the driver takes them, with the model's defaults added."""
    # Model defaults live in Python, not in the schema: add the columns peewee would fill.
    given = {field.name for field in fields}
    defaults = [field for field in model._meta.sorted_fields
                if field.name not in given and field.default is not None]
    columns = [field.column_name for field in [*fields, *defaults]]
    converters = [field.db_value for field in fields]
    tail = [field.db_value(field.default() if callable(field.default) else field.default)
            for field in defaults]
    converted = [[convert(value) for convert, value in zip(converters, row, strict=True)] + tail
                 for row in rows]
    return columns, converted
