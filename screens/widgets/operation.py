"""A long operation (import, export, mailing) run in a worker thread, with a progress bar
that a person watches and may stop with Esc."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Label, ProgressBar

from ectui.db import database
from ectui.exchange.progress import Cancelled
from ectui.i18n import t


class Operation(Widget):
    """The progress line of one screen; ``start`` runs ``work(progress)`` off the UI thread.

    ``work`` is called with a progress callback (``progress(done, total)``) and runs with its
    own database connection; ``done`` gets its result on the UI thread, errors go to the
    app's ``report_error``. Esc (``cancel``) makes the next progress call raise Cancelled.
    """

    DEFAULT_CSS = """
    Operation { height: 1; display: none; }
    Operation.-running { display: block; }
    Operation Horizontal { height: 1; }
    Operation Label { width: auto; padding: 0 1 0 0; }
    Operation ProgressBar { width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._stop = threading.Event()
        self.running = False
        self._shown = (-1, -1)

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label("", id="operation-label")
            yield ProgressBar(total=None, show_eta=True, id="operation-bar")

    def start(self, label: str, work_fn: Callable[[Callable[[int, int], None]], Any],
              done: Callable[[Any], None]) -> bool:
        """Run ``work_fn`` unless another operation of this screen is running."""
        if self.running:
            self.app.notify(t("exchange.ui.busy"), severity="warning")
            return False
        self.running = True
        self._stop.clear()
        self._shown = (-1, -1)
        self.query_one("#operation-label", Label).update(label)
        self.query_one("#operation-bar", ProgressBar).update(total=None, progress=0)
        self.add_class("-running")
        self._run(work_fn, done)
        return True

    def cancel(self) -> bool:
        """Ask the running operation to stop; False when nothing runs."""
        if not self.running:
            return False
        self._stop.set()
        self.query_one("#operation-label", Label).update(t("exchange.ui.stopping"))
        return True

    def _progress(self, done: int, total: int) -> None:
        if self._stop.is_set():
            raise Cancelled()
        # Redraw only when the shown percentage moves: a 100 000-row import must not flood
        # the UI thread with messages.
        step = (done * 200 // total) if total else done
        if (step, total) != self._shown:
            self._shown = (step, total)
            self.app.call_from_thread(self._show, done, total)

    def _show(self, done: int, total: int) -> None:
        self.query_one("#operation-bar", ProgressBar).update(total=total or None, progress=done)

    @work(thread=True, exit_on_error=False, group="operation")
    def _run(self, work_fn, done) -> None:
        try:
            with database.connection_context():
                result = work_fn(self._progress)
        except BaseException as error:  # every failure is shown as a message, never lost
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._finished, done, result)

    def _finished(self, done, result) -> None:
        self._end()
        done(result)

    def _failed(self, error: BaseException) -> None:
        self._end()
        self.app.report_error(error)

    def _end(self) -> None:
        self.running = False
        self.remove_class("-running")
