"""The start-up (screens/first_page.py, ectui/cli.py): Today's first rows and the change log are
read while the App is imported; the garbage collector waits until the first frame."""

from __future__ import annotations

import gc
import threading

import pytest

import screens.app
from ectui import cli
from ectui.services import tasks
from ectui.services.changes import ChangeCursor
from ectui.services.task_types import type_id_for_code
from ectui.services.today import today_items, today_length
from ectui.session import open_session
from screens.app import EctuiApp
from screens.first_page import FirstPage
from screens.today import TodaySource
from tests.ectui.task_helpers import build_office
from tests.screens.test_forms import screen_text, wait_until


@pytest.fixture
def office(sqlite_database, clock):
    return build_office(clock)


def call(office, title: str) -> dict:
    return {"task_type_id": type_id_for_code("call"), "organization_id": office.romashka,
            "title": title, "due": "сегодня"}


def test_the_rows_read_ahead_are_todays_and_are_given_once(office):
    tasks.create_task(office.kim, call(office, "Позвонить Смирнову"))
    ahead = FirstPage(office.kim)
    expected = today_items(office.kim, 0, 200)
    assert ahead.take(office.head, 0, 200) is None  # another person's list: read it anew
    assert ahead.take(office.kim, 200, 200) is None  # another page
    assert ahead.take(office.kim, 0, 200) == expected
    assert ahead.take(office.kim, 0, 200) is None  # a reload reads the database again


def test_the_rows_ready_come_with_the_lists_length_and_never_wait(office):
    for title in ("Позвонить Смирнову", "Позвонить Петрову", "Позвонить Сидорову"):
        tasks.create_task(office.kim, call(office, title))
    whole = FirstPage(office.kim)
    whole._rows.result(timeout=10)
    assert whole.ready(office.head, 0, 200) is None  # another person's list
    assert whole.ready(office.kim, 0, 200) == (today_items(office.kim, 0, 200),
                                                 today_length(office.kim))
    assert whole.ready(office.kim, 0, 200) is None  # given once
    assert whole.take(office.kim, 0, 200) is None
    # A full page may be only the start of the list: its length is counted, as the list's
    # count worker would.
    start = FirstPage(office.kim, limit=2)
    start._rows.result(timeout=10)
    rows, length = start.ready(office.kim, 0, 2)
    assert rows == today_items(office.kim, 0, 2)
    assert length == today_length(office.kim) > 2


def test_rows_not_read_yet_are_not_ready_and_stay_for_the_list(office, monkeypatch):
    release = threading.Event()
    original = FirstPage._read
    monkeypatch.setattr(FirstPage, "_read", lambda self: (release.wait(10), original(self)))
    tasks.create_task(office.kim, call(office, "Позвонить Смирнову"))
    ahead = FirstPage(office.kim)
    assert ahead.ready(office.kim, 0, 200) is None  # does not wait
    release.set()
    assert ahead.take(office.kim, 0, 200) == today_items(office.kim, 0, 200)  # waits


async def test_today_shows_the_rows_read_ahead_without_asking_again(
        office, sqlite_only_url, clock, monkeypatch):
    tasks.create_task(office.kim, call(office, "Позвонить Смирнову"))
    session = open_session(sqlite_only_url, login="kim", clock=clock)
    ahead = FirstPage(session.context)
    ahead._rows.result(timeout=10)  # read before the list mounts, as at a real start
    asked = []
    monkeypatch.setattr(TodaySource, "fetch", lambda self, offset, limit: asked.append(
        ("fetch", offset, limit)) or today_items(self.context, offset, limit))
    monkeypatch.setattr(TodaySource, "count", lambda self: asked.append(("count",))
                        or today_length(self.context))
    app = EctuiApp(session, ahead)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "Позвонить Смирнову" in screen_text(app))
        await app.workers.wait_for_complete()
    assert asked == []  # the list took the rows as it mounted: no worker asked for them
    assert ahead._taken


async def test_today_waits_for_rows_still_being_read_ahead(
        office, sqlite_only_url, clock, monkeypatch):
    tasks.create_task(office.kim, call(office, "Позвонить Смирнову"))
    session = open_session(sqlite_only_url, login="kim", clock=clock)
    release = threading.Event()
    read = FirstPage._read
    monkeypatch.setattr(FirstPage, "_read", lambda self: (release.wait(10), read(self)))
    ahead = FirstPage(session.context)
    asked = []
    fetch = TodaySource.fetch

    def fetch_once_mounted(self, offset, limit):
        asked.append((offset, limit, self.ahead._taken))
        release.set()  # the read ahead finishes only now that the list has asked
        return fetch(self, offset, limit)

    monkeypatch.setattr(TodaySource, "fetch", fetch_once_mounted)
    app = EctuiApp(session, ahead)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "Позвонить Смирнову" in screen_text(app))
    assert asked == [(0, 200, False)]  # one read, answered by the rows read ahead
    assert ahead._taken


async def test_the_feed_watches_from_before_the_rows_were_read_without_a_trip_of_its_own(
        office, sqlite_only_url, clock, monkeypatch):
    session = open_session(sqlite_only_url, login="kim", clock=clock)
    ahead = FirstPage(session.context)
    ahead._rows.result(timeout=10)
    # Another session gives Kim a task after the rows were read, before the App runs.
    tasks.create_task(office.admin, {**call(office, "Позвонить Смирнову"),
                                     "responsible_id": office.kim.actor.employee_id})
    monkeypatch.setattr(ChangeCursor, "start", lambda self: pytest.fail("started again"))
    app = EctuiApp(session, ahead)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.changes is not None and app.changes.cursor.last_id)
        assert app.changes.cursor is ahead.cursor.result()
        assert "Позвонить Смирнову" not in screen_text(app)
        await app.changes.poll()  # the feed's next round: the task is news, Today reloads
        await wait_until(pilot, lambda: "Позвонить Смирнову" in screen_text(app))


def test_the_collector_waits_while_the_app_starts_and_runs_again_after(
        office, sqlite_only_url, monkeypatch):
    monkeypatch.setenv("LOGNAME", "kim")
    running = []
    monkeypatch.setattr(screens.app, "run_app",
                        lambda session, first_page: running.append(gc.isenabled()))
    assert cli._open_app(sqlite_only_url, None) == 0
    assert running == [False] and gc.isenabled()

    def fails(session, first_page):
        raise RuntimeError("the terminal went away")

    monkeypatch.setattr(screens.app, "run_app", fails)
    with pytest.raises(RuntimeError):
        cli._open_app(sqlite_only_url, None)
    assert gc.isenabled()


async def test_the_app_resumes_the_collector_once_its_first_frame_is_drawn(
        office, sqlite_only_url, clock):
    session = open_session(sqlite_only_url, login="kim", clock=clock)
    gc.disable()  # as the command line does
    try:
        app = EctuiApp(session, FirstPage(session.context))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, gc.isenabled)
    finally:
        gc.enable()
