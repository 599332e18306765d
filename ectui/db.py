"""One database layer, two engines: a URL chooses SQLite or PostgreSQL.

All models bind to ``database`` (a proxy) so the engine is chosen at run time.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse

import peewee
from platformdirs import user_data_path

from ectui.errors import DatabaseSetupError
from ectui.pg_driver import LazyPsycopgAdapter

database = peewee.DatabaseProxy()

SQLITE_PRAGMAS = {
    # WAL lets readers work while one writer commits; several sessions share one file.
    "journal_mode": "wal",
    "busy_timeout": 10_000,
    "foreign_keys": 1,
    "synchronous": "normal",
    # SQLite's own page cache, per connection (the UI thread and each of screens/db.py's
    # database threads hold one): 32 MB each grew the app to 250 MB at the benchmark's full
    # size; 6 MB each keeps it under 150 MB and the OS cache serves the rest of the file
    # (search per keystroke and the funnel measured the same, benchmarks/RESULTS.md).
    "cache_size": -6_000,
}


def default_database_path() -> Path:
    return user_data_path("ectui", appauthor=False) / "ectui.sqlite3"


def default_database_url() -> str:
    return f"sqlite:///{default_database_path()}"


def resolve_database_url(cli_value: str | None, environ: dict[str, str] | None = None) -> str:
    """``--db`` wins, then ``ECTUI_DB``, then the SQLite file in the user's data directory."""
    env = os.environ if environ is None else environ
    return cli_value or env.get("ECTUI_DB") or default_database_url()


def is_sqlite(db: peewee.Database | None = None) -> bool:
    db = db or database.obj
    return isinstance(db, peewee.SqliteDatabase)


def engine_name(db: peewee.Database | None = None) -> str:
    return "sqlite" if is_sqlite(db) else "postgresql"


class _Sqlite(peewee.SqliteDatabase):
    def _connect(self):
        try:
            return super()._connect()
        except sqlite3.OperationalError as exc:
            raise DatabaseSetupError(
                "db.sqlite_cannot_open", path=self.database, error=exc) from exc


class _Postgres(peewee.PostgresqlDatabase):
    # psycopg is imported when the database is opened, not with peewee (ectui/pg_driver.py).
    psycopg2_adapter = psycopg3_adapter = LazyPsycopgAdapter

    def _connect(self):
        try:
            conn = super()._connect()
        except peewee.OperationalError as exc:
            raise DatabaseSetupError("db.pg_cannot_connect", error=str(exc).strip()) from exc
        except Exception as exc:  # psycopg raises its own OperationalError subclasses
            if type(exc).__name__ in {"OperationalError", "ConnectionTimeout"}:
                raise DatabaseSetupError("db.pg_cannot_connect", error=str(exc).strip()) from exc
            raise
        _check_postgres_unicode(conn)
        return conn


def _check_postgres_unicode(conn) -> None:
    # In a database with LC_CTYPE=C, ILIKE and lower() do not fold Cyrillic: refuse it early.
    with conn.cursor() as cur:
        cur.execute("SELECT 'Ё' ILIKE 'ё', current_setting('server_encoding'), current_database()")
        folds, encoding, name = cur.fetchone()
    if not folds or encoding.upper() != "UTF8":
        conn.close()
        raise DatabaseSetupError("db.pg_not_utf8", database=name, encoding=encoding)


def open_database(url: str) -> peewee.Database:
    """Build the engine for ``url`` (sqlite:///path or postgresql://user@host/db), unconnected."""
    parsed = urlparse(url)
    scheme = parsed.scheme.lower()
    if scheme == "sqlite":
        raw = unquote(url[len("sqlite://"):])
        path = raw[1:] if raw.startswith("//") else raw  # sqlite:////abs and sqlite:///abs
        if not path or path == "/":
            raise DatabaseSetupError("db.bad_url", url=url)
        if path != ":memory:":
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
            path = str(Path(path).expanduser())
        return _Sqlite(path, pragmas=SQLITE_PRAGMAS, timeout=10, check_same_thread=False)
    if scheme in {"postgresql", "postgres"}:
        if not parsed.path.strip("/"):
            raise DatabaseSetupError("db.bad_url", url=url)
        return _Postgres(url.replace("postgres://", "postgresql://", 1))
    raise DatabaseSetupError("db.bad_url", url=url)


def bind(db: peewee.Database) -> peewee.Database:
    database.initialize(db)
    return db


@contextmanager
def write_transaction():
    """A write transaction; on SQLite it takes the write lock at once, so it never deadlocks."""
    db = database.obj
    if is_sqlite(db):
        try:
            with db.atomic("IMMEDIATE") as txn:
                yield txn
        except peewee.OperationalError as exc:
            # A shared file whose permissions changed under a running session: say which
            # file and what to fix (ectui/shared.py), not a traceback.
            if "readonly" in str(exc) or "read-only" in str(exc):
                raise DatabaseSetupError("shared.readonly_now", path=db.database, error=exc,
                                         folder=str(Path(db.database).parent)) from exc
            raise
    else:
        with db.atomic() as txn:
            yield txn
