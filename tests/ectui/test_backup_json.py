"""The whole base as JSON and back: every table, every row, every value; across engines."""

from __future__ import annotations

import json

import pytest

import ectui.db
from ectui.demo import create_demo_database
from ectui.errors import UserError
from ectui.models import Contact, Employee, Organization
from ectui.services import backup
from ectui.services.context import Context
from ectui.services.employees import actor_for_login
from tests.ectui.exchange_helpers import fresh_databases, open_fresh
from tests.ectui.helpers import NOW, admin_context


@pytest.fixture
def fresh_url(request, db_url, tmp_path):
    yield from fresh_databases(request, db_url, tmp_path)



def _table_contents() -> dict[str, list[tuple]]:
    contents = {}
    for model in backup.exported_models():
        fields = list(model._meta.sorted_fields)
        rows = model.select(*fields).order_by(model._meta.primary_key).tuples()
        contents[model._meta.table_name] = [tuple(row) for row in rows]
    return contents


def _admin() -> Context:
    from ectui.clock import FixedClock

    emp = Employee.select().where(Employee.is_admin == True).order_by(Employee.id).first()  # noqa: E712
    return Context(actor_for_login(emp.login), FixedClock(NOW))


def test_a_demo_base_goes_out_and_comes_back_table_by_table(db_url, fresh_url, tmp_path):
    # The demo is built on SQLite (its loader is SQLite-only), then carried to each engine.
    create_demo_database(f"sqlite:///{tmp_path / 'demo.sqlite3'}", login="tester")
    before = _table_contents()
    assert len(before["contact"]) > 200 and before["task_type"]
    backup.export_database(_admin(), tmp_path / "demo.json")
    open_fresh(fresh_url())
    backup.restore_database(admin_context("restorer"), tmp_path / "demo.json", replace=True)

    dump = tmp_path / "base.json"
    rows = backup.export_database(_admin(), dump)
    assert rows == sum(len(v) for v in before.values())
    data = json.loads(dump.read_text(encoding="utf-8"))
    assert data["format"] == "ectui-backup" and data["version"] == 1
    assert "0007_exchange" in data["migrations"]
    assert {t["table"] for t in data["tables"]} == set(before)

    open_fresh(fresh_url())
    report = backup.restore_database(admin_context("restorer"), dump, replace=True)
    assert report.rows == rows
    assert _table_contents() == before
    # Ids go on after the restored ones: a new record does not collide.
    from ectui.services.organizations import save_organization

    new_id = save_organization(_admin(), {"name": "ООО «После восстановления»"})
    assert new_id > max(r[0] for r in before["organization"])


def test_a_sqlite_base_moves_to_the_test_engine(database, tmp_path):
    # The source is always SQLite; the target is each engine in turn (SQLite → PostgreSQL).
    source = f"sqlite:///{tmp_path / 'source.sqlite3'}"
    target = database
    create_demo_database(source, login="tester")
    before = _table_contents()
    backup.export_database(_admin(), tmp_path / "base.json")
    ectui.db.database.obj.close()
    ectui.db.bind(target)
    target.connect(reuse_if_open=True)
    backup.restore_database(admin_context(), tmp_path / "base.json", replace=True)
    assert _table_contents() == before
    from ectui.services.contacts import ContactFilter, count_contacts

    assert count_contacts(ContactFilter(query="иван")) > 0  # the search index is rebuilt


def test_a_restore_is_refused_on_a_base_with_data_unless_told_to_replace(database, tmp_path):
    ctx = admin_context()
    dump = tmp_path / "empty.json"
    backup.export_database(ctx, dump)
    from ectui.services.organizations import save_organization

    save_organization(ctx, {"name": "ООО «Ромашка»"})
    with pytest.raises(UserError, match="--replace"):
        backup.restore_database(ctx, dump)
    assert Organization.select().count() == 1
    backup.restore_database(ctx, dump, replace=True)
    assert Organization.select().count() == 0 and Contact.select().count() == 0


def test_a_file_from_a_newer_ectui_or_not_a_backup_is_refused(database, tmp_path):
    ctx = admin_context()
    dump = tmp_path / "base.json"
    backup.export_database(ctx, dump)
    data = json.loads(dump.read_text(encoding="utf-8"))
    data["migrations"].append("0099_future")
    dump.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(UserError, match="0099_future"):
        backup.restore_database(ctx, dump, replace=True)
    (tmp_path / "other.json").write_text('{"a": 1}', encoding="utf-8")
    with pytest.raises(UserError, match="ectui-backup"):
        backup.restore_database(ctx, tmp_path / "other.json", replace=True)


def test_only_an_administrator_exports_the_whole_base(database, tmp_path):
    from tests.ectui.access_helpers import build_team

    team = build_team()
    with pytest.raises(UserError):
        backup.export_database(team.head, tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()
