"""Keys typed ahead in one burst (a fast typist over a slow SSH link) land in typing order."""

from __future__ import annotations

from textual import events

from ectui.clock import FixedClock
from ectui.session import open_session
from screens.app import EctuiApp
from screens.forms.record_form import RecordForm
from tests.ectui.helpers import NOW
from tests.screens.test_forms import wait_until


def burst(app: EctuiApp, keys: list[str]) -> None:
    """Queue every key at once, the way the terminal driver does for a burst of input."""
    for key in keys:
        character = key if len(key) == 1 else None
        app.post_message(events.Key(key, character))


async def open_directory(pilot) -> None:
    """The app starts on Today; F3 opens the Directory with its search box focused."""
    from screens.directory import DirectoryScreen

    await pilot.press("f3")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, DirectoryScreen)
                     and pilot.app.focused is not None and pilot.app.focused.id == "search")


def inputs_of(form: RecordForm) -> dict[str, str]:
    from textual.widgets import Input

    return {widget.id: widget.value for widget in form.query(Input) if widget.id}


async def test_a_burst_with_backspace_arrows_and_tab_keeps_typing_order(sqlite_only_url):
    session = open_session(sqlite_only_url, login="kim", clock=FixedClock(NOW))
    app = EctuiApp(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_directory(pilot)
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm))
        form = app.screen
        await wait_until(pilot, lambda: form.focused is not None)
        burst(app, [*"Ромашкк", "backspace", "а", "tab", *"полое", "left", "left", "н",
                    "tab", *"ООО"])
        await wait_until(pilot, lambda: "ООО" in inputs_of(form).values())
        values = list(inputs_of(form).values())
        assert values[:3] == ["Ромашка", "полное", "ООО"]


async def test_typing_a_search_then_down_and_enter_in_one_burst_opens_the_card(sqlite_only_url):
    from ectui.services.organizations import save_organization
    from screens.organization_card import OrganizationCardScreen
    from tests.ectui.helpers import ROMASHKA

    session = open_session(sqlite_only_url, login="kim", clock=FixedClock(NOW))
    save_organization(session.context, ROMASHKA)
    save_organization(session.context, {"name": "ООО «Лютик»"})
    app = EctuiApp(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_directory(pilot)
        burst(app, [*"ром", "down", "enter"])
        await wait_until(pilot, lambda: isinstance(app.screen, OrganizationCardScreen))
        await wait_until(pilot, lambda: app.screen.card is not None)
        assert app.screen.card.name == "ООО «Ромашка»"


async def test_a_field_waiting_for_its_next_key_lets_a_key_through_at_once(sqlite_only_url):
    """The quick path of the typed-ahead check (issue 9: ~2 ms per keystroke): a field whose
    message loop waits on an empty queue is settled; one with a key still queued is not.
    Fails if Textual's message queue no longer shows its waiting ``get``."""
    from screens.widgets.typeahead import _waiting_for_messages

    session = open_session(sqlite_only_url, login="kim", clock=FixedClock(NOW))
    app = EctuiApp(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_directory(pilot)
        await pilot.pause()
        search = app.focused
        assert _waiting_for_messages(search)
        search.post_message(events.Key("я", "я"))
        assert not _waiting_for_messages(search)
        await wait_until(pilot, lambda: search.value == "я")
        await pilot.pause()
        assert _waiting_for_messages(search)
