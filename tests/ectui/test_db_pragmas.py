"""SQLite's page cache is kept small per connection: the app holds one per database thread
(ectui/db.py; benchmarks/RESULTS.md, section 5)."""

from __future__ import annotations

from ectui.db import open_database


def test_each_sqlite_connection_caches_at_most_8_mb(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    db.connect()
    try:
        kib = -db.execute_sql("PRAGMA cache_size").fetchone()[0]  # negative: KiB
    finally:
        db.close()
    assert 0 < kib <= 8_000
