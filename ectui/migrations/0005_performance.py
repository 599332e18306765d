"""Search speed at the size of a sales department (issue 9, see benchmarks/RESULTS.md).

SQLite's full-text tables get FTS5 prefix indexes of 1, 2 and 3 characters: the first
keystrokes of a search («и», «ив», «ива») read one ready list of records instead of merging
the lists of every word that starts so. PostgreSQL needs nothing: its GIN index keeps each
word once and finds a prefix's words side by side.
"""
from peewee import *

FTS_TABLES = ("organization", "contact")
TOKENIZER = "tokenize='unicode61 remove_diacritics 2'"


def up(migrator, db):
    if not isinstance(db, SqliteDatabase):
        return
    for table in FTS_TABLES:
        _rebuild_fts(db, table, ", prefix='1 2 3'")


def down(migrator, db):
    if not isinstance(db, SqliteDatabase):
        return
    for table in FTS_TABLES:
        _rebuild_fts(db, table, "")


def _rebuild_fts(db, table, prefix):
    # The triggers of 0001 name the table, not its options: they go on working.
    db.execute_sql(f"DROP TABLE {table}_fts")
    db.execute_sql(
        f"CREATE VIRTUAL TABLE {table}_fts USING fts5(search_text, content='{table}', "
        f"content_rowid='id', {TOKENIZER}{prefix})")
    db.execute_sql(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")
