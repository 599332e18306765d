"""Rows of another SQL database as a table to import: a query or a whole table, read through
the database's DB-API driver and turned into text like the cells of a CSV or Excel file.

The source is named by a URL: ``sqlite:///path/file.db``, ``postgresql://user:pw@host/db``
(psycopg) or ``odbc://DSN`` / ``odbc:///?DRIVER=…;SERVER=…`` (pyodbc, when installed). It is
opened read-only where the driver allows it, and only read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from ectui.errors import UserError
from ectui.exchange.tables import SourceTable, cell_text

SCHEMES = ("sqlite", "postgresql", "postgres", "odbc")
_URL = re.compile(r"^([a-z][a-z0-9+.-]*)://", re.IGNORECASE)
# A table name, possibly with its schema: clients, public.clients, "Клиенты".
_TABLE = re.compile(r'^(?:"[^"]+"|[\w$]+)(?:\.(?:"[^"]+"|[\w$]+))?$')


def is_database_url(text: str) -> bool:
    """True for text that names a database (``scheme://…``) rather than a file."""
    match = _URL.match((text or "").strip())
    return bool(match) and match.group(1).lower() in SCHEMES


def safe_url(url: str) -> str:
    """The URL as it may be shown: without its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def statement_of(query: str) -> str:
    """The SELECT to run: the query as written, or all the columns of a table named."""
    text = (query or "").strip().rstrip(";").strip()
    if not text:
        raise UserError("exchange.sql.query_required")
    if _TABLE.match(text):
        return "SELECT * FROM " + ".".join(
            part if part.startswith('"') else f'"{part}"' for part in _split_name(text))
    return text


def _split_name(text: str) -> list[str]:
    return re.findall(r'"[^"]+"|[\w$]+', text)


def _connect_sqlite(url: str):
    import sqlite3

    raw = unquote(url.split("://", 1)[1])
    path = raw[1:] if raw.startswith("//") else raw  # as ectui.db: sqlite:////abs, sqlite:///abs
    if not path or path == ":memory:":
        raise UserError("exchange.sql.no_file", url=url)
    file = Path(path).expanduser()
    if not file.is_file():
        raise UserError("exchange.sql.no_file", url=url)
    uri = file.resolve().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True)


def _connect_postgresql(url: str):
    try:
        import psycopg
    except ImportError:
        raise UserError("exchange.sql.no_driver", scheme="postgresql", package="psycopg") \
            from None
    conninfo = "postgresql://" + url.split("://", 1)[1]
    connection = psycopg.connect(conninfo, connect_timeout=10)
    connection.read_only = True
    return connection


def _connect_odbc(url: str):
    try:
        import pyodbc
    except ImportError:
        raise UserError("exchange.sql.no_driver", scheme="odbc", package="pyodbc") from None
    parts = urlsplit(url)
    if parts.netloc:
        text = f"DSN={unquote(parts.hostname or parts.netloc)}"
        if parts.username:
            text += f";UID={unquote(parts.username)}"
        if parts.password:
            text += f";PWD={unquote(parts.password)}"
    else:
        text = unquote(parts.query)
    if not text:
        raise UserError("exchange.sql.bad_url", url=safe_url(url))
    return pyodbc.connect(text, readonly=True, timeout=10)


_CONNECT: dict[str, Callable] = {"sqlite": _connect_sqlite, "postgresql": _connect_postgresql,
                                 "postgres": _connect_postgresql, "odbc": _connect_odbc}


def _text(value: object) -> str:
    if isinstance(value, bytes | bytearray | memoryview):
        data = bytes(value)
        try:
            return data.decode("utf-8").strip()
        except UnicodeDecodeError:
            return data.decode("cp1251").strip()
    return cell_text(value)


def read_query(url: str, query: str) -> SourceTable:
    """The rows a query (or a table) gives, as a table of text with the result's column
    names as headers; the rows are numbered 1, 2, … in the order the query returns them."""
    match = _URL.match((url or "").strip())
    scheme = match.group(1).lower() if match else ""
    if scheme not in _CONNECT:
        raise UserError("exchange.sql.bad_url", url=safe_url(url or ""))
    statement = statement_of(query)
    try:
        connection = _CONNECT[scheme](url.strip())
    except UserError:
        raise
    except Exception as error:  # every driver has its own errors; all mean «cannot connect»
        raise UserError("exchange.sql.cannot_connect", url=safe_url(url),
                        error=_first_line(error)) from None
    try:
        cursor = connection.cursor()
        cursor.execute(statement)
        if cursor.description is None:
            raise UserError("exchange.sql.no_rows_query")
        headers = [str(column[0] or "").strip() or f"#{n}"
                   for n, column in enumerate(cursor.description, start=1)]
        table = SourceTable("sql", headers)
        for number, values in enumerate(cursor.fetchall(), start=1):
            texts = [_text(v) for v in values]
            if any(texts):
                table.add(number, texts)
    except UserError:
        raise
    except Exception as error:
        raise UserError("exchange.sql.query_failed", error=_first_line(error)) from None
    finally:
        try:
            connection.rollback()
        finally:
            connection.close()
    if not table.rows:
        raise UserError("exchange.sql.empty")
    return table


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
