"""What the database alone costs: the services' own SQL, replayed on a bare DB-API cursor.

A service call is run once with its statements recorded; the floor is the time to execute
exactly those statements (same SQL, same parameters) and fetch every row, with no ORM, no
threads and no UI. Timing the service call itself in this process gives the middle layer
(SQL + peewee + building the dataclasses).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

import peewee

from ectui.db import database


@dataclass(frozen=True)
class Statement:
    sql: str
    params: tuple


@contextmanager
def recording(db: peewee.Database):
    """Record every statement ``db`` executes inside the block."""
    statements: list[Statement] = []
    original = db.execute_sql

    def execute_sql(sql, params=None, *args, **kwargs):
        statements.append(Statement(sql, tuple(params or ())))
        return original(sql, params, *args, **kwargs)

    db.execute_sql = execute_sql
    try:
        yield statements
    finally:
        del db.execute_sql  # back to the class's method


def statements_of(work: Callable[[], object]) -> list[Statement]:
    """The SQL a service call runs."""
    with recording(database.obj) as statements:
        work()
    return statements


def replay(statements: list[Statement]) -> float:
    """Seconds to execute ``statements`` on a raw cursor and fetch all their rows."""
    connection = database.obj.connection()
    began = time.perf_counter()
    for statement in statements:
        cursor = connection.cursor()
        cursor.execute(statement.sql, statement.params)
        cursor.fetchall()
        cursor.close()
    return time.perf_counter() - began


def timed(work: Callable[[], object], repeat: int = 3) -> float:
    """The median seconds of ``repeat`` calls of ``work`` (after one unmeasured call)."""
    work()
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        samples.append(time.perf_counter() - began)
    return statistics.median(samples)


def raw_time(work: Callable[[], object], repeat: int = 3) -> float:
    """The median seconds of the raw replay of ``work``'s statements."""
    statements = statements_of(work)
    replay(statements)
    return statistics.median(replay(statements) for _ in range(repeat))
