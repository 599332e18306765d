"""An invoice: its lines and totals, what was paid and shipped against it, and the keys to
print it, record a payment or a shipment, make a contract, or cancel it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Label, Static

from ectui.i18n import t
from ectui.money import format_money
from ectui.services import invoices, payments
from ectui.services.invoices import InvoiceView, MoneyEvent
from screens import sales_actions as actions
from screens.document_view import DocumentScreen, fill_lines, info_table, line_columns
from screens.sales import invoice_state
from screens.widgets.key_bar import KeyBar


def _events_columns(table: DataTable, title: str) -> None:
    table.add_column(t("money.date"), width=10)
    table.add_column(t("money.amount"), width=14)
    table.add_column(t("money.document"), width=18)
    table.add_column(t("money.author"), width=14)
    table.border_title = title


def _fill_events(table: DataTable, events: list[MoneyEvent]) -> None:
    table.clear()
    for event in events:
        table.add_row(event.date.strftime("%d.%m.%Y"),
                      Text(format_money(event.amount), justify="right"),
                      event.document or event.note, event.author, key=str(event.id))


def _payment_task_text(view: InvoiceView) -> str:
    """The «Оплата счета» reminder: when it is planned, or that paying in full closed it."""
    if not view.payment_task_id or view.status == "cancelled":
        return ""
    if view.status == "paid":
        return t("invoice.payment_task_done")
    return t("invoice.payment_task_planned", date=view.pay_until.strftime("%d.%m.%Y"))


class InvoiceScreen(DocumentScreen):
    kind = "invoice"
    BINDINGS = [
        Binding("escape", "app.pop_screen", t("key.back")),
        *DocumentScreen.LINE_BINDINGS,
        Binding("enter", "edit_line", t("key.edit_line"), show=False),
        Binding("f4", "edit", t("key.edit_header")),
        Binding("delete", "delete", t("key.delete")),
        Binding("ctrl+o", "payment", t("key.payment")),
        Binding("ctrl+g", "shipment", t("key.shipment")),
        Binding("ctrl+d", "print", t("key.print_docx")),
        Binding("ctrl+f", "print(True)", t("key.print_pdf")),
        Binding("ctrl+y", "contract", t("key.contract")),
        Binding("ctrl+x", "cancel_invoice", t("key.cancel_invoice"), show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(t("common.loading"), id="doc-title")
        yield Static("", id="doc-info")
        yield Label(t("invoice.lines"), classes="doc-heading")
        yield DataTable(id="doc-lines", cursor_type="row", zebra_stripes=True)
        yield Static("", id="doc-totals")
        with Horizontal(id="doc-bottom"):
            yield DataTable(id="doc-payments", cursor_type="row")
            yield DataTable(id="doc-shipments", cursor_type="row")
        yield KeyBar()

    def on_mount(self) -> None:
        line_columns(self.lines_table())
        _events_columns(self.query_one("#doc-payments", DataTable), t("invoice.payments"))
        _events_columns(self.query_one("#doc-shipments", DataTable), t("invoice.shipments"))
        self.load()

    def fetch(self, ctx, doc_id: int):
        return invoices.invoice_view(ctx, doc_id)

    def show(self, view: InvoiceView) -> None:
        today = self.app.context.now().date()
        title = Text(t("invoice.title", number=view.number, date=view.date.strftime("%d.%m.%Y"),
                       client=view.organization) + "  ", style="bold")
        title.append_text(invoice_state(view.status, view.pay_until, today))
        self.query_one("#doc-title", Label).update(title)
        proposal = ""
        if view.proposal is not None:
            proposal = t("invoice.from_proposal", number=view.proposal[1],
                         date=view.proposal[2].strftime("%d.%m.%Y"))
        self.query_one("#doc-info", Static).update(info_table([
            (t("sales.field.contact"), view.contact),
            (t("sales.field.pay_until"), view.pay_until.strftime("%d.%m.%Y")),
            (t("sales.field.basis"), view.basis),
            (t("invoice.proposal"), proposal),
            (t("sales.field.responsible"), view.responsible),
            (t("invoice.payment_task"), _payment_task_text(view)),
            (t("sales.field.notes"), view.notes),
        ]))
        fill_lines(self.lines_table(), view.lines)
        self.show_totals(view.totals, [(t("invoice.paid"), format_money(view.paid)),
                                       (t("invoice.debt"), format_money(view.debt)),
                                       (t("invoice.shipped"), format_money(view.shipped))])
        _fill_events(self.query_one("#doc-payments", DataTable), view.payments)
        _fill_events(self.query_one("#doc-shipments", DataTable), view.shipments)
        if not isinstance(self.focused, DataTable):
            self.lines_table().focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view: InvoiceView | None = self.view
        if view is None:
            return True
        if action in ("add_product", "new_line", "move_line", "edit_line") and view.lines_locked:
            return None  # money came in: the lines are what the client paid for
        if action == "payment" and (view.status == "cancelled" or view.debt <= 0):
            return None
        if action == "shipment" and (view.status == "cancelled"
                                     or view.shipped >= view.totals.total):
            return None
        if action == "print" and not view.lines:
            return None
        if action == "cancel_invoice" and (view.status == "cancelled" or view.paid > 0):
            return None
        return True

    @on(DataTable.RowSelected, "#doc-lines")
    async def _line_chosen(self) -> None:
        await self.action_edit_line()

    async def action_edit_line(self) -> None:
        if self.view is not None and self.view.lines_locked:
            self.app.notify(t("documents.invoice_locked"), severity="warning")
            return
        await self.edit_selected_line()

    async def action_edit(self) -> None:
        await actions.edit_invoice(self.app, self.doc_id, self.reload)

    async def action_payment(self) -> None:
        if self.view is not None:
            await actions.record_money(self.app, "payment", self.doc_id,
                                       format_money(self.view.debt), self.reload)

    async def action_shipment(self) -> None:
        if self.view is not None:
            left = self.view.totals.total - self.view.shipped
            await actions.record_money(self.app, "shipment", self.doc_id, format_money(left),
                                       self.reload)

    async def action_delete(self) -> None:
        ctx = self.app.context
        for table_id, what, fn in (("#doc-payments", "payment", payments.delete_payment),
                                   ("#doc-shipments", "shipment", payments.delete_shipment)):
            table = self.query_one(table_id, DataTable)
            events = (self.view.payments if what == "payment" else self.view.shipments) \
                if self.view else []
            if self.focused is table and events:
                event = events[min(table.cursor_row, len(events) - 1)]
                await actions.confirm_then(
                    self.app, t(f"{what}.delete_question", amount=format_money(event.amount),
                                date=event.date.strftime("%d.%m.%Y")),
                    lambda fn=fn, event=event: fn(ctx, self.doc_id, event.id), self.reload,
                    t("common.deleted"))
                return
        if self.view is not None and self.view.lines_locked:
            self.app.notify(t("documents.invoice_locked"), severity="warning")
            return
        await self.delete_selected_line()

    async def action_contract(self) -> None:
        if self.view is not None:
            await actions.new_contract(self.app, self.view.organization_id,
                                       self.view.organization, invoice_id=self.doc_id,
                                       done=self.reload)

    async def action_cancel_invoice(self) -> None:
        if self.view is None:
            return
        ctx = self.app.context
        await actions.confirm_then(
            self.app, t("invoice.cancel_question", number=self.view.number),
            lambda: invoices.cancel_invoice(ctx, self.doc_id), self.reload,
            t("invoice.cancelled"))
