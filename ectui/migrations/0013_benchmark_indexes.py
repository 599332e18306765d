"""Task indexes for a sales department's size (issue 9, see benchmarks/RESULTS.md).

- The funnel reads, for every client, the first day each kind of operation was done: a
  million done operations at full size. The first index holds everything that query asks
  of a task, in the order it asks (client, status, level, type, finished), so it is answered
  from the index alone: 7.9 s to 1.4 s together with ``ectui.planner_statistics``.
- A client card's task tree counts and lists the client's tasks outside projects (no
  parent). Without the second index SQLite went through the "no parent" index, a million
  tasks for every card: 0.6 s to a few milliseconds.
"""
from peewee import *

INDEXES = {
    "task_organization_id_status_level_task_type_id_finished_at":
        ("organization_id", "status", "level", "task_type_id", "finished_at"),
    "task_organization_id_parent_id_level": ("organization_id", "parent_id", "level"),
}


def up(migrator, db):
    for name, columns in INDEXES.items():
        listed = ", ".join(f'"{column}"' for column in columns)
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{name}" ON "task" ({listed})')


def down(migrator, db):
    for name in INDEXES:
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
