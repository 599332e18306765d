"""Today's first rows, read while the UI is still being imported (start-up time).

Importing Textual and the screens takes longer than Today's query; started together, the
rows are there when the list mounts instead of being asked for only then, and the list
takes them as it mounts (``ready``), so they are in the screen's first frame. Where the
change log stands is read first, for the App's change feed (``cursor``): the App's mount,
which holds back the first frame, then has no database thread to wait for. This module
imports no Textual: the command line starts it before it imports the App.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future

LIMIT = 200  # a PagedTable's page


class FirstPage:
    """Reads rows 0..LIMIT of the employee's Today list on a thread of its own, at once,
    and the list's length: what the list's count worker would read."""

    def __init__(self, context, limit: int = LIMIT) -> None:
        self.context = context
        self.limit = limit
        self._rows: Future = Future()
        self._taken = False
        self.cursor: Future = Future()
        """A started ``ectui.services.changes.ChangeCursor`` of this session."""
        threading.Thread(target=self._read, name="ectui-first-page", daemon=True).start()

    def _read(self) -> None:
        from ectui.db import database

        try:
            database.connect(reuse_if_open=True)
        except BaseException as error:  # the list and the feed then read for themselves
            self.cursor.set_exception(error)
            self._rows.set_exception(error)
            return
        try:
            # Before the rows: a change made after they were read is news to the feed.
            _settle(self.cursor, self._started_cursor)
            _settle(self._rows, self._first_rows)
        finally:
            database.close()

    def _started_cursor(self):
        from ectui.services.changes import ChangeCursor

        cursor = ChangeCursor(self.context.origin)
        cursor.start()
        return cursor

    def _first_rows(self):
        from ectui.services.today import today_first_page

        return today_first_page(self.context, self.limit)

    def take(self, context, offset: int, limit: int):
        """The rows, if this read is the one they answer and they were not taken yet;
        else None (the caller reads them itself). Waits for the read to finish."""
        taken = self._claim(context, offset, limit)
        return taken[0] if taken is not None else None

    def ready(self, context, offset: int, limit: int):
        """``(rows, length)`` as ``take`` gives the rows, but only if they are already read:
        None at once otherwise (nothing is taken then)."""
        return self._claim(context, offset, limit) if self._rows.done() else None

    def _claim(self, context, offset: int, limit: int):
        if self._taken or context is not self.context or offset != 0 or limit != self.limit:
            return None
        self._taken = True
        try:
            return self._rows.result()
        except Exception:
            return None


def _settle(future: Future, work) -> None:
    try:
        future.set_result(work())
    except BaseException as error:  # whoever waits for it does the work itself
        future.set_exception(error)
