"""Rows already in memory (a card's people) as a `PagedTable` source.

A card reads its people with the rest of the card in one trip; a `DataTable` of them measured
every cell as it was filled (15 ms for a client with 290 people, benchmarks/RESULTS.md
section 20). A `PagedTable` over this source draws only the lines on screen, at once, with
no worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ListSource:
    rows: Sequence[Any] = field(default_factory=tuple)

    def count(self) -> int:
        return len(self.rows)

    def fetch(self, offset: int, limit: int) -> Sequence[Any]:
        return self.rows[offset:offset + limit]

    def ready(self, offset: int, limit: int) -> tuple[list[Any], int]:
        return list(self.rows[offset:offset + limit]), len(self.rows)


def line_cell(line: Sequence[Any], key: str) -> Any:
    """The cell getter for rows that are lines of cells: the columns' keys are "0", "1"…"""
    return line[int(key)]


def show_list(table: Any, rows: Sequence[Any]) -> None:
    """Show ``rows`` in a `PagedTable`; a reload keeps the cursor's place (clamped)."""
    place = table.cursor_row
    table.set_source(ListSource(tuple(rows)))
    table.cursor_row = place
