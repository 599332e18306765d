"""Record forms, the yes/no dialog and the entry picker, driven by keys on a real SQLite database.

The forms save through `run_db` (a thread pool), and the picker's table loads in thread
workers, so every test waits for the outcome it expects with `wait_until` rather than a fixed
sleep. Setup and checks of the database run directly on the test's thread.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable

import pytest
from rich.console import Console
from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Select, SelectionList

from ectui.errors import UserError
from ectui.i18n import t
from ectui.models import Contact, Organization
from ectui.services.contacts import save_contact
from ectui.services.context import Actor, Context
from ectui.services.custom_fields import create_custom_field, custom_fields, custom_values_of
from ectui.services.employees import create_employee, employees
from ectui.services.field_specs import CONTACT_FIELDS, ORGANIZATION_FIELDS
from ectui.services.groups import create_group, group_ids_of, groups
from ectui.services.organizations import (
    EditableRecord,
    OrganizationFilter,
    count_organizations,
    organization_for_edit,
    save_organization,
)
from screens.forms.confirm import ConfirmDialog
from screens.forms.entry_picker import EntryPicker
from screens.forms.record_form import RecordForm, ReferenceField
from screens.widgets.paged_table import PagedTable

SIZE = (100, 40)
BAD_INN = "7707083894"  # 7707083893 with a wrong check digit
GOOD_INN = "7707083893"
INN_CHECKSUM_ERROR = "Контрольная цифра ИНН не сходится"

_MISSING = object()


class FormsApp(App[None]):
    """The two things a form needs from the real app: the session context and report_error."""

    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context
        self.reported: list[BaseException] = []
        self.results: list[object] = []

    def report_error(self, error: BaseException) -> None:
        self.reported.append(error)
        self.notify(getattr(error, "message", str(error)), severity="error")

    def open(self, screen) -> None:
        self.push_screen(screen, self.results.append)

    def result(self, default: object = _MISSING) -> object:
        return self.results[-1] if self.results else default


@pytest.fixture
def context(sqlite_database, clock) -> Context:
    tester = create_employee(None, "tester", "Тестов", "Тест", is_admin=True, now=clock.now())
    return Context(Actor(tester.id, "tester", "Тестов Т.", True), clock)


def organization_form(app: FormsApp, record: EditableRecord | None = None) -> RecordForm:
    record = record or EditableRecord(None, 0, {})

    def save(values, custom, group_ids, version) -> int:
        return save_organization(app.context, values, org_id=record.id,
                                 expected_version=version if record.id else None,
                                 custom=custom, group_ids=group_ids)

    return RecordForm(t("org.new") if record.id is None else t("org.edit", name="…"),
                      ORGANIZATION_FIELDS, record, custom_fields("organization"),
                      groups("organization"), employees(), save)


def contact_form(app: FormsApp) -> RecordForm:
    def save(values, custom, group_ids, version) -> int:
        return save_contact(app.context, values, custom=custom, group_ids=group_ids)

    return RecordForm(t("contact.new"), CONTACT_FIELDS, EditableRecord(None, 0, {}),
                      custom_fields("contact"), groups("contact"), employees(), save)


async def wait_until(pilot: Pilot, predicate: Callable[[], object], timeout: float = 5.0) -> None:
    """Let the app run until ``predicate()`` holds (DB threads and workers included)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {predicate}")
        await pilot.pause(0.05)


def screen_text(app: App) -> str:
    """The characters on the terminal now, as a person would read them."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(),
                      record=True, force_terminal=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text()


async def type_text(pilot: Pilot, text: str) -> None:
    """Type ``text`` key by key, as a terminal sends it.

    `Pilot.press` loses the character of keys such as «: it turns the character into a key
    name and cannot turn the name back. A terminal sends both, so do that for those keys.
    """
    for char in text:
        if char.isalnum() or char == " ":
            await pilot.press(char)
        else:
            pilot.app.post_message(events.Key(_character_to_key(char), char))
            await pilot.pause()


async def focus(pilot: Pilot, selector: str) -> None:
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()


async def wait_for_screen(pilot: Pilot, screen_type: type[Screen]) -> Screen:
    """Wait until a screen of that type is on top, composed, with its first widget focused."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, screen_type)
                     and app.screen.focused is not None)
    return app.screen


async def open_form(pilot: Pilot, form: RecordForm) -> RecordForm:
    app: FormsApp = pilot.app  # type: ignore[assignment]
    app.open(form)
    assert await wait_for_screen(pilot, RecordForm) is form
    return form


def error_line(form: RecordForm, selector: str) -> str:
    control = form.query_one(selector).parent
    assert control is not None
    line = control.query_one(".field-error")
    return str(line.render()) if line.display and line.has_class("-shown") else ""


# ---- RecordForm ------------------------------------------------------------------------


async def test_bad_inn_is_shown_at_its_field_and_nothing_is_stored(context) -> None:
    app = FormsApp(context)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        form = await open_form(pilot, organization_form(app))
        assert app.focused is form.query_one("#field-name"), "first field focused on open"
        await type_text(pilot, "ООО «Ромашка»")
        await focus(pilot, "#field-inn")
        await type_text(pilot, BAD_INN)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: form.query_one("#field-inn").has_class("-invalid"))

        assert INN_CHECKSUM_ERROR in screen_text(app)
        assert "✖" in error_line(form, "#field-inn")
        assert app.focused is form.query_one("#field-inn"), "focus on the first bad field"
        assert app.screen is form and app.results == []
        assert count_organizations(OrganizationFilter()) == 0
        # Nothing typed is lost.
        assert form.query_one("#field-name", Input).value == "ООО «Ромашка»"
        assert form.query_one("#field-inn", Input).value == BAD_INN
        assert t("error.form_invalid", fields=t("org.inn")) in screen_text(app)  # the toast

        await pilot.press("end", "backspace", "3")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.results)

        org_id = app.result()
        assert isinstance(org_id, int)
        stored = Organization.get_by_id(org_id)
        assert (stored.name, stored.inn) == ("ООО «Ромашка»", GOOD_INN)
        assert count_organizations(OrganizationFilter()) == 1
        assert app.screen is not form


async def test_second_attempt_clears_fixed_errors(context) -> None:
    app = FormsApp(context)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        form = await open_form(pilot, organization_form(app))
        await focus(pilot, "#field-inn")
        await type_text(pilot, BAD_INN)
        await pilot.press("ctrl+s")  # no name and a bad INN: two errors
        await wait_until(pilot, lambda: form.query_one("#field-inn").has_class("-invalid"))
        assert form.query_one("#field-name").has_class("-invalid")
        assert app.focused is form.query_one("#field-name"), "first bad field in form order"
        assert t("validation.required") in error_line(form, "#field-name")

        await type_text(pilot, "Василёк")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not form.query_one("#field-name").has_class("-invalid"))
        assert error_line(form, "#field-name") == ""
        assert form.query_one("#field-inn").has_class("-invalid")
        assert app.focused is form.query_one("#field-inn")


async def test_custom_number_choice_and_groups_are_stored(context) -> None:
    turnover = create_custom_field(context, "organization", "Оборот", "number")
    vip = create_group(context, "VIP", "organization")
    create_group(context, "Москва", "organization")
    app = FormsApp(context)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        form = await open_form(pilot, organization_form(app))
        await type_text(pilot, "Альфа")
        await focus(pilot, f"#custom-{turnover.id}")
        await type_text(pilot, "abc")
        await pilot.press("ctrl+s")
        custom_input = form.query_one(f"#custom-{turnover.id}")
        await wait_until(pilot, lambda: custom_input.has_class("-invalid"))
        assert "не число" in error_line(form, f"#custom-{turnover.id}")
        assert "не число" in screen_text(app)
        assert count_organizations(OrganizationFilter()) == 0

        await pilot.press("ctrl+a", "ctrl+k")  # clear the line, then type a number
        await type_text(pilot, "1 234,5")

        # Category: open the list, skip the blank and «Потенциальный клиент», take «Клиент».
        await focus(pilot, "#field-category")
        await pilot.press("enter", "down", "down", "enter")
        assert form.query_one("#field-category", Select).value == "client"

        # Groups come in the database's name order; walk down to «VIP» and mark it.
        group_list = form.query_one("#groups-list", SelectionList)
        await focus(pilot, "#groups-list")
        vip_index = next(i for i in range(group_list.option_count)
                         if group_list.get_option_at_index(i).value == vip.id)
        await pilot.press(*["down"] * vip_index, "space")
        assert group_list.selected == [vip.id]

        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.results)

    org_id = app.result()
    stored = Organization.get_by_id(org_id)
    assert stored.category == "client"
    assert custom_values_of("organization", org_id) == {turnover.id: "1234.5"}
    assert group_ids_of("organization", org_id) == [vip.id]


async def test_edit_form_starts_from_stored_values_and_saves_changes(context) -> None:
    org_id = save_organization(context, {"name": "Бета", "inn": GOOD_INN, "category": "partner"})
    record = organization_for_edit(org_id)
    app = FormsApp(context)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        form = await open_form(pilot, organization_form(app, record))
        assert form.query_one("#field-inn", Input).value == GOOD_INN
        assert form.query_one("#field-category", Select).value == "partner"
        assert not form.has_changes()
        await pilot.press("end")
        await type_text(pilot, " плюс")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.results)
    assert app.result() == org_id
    assert Organization.get_by_id(org_id).name == "Бета плюс"


async def test_escape_with_changes_asks_before_closing(context) -> None:
    app = FormsApp(context)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        form = await open_form(pilot, organization_form(app))
        await type_text(pilot, "Гамма")
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmDialog)
        assert "Закрыть без сохранения?" in screen_text(app)

        await pilot.press("n")  # stay: nothing lost
        await wait_until(pilot, lambda: app.screen is form)
        assert form.query_one("#field-name", Input).value == "Гамма"
        assert app.results == []

        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("y")
        await wait_until(pilot, lambda: app.results)
    assert app.result() is None
    assert count_organizations(OrganizationFilter()) == 0


async def test_escape_without_changes_closes_at_once(context) -> None:
    app = FormsApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, organization_form(app))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.results)
        assert app.result() is None
        assert not isinstance(app.screen, ConfirmDialog)


async def test_other_user_error_is_a_toast_and_the_form_stays(context) -> None:
    app = FormsApp(context)

    def refuse(values, custom, group_ids, version) -> int:
        raise UserError("conflict.changed_elsewhere")

    form = RecordForm("Тест", ORGANIZATION_FIELDS, EditableRecord(None, 0, {}), [], [], [],
                      refuse)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_form(pilot, form)
        await type_text(pilot, "Дельта")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.reported)
        assert isinstance(app.reported[0], UserError)
        assert app.screen is form and app.results == []
        assert form.query_one("#field-name", Input).value == "Дельта"
        await wait_until(pilot, lambda: form.check_action("save", ()) is True)


async def test_save_is_not_run_twice_while_one_is_running(context) -> None:
    app = FormsApp(context)
    gate = threading.Event()
    calls: list[dict] = []

    def slow_save(values, custom, group_ids, version) -> int:
        calls.append(values)
        gate.wait(timeout=5)
        return 42

    form = RecordForm("Тест", ORGANIZATION_FIELDS, EditableRecord(None, 0, {}), [], [], [],
                      slow_save)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, form)
        await type_text(pilot, "Эпсилон")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: calls)
        await pilot.press("ctrl+s", "ctrl+s", "escape")
        assert form.check_action("save", ()) is None  # greyed in the footer
        assert app.screen is form
        gate.set()
        await wait_until(pilot, lambda: app.results)
    assert len(calls) == 1
    assert app.result() == 42


async def test_contact_form_picks_an_organization_with_f2(context) -> None:
    org_id = save_organization(context, {"name": "ООО «Ромашка»"})
    save_organization(context, {"name": "Василёк"})
    app = FormsApp(context)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        form = await open_form(pilot, contact_form(app))
        await type_text(pilot, "Петров")
        await focus(pilot, "#field-organization_id")
        await pilot.press("f2")
        await wait_for_screen(pilot, EntryPicker)
        picker = app.screen
        await type_text(pilot, "ром")
        table = picker.query_one(PagedTable)
        await wait_until(pilot, lambda: table.row_count == 1 and table.current_row is not None)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is form)
        field = form.query_one("#field-organization_id", ReferenceField)
        assert field.reference_id == org_id
        assert "Ромашка" in screen_text(app)

        await pilot.press("delete")
        assert field.reference_id is None
        await pilot.press("enter")  # Enter opens the picker too
        await wait_for_screen(pilot, EntryPicker)
        await type_text(pilot, "ром")
        await pilot.press("enter")  # picks the first match as soon as it arrives
        await wait_until(pilot, lambda: app.screen is form and field.reference_id == org_id)

        await focus(pilot, "#field-responsible_id")  # blank first, then the employees
        await pilot.press("enter", "down", "enter")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.results)
    contact = Contact.get_by_id(app.result())
    assert (contact.last_name, contact.organization_id) == ("Петров", org_id)
    assert contact.responsible_id == context.actor.employee_id


async def test_preset_organization_is_named_without_being_told(context) -> None:
    org_id = save_organization(context, {"name": "ООО «Ромашка»"})
    boss_id = save_contact(context, {"last_name": "Орлов", "first_name": "Евгений",
                                     "organization_id": org_id})
    app = FormsApp(context)

    def save(values, custom, group_ids, version) -> int:
        return save_contact(app.context, values, custom=custom, group_ids=group_ids)

    record = EditableRecord(None, 0, {"organization_id": org_id, "reports_to_id": boss_id})
    form = RecordForm(t("contact.new"), CONTACT_FIELDS, record, [], [], employees(), save)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, form)
        org = form.query_one("#field-organization_id", ReferenceField)
        boss = form.query_one("#field-reports_to_id", ReferenceField)
        await wait_until(pilot, lambda: org.reference_name and boss.reference_name)
        assert (org.reference_name, boss.reference_name) == ("ООО «Ромашка»", "Орлов Евгений")
        assert "ООО «Ромашка»" in screen_text(app)
        assert not form.has_changes()
        await focus(pilot, "#field-reports_to_id")
        await pilot.press("f2")  # the boss is looked for among the chosen organization's people
        picker = await wait_for_screen(pilot, EntryPicker)
        assert (picker.kind, picker.organization_id) == ("contact", org_id)


async def test_save_finishing_under_another_screen_closes_the_form_when_it_is_back(
    context,
) -> None:
    app = FormsApp(context)
    gate = threading.Event()

    def slow_save(values, custom, group_ids, version) -> int:
        gate.wait(timeout=5)
        return 7

    form = RecordForm("Тест", ORGANIZATION_FIELDS, EditableRecord(None, 0, {}), [], [], [],
                      slow_save)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, form)
        await type_text(pilot, "Зета")
        await pilot.press("ctrl+s")
        dialog = ConfirmDialog("Справка?")  # stands for F1 help opened during the save
        app.push_screen(dialog)
        await wait_for_screen(pilot, ConfirmDialog)
        gate.set()
        await wait_until(pilot, lambda: not form.has_class("-saving"))
        assert app.screen is dialog and app.results == []
        await pilot.press("n")
        await wait_until(pilot, lambda: app.results)
        assert app.result() == 7
        assert not isinstance(app.screen, RecordForm | ConfirmDialog)


# ---- EntryPicker and ConfirmDialog ---------------------------------------------------------


async def test_picker_finds_romashka_by_typing(context) -> None:
    for name in ("Василёк", "ООО «Ромашка»", "Ромб и круг", "Агромаш"):
        save_organization(context, {"name": name})
    romashka = Organization.get(Organization.name == "ООО «Ромашка»").id
    app = FormsApp(context)
    async with app.run_test(size=SIZE) as pilot:
        app.open(EntryPicker("organization"))
        await wait_for_screen(pilot, EntryPicker)
        table = app.screen.query_one(PagedTable)
        await wait_until(pilot, lambda: table.row_count == 4)
        await type_text(pilot, "ром")
        await wait_until(pilot, lambda: table.row_count == 2 and table.current_row is not None)
        await type_text(pilot, "аш")
        await wait_until(pilot, lambda: table.row_count == 1 and table.current_row is not None)
        await pilot.press("down")
        assert app.focused is table
        await pilot.press("up")  # above the first row: back to the search line
        assert app.focused is app.screen.query_one("#picker-search")
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: app.results)
    assert app.result() == (romashka, "ООО «Ромашка»")


async def test_contact_picker_keeps_to_one_organization(context) -> None:
    first = save_organization(context, {"name": "Первая"})
    second = save_organization(context, {"name": "Вторая"})
    save_contact(context, {"last_name": "Иванов", "organization_id": first})
    other = save_contact(context, {"last_name": "Иванова", "organization_id": second})
    app = FormsApp(context)
    async with app.run_test(size=SIZE) as pilot:
        app.open(EntryPicker("contact", organization_id=second))
        await wait_for_screen(pilot, EntryPicker)
        table = app.screen.query_one(PagedTable)
        await type_text(pilot, "иван")
        await wait_until(pilot, lambda: table.row_count == 1 and table.current_row is not None)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.results)
    assert app.result() == (other, "Иванова")


async def test_picker_escape_returns_none(context) -> None:
    app = FormsApp(context)
    async with app.run_test(size=SIZE) as pilot:
        app.open(EntryPicker("organization"))
        await wait_for_screen(pilot, EntryPicker)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.results)
    assert app.result() is None


@pytest.mark.parametrize(
    ("keys", "answer"),
    [(("y",), True), (("n",), False), (("escape",), False), (("enter",), False),
     (("left", "enter"), True)],
)
async def test_confirm_dialog_keys(keys: tuple[str, ...], answer: bool) -> None:
    app = FormsApp(context=None)  # type: ignore[arg-type]
    async with app.run_test(size=SIZE) as pilot:
        app.open(ConfirmDialog("Удалить «[ООО] Ромашка»?"))
        await wait_for_screen(pilot, ConfirmDialog)
        text = screen_text(app)
        assert "Удалить «[ООО] Ромашка»?" in text
        assert "Да" in text and "Нет" in text
        await pilot.press(*keys)
        await wait_until(pilot, lambda: app.results)
    assert app.result() is answer


def test_every_text_of_the_forms_is_translated() -> None:
    import re
    from pathlib import Path

    from ectui.i18n import catalog

    forms = Path(__file__).resolve().parents[2] / "screens" / "forms"
    keys = {key for path in forms.glob("*.py")
            for key in re.findall(r'\bt\("([\w.]+)"', path.read_text(encoding="utf-8"))}
    keys |= {f"form.picker.{kind}{suffix}" for kind in ("organization", "contact")
             for suffix in ("", ".search")}
    assert len(keys) > 20
    assert sorted(keys - catalog().keys()) == []
