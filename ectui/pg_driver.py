"""psycopg, imported only when a PostgreSQL database is opened.

peewee (and playhouse.migrations, through playhouse.postgres_ext) import the PostgreSQL
driver as they are imported themselves, even for a SQLite file: psycopg 3 costs 0.15–0.3 s of
CPU, a third of the app's start-up (benchmarks/RESULTS.md). So ectui imports them here with
the drivers hidden, and its PostgreSQL database (ectui.db) uses `LazyPsycopgAdapter`, which
imports psycopg as the first connection opens. If something imported peewee before ectui,
the driver is already loaded and nothing changes.
"""

from __future__ import annotations

import sys

_DRIVERS = ("psycopg", "psycopg2", "psycopg2cffi")


def _import_peewee_without_drivers() -> None:
    if "peewee" in sys.modules and "playhouse.migrations" in sys.modules:
        return
    hidden = [name for name in _DRIVERS if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # `import psycopg` raises ImportError: peewee skips it
    try:
        import peewee  # noqa: F401
        import playhouse.migrations  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name, ...) is None:
                del sys.modules[name]


_import_peewee_without_drivers()  # before any other module of ectui imports peewee

import peewee  # noqa: E402


class LazyPsycopgAdapter(peewee.Psycopg3Adapter):
    """peewee's psycopg 3 adapter, taking the driver from an import made on first use
    rather than from peewee's module, which may have been imported without it."""

    def __init__(self) -> None:
        super().__init__()
        import psycopg
        from psycopg.pq import TransactionStatus
        from psycopg.types.json import Json, Jsonb

        self._psycopg = psycopg
        self.json_type, self.jsonb_type = Json, Jsonb
        self.txn_idle = TransactionStatus.IDLE
        self.txn_inerror = TransactionStatus.INERROR
        self.txn_unknown = TransactionStatus.UNKNOWN
        self._txn_intrans = TransactionStatus.INTRANS

    def check_driver(self) -> None:
        pass  # imported in __init__, or it raised ImportError there

    def get_binary_type(self):
        return self._psycopg.Binary

    def connect(self, db, **params):
        if db._encoding:
            params.setdefault("client_encoding", db._encoding)
        if db.database.startswith("postgresql://"):
            params.setdefault("conninfo", db.database)
        else:
            params.setdefault("dbname", db.database)
        return self._psycopg.connect(**params)

    def server_side_cursor(self, conn):
        import uuid

        in_txn = self.txn_status(conn) == self._txn_intrans
        return conn.cursor(name=str(uuid.uuid1()), withhold=not in_txn)
