"""Directions of the price list («Направления»): the administrator's named list that groups
products for sales by direction. Ctrl+G on the price list tab of Sales opens it.

The services decide who may change it; this screen only asks and shows.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label

from ectui.errors import UserError
from ectui.i18n import t
from ectui.services import products
from screens.db import run_db
from screens.forms.confirm import ConfirmDialog
from screens.forms.field_form import FieldDef, FieldForm
from screens.widgets.key_bar import KeyBar


class ProductGroupsScreen(Screen):
    CSS = """
    ProductGroupsScreen .product-groups-note { padding: 0 1; color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", t("key.back")),
        Binding("ctrl+n,insert", "new", t("key.new")),
        Binding("f4", "rename", t("key.edit")),
        Binding("delete", "delete", t("key.delete")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._groups: list[products.ProductGroupRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(t("product_group.title"), classes="card-heading")
        yield Label(t("product_group.explain"), classes="product-groups-note")
        yield DataTable(id="product-groups", cursor_type="row", zebra_stripes=True)
        yield Label("", id="product-groups-empty", classes="product-groups-note")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = t("product_group.title")
        self.query_one(DataTable).add_columns(t("product_group.col.name"),
                                              t("product_group.col.products"))
        self.query_one(DataTable).focus()
        self.load()

    @work(exclusive=True, group="product-groups")
    async def load(self) -> None:
        try:
            self._groups = await run_db(products.product_groups)
        except UserError as error:
            self.app.report_error(error)
            return
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for group in self._groups:
            table.add_row(group.name, str(group.products))
        if self._groups:
            table.move_cursor(row=min(row, len(self._groups) - 1))
        self.query_one("#product-groups-empty", Label).update(
            "" if self._groups else t("product_group.none"))

    def _current(self) -> products.ProductGroupRow | None:
        if not self._groups:
            return None
        return self._groups[self.query_one(DataTable).cursor_row]

    def _saved(self, result) -> None:
        if result is not None:
            self.app.notify(t("common.saved"), timeout=3)
            self.load()

    def _form(self, title: str, name: str, group_id: int | None) -> None:
        context = self.app.context

        def save(values: dict) -> object:
            return products.save_product_group(context, values.get("name"), group_id)

        self.app.push_screen(FieldForm(title, [
            FieldDef("name", t("product_group.col.name"), value=name, required=True,
                     hint=t("product_group.name_hint")),
        ], save), self._saved)

    def action_new(self) -> None:
        self._form(t("product_group.new"), "", None)

    def action_rename(self) -> None:
        group = self._current()
        if group is not None:
            self._form(t("product_group.rename", name=group.name), group.name, group.id)

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_rename()

    def action_delete(self) -> None:
        group = self._current()
        if group is None:
            return
        context = self.app.context

        async def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                await run_db(products.delete_product_group, context, group.id)
            except UserError as error:
                self.app.report_error(error)
                return
            self.app.notify(t("common.deleted"), timeout=3)
            self.load()

        self.app.push_screen(ConfirmDialog(t("product_group.delete_question", name=group.name,
                                             count=group.products)), answered)
