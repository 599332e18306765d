"""Changes made in other sessions reach this one within seconds; screens subscribe to them.

The App owns one ``ChangeFeed``. It polls the change log on a database thread (every
``SQLITE_INTERVAL`` seconds on SQLite; on PostgreSQL a LISTEN thread wakes it at once and the
poll is only a safety net) and hands each subscriber the changes of the tables it asked for.
A screen subscribes once, usually in ``on_mount``; the subscription ends when the screen is
removed:

    from screens import changes

    def on_mount(self) -> None:
        changes.subscribe(self, self._changed, tables={"organization", "contact"})

    def _changed(self, batch: list[Change]) -> None:
        if any(c.record_id == self.org_id for c in batch):
            self.load()

Handlers run on the UI thread and must be quick: start a worker to reload, never query here.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from textual.app import App
from textual.dom import DOMNode

from ectui.db import database, is_sqlite
from ectui.services.changes import Change, ChangeCursor, listen_for_changes
from screens.db import run_db

SQLITE_INTERVAL = 2.0
POSTGRES_INTERVAL = 15.0

Handler = Callable[[list[Change]], object]


@dataclass
class _Subscription:
    owner: weakref.ref
    handler: Callable[[], Handler | None]  # weak for a method: it must not keep its screen
    tables: frozenset[str] | None


def _weak_handler(handler: Handler) -> Callable[[], Handler | None]:
    if hasattr(handler, "__self__"):
        return weakref.WeakMethod(handler)
    return lambda: handler


class ChangeFeed:
    """One per App: polls the change log and dispatches what other sessions changed."""

    def __init__(self, app: App, origin: str) -> None:
        self.app = app
        self.cursor = ChangeCursor(origin)
        self._subscriptions: list[_Subscription] = []
        self._polling = False
        self._again = False
        self._stop = threading.Event()
        self._listener: threading.Thread | None = None

    async def start(self, cursor: ChangeCursor | None = None) -> None:
        """Watch from now on (what is already in the log is not news); ``cursor``: this
        session's, started already (as the App was imported, screens/first_page.py)."""
        if cursor is None:
            await run_db(self.cursor.start)
        else:
            self.cursor = cursor
        interval = SQLITE_INTERVAL if is_sqlite() else POSTGRES_INTERVAL
        self.app.set_interval(interval, self.poll, name="change-feed")
        if not is_sqlite():
            self._listener = threading.Thread(
                target=listen_for_changes, args=(database.obj, self._stop, self._woken),
                name="ectui-listen", daemon=True)
            self._listener.start()

    def stop(self) -> None:
        self._stop.set()

    def _woken(self) -> None:
        # On the listener thread: a NOTIFY arrived, so poll now rather than at the next tick.
        try:
            self.app.call_from_thread(self.poll)
        except RuntimeError:
            pass  # the app is shutting down

    def subscribe(self, owner: DOMNode, handler: Handler,
                  tables: Iterable[str] | None = None) -> None:
        """Call ``handler(changes)`` while ``owner`` is mounted; ``tables`` None means all."""
        # A handler is usually the owner's method: held strongly, it kept a closed screen
        # alive until the next poll, past the collection made when it closed
        # (screens/garbage.py), so methods are held weakly and removed owners dropped now.
        self._subscriptions = [sub for sub in self._subscriptions if self._attached(sub)]
        self._subscriptions.append(_Subscription(
            weakref.ref(owner), _weak_handler(handler),
            frozenset(tables) if tables is not None else None))

    async def poll(self) -> None:
        """Fetch new changes (at most one fetch runs at a time) and dispatch them."""
        if self._polling:
            self._again = True
            return
        self._polling = True
        try:
            while True:
                self._again = False
                try:
                    batch = await run_db(self.cursor.fetch)
                except Exception as error:  # a lost connection: say so, keep polling
                    self.app.log.warning(f"change feed: {error!r}")
                    return
                self.dispatch(batch)  # an empty batch still drops removed owners
                if not self._again:
                    return
        finally:
            self._polling = False

    def _attached(self, sub: _Subscription) -> bool:
        owner = sub.owner()
        return owner is not None and (owner is self.app or owner.is_attached)

    def dispatch(self, batch: list[Change]) -> None:
        alive = []
        for sub in self._subscriptions:
            if not self._attached(sub):
                continue
            alive.append(sub)
            if not batch:
                continue
            wanted = [c for c in batch if sub.tables is None or c.table in sub.tables]
            handler = sub.handler()
            if wanted and handler is not None:
                handler(wanted)
        self._subscriptions = alive


def subscribe(owner: DOMNode, handler: Handler, tables: Iterable[str] | None = None) -> None:
    """Subscribe ``owner`` to other sessions' changes, if its app has a feed (tests may not)."""
    feed = getattr(owner.app, "changes", None)
    if isinstance(feed, ChangeFeed):
        feed.subscribe(owner, handler, tables)
