"""The Directory: a search shows its first page at once and its count when it is known."""

from __future__ import annotations

import time

from textual.widgets import Label

from ectui.clock import FixedClock
from ectui.services.organizations import save_organization
from ectui.session import open_session
from screens.app import EctuiApp
from screens.widgets.paged_table import PagedTable
from tests.ectui.helpers import NOW
from tests.screens.test_forms import wait_until
from tests.screens.test_paged_table import screen_lines
from tests.screens.test_typeahead import open_directory


async def test_a_search_with_more_than_a_page_of_matches_ends_with_its_exact_count(db_url):
    session = open_session(db_url, login="kim", clock=FixedClock(NOW))
    for number in range(205):  # one page of the list is 200 rows
        save_organization(session.context, {"name": f"ООО «Вектор-{number:03d}»"})
    save_organization(session.context, {"name": "ООО «Ромашка»"})
    app = EctuiApp(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_directory(pilot)
        await pilot.press(*"вект")
        count = app.screen.query_one("#directory-count", Label)
        await wait_until(pilot, lambda: "205" in str(count.render()))
        assert str(count.render()) == "Найдено 205 записей"  # no "counting…" left behind
        table = app.screen.query_one("#organizations", PagedTable)
        assert table.row_count == 205
        assert table.current_row.name == "ООО «Вектор-000»"

        await pilot.press("escape", *"ромаш")
        await wait_until(pilot, lambda: str(count.render()) == "Найдена 1 запись")


async def test_the_directory_loads_once_as_it_opens_and_again_after_a_card(sqlite_only_url):
    from screens.organization_card import OrganizationCardScreen

    session = open_session(sqlite_only_url, login="kim", clock=FixedClock(NOW))
    save_organization(session.context, {"name": "ООО «Ромашка»"})
    loads: list[str] = []
    seen: list[PagedTable.Loaded] = []

    def hook(message) -> None:  # called at every widget a message bubbles through
        if isinstance(message, PagedTable.Loaded) and not any(m is message for m in seen):
            seen.append(message)
            loads.append(message.paged_table.id or "")

    app = EctuiApp(session)
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await open_directory(pilot)
        await wait_until(pilot, lambda: "organizations" in loads)
        await pilot.pause(0.3)
        assert loads.count("organizations") == 1  # not a second time as the screen shows
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, OrganizationCardScreen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: loads.count("organizations") == 2)  # back: reloaded


async def test_a_card_reads_its_organization_once_as_it_opens(sqlite_only_url, monkeypatch):
    import screens.organization_card as card_screen
    from screens.organization_card import OrganizationCardScreen

    session = open_session(sqlite_only_url, login="kim", clock=FixedClock(NOW))
    org_id = save_organization(session.context, {"name": "ООО «Ромашка»"})
    reads = []
    original = card_screen.organization_card
    monkeypatch.setattr(card_screen, "organization_card",
                        lambda *args: reads.append(args[0]) or original(*args))
    app = EctuiApp(session)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(OrganizationCardScreen(org_id))
        await wait_until(pilot, lambda: isinstance(app.screen, OrganizationCardScreen)
                         and app.screen.card is not None)
        await pilot.pause(0.3)
        assert reads == [org_id]  # not a second time as the screen first shows


async def test_a_typed_letter_and_the_rows_it_finds_are_painted_together(sqlite_only_url,
                                                                         monkeypatch):
    import screens.widgets.paged_table as paged_table
    from tests.screens.test_paged_table import FrameLog

    monkeypatch.setattr(paged_table, "PAINT_HOLD", 30.0)  # only the rows may end the hold
    session = open_session(sqlite_only_url, login="kim", clock=FixedClock(NOW))
    save_organization(session.context, {"name": "ООО «Ромашка»"})
    save_organization(session.context, {"name": "ООО «Вектор»"})
    app = EctuiApp(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_directory(pilot)
        await wait_until(pilot, lambda: "ООО «Вектор»" in "\n".join(screen_lines(app)))
        log = FrameLog(app)
        await pilot.press("р")
        await wait_until(pilot, lambda: any("ООО «Вектор»" not in "\n".join(frame)
                                            for frame in log.frames))
        # No frame shows the letter over an emptied list: the echo waited for the rows.
        assert all("ООО «Ромашка»" in "\n".join(frame) for frame in log.frames)


async def test_a_search_longer_than_its_box_keeps_the_end_in_view(sqlite_only_url):
    from textual.widgets import Input

    session = open_session(sqlite_only_url, login="kim", clock=FixedClock(NOW))
    app = EctuiApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_directory(pilot)
        search = app.screen.query_one("#search", Input)
        typed = "очень длинное название организации которое не влезает в поле поиска конец"
        await pilot.press(*typed)
        await wait_until(pilot, lambda: search.value == typed)
        await pilot.pause(0.1)
        shown = "\n".join(screen_lines(app))
        assert "поиска конец" in shown  # the end, where the cursor is, stays visible
        assert search.scroll_offset.x > 0
        await pilot.press("home")
        await pilot.pause(0.1)
        assert search.scroll_offset.x == 0
        assert "очень длинное" in "\n".join(screen_lines(app))



def frame_times(app) -> list[float]:
    """Seconds from now to each frame the app sends to the terminal."""
    times: list[float] = []
    start = time.monotonic()
    display = app._display

    def logged(screen, renderable) -> None:
        if renderable is not None:
            times.append(time.monotonic() - start)
        display(screen, renderable)

    app._display = logged
    return times


async def test_a_card_over_the_search_is_not_redrawn_by_its_blinking_cursor(sqlite_only_url):
    from screens import actions

    session = open_session(sqlite_only_url, login="kim", clock=FixedClock(NOW))
    org_id = save_organization(session.context, {"name": "ООО «Ромашка»"})
    app = EctuiApp(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_directory(pilot)  # the search line has the cursor, and it blinks
        search = app.screen.query_one("#search")
        await wait_until(pilot, lambda: search._cursor_visible)
        await wait_until(pilot, lambda: not search._cursor_visible)  # just turned off
        frames = frame_times(app)
        actions.open_organization(app, org_id)  # as from the palette: the search keeps focus
        await pilot.pause(1.2)  # the blink would turn the covered cursor on at 0.45-0.5 s
        assert app.screen.card is not None and frames
        # The card draws itself in its first ~0.1 s; then the user reads it, undisturbed.
        assert [round(t, 2) for t in frames if t > 0.35] == []

        await pilot.press("escape")
        await wait_until(pilot, lambda: app.focused is not None and app.focused.id == "search")
        await pilot.pause(0.3)
        frames = frame_times(app)
        await pilot.pause(1.2)
        assert len(frames) >= 2  # back in the search line, its cursor blinks again
