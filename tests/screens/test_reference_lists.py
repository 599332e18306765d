"""The admin adds a custom field and a group by keyboard; they reach the forms and filters."""

from __future__ import annotations

from textual.widgets import DataTable

from ectui.clock import FixedClock
from ectui.services import custom_fields, groups
from ectui.session import open_session
from screens.app import EctuiApp
from screens.forms.field_form import FieldForm
from screens.reference_lists import ReferenceListsScreen
from tests.ectui.helpers import NOW
from tests.screens.test_forms import wait_until


async def test_admin_adds_a_group_and_a_choice_field_then_opens_the_group(sqlite_only_url):
    session = open_session(sqlite_only_url, login="admin", clock=FixedClock(NOW))
    app = EctuiApp(session)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("f3")
        await pilot.pause(0.3)
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: isinstance(app.screen, ReferenceListsScreen))
        lists = app.screen
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: isinstance(app.screen, FieldForm))
        await wait_until(pilot, lambda: app.screen.focused is not None)
        await pilot.press("tab", *"Ключевые клиенты", "ctrl+s")
        await wait_until(pilot, lambda: app.screen is lists)
        await wait_until(pilot, lambda: lists.query_one("#lists-groups", DataTable).row_count == 1)
        await pilot.press("tab")  # into the custom fields list
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: isinstance(app.screen, FieldForm))
        await wait_until(pilot, lambda: app.screen.focused is not None)
        await pilot.press("tab", *"Регион", "tab", "enter", "down", "down", "down", "down",
                          "enter", "ctrl+s")
        # A choice field without options is refused at its field, nothing is saved.
        await pilot.pause(0.5)
        assert isinstance(app.screen, FieldForm)
        assert custom_fields.all_custom_fields("organization") == []
        # The form put the cursor into the field it refused.
        await pilot.press(*"Москва", "enter", *"Сибирь", "ctrl+s")
        await wait_until(pilot, lambda: app.screen is lists)
        [field] = custom_fields.all_custom_fields("organization")
        assert (field.name, field.field_type, field.choices) == (
            "Регион", "choice", ("Москва", "Сибирь"))
        assert [g.name for g in groups.groups("organization")] == ["Ключевые клиенты"]
        await pilot.press("shift+tab")
        await pilot.press("enter")  # the group's members in the Directory
        await wait_until(pilot, lambda: not isinstance(app.screen, ReferenceListsScreen))
        await wait_until(pilot, lambda: app.screen.query_one("#group-filter").value
                         == groups.groups("organization")[0].id)


async def test_the_card_shows_the_groups_and_links_of_its_organization(sqlite_only_url):
    from ectui.services.links import EntryRef, create_link
    from ectui.services.organizations import save_organization
    from screens.organization_card import OrganizationCardScreen
    from tests.ectui.helpers import ROMASHKA
    from tests.screens.test_forms import screen_text

    session = open_session(sqlite_only_url, login="admin", clock=FixedClock(NOW))
    ctx = session.context
    vip = groups.create_group(ctx, "Ключевые клиенты", "organization")
    romashka = save_organization(ctx, ROMASHKA, group_ids=[vip.id])
    vector = save_organization(ctx, {"name": "ООО «Вектор»", "category": "partner"})
    create_link(ctx, EntryRef("organization", romashka), EntryRef("organization", vector),
                "дочерняя компания")
    app = EctuiApp(session)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(OrganizationCardScreen(romashka))
        await wait_until(pilot, lambda: "Ключевые клиенты" in screen_text(app))
        assert "ООО «Вектор»" in screen_text(app)


async def test_the_directory_on_an_80_column_terminal_keeps_names_and_phones(sqlite_only_url):
    from ectui.services.organizations import save_organization
    from tests.ectui.helpers import ROMASHKA
    from tests.screens.test_forms import screen_text

    session = open_session(sqlite_only_url, login="admin", clock=FixedClock(NOW))
    save_organization(session.context, ROMASHKA)
    app = EctuiApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await wait_until(pilot, lambda: "ООО «Ромашка»" in screen_text(app))
        line = next(x for x in screen_text(app).splitlines() if "ООО «Ромашка»" in x)
        assert "+7 (" in line  # the phone too; the e-mail and INN make room
