"""Growing up: copy a whole base between SQLite and PostgreSQL, back it up, restore it.

``copy_database`` copies every table of ``ALL_MODELS`` (tables other areas add later too) row
by row through the models' own conversions, in one transaction on the target, from one
consistent snapshot of the source; then compares row counts and checksums table by table.
The target is migrated first; a target that already holds a client base is refused by copy
(restore replaces it, after the person confirmed). On PostgreSQL the id sequences are moved
past the copied ids; on SQLite the search index is rebuilt.

``backup`` writes a consistent SQLite file while others keep working: SQLite's online backup
API for an SQLite base; for PostgreSQL a logical copy through ``copy_database`` into a new
SQLite file (inside one REPEATABLE READ snapshot). ``restore`` copies a backup file into a
base (SQLite or PostgreSQL), migrating a copy of it first if it is older than the program.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import peewee

from ectui.db import open_database
from ectui.errors import DatabaseSetupError, UserError
from ectui.i18n import t
from ectui.models import ALL_MODELS, Contact, Employee, Organization
from ectui.schema import migrate, pending_migrations

BATCH = 500
FTS_TABLES = ("organization_fts", "contact_fts")


@dataclass(frozen=True)
class TableReport:
    table: str
    rows: int
    checksum: str


@dataclass
class TransferReport:
    """What was copied, table by table, with the verification that both sides agree."""

    source: str
    target: str
    tables: list[TableReport] = field(default_factory=list)
    kind: str = "copy"  # copy, backup, restore
    # How the result was checked: "checksums" (compared with the source, table by table) or
    # "integrity" (a page-by-page SQLite backup, checked by PRAGMA integrity_check).
    checked_by: str = "checksums"

    @property
    def rows(self) -> int:
        return sum(table.rows for table in self.tables)

    def count(self, table: str) -> int:
        return next((r.rows for r in self.tables if r.table == table), 0)

    def summary(self) -> str:
        lines = [t(f"transfer.done.{self.kind}", source=_safe_url(self.source),
                   target=_safe_url(self.target)),
                 t("transfer.counts", orgs=self.count("organization"),
                   contacts=self.count("contact"), employees=self.count("employee"),
                   tables=len(self.tables), rows=self.rows),
                 t(f"transfer.verified.{self.checked_by}")]
        return "\n".join(lines)


def _safe_url(url: str) -> str:
    """The URL without a password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}@{host}"
    return url


# ---- values and checksums -------------------------------------------------------------------

def _norm(value: object) -> str:
    """One text per value, equal on both engines for equal data."""
    if value is None:
        return "\x00"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return str(value)


def _fields(model: type[peewee.Model]) -> list[peewee.Field]:
    return list(model._meta.sorted_fields)


def _order(model: type[peewee.Model]):
    pk = model._meta.primary_key
    return list(pk.field_names) if isinstance(pk, peewee.CompositeKey) else [pk]


def _rows(db: peewee.Database, model: type[peewee.Model]) -> Iterator[list[object]]:
    """Every row of ``model`` in ``db``, as Python values, in primary-key order."""
    fields = _fields(model)
    query = model.select(*fields).order_by(*_order(model))
    cursor = db.execute(query)
    while True:
        chunk = cursor.fetchmany(BATCH)
        if not chunk:
            return
        for raw in chunk:
            yield [f.python_value(v) for f, v in zip(fields, raw, strict=True)]


def table_digest(db: peewee.Database, model: type[peewee.Model]) -> TableReport:
    """Row count and checksum of one table."""
    digest = hashlib.sha256()
    count = 0
    for row in _rows(db, model):
        digest.update("\x1f".join(_norm(v) for v in row).encode("utf-8"))
        digest.update(b"\x1e")
        count += 1
    return TableReport(model._meta.table_name, count, digest.hexdigest())


# ---- copying --------------------------------------------------------------------------------

def _deferred(model: type[peewee.Model]) -> list[peewee.ForeignKeyField]:
    """References that may point to a row not copied yet: to the same table or a later one."""
    position = ALL_MODELS.index(model)
    later = set(ALL_MODELS[position:])
    return [f for f in model._meta.sorted_fields
            if isinstance(f, peewee.ForeignKeyField) and f.rel_model in later]


def _copy_table(source: peewee.Database, target: peewee.Database,
                model: type[peewee.Model]) -> list[tuple[type[peewee.Model], object, dict]]:
    """Insert every row of ``model``; returns the deferred references to set afterwards."""
    fields = _fields(model)
    deferred = _deferred(model)
    for f in deferred:
        if not f.null:
            raise UserError("transfer.unsupported_reference", table=model._meta.table_name,
                            field=f.name)
    later: list[tuple[object, dict]] = []
    pk = model._meta.primary_key
    batch: list[list[object]] = []

    def flush() -> None:
        if batch:
            target.execute(model.insert_many(batch, fields=fields))
            batch.clear()

    for row in _rows(source, model):
        values = dict(zip([f.name for f in fields], row, strict=True))
        refs = {f: values[f.name] for f in deferred if values[f.name] is not None}
        if refs:
            later.append((values[pk.name], refs))
            row = [None if f in refs else v for f, v in zip(fields, row, strict=True)]
        batch.append(row)
        if len(batch) >= BATCH:
            flush()
    flush()
    return [(model, pk_value, refs) for pk_value, refs in later]


def _clear(target: peewee.Database) -> None:
    for model in reversed(ALL_MODELS):
        target.execute(model.delete())


def _after_copy(target: peewee.Database) -> None:
    if isinstance(target, peewee.SqliteDatabase):
        tables = set(target.get_tables())
        for fts in FTS_TABLES:
            if fts in tables:
                target.execute_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
        return
    for model in ALL_MODELS:
        pk = model._meta.primary_key
        if isinstance(pk, peewee.AutoField):
            table = model._meta.table_name
            target.execute_sql(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{pk.column_name}'), "
                f"COALESCE((SELECT MAX(\"{pk.column_name}\") FROM \"{table}\"), 1), "
                f"(SELECT MAX(\"{pk.column_name}\") FROM \"{table}\") IS NOT NULL)")


@contextmanager
def snapshot(db: peewee.Database):
    """One consistent view of ``db`` while others keep writing."""
    with db.atomic():
        if not isinstance(db, peewee.SqliteDatabase):
            db.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def holds_client_base(db: peewee.Database) -> bool:
    """Whether a base has people or clients in it (seeded roles and task types do not count)."""
    return any(db.execute(model.select(model._meta.primary_key).limit(1)).fetchone()
               for model in (Employee, Organization, Contact))


def _open(url: str, *, migrate_it: bool) -> peewee.Database:
    db = open_database(url)
    db.connect(reuse_if_open=True)
    if migrate_it:
        migrate(db)
    elif pending_migrations(db):
        db.close()
        raise UserError("transfer.source_behind", url=_safe_url(url))
    return db


def _require_admin(db: peewee.Database, login: str | None) -> None:
    """Only an administrator of a base may copy, back up or replace it as a whole."""
    from ectui.session import os_login

    if not holds_client_base(db):
        return
    who = login or os_login()
    row = db.execute(Employee.select(Employee.is_admin, Employee.is_active)
                     .where(Employee.login == who)).fetchone()
    if not row or not row[0] or not row[1]:
        raise UserError("transfer.admin_only", login=who)


def _copy(source: peewee.Database, target: peewee.Database, report: TransferReport,
          *, replace: bool) -> TransferReport:
    lock = ("IMMEDIATE",) if isinstance(target, peewee.SqliteDatabase) else ()
    with snapshot(source):
        expected = [table_digest(source, model) for model in ALL_MODELS]
        with target.atomic(*lock):
            if holds_client_base(target) and not replace:
                raise UserError("transfer.target_not_empty", url=_safe_url(report.target))
            _clear(target)
            deferred = []
            for model in ALL_MODELS:
                deferred.extend(_copy_table(source, target, model))
            for model, pk_value, refs in deferred:
                target.execute(model.update(dict(refs))
                               .where(model._meta.primary_key == pk_value))
            _after_copy(target)
            # Checked before commit: a mismatch rolls the whole copy back.
            got = [table_digest(target, model) for model in ALL_MODELS]
            wrong = [a.table for a, b in zip(expected, got, strict=True) if a != b]
            if wrong:
                raise UserError("transfer.mismatch", tables=", ".join(wrong))
    report.tables = got
    return report


def copy_database(source_url: str, target_url: str, *, session_user: str | None = None,
                  replace: bool = False, source_admin: bool = True) -> TransferReport:
    """Copy the whole base at ``source_url`` into ``target_url``, verified table by table.

    Only an administrator of the source may copy it (``source_admin``), and, with
    ``replace``, only an administrator of the target may replace what it holds.
    """
    if source_url == target_url:
        raise UserError("transfer.same_url")
    source = _open(source_url, migrate_it=False)
    try:
        if source_admin:
            _require_admin(source, session_user)
        target = _open(target_url, migrate_it=True)
        try:
            if replace:
                _require_admin(target, session_user)
            return _copy(source, target, TransferReport(source_url, target_url),
                         replace=replace)
        finally:
            target.close()
    finally:
        source.close()


def _sqlite_path(url: str) -> Path | None:
    db = open_database(url)
    return Path(db.database) if isinstance(db, peewee.SqliteDatabase) else None


def backup(url: str, file: str, *, session_user: str | None = None) -> TransferReport:
    """A consistent copy of the base at ``url`` in the SQLite file ``file`` (must not exist)."""
    dest = Path(file).expanduser().resolve()
    if dest.exists():
        raise UserError("transfer.backup_exists", file=str(dest))
    dest.parent.mkdir(parents=True, exist_ok=True)
    path = _sqlite_path(url)
    if path is None:
        return _backup_logical(url, dest, session_user)
    source = _open(url, migrate_it=False)
    try:
        _require_admin(source, session_user)
    finally:
        source.close()
    partial = dest.with_name(dest.name + ".part")
    try:
        with sqlite3.connect(path, timeout=30) as src, sqlite3.connect(partial) as out:
            src.backup(out)  # the online backup API: others keep reading and writing
            out.execute("PRAGMA journal_mode=DELETE")
        partial.replace(dest)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise DatabaseSetupError("transfer.backup_failed", file=str(dest), error=error) from error
    copy = _open(f"sqlite:///{dest}", migrate_it=False)
    try:
        report = TransferReport(url, str(dest), [table_digest(copy, m) for m in ALL_MODELS],
                                kind="backup", checked_by="integrity")
        ok = copy.execute_sql("PRAGMA integrity_check").fetchone()[0]
    finally:
        copy.close()
    if ok != "ok":
        raise DatabaseSetupError("transfer.backup_failed", file=str(dest), error=ok)
    return report


def _backup_logical(url: str, dest: Path, session_user: str | None) -> TransferReport:
    partial = dest.with_name(dest.name + ".part")
    partial.unlink(missing_ok=True)
    try:
        report = copy_database(url, f"sqlite:///{partial}", session_user=session_user)
        partial.replace(dest)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    report.target = str(dest)
    report.kind = "backup"
    return report


def _check_backup(file: str) -> Path:
    path = Path(file).expanduser().resolve()
    if not path.is_file():
        raise UserError("transfer.no_backup", file=str(path))
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            names = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error as error:
        raise UserError("transfer.not_a_backup", file=str(path), error=error) from error
    if "schema_migration" not in names or "organization" not in names:
        raise UserError("transfer.not_a_backup", file=str(path), error="no ectui tables")
    return path


def describe_backup(file: str) -> str:
    """What a backup file holds, for the person to check before restoring it."""
    path = _check_backup(file)
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        counts = [conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("organization", "contact", "employee")]
    made = datetime.fromtimestamp(path.stat().st_mtime).strftime("%d.%m.%Y %H:%M")
    return t("transfer.backup_holds", file=str(path), made=made, orgs=counts[0],
             contacts=counts[1], employees=counts[2])


def restore(file: str, url: str, *, session_user: str | None = None) -> TransferReport:
    """Replace the contents of the base at ``url`` with those of a backup file."""
    path = _check_backup(file)
    with tempfile.TemporaryDirectory(prefix="ectui-restore-") as tmp:
        # Work on a copy: the backup file stays as it was, and an old one is migrated here.
        work = Path(tmp) / "backup.sqlite3"
        shutil.copyfile(path, work)
        upgraded = _open(f"sqlite:///{work}", migrate_it=True)
        upgraded.close()
        report = copy_database(f"sqlite:///{work}", url, session_user=session_user,
                               replace=True, source_admin=False)
    report.source = str(path)
    report.kind = "restore"
    return report
