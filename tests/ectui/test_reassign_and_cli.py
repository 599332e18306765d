"""Reassignment through the service (SQLite and PostgreSQL), the administrator's commands, and
the change log other sessions read."""

from __future__ import annotations

import threading

import pytest

from ectui.cli import main
from ectui.db import database
from ectui.errors import UserError
from ectui.models import Contact, Employee, Organization
from ectui.models.tasks import Task, TaskResult
from ectui.services import access, audit, changes, reassign, task_types, tasks
from ectui.services.contacts import save_contact
from ectui.services.context import Context
from ectui.services.organizations import save_organization
from ectui.session import open_session
from tests.ectui.access_helpers import build_team


def test_the_head_previews_and_moves_everything_of_one_employee(database):
    team = build_team()
    gusev, kim = team.trainee.actor.employee_id, team.senior.actor.employee_id
    person = save_contact(team.admin, {"last_name": "Быкова", "responsible_id": gusev})
    call = {"task_type_id": task_types.type_id_for_code("call"),
            "organization_id": team.org_of["gusev"], "responsible_id": gusev}
    open_call = tasks.create_task(team.admin, {**call, "title": "Перезвонить"})
    done_call = tasks.create_task(team.admin, {**call, "title": "Первый звонок"})
    reached = TaskResult.get(TaskResult.task_type == call["task_type_id"]).id
    tasks.complete_task(team.admin, done_call, reached, "дозвонился")
    shown = reassign.preview(team.head, gusev, kim)
    assert [(g.kind, g.count) for g in shown.groups] == [
        ("organization", 1), ("contact", 1), ("task", 1)]
    assert shown.groups[0].sample == ("ООО «Василёк»",) and shown.total == 3
    assert shown.groups[2].sample == ("Перезвонить",)
    # Given to Гусев after the preview: not shown, so not moved.
    later = save_organization(team.admin, {"name": "ООО «Позже»", "responsible_id": gusev})
    moved = reassign.reassign(team.head, shown)
    assert moved == {"organization": 1, "contact": 1, "task": 1}
    assert Organization.get_by_id(team.org_of["gusev"]).responsible_id == kim
    # The open task goes to Ким; the finished one keeps the one who did it.
    assert Task.get_by_id(open_call).responsible_id == kim
    assert Task.get_by_id(done_call).responsible_id == gusev
    assert Contact.get_by_id(person).responsible_id == kim
    assert Organization.get_by_id(later).responsible_id == gusev
    entry = audit.trail("organization", team.org_of["gusev"])[0]
    assert (entry.action, entry.field, entry.old, entry.new, entry.employee) == (
        "reassign", "Ответственный", "Гусев Н.", "Ким Д.", "Кузнецова М.")


def test_reassignment_needs_rights_over_both_employees(database):
    team = build_team()
    gusev, kim = team.trainee.actor.employee_id, team.senior.actor.employee_id
    zaitsev = team.outsider.actor.employee_id
    with pytest.raises(access.AccessDenied):
        reassign.preview(team.senior, gusev, kim)  # a senior changes only own clients
    with pytest.raises(access.AccessDenied):
        reassign.preview(team.head, zaitsev, kim)  # another department
    with pytest.raises(UserError) as caught:
        reassign.preview(team.head, gusev, gusev)
    assert caught.value.key == "reassign.same_employee"
    assert reassign.preview(team.admin, zaitsev, kim).total == 1


def test_cli_manages_employees_roles_and_reassignment(db_url, capsys, monkeypatch):
    monkeypatch.setattr("ectui.session.os_login", lambda: "admin")  # who runs the commands
    session = open_session(db_url)
    session.db.close()
    run = ["--db", db_url]

    def cli(*args: str) -> str:
        code = main([*run, *args])
        captured = capsys.readouterr()
        assert code == 0, captured.err
        return captured.out

    cli("user", "add", "gusev", "--name", "Гусев Никита Андреевич", "--role", "trainee",
        "--department", "Отдел продаж")
    cli("user", "add", "kuz", "--name", "Кузнецова Марина", "--role", "head",
        "--department", "Отдел продаж")
    assert "Стажёр" in cli("user", "list")
    assert "Стажёр (trainee) [1]" in cli("role", "list")
    assert "delete=own" in cli("role", "set", "Стажёр", "delete", "own")
    cli("role", "add", "Наблюдатель", "--like", "trainee")
    assert "Менеджер" in cli("user", "role", "gusev", "manager")
    cli("department", "head", "Отдел продаж", "kuz")
    assert "Кузнецова М." in cli("department", "list")
    database.connect(reuse_if_open=True)
    gusev = Employee.get(Employee.login == "gusev")
    save_organization(Context(session.actor), {"name": "ООО «Ромашка»",
                                               "responsible_id": gusev.id})
    out = cli("reassign", "gusev", "kuz", "--yes")
    assert "ООО «Ромашка»" in out and "Передано записей: 1" in out
    assert "отключён" in cli("user", "deactivate", "gusev")
    assert main(["--db", db_url, "--user", "gusev", "user", "list"]) == 2
    assert "отключена" in capsys.readouterr().err
    assert "Наблюдатель" in cli("role", "delete", "Наблюдатель")
    # Refusals are messages, with the exit code 2.
    assert main([*run, "role", "set", "Нет такой", "view", "all"]) == 2
    assert "Нет роли «Нет такой»" in capsys.readouterr().err
    assert main(["--db", db_url, "--user", "kuz", "user", "role", "gusev", "head"]) == 2
    assert "администратор" in capsys.readouterr().err


def test_the_change_log_tells_other_sessions_what_changed(database):
    team = build_team()
    mine = Context(team.admin.actor, team.clock, origin="me")
    theirs = Context(team.senior.actor, team.clock, origin="them")
    cursor = changes.ChangeCursor("me")
    cursor.start()
    save_organization(mine, {"name": "Моя"})
    other = save_organization(theirs, {"name": "Их", "responsible_id":
                                       team.senior.actor.employee_id})
    got = cursor.fetch()
    assert [(c.table, c.record_id, c.action) for c in got] == [("organization", other, "create")]
    assert cursor.fetch() == []  # each change once


@pytest.mark.postgres
def test_postgresql_wakes_listeners_at_commit(pg_server, request):
    import ectui.db
    from ectui.schema import migrate

    name = pg_server.unique_name(request.node.name)
    url = pg_server.create_database(name)
    try:
        db = ectui.db.bind(ectui.db.open_database(url))
        db.connect()
        migrate(db)
        team = build_team()
        stop, woken = threading.Event(), threading.Event()
        listener = threading.Thread(target=changes.listen_for_changes,
                                    args=(db, stop, woken.set, 0.2), daemon=True)
        listener.start()
        try:
            import time

            time.sleep(0.5)  # the listener has issued LISTEN
            save_organization(team.admin, {"name": "Свежая"})
            assert woken.wait(5), "a NOTIFY must wake the listener"
        finally:
            stop.set()
            listener.join(timeout=5)
        db.close()
    finally:
        pg_server.drop_database(name)
