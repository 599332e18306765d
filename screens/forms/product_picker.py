"""Choose a product or service from the price list: type to search, Enter picks."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from ectui.i18n import t
from ectui.money import format_money
from ectui.pricing import vat_label
from ectui.services.products import ProductFilter, ProductRow
from screens.db import run_db_sync
from screens.forms import FORMS_CSS
from screens.sales_sources import ProductSource
from screens.widgets.paged_table import Column, PagedTable


def _cell(row: ProductRow, key: str) -> str:
    if key == "price":
        return format_money(row.price)
    if key == "vat_rate":
        return vat_label(row.vat_rate)
    return str(getattr(row, key))


class _Search(Input):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("down", "screen.focus_list", show=False)]


class _Matches(PagedTable):
    def action_cursor_up(self) -> None:
        if self.cursor_row == 0:
            self.screen.query_one(_Search).focus()
        else:
            super().action_cursor_up()


class ProductPicker(ModalScreen[ProductRow | None]):
    """Dismisses with the chosen ``ProductRow``, or None on Esc."""

    CSS_PATH = FORMS_CSS
    AUTO_FOCUS = "#picker-search"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "pick", t("key.pick")),
        Binding("escape", "cancel", t("key.cancel")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._done = False
        self._pick_when_loaded = False

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-dialog"):
            yield Static(t("sales.pick_product"), id="picker-title")
            yield _Search(placeholder=t("sales.pick_product.search"), id="picker-search")
            yield _Matches([Column("name", t("product.name")),
                            Column("article", t("product.article"), 12),
                            Column("unit", t("product.unit"), 6),
                            Column("price", t("product.price"), 14, align="right"),
                            Column("vat_rate", t("product.vat_rate"), 10)],
                           _cell, page_size=100, empty_text=t("sales.nothing_found"),
                           run_in_context=run_db_sync, id="picker-table")
            yield Static(t("form.picker.hint"), id="picker-hint")
        yield Footer()

    def on_mount(self) -> None:
        self._search("")

    @property
    def table(self) -> PagedTable:
        return self.query_one("#picker-table", PagedTable)

    def _search(self, query: str) -> None:
        self.table.set_source(ProductSource(ProductFilter(query=query)))

    @on(Input.Changed, "#picker-search")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._pick_when_loaded = False
        self._search(event.value)

    @on(Input.Submitted, "#picker-search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_pick()

    @on(PagedTable.RowSelected, "#picker-table")
    def _selected(self, event: PagedTable.RowSelected) -> None:
        event.stop()
        self._choose(event.row)

    @on(PagedTable.RowHighlighted, "#picker-table")
    def _arrived(self, event: PagedTable.RowHighlighted) -> None:
        event.stop()
        if self._pick_when_loaded and event.row is not None:
            self._choose(event.row)

    def action_focus_list(self) -> None:
        self.table.focus()

    def action_pick(self) -> None:
        row = self.table.current_row
        if row is not None and self.table.row_count:
            self._choose(row)
        else:
            self._pick_when_loaded = True

    def action_cancel(self) -> None:
        if not self._done:
            self._done = True
            self.dismiss(None)

    def _choose(self, row: ProductRow) -> None:
        if not self._done:
            self._done = True
            self.dismiss(row)
