"""A search line over a `PagedTable`: what is typed and the rows it finds are painted together."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.geometry import Size
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
