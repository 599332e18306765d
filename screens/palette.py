"""The command palette (Ctrl+P): every action the screen offers now, found by its name.

Textual's own palette offers its system commands in English (Theme, Keys, Screenshot…);
ours offers the screen's keys in the user's language, each with the key that does the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.screen import Screen

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


def open_palette(app: App) -> None:
    if not CommandPalette.is_open(app):
        app.push_screen(CommandPalette(id="--command-palette", placeholder=t("palette.search")))
