"""Titled blocks of label/value lines; empty values are left out so cards stay short.

A card composes its blocks once and refills them on each load: mounting fresh blocks on
every load cost a layout and a frame per block (benchmarks/RESULTS.md, fix 11).
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.containers import Vertical
from textual.widgets import Static

Rows = list[tuple[str, str]]


def _grid(rows: Rows) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="dim", no_wrap=True)
    table.add_column(ratio=1)
    for label, value in rows:
        table.add_row(label, Text(value))
    return table


class FieldGrid(Static):
    """One block: a border with its title around the lines that have a value; hidden while
    none has."""

    def __init__(self) -> None:
        super().__init__(classes="field-grid")
        self.display = False

    def show_rows(self, title: str, rows: Rows) -> None:
        shown = [(label, value) for label, value in rows if value]
        self.update(_grid(shown))
        self.border_title = title
        self.display = bool(shown)


class FieldBlocks(Vertical):
    """A fixed number of blocks, filled in order by `show`; the ones not given are hidden."""

    def __init__(self, count: int, *, id: str | None = None) -> None:
        super().__init__(*(FieldGrid() for _ in range(count)), id=id)

    def show(self, blocks: list[tuple[str, Rows]]) -> None:
        for index, grid in enumerate(self.query_children(FieldGrid)):
            title, rows = blocks[index] if index < len(blocks) else ("", [])
            grid.show_rows(title, rows)
