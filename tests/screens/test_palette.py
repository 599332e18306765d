"""Ctrl+P: the screen's actions, by name, in the user's language."""

from __future__ import annotations

from ectui.clock import FixedClock
from ectui.session import open_session
from screens.app import EctuiApp
from tests.ectui.helpers import NOW
from tests.screens.test_forms import wait_until
from tests.screens.test_paged_table import screen_text


async def test_the_palette_finds_an_action_by_its_russian_name_and_runs_it(sqlite_only_url):
    from textual.command import CommandPalette

    from screens.directory import DirectoryScreen

    session = open_session(sqlite_only_url, login="kim", clock=FixedClock(NOW))
    app = EctuiApp(session)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.pause(0.3)
        assert "^p Команды" in screen_text(app)  # the key bar's last key
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.pause(0.2)
        assert "Найти действие…" in screen_text(app)
        await pilot.press(*"справоч")
        await wait_until(pilot, lambda: "Справочник" in screen_text(app))
        assert "Screenshot" not in screen_text(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, DirectoryScreen))


async def test_an_action_the_screen_has_not_is_said_so_in_russian(sqlite_only_url):
    from textual.command import CommandPalette

    session = open_session(sqlite_only_url, login="kim", clock=FixedClock(NOW))
    app = EctuiApp(session)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"ыыыы")
        await wait_until(pilot, lambda: "Такого действия здесь нет" in screen_text(app))
        assert "No matches" not in screen_text(app)
