"""A titled block of label/value lines; empty values are left out so cards stay short."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static


def field_grid(title: str, rows: list[tuple[str, str]], *, keep_empty: bool = False) -> Static:
    shown = [(label, value) for label, value in rows if value or keep_empty]
    table = Table.grid(padding=(0, 2))
    table.add_column(style="dim", no_wrap=True)
    table.add_column(ratio=1)
    for label, value in shown:
        table.add_row(label, Text(value))
    widget = Static(table, classes="field-grid")
    widget.border_title = title
    widget.display = bool(shown)
    return widget
