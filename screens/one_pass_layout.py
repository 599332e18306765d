"""Screens laid out in one pass: Textual's follow-up layouts after a layout, done within it.

After a layout, Textual hands each widget whose size changed its new virtual size through a
reactive that asks for another layout (`Widget._size_updated`). Filling a card changes the
size of most of its ~50 widgets, so every fill laid the whole screen out twice (20–30 ms
each at full size) and painted a frame between: the second pass arrives where the first
already was, since the sizes it is given are the ones the first pass computed. On a screen
with this mixin the sizes are stored without asking for that second pass.

A widget that asks for a layout does it from its own queue, so a fill of several blocks
sends the screen its requests one by one: some came after the layout they asked for had
already run, and each started one more layout and frame, 25-30 ms later. Here a layout
takes every request made before it began, and a request it has taken is not run again.

A scroll bar that a layout shows or hides does change the geometry: Textual places it one
layout later, after a frame painted without it and a wait for the frame clock (25–30 ms on
a card whose people list or column starts to scroll). Here the layout is run again at once,
before anything is painted. What else changes the geometry (a block shown or hidden, new
text in a block) still asks for its own layout (benchmarks/RESULTS.md, sections 20 and 21).

The layout resizes most widgets, and each then sends its own repaint message, which came
after the layout's frame and painted the same card once or twice more. The layout's frame
paints what is marked for repaint when it is drawn, so those messages find nothing left.

All of this leans on Textual internals (checked against Textual 8.2): the tests of
`tests/screens/test_organization_card.py` fail if an upgrade changes them under us.
"""

from __future__ import annotations

from textual import _time, messages
from textual.widget import Widget

_in_one_pass = False  # layouts run on the UI thread, one at a time
_last_pass = False  # of the passes one layout may run
_scroll_bars_changed: list[Widget] = []  # in the pass that is running
_size_updated = Widget._size_updated
_refresh_scrollbars = Widget._refresh_scrollbars
_MAX_PASSES = 3  # a vertical bar can make room for a horizontal one, and that one for more


def _size_updated_in_one_pass(self: Widget, size, virtual_size, container_size,
                              layout: bool = True) -> bool:
    return _size_updated(self, size, virtual_size, container_size,
                         layout=layout and not _in_one_pass)


def _refresh_scrollbars_in_one_pass(self: Widget) -> None:
    if not _in_one_pass:
        _refresh_scrollbars(self)
        return
    shown = (self.show_horizontal_scrollbar, self.show_vertical_scrollbar)
    _refresh_scrollbars(self)
    if (self.show_horizontal_scrollbar, self.show_vertical_scrollbar) != shown:
        _scroll_bars_changed.append(self)


Widget._size_updated = _size_updated_in_one_pass  # type: ignore[method-assign]
Widget._refresh_scrollbars = _refresh_scrollbars_in_one_pass  # type: ignore[method-assign]


def _layout_done(widgets: list[Widget]) -> None:
    """What Textual does as it takes a widget's request for layout (`_check_refresh`)."""
    for widget in widgets:
        widget._layout_required = False
        for ancestor in widget.ancestors:
            if not isinstance(ancestor, Widget):
                break
            ancestor._clear_arrangement_cache()
            ancestor._layout_updates += 1
            if not ancestor.styles.auto_dimensions:
                break


class LaysOutInOnePass:
    """Mixin for a `Screen` whose layouts need no second pass (see the module's doc)."""

    _laid_out_at = float("-inf")

    async def _on_layout(self, message: messages.Layout) -> None:
        if message.time < self._laid_out_at:  # asked before the last layout, which did it
            message.stop()
            message.prevent_default()
            return
        await super()._on_layout(message)  # type: ignore[misc]

    def _refresh_layout(self, size=None, scroll: bool = False) -> None:
        global _in_one_pass, _last_pass
        self._laid_out_at = _time.get_time()
        _layout_done([widget for widget in self.walk_children(Widget)  # type: ignore[attr-defined]
                      if widget._layout_required])  # not yet sent: this layout takes them
        for attempt in range(_MAX_PASSES):
            _scroll_bars_changed.clear()
            _in_one_pass, _last_pass = True, attempt == _MAX_PASSES - 1
            try:
                super()._refresh_layout(size, scroll)  # type: ignore[misc]
            finally:
                _in_one_pass = False
            if not _scroll_bars_changed or _last_pass:
                break  # after the last pass, a bar still changing asks Textual for a layout
            _layout_done(_scroll_bars_changed)
            scroll = False
        _scroll_bars_changed.clear()

    def _compositor_refresh(self) -> None:
        if _in_one_pass:
            if _scroll_bars_changed and not _last_pass:
                return  # the pass runs again before it is painted
            # What was marked for repaint before this paint (much of it by this layout) is
            # painted in it: its own messages then find nothing left and paint no frame.
            compositor = self._compositor  # type: ignore[attr-defined]
            compositor.update_widgets({widget for widget in compositor.visible_widgets
                                       if widget._repaint_regions})
        super()._compositor_refresh()  # type: ignore[misc]
