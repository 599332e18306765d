"""Screens laid out in one pass: Textual's second layout after every size change, skipped.

After a layout, Textual hands each widget whose size changed its new virtual size through a
reactive that asks for another layout (`Widget._size_updated`). Filling a card changes the
size of most of its ~50 widgets, so every fill laid the whole screen out twice (20–30 ms
each at full size) and painted a frame between: the second pass arrives where the first
already was, since the sizes it is given are the ones the first pass computed.

On a screen with this mixin the sizes are stored without asking for that second pass. What
does change the geometry still asks for its own layout: a scroll bar that appears or goes, a
block shown or hidden, new text in a block (benchmarks/RESULTS.md, section 20).
"""

from __future__ import annotations

from textual.widget import Widget

_in_one_pass = False  # layouts run on the UI thread, one at a time
_size_updated = Widget._size_updated


def _size_updated_in_one_pass(self: Widget, size, virtual_size, container_size,
                              layout: bool = True) -> bool:
    return _size_updated(self, size, virtual_size, container_size,
                         layout=layout and not _in_one_pass)


Widget._size_updated = _size_updated_in_one_pass  # type: ignore[method-assign]


class LaysOutInOnePass:
    """Mixin for a `Screen` whose layouts need no second pass (see the module's doc)."""

    def _refresh_layout(self, size=None, scroll: bool = False) -> None:
        global _in_one_pass
        _in_one_pass = True
        try:
            super()._refresh_layout(size, scroll)  # type: ignore[misc]
        finally:
            _in_one_pass = False
