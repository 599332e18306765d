"""A closed screen's change subscription does not keep it in memory (screens/changes.py)."""

from __future__ import annotations

import gc
import weakref

from textual.app import App
from textual.screen import Screen

from screens import changes
from screens.changes import ChangeFeed


class _Watching(Screen):
    def on_mount(self) -> None:
        changes.subscribe(self, self._changed, tables={"organization"})

    def _changed(self, batch) -> None:
        pass


class _FeedApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.changes = ChangeFeed(self, "test")


async def test_a_popped_screen_is_released_when_the_next_one_subscribes():
    app = _FeedApp()
    async with app.run_test() as pilot:
        first = _Watching()
        await app.push_screen(first)
        await pilot.pause()
        gone = weakref.ref(first)
        app.pop_screen()
        await pilot.pause()
        del first
        await app.push_screen(_Watching())  # as opening the next card does
        await pilot.pause()
        gc.collect()
        assert gone() is None
        assert len(app.changes._subscriptions) == 1

