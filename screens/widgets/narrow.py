"""Screens whose side-by-side columns stack on a narrow terminal (80 columns over SSH)."""

from __future__ import annotations

from textual import events

NARROW_BELOW = 100  # cells: two columns of a card need about 50 each to read well


class StacksWhenNarrow:
    """Sets the ``-narrow`` class on the screen while it is narrower than ``NARROW_BELOW``;
    the stylesheet stacks the columns and scrolls them as one."""

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW_BELOW, "-narrow")  # type: ignore[attr-defined]
