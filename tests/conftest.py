"""Shared fixtures: every database test runs on SQLite and on a PostgreSQL the suite starts.

- ``database``: a fresh migrated database, once per engine (test ids ``[sqlite]`` and
  ``[postgresql]``); the PostgreSQL variant carries the ``postgres`` mark, so
  ``pytest -m "not postgres"`` runs the SQLite half only.
- ``sqlite_database``: a fresh migrated SQLite file, for UI tests that need one engine only.
- ``pg_server``: the session's PostgreSQL, started on first use. If it cannot start, the tests
  that need it fail when the environment variable ``CI`` is set, and are skipped otherwise.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import peewee
import pytest

_TESTS_DIR = str(Path(__file__).resolve().parent)
if _TESTS_DIR not in sys.path:  # also works under --import-mode=importlib
    sys.path.insert(0, _TESTS_DIR)

from pg_server import PostgresServer, PostgresUnavailable  # noqa: E402


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """The session's throw-away PostgreSQL server (only started if some test asks for it)."""
    server = PostgresServer()
    try:
        import psycopg  # noqa: F401

        server.start()
    except (PostgresUnavailable, ImportError) as exc:
        reason = f"PostgreSQL test server unavailable: {exc}"
        if running_in_ci():
            pytest.fail(
                reason + "\n(CI is set, so PostgreSQL tests must run, not skip)", pytrace=False
            )
        pytest.skip(reason)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, empty database: once on SQLite, once on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ectui.sqlite3'}"
        return
    server: PostgresServer = request.getfixturevalue("pg_server")
    name = server.unique_name(request.node.originalname or request.node.name)
    url = server.create_database(name)
    try:
        yield url
    finally:
        server.drop_database(name)


def _open_migrated(url: str) -> peewee.Database:
    import ectui.db
    from ectui.schema import migrate  # lazily: written alongside these fixtures

    db = ectui.db.bind(ectui.db.open_database(url))
    db.connect()
    migrate(db)
    return db


@pytest.fixture
def database(db_url: str) -> Iterator[peewee.Database]:
    """A fresh migrated database, bound to ``ectui.db.database``; once per engine."""
    db = _open_migrated(db_url)
    try:
        yield db
    finally:
        if not db.is_closed():
            db.close()


@pytest.fixture
def sqlite_only_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ectui.sqlite3'}"


@pytest.fixture
def sqlite_database(sqlite_only_url: str) -> Iterator[peewee.Database]:
    """A fresh migrated SQLite database, bound; for UI tests that need one engine only."""
    db = _open_migrated(sqlite_only_url)
    try:
        yield db
    finally:
        if not db.is_closed():
            db.close()


@pytest.fixture
def clock():
    from ectui.clock import FixedClock

    return FixedClock(datetime(2026, 11, 23, 9, 30))


@pytest.fixture(autouse=True)
def _russian_by_default() -> Iterator[None]:
    """Each test starts in Russian, and a test that switches language cannot leak it."""
    from ectui.i18n import set_language

    set_language("ru")
    yield
    set_language("ru")
