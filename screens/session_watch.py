"""The session follows the shared base: starts the change feed, and takes up a new role or a
deactivation the administrator made while this session was open."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from textual.app import App

from ectui.i18n import t
from ectui.services.changes import Change, ChangeCursor, prune
from ectui.session import reload_actor
from screens.changes import ChangeFeed
from screens.db import run_db

RIGHTS_TABLES = {"employee", "role", "department"}
START_QUIET = 1.0  # seconds after start before background housekeeping


async def start(app: App) -> None:
    """Start the app's change feed; rights are reloaded when employees or roles change."""
    feed = ChangeFeed(app, app.context.origin)
    # Before it has started: the start screen may mount meanwhile and subscribes to it.
    app.changes = feed
    try:
        await feed.start(await _cursor_read_ahead(app, feed))
    except Exception as error:
        app.changes = None
        app.report_error(error)
        return
    feed.subscribe(app, lambda _batch: app.run_worker(reload_rights(app), group="rights"),
                   tables=RIGHTS_TABLES)
    # Housekeeping waits until the first screen has its rows: at start-up the database and
    # the interpreter are the first list's.
    app.set_timer(START_QUIET, lambda: app.run_worker(_prune(app), group="prune",
                                                      exit_on_error=False))


async def _cursor_read_ahead(app: App, feed: ChangeFeed) -> ChangeCursor | None:
    """The session's change cursor started while the App was imported; None if there is
    none (the feed then starts its own): the App's mount, which holds back the first frame,
    waited ~30 ms for a database thread to start it (start-up time)."""
    ahead = getattr(app, "first_page", None)
    if ahead is None:
        return None
    try:
        cursor = await asyncio.wrap_future(ahead.cursor)
    except Exception:
        return None
    return cursor if cursor.origin == feed.cursor.origin else None


async def _prune(app: App) -> None:
    try:
        await run_db(prune, app.context.now())
    except Exception as error:  # a read-only session still works; the setup message says why
        app.log.warning(f"change log not pruned: {error!r}")


async def reload_rights(app: App) -> None:
    """Use the employee's current role; leave when they were deactivated."""
    actor = await run_db(reload_actor, app.session)
    if actor is None:
        app.exit(return_code=3, message=t("session.deactivated", login=app.context.actor.login))
        return
    if actor == app.context.actor:
        return
    app.session.context = replace(app.session.context, actor=actor)
    app.notify(t("session.rights_reloaded", role=actor.role or "—"), timeout=6)
    # Lists and cards re-ask what they may show; keys are greyed anew.
    if app.changes is not None:
        app.changes.dispatch([Change(0, "organization", 0, "rights", ""),
                              Change(0, "contact", 0, "rights", "")])
    app.screen.refresh_bindings()
