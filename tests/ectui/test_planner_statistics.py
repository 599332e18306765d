"""SQLite's planner statistics follow the tables' growth (ectui.planner_statistics)."""

from __future__ import annotations

from ectui import planner_statistics
from ectui.session import connect


def _stat_rows(db, table: str) -> int:
    row = db.execute_sql("SELECT MAX(CAST(stat AS INTEGER)) FROM sqlite_stat1 WHERE tbl = ?",
                         (table,)).fetchone()
    return row[0] or 0


def _add_departments(db, count: int, start: int) -> None:
    db.execute_sql("INSERT INTO department (id, name) SELECT value, 'Отдел ' || value FROM "
                   "(WITH RECURSIVE n(value) AS (SELECT ? UNION ALL SELECT value + 1 FROM n "
                   "WHERE value < ?) SELECT value FROM n)", (start, start + count - 1))


def test_empty_tables_are_left_alone_and_grown_ones_analyzed(sqlite_only_url):
    db, _applied = connect(sqlite_only_url)  # connect refreshes the statistics itself
    assert planner_statistics.stale_tables(db) == []
    table = "department"
    before = _stat_rows(db, table) if db.table_exists("sqlite_stat1") else 0
    _add_departments(db, 3000, start=1_000)
    assert table in planner_statistics.stale_tables(db)
    assert table in planner_statistics.refresh(db)
    assert _stat_rows(db, table) >= 3000 > before
    # Grown a little: the plans stay, nothing is analyzed again.
    _add_departments(db, 100, start=4_000)
    assert table not in planner_statistics.refresh(db)
    db.close()


def test_postgresql_is_left_to_autovacuum(database):
    if planner_statistics.is_sqlite(database):
        return
    assert planner_statistics.refresh(database) == []
