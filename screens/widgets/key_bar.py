"""The bottom line of every screen: the keys the screen offers now, greyed where refused.

It replaces Textual's `Footer`, which is a row of one widget per key, rebuilt each time the
screen's keys change: building and laying out ~24 widgets was ~20 ms of every card opened
(after the card's data, since the Footer builds its keys one refresh after it learns them)
plus a layout of the whole screen (~25 ms), and the Footer needed three workarounds (it
kept every key it had ever shown: 472 MB after 174 keystrokes; benchmarks/RESULTS.md,
sections 5 and 19). This is one line of text: a change of keys redraws one line.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import Widget


class _Key(NamedTuple):
    key: str
    """The key pressed when the label is clicked."""
    display: str
    description: str
    enabled: bool


class KeyBar(Widget, can_focus=False):
    """The screen's shown keys (``Binding.show``), one per action, and the command
    palette's key at the right end."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: tuple[tuple[_Key, ...], _Key | None] | None = None
        self._spans: list[tuple[int, int, _Key]] = []  # cells of each key, for clicks

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen) -> None:
        keys = self._read_keys()
        if keys != self._keys:
            self._keys = keys
            self.refresh()  # one line redrawn; the bar's size never changes

    def _read_keys(self) -> tuple[tuple[_Key, ...], _Key | None]:
        app = self.app
        palette_key = app.COMMAND_PALETTE_BINDING if app.ENABLE_COMMAND_PALETTE else None
        keys: dict[str, _Key] = {}
        palette = None
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if key == palette_key:
                palette = self._key(binding, enabled)
            elif binding.show and binding.action not in keys:
                keys[binding.action] = self._key(binding, enabled)  # one key per action
        return tuple(keys.values()), palette

    def _key(self, binding: Binding, enabled: bool) -> _Key:
        return _Key(binding.key, self.app.get_key_display(binding), binding.description,
                    enabled)

    def render(self) -> Text:
        if self._keys is None:
            self._keys = self._read_keys()
        keys, palette = self._keys
        width = self.size.width
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        tail = self._label(palette) if palette is not None else Text()
        if tail:
            tail = Text("▏") + tail
        room = max(0, width - tail.cell_len)
        for key in keys:
            label = self._label(key)
            if line.cell_len + label.cell_len > room:
                break  # the rest would not fit; F1 lists every key
            self._spans.append((line.cell_len, line.cell_len + label.cell_len, key))
            line.append_text(label)
        if tail:
            line.append(" " * (room - line.cell_len))
            start = line.cell_len + 1
            self._spans.append((start, start + tail.cell_len - 1, palette))
            line.append_text(tail)
        return line

    def _label(self, key: _Key) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        if not key.enabled:
            key_style += Style(dim=True)
            description_style += Style(dim=True)
        label = Text.assemble((f" {key.display} ", key_style))
        if key.description:
            label.append(f"{key.description} ", description_style)
        return label

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                if key.enabled:
                    self.app.simulate_key(key.key)
                else:
                    self.app.bell()
                return

