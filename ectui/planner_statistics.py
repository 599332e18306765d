"""Planner statistics for SQLite: what keeps its plans right as the tables grow.

Without statistics SQLite's planner takes every index for a selective one. At the size of a
sales department it then reads Today through the index on the task's level (nine tasks in ten
are operations) instead of the employee's own tasks: seconds instead of milliseconds (see
benchmarks/RESULTS.md). PostgreSQL keeps its statistics itself (autovacuum).

``refresh`` runs when a session opens: a table with rows and no statistics, or one that grew
fourfold since it was last analyzed, is analyzed again: in full, as a sample
(``analysis_limit``) takes the level of a task for a selective column. At two million tasks
that is about two seconds, once; a table that has not grown costs one lookup of its largest
rowid.
"""

from __future__ import annotations

import peewee

from ectui.db import is_sqlite

GROWTH = 4  # analyze again once a table holds this many times the rows last analyzed
SMALL = 1_000  # below this many new rows plans do not change: no need to analyze


def stale_tables(db: peewee.Database) -> list[str]:
    """Tables with indexes whose statistics are missing or far behind their size."""
    indexed = [row[0] for row in db.execute_sql(
        "SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'index' "
        "AND tbl_name NOT LIKE 'sqlite_%' ORDER BY tbl_name").fetchall()]
    known: dict[str, int] = {}
    if db.table_exists("sqlite_stat1"):
        for table, stat in db.execute_sql("SELECT tbl, stat FROM sqlite_stat1").fetchall():
            rows = int(str(stat).split()[0]) if stat else 0
            known[table] = max(known.get(table, 0), rows)
    stale = []
    for table in indexed:
        try:
            top = db.execute_sql(f'SELECT MAX(rowid) FROM "{table}"').fetchone()[0]
        except peewee.OperationalError:  # a WITHOUT ROWID table: leave it be
            continue
        if not top:
            continue  # empty: nothing to learn yet
        analyzed = known.get(table)
        if analyzed is None or top > GROWTH * analyzed + SMALL:
            stale.append(table)
    return stale


def refresh(db: peewee.Database) -> list[str]:
    """Analyze the stale tables of an SQLite database; returns their names."""
    if not is_sqlite(db):
        return []
    stale = stale_tables(db)
    for table in stale:
        db.execute_sql(f'ANALYZE "{table}"')
    return stale
