"""The floor for start-up: a bare Textual app with one DataTable holding one screen of rows.

``python -m benchmarks.bare_app MARKER`` paints a table like the Directory's first screen
(30 rows, the same columns) whose first row shows MARKER, and quits on Ctrl+Q. No database,
no translations, nothing of ectui: what Python and Textual alone cost to show a list.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import DataTable

ROWS = 30


class BareApp(App[None]):
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def __init__(self, marker: str) -> None:
        super().__init__()
        self.marker = marker

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Название", "ИНН", "Телефон", "E-mail", "Категория", "Ответственный")
        for index in range(ROWS):
            inn = self.marker if index == 0 else f"77{index:08d}"
            table.add_row(f"ООО «Организация {index}»", inn, "+7 (495) 123-45-67",
                          f"info@org{index}.ru", "Клиент", "Иванов И. И.")


if __name__ == "__main__":
    BareApp(sys.argv[1]).run()
