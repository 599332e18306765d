"""A search line over a `PagedTable`: what is typed and the rows it finds are painted together."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Input

from screens.widgets.paged_table import PagedTable


class ListSearch(Input):
    """An `Input` whose every change is about to give its list a new source.

    Args:
        results: Returns the table the typed text searches (a screen with tabs has several).

    The list's screen holds its paint from the moment the text changes until the new rows
    come (`PagedTable.hold_paint`): held only from `set_source`, the echo of the key had
    already been painted, and Textual's frame clock then kept the rows waiting 17–33 ms.
    """

    def __init__(self, *args: Any, results: Callable[[], PagedTable], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._results = results

    def _on_mount(self) -> None:
        # Textual calls Input's own _on_mount too (handlers run down the class's MRO).
        self.app.screen_change_signal.subscribe(self, self._screen_changed, immediate=True)

    def _screen_changed(self, current: Screen) -> None:
        # A covered screen's cursor keeps blinking in Textual: its next tick marks the line
        # dirty, and a dirty line on a covered screen repaints the screen on top, 0-0.5 s
        # after a card opens (a whole frame of the card, 30-80 ms, as a user starts to read).
        # The cursor stays shown and still while covered, and blinks again on return.
        if current is not self.screen:
            self._pause_blink(visible=True)
        elif self.has_focus:
            self._restart_blink()

    def _watch_value(self, value: str) -> None:
        # Input sets its scrollable width from the text at every change, and Textual lays the
        # whole screen out for it (with the list's new rows: 8–11 ms per keystroke). The width
        # only scrolls the line within itself: set it the way a resize does, no layout.
        size = Size(self.content_width, 1)
        if self.is_mounted and size != self.virtual_size:
            self.set_reactive(Input.virtual_size, size)
            self._scroll_update(size)
        super()._watch_value(value)

    def watch_value(self) -> None:
        if self.is_mounted:
            self._results().hold_paint()
