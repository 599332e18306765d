"""The command palette (Ctrl+P): every action the screen offers now, found by its name.

Textual's own palette offers its system commands in English (Theme, Keys, Screenshot…);
ours offers the screen's keys in the user's language, each with the key that does the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from rich.align import Align
from rich.text import Text
from textual.app import App, SystemCommand
from textual.command import CommandList, CommandPalette
from textual.screen import Screen
from textual.widgets.option_list import Option

from ectui.i18n import t


def screen_commands(app: App, screen: Screen) -> Iterable[SystemCommand]:
    """One command per action the screen allows now (a refused one is left out)."""
    seen: set[str] = set()
    for _key, (node, binding, enabled, _tooltip) in screen.active_bindings.items():
        if (not enabled or not binding.description or binding.action in seen
                or binding.action == "command_palette"):
            continue
        seen.add(binding.action)
        yield SystemCommand(binding.description, app.get_key_display(binding),
                            partial(app.run_action, binding.action, node))


class Palette(CommandPalette):
    """Textual's palette with its own words translated."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual writes «No matches found» in English in this method; the same, translated.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(t("palette.no_matches"), style="not bold")),
                    disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


def open_palette(app: App) -> None:
    if not CommandPalette.is_open(app):
        app.push_screen(Palette(id="--command-palette", placeholder=t("palette.search")))
