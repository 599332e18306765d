"""Holding the app's paints for a moment, so that a change arrives whole in one frame.

Textual paints what changed at once, and then cannot paint again for one to two periods of
its frame clock (17-33 ms at its 60 fps); a change that comes in two parts (a keystroke's
echo, then the rows it finds) is painted twice, each time with a layout of the screen, and
its second part waits for that clock (benchmarks/RESULTS.md, section 16).
"""

from __future__ import annotations

from typing import Any

from textual.app import App, ScreenStackError


class PaintHold:
    """Holds an app's paints (`App.batch_update`) until released, and never longer than
    the ``cap`` given to `hold`: a slow database still gets its first frame."""

    def __init__(self) -> None:
        self._held: tuple[App, Any] | None = None

    def hold(self, app: App, cap: float) -> None:
        if self._held is not None:
            return  # the first hold's cap stands: typing on must not starve the echo
        batch = app.batch_update()
        batch.__enter__()
        held = self._held = (app, batch)
        app.set_timer(cap, lambda: self.release(held), name="paint-hold")

    def release(self, held: tuple[App, Any] | None = None) -> None:
        """Let the app paint; ``held``: only if that hold is still the one held (a cap's
        timer must not end a later hold)."""
        if self._held is None or (held is not None and held is not self._held):
            return
        (app, batch), self._held = self._held, None
        batch.__exit__(None, None, None)
        try:
            app.screen.check_idle()  # an idle screen with changes schedules its paint
        except ScreenStackError:
            pass  # the app is closing: nothing left to paint
