"""The change feed (screens/changes.py, screens/session_watch.py): a closed screen's
subscription does not keep it in memory; a screen mounted before the feed started is in it."""

from __future__ import annotations

import gc
import time
import weakref

from textual.app import App
from textual.screen import Screen

from ectui.services.changes import ChangeCursor
from ectui.session import open_session
from screens import changes
from screens.app import EctuiApp
from screens.changes import ChangeFeed
from screens.today import TodayScreen
from tests.ectui.task_helpers import build_office
from tests.screens.test_forms import wait_until


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


async def test_today_follows_other_sessions_even_when_it_mounts_before_the_feed_starts(
        sqlite_database, sqlite_only_url, clock, monkeypatch):
    # The change feed's start reads the log on a database thread; the start screen may
    # mount before it is back, and must still be subscribed to the feed.
    build_office(clock)
    started = ChangeCursor.start
    monkeypatch.setattr(ChangeCursor, "start", lambda self: (time.sleep(0.5), started(self)))
    session = open_session(sqlite_only_url, login="kim", clock=clock)
    app = EctuiApp(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.changes is not None)
        owners = [sub.owner() for sub in app.changes._subscriptions]
        assert any(isinstance(owner, TodayScreen) for owner in owners)
