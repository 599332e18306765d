"""Several processes on one base, on SQLite and on PostgreSQL: every committed change is there
at the end, and a writer killed mid-transaction leaves the base consistent, losing nothing
committed. Bounded: a few processes, a few dozen writes, a minute at most."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from ectui.models import AuditEntry, Organization
from ectui.services import custom_fields
from ectui.services.employees import create_employee
from ectui.services.organizations import save_organization
from tests.ectui.helpers import admin_context

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 4
WRITES = 15
TIME_LIMIT = 90  # seconds for all workers together


def start_worker(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.ectui.concurrency_worker", *args],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_concurrent_writers_lose_nothing(database, db_url):
    admin = admin_context()
    shared = save_organization(admin, {"name": "ООО «Общая»"})
    fields = []
    for n in range(WORKERS):
        create_employee(admin, f"worker{n}", f"Работник{n}", role="manager")
        fields.append(custom_fields.create_custom_field(admin, "organization", f"Поле {n}",
                                                        "text").id)
    # Everyone may change the shared client: it belongs to nobody and they are heads.
    from ectui.services import employees

    for n in range(WORKERS):
        employees.set_role(admin, employees.by_login(f"worker{n}").id, "head")
    database.close()  # the workers are the only writers now

    started = time.monotonic()
    procs = [start_worker("write", db_url, f"worker{n}", f"W{n}", str(WRITES), str(shared),
                          str(fields[n])) for n in range(WORKERS)]
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=TIME_LIMIT)
        assert proc.returncode == 0, err
        outputs.append(lines(out))
    assert time.monotonic() - started < TIME_LIMIT

    database.connect(reuse_if_open=True)
    committed = [item for out in outputs for item in out if item["kind"] == "org"]
    assert len(committed) == WORKERS * WRITES
    stored = {o.id: o.name for o in Organization.select(Organization.id, Organization.name)}
    for item in committed:
        assert stored[item["id"]] == item["name"]
    assert all(any(i["kind"] == "shared" for i in out) for out in outputs)
    assert not any(i["kind"] == "conflict" for out in outputs for i in out)
    # Each worker's own field of the shared client survived everyone else's saves.
    assert custom_fields.custom_values_of("organization", shared) == {
        fields[n]: f"W{n}" for n in range(WORKERS)}
    creations = (AuditEntry.select().where(AuditEntry.action == "create",
                                           AuditEntry.table_name == "organization",
                                           AuditEntry.field == "").count())
    assert creations == WORKERS * WRITES + 1


def test_a_writer_killed_mid_transaction_loses_nothing_committed(database, db_url):
    admin = admin_context()
    create_employee(admin, "victim", "Жертвов", role="manager")
    database.close()
    proc = start_worker("hang", db_url, "victim", "K")
    committed = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        assert line, proc.stderr.read()
        item = json.loads(line)
        if item["kind"] == "inside":
            break
        committed.append(item)
    else:
        raise AssertionError("the worker never got inside its transaction")
    os.kill(proc.pid, signal.SIGKILL)  # the power cord, mid-transaction
    proc.wait(timeout=30)

    database.connect(reuse_if_open=True)
    names = {o.name for o in Organization.select(Organization.name)}
    assert {item["name"] for item in committed} == {"K-0", "K-1"} <= names
    assert "K-uncommitted" not in names
    if db_url.startswith("sqlite"):
        assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    # The dead writer's lock is gone: the next write goes through at once.
    started = time.monotonic()
    save_organization(admin, {"name": "После сбоя"})
    assert time.monotonic() - started < 5
    assert Organization.select().where(Organization.name == "После сбоя").count() == 1
