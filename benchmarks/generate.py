"""Fill databases with a sales department's ten years: ``python -m benchmarks.generate``.

At ``--scale 1``: 100 000 organizations, 300 000 contact persons, 50 employees, and, as their
models land, 2 000 000 tasks and 200 000 invoices; every size scales with ``--scale``.
Deterministic for a given seed and "today". Rows are generated once and written to every
``--db`` given, so SQLite and PostgreSQL hold identical data.

Each part of the data is one generator module; a part whose models are not in ectui yet is
skipped and reported (see ``PARTS``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from dataclasses import asdict
from datetime import date

import peewee

from benchmarks.gen_client_base import ClientBaseGenerator, Sizes
from benchmarks.writer import Writer
from ectui.db import bind, open_database
from ectui.models import ALL_MODELS, Organization, Setting
from ectui.schema import migrate

METADATA_KEY = "benchmark.generated"
# What is generated after the client base, when ectui has its models: (generator module,
# the ectui models it needs, its class). A new part (say, contracts) is one more line here.
PARTS = [
    ("benchmarks.gen_tasks", "ectui.models.tasks", "TaskGenerator"),
    ("benchmarks.gen_invoices", "ectui.models.documents", "InvoiceGenerator"),
]


def part_available(module: str) -> bool:
    """True when ectui has the models a generator part needs."""
    return importlib.util.find_spec(module) is not None


def generate(urls: list[str], scale: float, seed: int = 1, today: date | None = None,
             progress=lambda message: None) -> dict:
    """Generate into each (empty, possibly new) database of ``urls``; returns the metadata."""
    today = today or date.today()
    sizes = Sizes.for_scale(scale)
    databases = []
    for url in urls:
        db = bind(open_database(url))
        db.connect(reuse_if_open=True)
        migrate(db)
        if Organization.select().exists():
            raise SystemExit(f"{url} already holds a client base; give an empty database")
        databases.append(db)
    writer = Writer(databases)
    began = time.perf_counter()
    base = ClientBaseGenerator(writer, sizes, seed, today, progress).run()
    skipped = []
    for module, models, name in PARTS:
        if part_available(models) and part_available(module):
            generator = getattr(importlib.import_module(module), name)
            generator(writer, sizes, seed, base, progress).run()
        else:
            skipped.append(f"{module}: {models} is not in ectui yet")
    writer.finish(_all_models())
    metadata = {
        "scale": scale, "seed": seed, "today": today.isoformat(), "sizes": asdict(sizes),
        "rows": writer.counts, "skipped": skipped, "logins": _logins(base),
        "seconds": round(time.perf_counter() - began, 1),
    }
    for db in databases:
        bind(db)
        Setting.insert(key=METADATA_KEY, value=json.dumps(metadata)).execute()
        _analyze(db)
        db.close()
    return metadata


def _logins(base) -> dict[str, str]:
    """Whom the benchmark works as: the director sees the whole base (the widest lists), a
    manager with a typical share of clients has a typical Today list."""
    first = {}
    for employee in base.employees:
        first.setdefault(employee.role, employee.login)
    return {"director": first["director"], "manager": first.get("manager", first["head"]),
            "head": first["head"], "admin": first["admin"]}


def _analyze(db: peewee.Database) -> None:
    # A database that grew over ten years has planner statistics (autovacuum on PostgreSQL);
    # a bulk-loaded one has none until analyzed. SQLite: the app's own habits decide, so
    # nothing is done there (see RESULTS.md).
    if not isinstance(db, peewee.SqliteDatabase):
        db.execute_sql("ANALYZE")


def _all_models() -> list[type[peewee.Model]]:
    models = list(ALL_MODELS)
    if part_available("ectui.models.tasks"):
        import ectui.models as package

        models = list(package.ALL_MODELS)
    return models


def stored_metadata(url: str) -> dict | None:
    """What ``generate`` recorded in the database at ``url``, or None if it holds nothing."""
    db = bind(open_database(url))
    try:
        db.connect(reuse_if_open=True)
        if not db.table_exists("setting"):
            return None
        row = Setting.get_or_none(Setting.key == METADATA_KEY)
        return json.loads(row.value) if row else None
    finally:
        db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", action="append", required=True, metavar="URL",
                        help="database to fill (repeat for several); must be empty")
    parser.add_argument("--scale", type=float, default=0.01,
                        help="1.0 = 100 000 organizations (default 0.01)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=None,
                        help="the day the data ends (YYYY-MM-DD; default: today)")
    args = parser.parse_args(argv)
    metadata = generate(args.db, args.scale, args.seed, args.today,
                        progress=lambda m: print(m, file=sys.stderr, flush=True))
    print(json.dumps(metadata, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
