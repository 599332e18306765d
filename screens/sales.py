"""Sales («Продажи»): the price list, proposals, invoices and the contract register, each a
list of any length searched as you type; Enter opens, Ctrl+N makes a new one."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Header, Input, Label, Select, Tab, Tabs

from ectui.i18n import t
from ectui.models.documents import PROPOSAL_STATUSES
from ectui.money import format_money
from ectui.pricing import vat_label
from ectui.services.contracts import ContractFilter, ContractRow
from ectui.services.invoices import STATUS_FILTERS, InvoiceFilter, InvoiceRow
from ectui.services.products import ProductFilter, ProductRow
from ectui.services.proposals import ProposalFilter, ProposalRow
from screens import sales_actions as actions
from screens.db import run_db_sync
from screens.reload_on_return import ReloadsOnReturn
from screens.sales_sources import ContractSource, InvoiceSource, ProductSource, ProposalSource
from screens.widgets.key_bar import KeyBar
from screens.widgets.list_search import ListSearch
from screens.widgets.paged_table import Column, PagedTable

TABS = ("products", "proposals", "invoices", "contracts")


def _date(day: dt.date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


def invoice_state(row_status: str, pay_until: dt.date, today: dt.date) -> Text:
    """«▲ просрочен» in red, «✔ оплачен» in green…: a mark that reads without colour too."""
    if row_status in ("issued", "partly_paid") and pay_until < today:
        return Text(f"▲ {t('invoice.overdue')}", style="bold red")
    marks = {"issued": ("○", ""), "partly_paid": ("◐", "yellow"), "paid": ("✔", "green"),
             "cancelled": ("✖", "dim")}
    mark, style = marks.get(row_status, ("", ""))
    return Text(f"{mark} {t(f'invoice.status.{row_status}')}", style=style)


# Columns left out on a terminal narrower than NARROW_BELOW (80 columns): the client and the
# name keep their room; the rest is on the document's own card.
NARROW_BELOW = 120
NARROW_HIDDEN = {"products": {"article", "kind"}, "proposals": {"subject", "responsible"},
                 "invoices": {"date", "total", "paid"},
                 "contracts": {"client_signatory", "amount"}}


def _columns(tab: str, width: int = NARROW_BELOW) -> list[Column]:
    columns = _all_columns(tab)
    if width >= NARROW_BELOW:
        return columns
    return [c for c in columns if c.key not in NARROW_HIDDEN.get(tab, set())]


def _all_columns(tab: str) -> list[Column]:
    if tab == "products":
        return [Column("name", t("product.name")), Column("group", t("product.group"), 18),
                Column("article", t("product.article"), 12),
                Column("kind", t("product.kind"), 8), Column("unit", t("product.unit"), 6),
                Column("price", t("product.price"), 14, "right"),
                Column("vat_rate", t("product.vat_rate"), 12)]
    if tab == "proposals":
        return [Column("number", "№", 6, "right"), Column("date", t("sales.col.date"), 10),
                Column("organization", t("sales.col.client")),
                Column("subject", t("sales.col.subject")),
                Column("total", t("sales.col.total"), 14, "right"),
                Column("status", t("sales.col.status"), 16),
                Column("responsible", t("sales.col.responsible"), 14)]
    if tab == "invoices":
        return [Column("number", "№", 6, "right"), Column("date", t("sales.col.date"), 10),
                Column("organization", t("sales.col.client")),
                Column("total", t("sales.col.total"), 14, "right"),
                Column("paid", t("sales.col.paid"), 14, "right"),
                Column("debt", t("sales.col.debt"), 14, "right"),
                Column("pay_until", t("sales.col.pay_until"), 10),
                Column("status", t("sales.col.status"), 18)]
    return [Column("number", "№", 10), Column("date", t("sales.col.date"), 10),
            Column("title", t("sales.col.contract"), 24),
            Column("organization", t("sales.col.client")),
            Column("client_signatory", t("sales.col.signatory"), 18),
            Column("amount", t("sales.col.total"), 14, "right")]


def _cell(row, key: str, today: dt.date):
    if isinstance(row, ProductRow):
        if key == "price":
            return format_money(row.price)
        if key == "vat_rate":
            return vat_label(row.vat_rate)
        if key == "kind":
            return t(f"product.kind.{row.kind}")
        if key == "name" and not row.is_active:
            return Text(f"{row.name} ({t('product.in_archive')})", style="dim")
        return getattr(row, key)
    if isinstance(row, ProposalRow):
        if key == "total":
            return format_money(row.total)
        if key == "status":
            return t(f"proposal.status.{row.status}")
        if key == "date":
            return _date(row.date)
        return str(getattr(row, key))
    if isinstance(row, InvoiceRow):
        if key in ("total", "paid", "debt"):
            return format_money(getattr(row, key))
        if key in ("date", "pay_until"):
            return _date(getattr(row, key))
        if key == "status":
            return invoice_state(row.status, row.pay_until, today)
        return str(getattr(row, key))
    if isinstance(row, ContractRow):
        if key == "amount":
            return format_money(row.amount) if row.amount is not None else ""
        if key == "date":
            return _date(row.date)
        return str(getattr(row, key))
    return ""


class SalesScreen(ReloadsOnReturn, Screen):
    """Tabs over one search line; what a key does depends on the tab."""

    CSS = """
    SalesScreen #sales-tabs { height: 2; }
    SalesScreen #sales-filters { height: 3; }
    SalesScreen #sales-search { width: 2fr; }
    SalesScreen #sales-status { width: 1fr; }
    SalesScreen #sales-lists { height: 1fr; }
    SalesScreen #sales-count { padding: 0 1; color: $text-muted; height: 1; }
    """
    BINDINGS = [
        Binding("ctrl+t", "switch_tab", t("key.sales_tab")),
        Binding("ctrl+f", "focus_search", t("key.search")),
        Binding("enter", "open", t("key.open")),
        Binding("ctrl+n,insert", "new", t("key.new")),
        Binding("f4", "edit", t("key.edit")),
        Binding("delete", "delete", t("key.delete")),
        Binding("ctrl+e", "company", t("key.our_company")),
        Binding("ctrl+g", "product_groups", t("key.product_groups")),
        Binding("escape", "back", t("key.back")),
    ]

    def __init__(self, tab: str = "proposals") -> None:
        super().__init__()
        self.tab = tab if tab in TABS else "proposals"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Tabs(*(Tab(t(f"sales.tab.{tab}"), id=tab) for tab in TABS), active=self.tab,
                   id="sales-tabs")
        with Horizontal(id="sales-filters"):
            yield ListSearch(placeholder=t("sales.search_hint"), id="sales-search",
                             results=self._table)
            yield Select[str]([], prompt=t("sales.all_statuses"), id="sales-status")
        today = self.app.context.now().date()  # «просрочен» by the session's clock

        def cell(row, key: str):
            return _cell(row, key, today)

        with ContentSwitcher(initial=self.tab, id="sales-lists"):
            for tab in TABS:
                yield PagedTable(_columns(tab, self.app.size.width), cell,
                                 empty_text=t("sales.nothing_found"),
                                 run_in_context=run_db_sync, id=tab)
        yield Label("", id="sales-count")
        yield KeyBar()

    def on_mount(self) -> None:
        self._status_options()
        self._refresh()
        self._table().focus()

    # ---- lists --------------------------------------------------------------------------

    def _table(self) -> PagedTable:
        return self.query_one(f"#{self.tab}", PagedTable)

    def _status_options(self) -> None:
        select = self.query_one("#sales-status", Select)
        if self.tab == "proposals":
            options = [(t(f"proposal.status.{s}"), s) for s in PROPOSAL_STATUSES]
        elif self.tab == "invoices":
            options = [(t(f"invoice.filter.{s}"), s) for s in STATUS_FILTERS]
        elif self.tab == "products":
            options = [(t("product.filter.archive"), "archive")]
        else:
            options = []
        select.set_options(options)
        select.display = bool(options)

    def _status(self) -> str:
        value = self.query_one("#sales-status", Select).value
        return "" if value is Select.NULL else str(value)

    def _refresh(self) -> None:
        query = self.query_one("#sales-search", Input).value
        viewer = self.app.context.actor
        status = self._status()
        table = self._table()
        if self.tab == "products":
            table.set_source(ProductSource(ProductFilter(
                query=query, include_archived=status == "archive")))
        elif self.tab == "proposals":
            table.set_source(ProposalSource(ProposalFilter(query=query, status=status,
                                                           viewer=viewer)))
        elif self.tab == "invoices":
            table.set_source(InvoiceSource(InvoiceFilter(
                query=query, status=status, viewer=viewer, today=self.app.context.now().date())))
        else:
            table.set_source(ContractSource(ContractFilter(query=query, viewer=viewer)))

    @on(Input.Changed, "#sales-search")
    @on(Select.Changed, "#sales-status")
    def _filters_changed(self) -> None:
        self._refresh()

    @on(Input.Submitted, "#sales-search")
    def _to_list(self) -> None:
        self._table().focus()

    @on(PagedTable.Loaded)
    def _count(self, event: PagedTable.Loaded) -> None:
        if event.paged_table is self._table():
            self.query_one("#sales-count", Label).update(
                t("sales.count", count=event.row_count))

    @on(Tabs.TabActivated, "#sales-tabs")
    def _tab_changed(self, event: Tabs.TabActivated) -> None:
        if event.tab.id == self.tab:
            return
        self.tab = str(event.tab.id)
        self.query_one(ContentSwitcher).current = self.tab
        self._status_options()
        self._refresh()
        self.refresh_bindings()

    def on_key(self, event) -> None:
        # Down from the search line goes into the list; Up from its first row comes back.
        table = self._table()
        if event.key == "down" and isinstance(self.focused, Input):
            table.focus()
            event.stop()
        elif event.key == "up" and self.focused is table and table.cursor_row == 0:
            self.query_one("#sales-search", Input).focus()
            event.stop()

    def reload_on_return(self) -> None:
        self._table().reload()

    def _after(self, _result=None) -> None:
        self._table().reload()

    # ---- keys ---------------------------------------------------------------------------

    def action_switch_tab(self) -> None:
        tabs = self.query_one(Tabs)
        tabs.active = TABS[(TABS.index(self.tab) + 1) % len(TABS)]

    def action_focus_search(self) -> None:
        self.query_one("#sales-search", Input).focus()

    def action_back(self) -> None:
        search = self.query_one("#sales-search", Input)
        if search.value:
            search.value = ""
            search.focus()
        else:
            self.app.pop_screen()

    @on(PagedTable.RowSelected)
    async def _selected(self, event: PagedTable.RowSelected) -> None:
        await self._open(event.row)

    async def action_open(self) -> None:
        row = self._table().current_row
        if row is not None:
            await self._open(row)

    async def _open(self, row) -> None:
        if isinstance(row, ProductRow):
            await actions.edit_product(self.app, row.id, self._after)
        elif isinstance(row, ProposalRow):
            actions.open_proposal(self.app, row.id)
        elif isinstance(row, InvoiceRow):
            actions.open_invoice(self.app, row.id)
        elif isinstance(row, ContractRow):
            await actions.open_contract(self.app, row.id)

    async def action_new(self) -> None:
        if self.tab == "products":
            await actions.new_product(self.app, self._after)
        elif self.tab == "proposals":
            await actions.new_proposal(self.app, done=self._after)
        elif self.tab == "invoices":
            await actions.new_invoice(self.app, done=self._after)
        else:
            await actions.new_contract(self.app, done=self._after)

    async def action_edit(self) -> None:
        row = self._table().current_row
        if isinstance(row, ProductRow):
            await actions.edit_product(self.app, row.id, self._after)
        elif isinstance(row, ProposalRow):
            await actions.edit_proposal(self.app, row.id, self._after)
        elif isinstance(row, InvoiceRow):
            await actions.edit_invoice(self.app, row.id, self._after)
        elif isinstance(row, ContractRow):
            await actions.open_contract(self.app, row.id)

    async def action_delete(self) -> None:
        if self.focused is not self._table():
            return
        row = self._table().current_row
        ctx = self.app.context
        from ectui.services import contracts, invoices, proposals

        if isinstance(row, ProductRow):
            await actions.delete_product(self.app, row.id, row.name, self._after)
        elif isinstance(row, ProposalRow):
            await actions.confirm_then(
                self.app, t("proposal.delete_question", number=row.number,
                            client=row.organization),
                lambda: proposals.delete_proposal(ctx, row.id), self._after,
                t("common.deleted"))
        elif isinstance(row, InvoiceRow):
            await actions.confirm_then(
                self.app, t("invoice.delete_question", number=row.number,
                            client=row.organization),
                lambda: invoices.delete_invoice(ctx, row.id), self._after, t("common.deleted"))
        elif isinstance(row, ContractRow):
            await actions.confirm_then(
                self.app, t("contract.delete_question", number=row.number,
                            client=row.organization),
                lambda: contracts.delete_contract(ctx, row.id), self._after,
                t("common.deleted"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "product_groups" and self.tab != "products":
            return None  # greyed: the directions belong to the price list
        return True

    def action_product_groups(self) -> None:
        from screens.sales_groups import ProductGroupsScreen

        if self.tab == "products":
            self.app.push_screen(ProductGroupsScreen(), self._after)

    async def action_company(self) -> None:
        await actions.edit_company(self.app, self._after)
