"""What the proposal and the invoice screens share: the lines table, the totals under it and
the key handling of a document's lines."""

from __future__ import annotations

from collections.abc import Callable

from rich.table import Table
from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ectui.errors import UserError
from ectui.i18n import t
from ectui.money import amount_in_words, format_money, format_percent, format_quantity
from ectui.pricing import Totals, vat_label, vat_summary
from ectui.services.context import Context
from ectui.services.document_lines import LineView
from screens import sales_actions as actions
from screens.db import run_db

_RULES = (
    ("#doc-title", "padding: 0 1; text-style: bold;"),
    ("#doc-info", "padding: 0 1; height: auto;"),
    (".doc-heading", "padding: 0 1; color: $text-muted; text-style: bold;"),
    ("#doc-lines", "height: 1fr; min-height: 6;"),
    ("#doc-totals", "height: auto; padding: 0 1;"),
    ("#doc-bottom", "height: 9;"),
    ("#doc-bottom > DataTable", "width: 1fr; height: 9; border-top: solid $primary-darken-2;"),
    ("#doc-bottom > Static", "width: 1fr; height: auto; padding: 0 1;"),
)
# A screen's CSS is global: each rule names the document screens it is for.
DOCUMENT_CSS = "\n".join(f"ProposalScreen {selector}, InvoiceScreen {selector} {{ {rule} }}"
                          for selector, rule in _RULES)


# Narrower than this (80 columns), the VAT rate is left to the totals below the lines and the
# other columns shrink, so the line's amount stays on screen.
NARROW_BELOW = 120


def line_columns(table: DataTable) -> None:
    width = table.app.size.width
    narrow = width < NARROW_BELOW
    table.add_column("№", width=3, key="number")
    # The other columns, the cells' padding and the scroll bar take 63 cells when narrow.
    table.add_column(t("line.name"), width=max(16, width - 63) if narrow else 40, key="name")
    table.add_column(t("line.quantity"), width=6 if narrow else 9, key="quantity")
    table.add_column(t("line.unit"), width=5 if narrow else 6, key="unit")
    table.add_column(t("line.price"), width=12 if narrow else 13, key="price")
    table.add_column(t("line.discount_short"), width=6 if narrow else 7, key="discount")
    if not narrow:
        table.add_column(t("line.vat_rate"), width=8, key="vat")
    table.add_column(t("line.amount"), width=13 if narrow else 14, key="amount")


def fill_lines(table: DataTable, lines: list[LineView]) -> None:
    """Show the lines, keeping the cursor on the same row when it still exists."""
    row = table.cursor_row
    table.clear()
    keys = [str(column.key.value) for column in table.ordered_columns]
    for number, line in enumerate(lines, start=1):
        cells = {"number": str(number), "name": line.name,
                 "quantity": Text(format_quantity(line.quantity), justify="right"),
                 "unit": line.unit, "price": Text(format_money(line.price), justify="right"),
                 "discount": Text(format_percent(line.discount_percent)
                                  if line.discount_percent else "", justify="right"),
                 "vat": vat_label(line.vat_rate),
                 "amount": Text(format_money(line.amount), justify="right")}
        table.add_row(*(cells[key] for key in keys), key=str(line.id))
    if lines:
        table.move_cursor(row=min(row, len(lines) - 1))


def totals_table(totals: Totals, extra: list[tuple[str, str]] = ()) -> Table:
    """«Итого», the VAT lines, «Всего», then the amount in words."""
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(justify="right", ratio=1)
    grid.add_column(justify="right", width=16)
    grid.add_row(t("totals.amount"), format_money(totals.amount))
    for label, vat in vat_summary(totals):
        grid.add_row(label, format_money(vat) if vat is not None else "—")
    grid.add_row(Text(t("totals.total"), style="bold"),
                 Text(format_money(totals.total), style="bold"))
    for label, value in extra:
        grid.add_row(label, value)
    grid.add_row(Text(amount_in_words(totals.total), style="italic", justify="right"), "")
    return grid


def info_table(rows: list[tuple[str, str]]) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    for label, value in rows:
        if value:
            grid.add_row(label, Text(value))
    return grid


class DocumentScreen(Screen):
    """A proposal or an invoice: a header, its lines, the totals; subclasses add the rest.

    Subclasses set ``kind`` ("proposal" or "invoice") and define ``fetch`` (the service call
    that reads the document, run on a database thread) and ``show`` (puts it on the screen).
    """

    kind = ""
    CSS = DOCUMENT_CSS
    LINE_BINDINGS = [
        Binding("insert", "add_product", t("key.add_from_price_list")),
        Binding("ctrl+n", "new_line", t("key.new_line")),
        Binding("ctrl+up", "move_line(-1)", t("key.line_up"), show=False),
        Binding("ctrl+down", "move_line(1)", t("key.line_down"), show=False),
    ]

    def __init__(self, doc_id: int) -> None:
        super().__init__()
        self.doc_id = doc_id
        self.view = None

    def lines_table(self) -> DataTable:
        return self.query_one("#doc-lines", DataTable)

    def show_totals(self, totals: Totals, extra: list[tuple[str, str]] = ()) -> None:
        self.query_one("#doc-totals", Static).update(totals_table(totals, extra))

    def selected_line(self) -> LineView | None:
        table = self.lines_table()
        if self.view is None or not self.view.lines or self.focused is not table:
            return None
        return self.view.lines[min(table.cursor_row, len(self.view.lines) - 1)]

    # Each document screen defines both: the service call that reads the document (run on a
    # database thread) and what puts it on the screen.
    fetch: Callable[[Context, int], object]
    show: Callable[[object], None]

    @work(exclusive=True, group="document")
    async def load(self) -> None:
        try:
            view = await run_db(self.fetch, self.app.context, self.doc_id)
        except UserError as error:
            self.app.report_error(error)
            self.app.pop_screen()
            return
        self.view = view
        self.show(view)
        self.refresh_bindings()

    def reload(self, _result=None) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    async def action_add_product(self) -> None:
        await actions.add_product_line(self.app, self.kind, self.doc_id, self.reload)

    async def action_new_line(self) -> None:
        await actions.new_line(self.app, self.kind, self.doc_id, self.reload)

    async def edit_selected_line(self) -> None:
        line = self.selected_line()
        if line is not None:
            await actions.edit_line(self.app, self.kind, self.doc_id, line.id, self.reload)

    async def delete_selected_line(self) -> bool:
        line = self.selected_line()
        if line is None:
            return False
        service = actions.line_service(self.kind)
        ctx = self.app.context
        await actions.confirm_then(self.app, t("line.delete_question", name=line.name),
                                   lambda: service.delete_line(ctx, self.doc_id, line.id),
                                   self.reload)
        return True

    async def action_move_line(self, delta: int) -> None:
        line = self.selected_line()
        if line is None:
            return
        service = actions.line_service(self.kind)
        from screens.db import run_db

        try:
            await run_db(service.move_line, self.app.context, self.doc_id, line.id, delta)
        except UserError as error:
            self.app.report_error(error)
            return
        table = self.lines_table()
        table.move_cursor(row=max(0, table.cursor_row + delta))
        self.load()

    async def action_print(self, pdf: bool = False) -> None:
        await actions.print_document(self.app, self.kind, self.doc_id, pdf=pdf)
