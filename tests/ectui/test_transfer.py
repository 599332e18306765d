"""Growing up: a base copied SQLite → PostgreSQL → SQLite is the same base, table by table;
backups are consistent while others write; a backup restored into PostgreSQL shows the same
client base."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import ectui.db
from ectui.cli import main
from ectui.errors import UserError
from ectui.models import ALL_MODELS, Contact, Organization
from ectui.schema import migrate
from ectui.services import custom_fields, employees, groups, links
from ectui.services.contacts import save_contact
from ectui.services.organizations import OrganizationFilter, count_organizations, save_organization
from ectui.transfer import backup, copy_database, restore, table_digest
from tests.ectui.access_helpers import build_team
from tests.ectui.helpers import ROMASHKA


def open_bound(url: str):
    db = ectui.db.bind(ectui.db.open_database(url))
    db.connect(reuse_if_open=True)
    migrate(db)
    return db


def fill(url: str) -> None:
    """A small base with every kind of reference: self-references, forward ones, the trail."""
    db = open_bound(url)
    team = build_team()
    admin = team.admin
    field = custom_fields.create_custom_field(admin, "organization", "Код 1С", "text")
    vip = groups.create_group(admin, "VIP", "organization")
    kim = team.senior.actor.employee_id
    romashka = save_organization(admin, dict(ROMASHKA, responsible_id=kim),
                                 custom={field.id: "КА-17"}, group_ids=[vip.id])
    boss = save_contact(admin, {"last_name": "Смирнов", "organization_id": romashka})
    save_contact(admin, {"last_name": "Ковалёва", "first_name": "Юлия", "organization_id": romashka,
                         "department": "Бухгалтерия", "reports_to_id": boss,
                         "birthday": "25.11.1985"})
    links.create_link(admin, links.EntryRef("organization", team.org_of["kim"]),
                      links.EntryRef("contact", boss), "рекомендовал")
    employees.set_department_head(admin, "Дирекция", admin.actor.employee_id)
    employees.set_department_head(admin, "Отдел продаж", team.head.actor.employee_id,
                                  parent="Дирекция")
    db.close()


def digests(url: str) -> dict[str, object]:
    db = ectui.db.open_database(url)
    db.connect()
    try:
        return {m._meta.table_name: table_digest(db, m) for m in ALL_MODELS}
    finally:
        db.close()


@pytest.fixture
def pg_url(pg_server, request):
    name = pg_server.unique_name(request.node.name)
    url = pg_server.create_database(name)
    yield url
    pg_server.drop_database(name)


def test_sqlite_to_postgresql_and_back_is_the_same_base(tmp_path, pg_url, monkeypatch):
    monkeypatch.setattr("ectui.session.os_login", lambda: "admin")
    first = f"sqlite:///{tmp_path / 'first.sqlite3'}"
    back = f"sqlite:///{tmp_path / 'back.sqlite3'}"
    fill(first)
    report = copy_database(first, pg_url)
    assert report.count("organization") == 7 and report.count("contact") == 2
    assert digests(first) == digests(pg_url)
    copy_database(pg_url, back)
    assert digests(first) == digests(back)
    assert digests(first)["contact"].rows == 2
    # The copies work: search finds (tsvector and the rebuilt FTS index), new ids follow on.
    for url in (pg_url, back):
        open_bound(url)
        assert count_organizations(OrganizationFilter(query="ромаш")) == 2
        assert count_organizations(OrganizationFilter(query="7707083893")) == 1
        new_id = save_organization(build_admin(), {"name": "ООО «После переезда»"})
        assert new_id > max(o.id for o in Organization.select().where(Organization.id != new_id))
        assert Contact.get(Contact.last_name == "Ковалёва").reports_to.last_name == "Смирнов"


def build_admin():
    from ectui.services.context import Context

    return Context(employees.actor_for_login("admin"))


def test_copy_refuses_a_target_with_a_client_base(tmp_path, monkeypatch):
    monkeypatch.setattr("ectui.session.os_login", lambda: "admin")
    one, two = (f"sqlite:///{tmp_path / n}" for n in ("one.sqlite3", "two.sqlite3"))
    fill(one)
    fill(two)
    with pytest.raises(UserError) as caught:
        copy_database(one, two)
    assert caught.value.key == "transfer.target_not_empty"


def test_only_an_administrator_copies_a_whole_base(tmp_path, monkeypatch):
    source = f"sqlite:///{tmp_path / 'base.sqlite3'}"
    fill(source)
    monkeypatch.setattr("ectui.session.os_login", lambda: "gusev")
    with pytest.raises(UserError) as caught:
        copy_database(source, f"sqlite:///{tmp_path / 'stolen.sqlite3'}")
    assert caught.value.key == "transfer.admin_only"
    with pytest.raises(UserError):
        backup(source, str(tmp_path / "stolen-backup.sqlite3"))


def test_backup_while_others_write_then_restore_into_postgresql(tmp_path, pg_url, monkeypatch,
                                                                capsys):
    monkeypatch.setattr("ectui.session.os_login", lambda: "admin")
    url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    fill(url)
    stop = threading.Event()
    written: list[int] = []

    def keep_writing() -> None:
        db = ectui.db.open_database(url)
        ectui.db.bind(db)
        with db.connection_context():
            admin = build_admin()
            while not stop.is_set():
                written.append(save_organization(admin, {"name": f"Поток {len(written)}"}))

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        file = tmp_path / "backups" / "monday.sqlite3"
        assert main(["backup", str(file), "--db", url]) == 0
        assert "integrity_check" in capsys.readouterr().out
    finally:
        stop.set()
        writer.join(timeout=30)
    assert written, "the writer must have been writing during the backup"
    in_backup = digests(f"sqlite:///{file}")
    # A consistent snapshot: each organization complete, and a prefix of what was written.
    copied = in_backup["organization"].rows
    assert 7 <= copied <= 7 + len(written)
    assert main(["restore", str(file), "--db", pg_url, "--yes"]) == 0
    out = capsys.readouterr().out
    assert "контрольные суммы всех таблиц совпадают" in out
    assert digests(pg_url) == in_backup
    # Restoring again replaces, rather than adds to, what the target holds.
    assert restore(str(file), pg_url).count("organization") == copied
    assert digests(pg_url) == in_backup
    with pytest.raises(UserError) as caught:
        backup(url, str(file))
    assert caught.value.key == "transfer.backup_exists"


def test_backup_of_postgresql_is_a_logical_copy(tmp_path, pg_url, monkeypatch, capsys):
    monkeypatch.setattr("ectui.session.os_login", lambda: "admin")
    fill(pg_url)
    file = tmp_path / "pg.sqlite3"
    assert main(["--db", pg_url, "backup", str(file)]) == 0
    assert "контрольные суммы" in capsys.readouterr().out
    assert digests(f"sqlite:///{file}") == digests(pg_url)
    assert not Path(f"{file}.part").exists()
