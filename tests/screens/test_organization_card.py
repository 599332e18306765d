"""The organization card with many people: each one's phone and birthday at a glance, the
last one reached by keyboard, and every block laid out whole."""

from __future__ import annotations

from ectui.clock import FixedClock
from ectui.services.contacts import save_contact
from ectui.services.organizations import save_organization
from ectui.session import open_session
from screens.app import EctuiApp
from screens.contact_card import ContactCardScreen
from screens.organization_card import OrganizationCardScreen
from screens.widgets.field_grid import FieldGrid
from screens.widgets.paged_table import PagedTable
from tests.ectui.helpers import NOW, ROMASHKA
from tests.screens.test_forms import screen_text, wait_until

PEOPLE = 40


def _client_with_people(url: str):
    session = open_session(url, login="admin", clock=FixedClock(NOW))
    ctx = session.context
    org = save_organization(ctx, ROMASHKA)
    for number in range(1, PEOPLE + 1):
        save_contact(ctx, {"last_name": f"Сотрудникова{number:02d}", "first_name": "Анна",
                           "position": "Инженер", "mobile_phone": f"+7 916 000-00-{number:02d}",
                           "birthday": f"{number % 28 + 1:02d}.03.1980",
                           "organization_id": org})
    return session, org


async def _open_card(app, pilot, org):
    app.push_screen(OrganizationCardScreen(org))
    await wait_until(pilot, lambda: "Сотрудникова01" in screen_text(app))
    return app.screen


async def test_each_persons_phone_and_birthday_show_and_end_enter_opens_the_last(
        sqlite_only_url):
    session, org = _client_with_people(sqlite_only_url)
    app = EctuiApp(session)
    async with app.run_test(size=(120, 34)) as pilot:
        card = await _open_card(app, pilot, org)
        people = card.query_one("#card-contacts", PagedTable)
        line = next(row for row in screen_text(app).splitlines() if "Сотрудникова01" in row)
        # Half the width of 120 columns holds the name, the phone and the birthday whole.
        assert "+7 (916) 000-00-01" in line and "02.03.1980" in line
        assert app.focused is people
        await pilot.press("end")
        await wait_until(pilot, lambda: "Сотрудникова40" in screen_text(app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactCardScreen))
        await wait_until(pilot, lambda: "Сотрудникова40" in screen_text(app))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is card)
        # The card reloads as it comes back, and keeps one's place in the list.
        await pilot.pause(0.3)
        assert people.current_row.name.startswith("Сотрудникова40")
        assert "Сотрудникова40" in screen_text(app)


async def test_every_block_is_laid_out_whole_and_an_empty_installed_base_says_so(
        sqlite_only_url):
    session, org = _client_with_people(sqlite_only_url)
    app = EctuiApp(session)
    async with app.run_test(size=(120, 34)) as pilot:
        card = await _open_card(app, pilot, org)
        await pilot.pause(0.3)
        # Laid out in one pass (screens/one_pass_layout.py): every block is as tall as its
        # lines and its border, and the people's list as its rows allow.
        for grid in card.query(FieldGrid).results():
            if grid.display:
                assert grid.outer_size.height == grid.get_content_height(
                    card.size, card.size, grid.content_size.width) + 2
        people = card.query_one("#card-contacts", PagedTable)
        assert people.outer_size.height == 14  # its max-height: 40 people scroll inside
        installed = card.query_one("#card-installed", PagedTable)
        installed.focus()
        await pilot.pause(0.3)
        assert installed.outer_size.height == 3  # border, header, «Пока ничего нет»
        assert "Пока ничего нет" in screen_text(app)


async def test_the_people_list_shows_in_its_final_shape_in_one_frame(
        sqlite_only_url):
    from tests.screens.test_paged_table import FrameLog

    session, org = _client_with_people(sqlite_only_url)
    app = EctuiApp(session)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.pause(0.5)
        log = FrameLog(app)
        await _open_card(app, pilot, org)
        await pilot.pause(0.5)
        final = screen_text(app).splitlines()
        shown = [frame for frame in log.frames if any("Сотрудникова01" in line
                                                      for line in frame)]
        # 40 people scroll in a list with a scroll bar. The frame that first shows them
        # has the bar and the columns that make room for it: the list does not jump.
        assert shown and all(frame == final for frame in shown)
        # And the card is not painted again: what the layout marked is in that frame.
        assert len(shown) == 1


async def test_a_scroll_bar_still_changing_after_the_last_pass_is_laid_out_later(
        sqlite_only_url, monkeypatch):
    import screens.one_pass_layout as one_pass_layout

    monkeypatch.setattr(one_pass_layout, "_MAX_PASSES", 1)  # every bar is one pass late
    session, org = _client_with_people(sqlite_only_url)
    app = EctuiApp(session)
    async with app.run_test(size=(120, 34)) as pilot:
        card = await _open_card(app, pilot, org)
        people = card.query_one("#card-contacts", PagedTable)
        await wait_until(pilot, lambda: people.show_vertical_scrollbar)
        await pilot.pause(0.3)
        # Textual's own later layout placed the bar, and the list was painted with it.
        line = next(row for row in screen_text(app).splitlines() if "Сотрудникова01" in row)
        assert "+7 (916) 000-00-01" in line and "02.03.1980" in line
        assert people.scrollable_content_region.width < people.size.width  # the bar's room
