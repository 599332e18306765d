"""A search line over a paged list of matches, in a dialog: type to search, Enter picks.

Enter pressed before the matches arrive picks the first one when they come; Down goes from the
search line into the list and Up on its first row back. The entry and product pickers say
only what they list and what they answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ectui.i18n import t
from screens.db import run_db_sync
from screens.forms import FORMS_CSS
from screens.widgets.key_bar import KeyBar
from screens.widgets.list_search import ListSearch
from screens.widgets.paged_table import Column, PagedTable


class _SearchInput(ListSearch):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "screen.focus_list", show=False),
    ]


class _MatchTable(PagedTable):
    """The matches; Up on the first row goes back to the search line."""

    def action_cursor_up(self) -> None:
        if self.cursor_row == 0:
            self.screen.set_focus(self.screen.query_one(_SearchInput))
        else:
            super().action_cursor_up()


class SearchPicker(ModalScreen[Any]):
    CSS_PATH = FORMS_CSS
    AUTO_FOCUS = "#picker-search"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "pick", t("key.pick")),
        Binding("escape", "cancel", t("key.cancel")),
    ]

    # Each picker defines these: its texts and columns, how a row shows, where matches come
    # from (a PagedTable source) and what the dialog answers for the chosen row.
    heading: str
    placeholder: str
    empty_text: str
    columns: list[Column]
    cell: Callable[[Any, str], str]
    source: Callable[[str], object]
    answer: Callable[[Any], object]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self._query = query
        self._done = False
        self._pick_when_loaded = False  # Enter came before the matches: pick when they come

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-dialog"):
            yield Static(self.heading, id="picker-title")
            yield _SearchInput(self._query, placeholder=self.placeholder, id="picker-search",
                               results=lambda: self.table)
            yield _MatchTable(self.columns, self.cell, page_size=100,
                              empty_text=self.empty_text, run_in_context=run_db_sync,
                              id="picker-table")
            yield Static(t("form.picker.hint"), id="picker-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self._search(self._query)

    @property
    def table(self) -> PagedTable:
        return self.query_one("#picker-table", PagedTable)

    def _search(self, query: str) -> None:
        self.table.set_source(self.source(query))

    @on(Input.Changed, "#picker-search")
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._pick_when_loaded = False
        self._search(event.value)

    @on(Input.Submitted, "#picker-search")
    def _query_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_pick()

    @on(PagedTable.RowSelected, "#picker-table")
    def _row_selected(self, event: PagedTable.RowSelected) -> None:
        event.stop()
        self._choose(event.row)

    @on(PagedTable.RowHighlighted, "#picker-table")
    def _row_arrived(self, event: PagedTable.RowHighlighted) -> None:
        event.stop()
        if self._pick_when_loaded and event.row is not None:
            self._choose(event.row)

    @on(PagedTable.Loaded, "#picker-table")
    def _loaded(self, event: PagedTable.Loaded) -> None:
        event.stop()
        if not event.row_count:
            self._pick_when_loaded = False

    def action_focus_list(self) -> None:
        self.set_focus(self.table)

    def action_pick(self) -> None:
        """Pick the highlighted match (the first one while the search line has focus)."""
        row = self.table.current_row
        if row is not None and self.table.row_count:
            self._choose(row)
        else:
            self._pick_when_loaded = True

    def action_cancel(self) -> None:
        if not self._done:
            self._done = True
            self.dismiss(None)

    def _choose(self, row: Any) -> None:
        if not self._done:  # Enter and a late page can both ask; answer once
            self._done = True
            self.dismiss(self.answer(row))
