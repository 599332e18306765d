"""A closed screen is collected as soon as it is taken apart, and the start-up objects are
frozen only while the app runs (screens/garbage.py)."""

from __future__ import annotations

import gc
import weakref

import pytest

from screens.organization_card import OrganizationCardScreen
from tests.ectui.access_helpers import build_team
from tests.screens.test_shared_screens import app_for, directory, find, wait_until


@pytest.fixture
def team(sqlite_database, clock):
    return build_team(clock)


async def test_a_closed_card_is_freed_at_once_and_the_freeze_ends_with_the_app(
        team, sqlite_only_url, clock):
    app = app_for(sqlite_only_url, clock, "gusev")
    async with app.run_test(size=(130, 40)) as pilot:
        await wait_until(pilot, lambda: gc.get_freeze_count() > 0)  # once the app is up
        screen = await directory(pilot)
        await find(pilot, screen, "Ромашка")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, OrganizationCardScreen)
                         and app.screen.card is not None)
        card = weakref.ref(app.screen)
        await pilot.press("escape")
        # Its widgets hold one another in cycles: only a full collection frees them, and
        # Python's own would come whenever enough objects had piled up (mid-way through
        # building the next screen, as it happened at full size).
        await wait_until(pilot, lambda: card() is None, timeout=5)
        assert gc.get_threshold()[2] > 10  # automatic full collections: rarer than Python's
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold()[2] == 10
