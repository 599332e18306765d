"""Today's first rows are read while the App is imported (screens/first_page.py)."""

from __future__ import annotations

import pytest

from ectui.services import tasks
from ectui.services.task_types import type_id_for_code
from ectui.services.today import today_items
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


async def test_today_shows_the_rows_read_ahead_without_asking_again(
        office, sqlite_only_url, clock, monkeypatch):
    tasks.create_task(office.kim, call(office, "Позвонить Смирнову"))
    session = open_session(sqlite_only_url, login="kim", clock=clock)
    ahead = FirstPage(session.context)
    asked = []
    original = TodaySource.fetch
    monkeypatch.setattr(TodaySource, "fetch", lambda self, offset, limit: (
        asked.append((offset, limit, self.ahead._taken)), original(self, offset, limit))[1])
    app = EctuiApp(session, ahead)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "Позвонить Смирнову" in screen_text(app))
    assert asked == [(0, 200, False)]  # one read, answered by the rows read ahead
    assert ahead._taken
