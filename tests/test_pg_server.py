"""The test PostgreSQL server works, and ectui opens (or refuses) databases as it should."""

from __future__ import annotations

import pytest
from pg_server import PostgresServer, free_port

from ectui.db import open_database
from ectui.errors import DatabaseSetupError


@pytest.mark.postgres
def test_utf8_database_folds_cyrillic_case(pg_server: PostgresServer) -> None:
    name = pg_server.unique_name("cyrillic")
    url = pg_server.create_database(name)
    db = open_database(url)
    db.connect()  # passes ectui's own 'Ё' ILIKE 'ё' check
    try:
        # Through peewee on psycopg 3 a literal % must be doubled (execute_sql always passes
        # parameters); a lone % before a Cyrillic letter even crashes with UnicodeDecodeError.
        row = db.execute_sql(
            "SELECT 'Ромашка' ILIKE '%%РОМ%%', lower('ЁЛКА'), "
            "current_setting('server_encoding'), current_setting('lc_ctype')"
        ).fetchone()
        with pg_server.connect(name) as conn:  # plain psycopg, no parameters: % as written
            assert conn.execute("SELECT 'Ромашка' ILIKE '%РОМ%'").fetchone() == (True,)
    finally:
        db.close()
        pg_server.drop_database(name)
    assert row == (True, "ёлка", "UTF8", "C.UTF-8")


@pytest.mark.postgres
def test_c_locale_database_is_refused_by_name(pg_server: PostgresServer) -> None:
    name = pg_server.unique_name("c_locale")
    url = pg_server.create_database(name, ctype="C")
    db = open_database(url)
    try:
        with pytest.raises(DatabaseSetupError) as caught:
            db.connect()
        assert caught.value.key == "db.pg_not_utf8"
        assert name in str(caught.value)
        assert db.is_closed()
    finally:
        pg_server.drop_database(name)


@pytest.mark.postgres
def test_missing_database_is_a_setup_error(pg_server: PostgresServer) -> None:
    db = open_database(pg_server.url("no_such_database"))
    with pytest.raises(DatabaseSetupError) as caught:
        db.connect()
    assert caught.value.key == "db.pg_cannot_connect"
    assert "no_such_database" in str(caught.value)


def test_unreachable_server_is_a_setup_error() -> None:
    db = open_database(f"postgresql://ectui_test@127.0.0.1:{free_port()}/ectui")
    with pytest.raises(DatabaseSetupError) as caught:
        db.connect()
    assert caught.value.key == "db.pg_cannot_connect"


@pytest.mark.parametrize(
    "url",
    [
        "mysql://user@host/db",
        "ectui.sqlite3",
        "sqlite://",
        "sqlite:///",
        "postgresql://user@127.0.0.1:5432",
        "postgresql://user@127.0.0.1:5432/",
    ],
)
def test_bad_url_is_a_setup_error(url: str) -> None:
    with pytest.raises(DatabaseSetupError) as caught:
        open_database(url)
    assert caught.value.key == "db.bad_url"
    assert url in str(caught.value)


def test_sqlite_pragmas(tmp_path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'sub' / 'ectui.sqlite3'}")
    db.connect()
    try:
        pragma = lambda name: db.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") >= 5000
    finally:
        db.close()
    assert (tmp_path / "sub" / "ectui.sqlite3").exists()


def test_db_url_gives_a_fresh_working_database(db_url: str) -> None:
    """The ``db_url`` fixture itself: empty, writable, and Cyrillic-capable on both engines."""
    db = open_database(db_url)
    db.connect()
    try:
        assert db.get_tables() == []
        db.execute_sql("CREATE TABLE probe (name TEXT)")
        db.execute_sql("INSERT INTO probe (name) VALUES ('Ёжиков')")
        assert db.execute_sql("SELECT name FROM probe").fetchone() == ("Ёжиков",)
    finally:
        db.close()


@pytest.mark.postgres
def test_server_identity(pg_server: PostgresServer) -> None:
    """The server listens on loopback only, as the test superuser, on UTF-8."""
    with pg_server.connect() as conn:
        user, addr, encoding = conn.execute(
            "SELECT current_user, inet_server_addr()::text, current_setting('server_encoding')"
        ).fetchone()
        fsync = conn.execute("SHOW fsync").fetchone()[0]
    assert (user, addr, encoding, fsync) == ("ectui_test", "127.0.0.1/32", "UTF8", "off")
