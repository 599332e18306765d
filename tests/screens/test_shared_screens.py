"""The shared server in the real app, driven by keys on an SQLite file: each role's keys are
greyed or allowed, two sessions edit one card (merge and the conflict dialog), changes made
elsewhere appear within seconds, the audit trail, Staff and reassignment."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import Input, Label

from ectui.db import database
from ectui.models import Employee, Organization
from ectui.services.organizations import organization_for_edit, save_organization
from ectui.session import open_session
from screens.app import EctuiApp
from screens.audit import AuditScreen
from screens.directory import DirectoryScreen
from screens.forms.conflict_dialog import ConflictDialog
from screens.forms.record_form import RecordForm
from screens.forms.staff_forms import EmployeeForm
from screens.organization_card import OrganizationCardScreen
from screens.reassign import ReassignScreen
from screens.staff import StaffScreen
from screens.widgets.paged_table import PagedTable
from tests.ectui.access_helpers import build_team
from tests.screens.test_forms import focus, screen_text, type_text
from tests.screens.test_forms import wait_until as _wait_until

SIZE = (130, 40)
PATIENCE = 20.0
"""Seconds a step may take: generous, since a busy shared test machine is slow to draw."""


async def wait_until(pilot, predicate, timeout: float = PATIENCE) -> None:
    await _wait_until(pilot, predicate, timeout=max(timeout, PATIENCE))


@pytest.fixture
def team(sqlite_database, clock):
    return build_team(clock)


def toasts(app) -> list[str]:
    """The messages of the notifications shown now (a toast may wrap on screen)."""
    return [n.message for n in app._notifications]


def app_for(url: str, clock, login: str) -> EctuiApp:
    return EctuiApp(open_session(url, login=login, clock=clock))


def in_other_session(work) -> None:
    """Another user's session: its own thread and connection, while the app keeps running."""
    errors: list[BaseException] = []

    def run() -> None:
        with database.connection_context():
            try:
                work()
            except BaseException as error:
                errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    if errors:
        raise errors[0]


async def directory(pilot) -> DirectoryScreen:
    await pilot.press("f3")
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, DirectoryScreen))
    table = app.screen.query_one("#organizations", PagedTable)
    await wait_until(pilot, lambda: table.row_count > 0 and table.current_row is not None)
    return app.screen


async def find(pilot, screen: DirectoryScreen, text: str) -> None:
    """Type into the search and go down onto the one row found."""
    await focus(pilot, "#search")
    search = screen.query_one("#search", Input)
    search.value = ""
    await type_text(pilot, text)
    table = screen.query_one("#organizations", PagedTable)
    await wait_until(pilot, lambda: table.row_count == 1 and table.current_row is not None
                     and text.casefold() in table.current_row.name.casefold())
    await pilot.press("down")
    await wait_until(pilot, lambda: screen.focused is table)


async def test_trainee_keys_follow_the_role(team, sqlite_only_url, clock):
    app = app_for(sqlite_only_url, clock, "gusev")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await directory(pilot)
        assert screen.query_one("#organizations", PagedTable).row_count == 5
        await find(pilot, screen, "Ромашка")  # a senior colleague's client: look only
        assert screen.check_action("edit", ()) is None
        assert screen.check_action("delete", ()) is None
        assert screen.check_action("new", ()) is True
        await pilot.press("f4")
        await pilot.pause(0.3)
        assert not isinstance(app.screen, RecordForm)
        # The greyed key is not silent: it says the role does not allow it.
        assert "«Изменить» недоступно: роль «Стажёр»" in screen_text(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, OrganizationCardScreen)
                         and app.screen.card is not None)
        card = app.screen
        assert card.check_action("edit", ()) is None and card.check_action("delete", ()) is None
        assert "ООО «Ромашка»" in screen_text(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, DirectoryScreen))

        await find(pilot, screen, "Василёк")  # his own client: edit, but never delete
        assert screen.check_action("edit", ()) is True
        assert screen.check_action("delete", ()) is None
        await pilot.press("f4")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        responsible = app.screen.query_one("#field-responsible_id")
        offered = {value for _label, value in responsible._options if value is not None}
        assert offered - {responsible.NULL} == {team.trainee.actor.employee_id}


async def test_manager_lists_only_own_clients(team, sqlite_only_url, clock):
    app = app_for(sqlite_only_url, clock, "sokolov")
    async with app.run_test(size=SIZE) as pilot:
        screen = await directory(pilot)
        table = screen.query_one("#organizations", PagedTable)
        assert table.row_count == 1 and table.current_row.name == "ООО «Лютик»"
        assert "ООО «Ромашка»" not in screen_text(app)


async def edit_romashka(pilot) -> RecordForm:
    app = pilot.app
    screen = await directory(pilot)
    await find(pilot, screen, "Ромашка")
    await pilot.press("f4")
    await wait_until(pilot, lambda: isinstance(app.screen, RecordForm)
                     and app.screen.focused is not None)
    return app.screen


def colleague_saves(team, **changes) -> None:
    org_id = team.org_of["kim"]

    def save() -> None:
        record = organization_for_edit(org_id)
        save_organization(team.senior, dict(record.values, **changes), org_id=org_id,
                          expected_version=record.version, base=record)

    in_other_session(save)


async def test_two_sessions_on_one_card_merge_different_fields(team, sqlite_only_url, clock):
    app = app_for(sqlite_only_url, clock, "kuznetsova")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        form = await edit_romashka(pilot)
        colleague_saves(team, notes="Звонить после обеда")  # while the form is open
        await focus(pilot, "#field-website")
        await type_text(pilot, "romashka.ru")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is not form)
        assert not isinstance(app.screen, ConflictDialog)
        # Told, not surprised: whose change was kept alongside one's own.
        await wait_until(pilot, lambda: any("изменения объединены: Примечания" in m
                                            for m in toasts(app)))
        assert any("Ким Д." in m for m in toasts(app))
    stored = Organization.get_by_id(team.org_of["kim"])
    assert (stored.notes, stored.website) == ("Звонить после обеда", "romashka.ru")


@pytest.mark.parametrize("choice, expected", [("ctrl+t", "Скидка 5 %"), ("ctrl+y", "Скидка 10 %"),
                                              ("up", "Скидка 5 %"), ("down", "")])
async def test_the_same_field_asks_and_the_user_decides(team, sqlite_only_url, clock, choice,
                                                        expected):
    app = app_for(sqlite_only_url, clock, "kuznetsova")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        form = await edit_romashka(pilot)
        colleague_saves(team, notes="Скидка 5 %", category="partner")
        await focus(pilot, "#field-notes")
        await type_text(pilot, "Скидка 10 %")
        await focus(pilot, "#field-website")
        await type_text(pilot, "romashka.ru")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictDialog))
        text = screen_text(app)
        assert "Ким Д." in text and "Как было: —" in text
        assert "Скидка 5 %" in text and "✔ Ваше: Скидка 10 %" in text
        stored = Organization.get_by_id(team.org_of["kim"])
        assert stored.notes == "Скидка 5 %" and stored.website == ""  # nothing overwritten
        await pilot.press(choice, "ctrl+s")
        await wait_until(pilot, lambda: app.screen is not form
                         and not isinstance(app.screen, ConflictDialog))
    stored = Organization.get_by_id(team.org_of["kim"])
    assert stored.notes == expected
    assert (stored.category, stored.website) == ("partner", "romashka.ru")  # both kept


async def test_escape_in_the_conflict_dialog_leaves_the_form_undecided(team, sqlite_only_url,
                                                                       clock):
    app = app_for(sqlite_only_url, clock, "kuznetsova")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        form = await edit_romashka(pilot)
        colleague_saves(team, notes="Их заметка")
        await focus(pilot, "#field-notes")
        await type_text(pilot, "Моя заметка")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictDialog))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is form)
        assert Organization.get_by_id(team.org_of["kim"]).notes == "Их заметка"
        await pilot.press("ctrl+s")  # asks again: still nothing overwritten unseen
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictDialog))


async def test_changes_made_elsewhere_appear_within_seconds(team, sqlite_only_url, clock):
    app = app_for(sqlite_only_url, clock, "kuznetsova")
    async with app.run_test(size=SIZE) as pilot:
        screen = await directory(pilot)
        table = screen.query_one("#organizations", PagedTable)
        assert table.row_count == 5
        kim = team.senior.actor.employee_id
        in_other_session(lambda: save_organization(
            team.senior, {"name": "ООО «Новинка»", "responsible_id": kim}))
        await wait_until(pilot, lambda: table.row_count == 6, timeout=8)
        # An open card follows a rename made elsewhere.
        await find(pilot, screen, "Ромашка")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, OrganizationCardScreen)
                         and app.screen.card is not None)
        card = app.screen
        colleague_saves(team, name="ООО «Ромашка-Трейд»")
        await wait_until(pilot, lambda: card.card.name == "ООО «Ромашка-Трейд»", timeout=8)
        assert "Ромашка-Трейд" in str(card.query_one("#card-title", Label).render())
        # Ctrl+E: the audit trail says who changed what.
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: isinstance(app.screen, AuditScreen))
        trail = app.screen.query_one(PagedTable)
        await wait_until(pilot, lambda: trail.current_row is not None)
        text = screen_text(app)
        assert "Ким Д." in text and "ООО «Ромашка-Трейд»" in text and "изменено" in text


async def test_the_admin_adds_an_employee_from_staff(team, sqlite_only_url, clock):
    app = app_for(sqlite_only_url, clock, "admin")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("f12")
        await wait_until(pilot, lambda: isinstance(app.screen, StaffScreen)
                         and app.screen.rows)
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: isinstance(app.screen, EmployeeForm)
                         and app.screen.focused is not None)
        await type_text(pilot, "petrova")
        await focus(pilot, "#staff-last")
        await type_text(pilot, "Петрова")
        await focus(pilot, "#staff-department")
        await type_text(pilot, "Отдел продаж")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, StaffScreen))
        await wait_until(pilot, lambda: "petrova" in screen_text(app))
    petrova = Employee.get(Employee.login == "petrova")
    assert petrova.role.code == "manager" and petrova.department.name == "Отдел продаж"


async def test_others_see_staff_but_not_its_admin_keys(team, sqlite_only_url, clock):
    app = app_for(sqlite_only_url, clock, "gusev")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f12")
        await wait_until(pilot, lambda: isinstance(app.screen, StaffScreen) and app.screen.rows)
        staff = app.screen
        for action in ("new", "edit", "toggle_active", "reassign"):
            assert staff.check_action(action, ()) is None, action


async def test_the_head_hands_a_trainees_clients_to_a_colleague(team, sqlite_only_url, clock):
    app = app_for(sqlite_only_url, clock, "kuznetsova")
    gusev, kim = team.trainee.actor.employee_id, team.senior.actor.employee_id
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("f12")
        await wait_until(pilot, lambda: isinstance(app.screen, StaffScreen) and app.screen.rows)
        app.screen.query_one("#staff-employees").move_cursor(
            row=[r.employee.login for r in app.screen.rows].index("gusev"))
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.screen, ReassignScreen))
        dialog = app.screen
        await wait_until(pilot, lambda: dialog._choice("#reassign-from") == gusev)
        dialog.query_one("#reassign-to").value = kim
        await wait_until(pilot, lambda: dialog.shown is not None)
        text = screen_text(app)
        assert "Организации: 1" in text and "ООО «Василёк»" in text
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Передать 1 запись?" in screen_text(app))
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, StaffScreen))
    assert Organization.get_by_id(team.org_of["gusev"]).responsible_id == kim


async def test_a_new_role_reaches_an_open_session_and_deactivation_ends_it(team, sqlite_only_url,
                                                                           clock):
    from ectui.services import employees

    app = app_for(sqlite_only_url, clock, "gusev")
    gusev = team.trainee.actor.employee_id
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await directory(pilot)
        await find(pilot, screen, "Ромашка")
        assert screen.check_action("edit", ()) is None
        in_other_session(lambda: employees.set_role(team.admin, gusev, "head"))
        await wait_until(pilot, lambda: app.context.actor.role == "Руководитель отдела",
                         timeout=8)
        await wait_until(pilot, lambda: any("теперь роль «Руководитель отдела»" in m
                                            for m in toasts(app)))
        await wait_until(pilot, lambda: screen._table().current_row is not None
                         and screen.check_action("edit", ()) is True)
        in_other_session(lambda: employees.set_active(team.admin, gusev, False))
        await wait_until(pilot, lambda: app.return_code == 3, timeout=8)
