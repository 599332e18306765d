"""Progress of long work (imports, exports, mailings), told to whoever watches: a bar in the
terminal or in the UI. The watcher may stop the work by raising ``Cancelled``."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

from ectui.errors import UserError

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)``; ``total`` is 0 while it is not known yet."""


class Cancelled(UserError):
    """The person stopped the work; whatever it had written is rolled back."""

    def __init__(self) -> None:
        super().__init__("exchange.cancelled")


def no_progress(_done: int, _total: int) -> None:
    """For callers nobody watches."""


class TerminalBar:
    """A one-line progress bar on a terminal (stderr), redrawn at most ten times a second."""

    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30,
                 live: bool | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        # Redrawing with "\r" only makes sense on a terminal; into a log file or a pipe
        # the bar is drawn once, when the work ends.
        self.live = self.stream.isatty() if live is None else live
        self._last = 0.0
        self._state = (0, 0)
        self._shown = False

    def __call__(self, done: int, total: int) -> None:
        self._state = (done, total)
        now = time.monotonic()
        if not self.live or (done < total and now - self._last < 0.1):
            return
        self._last = now
        if total:
            filled = self.width * done // total
            bar = "#" * filled + "." * (self.width - filled)
            text = f"\r{self.label} [{bar}] {done}/{total}"
        else:
            text = f"\r{self.label} {done}"
        self.stream.write(text)
        self.stream.flush()
        self._shown = True

    def finish(self) -> None:
        """End the bar's line, so what is printed next starts on its own line."""
        if not self.live and self._state != (0, 0):
            self.live = True
            self._last = 0.0
            self(*self._state)
        if self._shown:
            self.stream.write("\n")
            self.stream.flush()
            self._shown = False
