"""The whole database as one JSON file, and back: for backups, for moving between SQLite and
PostgreSQL (``ectui copy``), and for other tools. The format is in docs/json-format.md.

Generic over ``ALL_MODELS``: a table added by a later migration is in the file without any
change here. Rows are written table by table as they are read, so memory stays flat however
big the base; ids are kept, so every reference still points where it did.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import peewee

from ectui.db import database, is_sqlite, write_transaction
from ectui.errors import UserError
from ectui.exchange.progress import Progress, no_progress
from ectui.models import ALL_MODELS, ChangeLog, Contact, Employee, Organization, Task
from ectui.models.fields import UtcDateTimeField
from ectui.schema import MIGRATIONS_DIR, pending_migrations
from ectui.services import access
from ectui.services.client_export import write_atomically
from ectui.services.context import Context

FORMAT = "ectui-backup"
VERSION = 1
CHUNK = 2000
# The change log only tells running sessions what to refresh; it means nothing in a copy.
SKIPPED = (ChangeLog,)


@dataclass(frozen=True)
class RestoreReport:
    tables: int
    rows: int
    migrations: tuple[str, ...]


def exported_models() -> list[type[peewee.Model]]:
    return [m for m in ALL_MODELS if m not in SKIPPED]


def _columns(model) -> list[peewee.Field]:
    return list(model._meta.sorted_fields)


def _kind(field: peewee.Field) -> str:
    if isinstance(field, peewee.ForeignKeyField):
        return "ref"
    if isinstance(field, peewee.DateTimeField):
        return "datetime"
    if isinstance(field, peewee.DateField):
        return "date"
    if isinstance(field, peewee.DecimalField):
        return "decimal"
    if isinstance(field, peewee.BlobField):
        return "bytes"
    if isinstance(field, peewee.BooleanField):
        return "bool"
    if isinstance(field, peewee.FloatField):
        return "float"
    if isinstance(field, peewee.IntegerField):
        return "int"
    return "text"


def encode(kind: str, value):
    """A stored value as JSON: moments in UTC with Z, dates ISO, decimals and bytes as text."""
    if value is None:
        return None
    if kind == "datetime":
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if kind == "date":
        return value.isoformat()
    if kind == "decimal":
        return format(Decimal(value), "f")
    if kind == "bytes":
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def decode(kind: str, value):
    if value is None:
        return None
    if kind == "datetime":
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "decimal":
        return Decimal(value)
    if kind == "bytes":
        return base64.b64decode(value)
    return value


def applied_migrations() -> list[str]:
    names = sorted(p.stem for p in MIGRATIONS_DIR.glob("[0-9]*.py"))
    pending = set(pending_migrations(database.obj))
    return [name for name in names if name not in pending]


def _rows(model) -> int:
    return model.select().count()


# ---- export -------------------------------------------------------------------------------

def export_database(ctx: Context, path: Path, progress: Progress = no_progress) -> int:
    """Write every table into ``path``; administrators only. Returns the number of rows."""
    access.require(ctx, "administer")
    models = exported_models()
    total = sum(_rows(m) for m in models)
    done = 0
    progress(0, total)

    def write(out) -> None:
        nonlocal done
        head = {"format": FORMAT, "version": VERSION,
                "exported_at": encode("datetime", ctx.now()),
                "engine": "sqlite" if is_sqlite() else "postgresql",
                "migrations": applied_migrations()}
        out.write(json.dumps(head, ensure_ascii=False)[:-1].encode("utf-8"))
        out.write(b', "tables": [')
        for number, model in enumerate(models):
            fields = _columns(model)
            kinds = [_kind(f) for f in fields]
            meta = {"table": model._meta.table_name,
                    "columns": [f.column_name for f in fields], "types": kinds}
            out.write((",\n" if number else "\n").encode())
            out.write(json.dumps(meta, ensure_ascii=False)[:-1].encode("utf-8"))
            out.write(b', "rows": [')
            first = True
            for chunk in _chunks(model, fields):
                for row in chunk:
                    line = json.dumps([encode(k, v) for k, v in zip(kinds, row, strict=True)],
                                      ensure_ascii=False)
                    out.write((("\n" if first else ",\n") + line).encode("utf-8"))
                    first = False
                done += len(chunk)
                progress(done, total)
            out.write(b"]}")
        out.write(b"\n]}\n")

    write_atomically(Path(path), write)
    return done


def _chunks(model, fields):
    """The table's rows in primary-key order, a chunk at a time (keyset paging)."""
    pk = model._meta.primary_key
    last = None
    while True:
        query = model.select(*fields).order_by(pk).limit(CHUNK)
        if last is not None:
            query = query.where(pk > last)
        rows = list(query.tuples())
        if not rows:
            return
        yield rows
        last = rows[-1][fields.index(pk)]


# ---- import -------------------------------------------------------------------------------

def _read(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as error:
        raise UserError("exchange.cannot_read", path=str(path), error=error.strerror) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise UserError("backup.not_json", error=error) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserError("backup.not_backup")
    if data.get("version") != VERSION:
        raise UserError("backup.version", version=data.get("version"), supported=VERSION)
    return data


def _check(data: dict) -> list[tuple[type[peewee.Model], list[str], list[str], list]]:
    """Each table of the file with its model, or a refusal naming what this ectui lacks."""
    newer = [m for m in data.get("migrations", []) if m not in set(applied_migrations())]
    if newer:
        raise UserError("backup.newer", migrations=", ".join(newer))
    by_table = {m._meta.table_name: m for m in exported_models()}
    plan = []
    for entry in data.get("tables", []):
        model = by_table.get(entry.get("table"))
        if model is None:
            raise UserError("backup.unknown_table", table=entry.get("table"))
        known = {f.column_name for f in _columns(model)}
        unknown = [c for c in entry["columns"] if c not in known]
        if unknown:
            raise UserError("backup.unknown_columns", table=entry["table"],
                            columns=", ".join(unknown))
        plan.append((model, entry["columns"], entry["types"], entry["rows"]))
    order = {m: i for i, m in enumerate(exported_models())}
    return sorted(plan, key=lambda item: order[item[0]])


def database_has_data() -> bool:
    """More than a fresh base holds (its seeds and the first administrator)."""
    return (Organization.select().exists() or Contact.select().exists()
            or Task.select().exists() or Employee.select().count() > 1)


def _deferred(model, position: dict, columns: list[str]) -> set[str]:
    """Columns referring to a table filled later (or to rows of their own table not yet in)."""
    later = set()
    for field in _columns(model):
        if isinstance(field, peewee.ForeignKeyField) and field.column_name in columns \
                and field.null and (field.rel_model is model
                                    or position.get(field.rel_model, -1) >= position[model]):
            later.add(field.column_name)
    return later


def restore_database(ctx: Context, path: Path, *, replace: bool = False,
                     progress: Progress = no_progress) -> RestoreReport:
    """Replace every table's rows by the file's, in one transaction; administrators only.

    Refused on a base holding data unless ``replace`` says that data may go.
    """
    access.require(ctx, "administer")
    data = _read(Path(path))
    plan = _check(data)
    if not replace and database_has_data():
        raise UserError("backup.not_empty")
    total = sum(len(rows) for *_, rows in plan)
    position = {m: i for i, m in enumerate(exported_models())}
    done = 0
    progress(0, total)
    with write_transaction():
        # The tables the file holds are replaced whole; a table it lacks (the file is from an
        # older ectui) keeps what its migration seeded.
        in_file = {model for model, *_ in plan}
        for model in reversed(ALL_MODELS):
            if model in in_file or model in SKIPPED:
                model.delete().execute()
        fixes: list[tuple[type[peewee.Model], str, list[tuple[object, object]]]] = []
        for model, columns, kinds, rows in plan:
            later = _deferred(model, position, columns)
            pk = model._meta.primary_key.column_name
            pk_index = columns.index(pk)
            pending: dict[str, list[tuple[object, object]]] = {c: [] for c in later}
            fields = [model._meta.columns[c] for c in columns]
            naive = [isinstance(f, peewee.DateTimeField) and not isinstance(f, UtcDateTimeField)
                     for f in fields]
            self_refs = {f.column_name for f in fields
                         if isinstance(f, peewee.ForeignKeyField) and f.rel_model is model}
            # In key order, a row's parent (a lower id) is in before it: only a reference to a
            # higher id has to wait until the table is filled.
            rows = sorted(rows, key=lambda r: (r[pk_index] is None, r[pk_index]))
            for start in range(0, len(rows), CHUNK):
                batch = []
                for raw in rows[start:start + CHUNK]:
                    values = [decode(k, v) for k, v in zip(kinds, raw, strict=True)]
                    for index, plain in enumerate(naive):
                        if plain and values[index] is not None:
                            values[index] = values[index].astimezone(dt.UTC).replace(tzinfo=None)
                    for column in later:
                        index = columns.index(column)
                        if column in self_refs and values[index] is not None \
                                and values[index] < values[pk_index]:
                            continue
                        if values[index] is not None:
                            pending[column].append((values[pk_index], values[index]))
                            values[index] = None
                    batch.append(values)
                if batch:
                    model.insert_many(batch, fields=fields).execute()
                done += len(batch)
                progress(done, total)
            fixes.extend((model, column, pairs) for column, pairs in pending.items() if pairs)
        for model, column, pairs in fixes:
            field = model._meta.columns[column]
            for ident, value in pairs:
                model.update({field: value}).where(model._meta.primary_key == ident).execute()
        _reset_sequences()
    return RestoreReport(len(plan), done, tuple(data.get("migrations", [])))


def _reset_sequences() -> None:
    """PostgreSQL hands out ids from sequences: move them past the ids just inserted."""
    if is_sqlite():
        return
    for model in exported_models():
        pk = model._meta.primary_key
        if not isinstance(pk, peewee.AutoField):
            continue
        table = model._meta.table_name
        database.execute_sql(
            f'SELECT setval(pg_get_serial_sequence(%s, %s), '
            f'COALESCE((SELECT MAX("{pk.column_name}") FROM "{table}"), 1), '
            f'(SELECT MAX("{pk.column_name}") FROM "{table}") IS NOT NULL)',
            (f'"{table}"', pk.column_name))
