"""What a client's card shows after the sale: the installed base with warranty status, and the
client's requests with the time left. Keys on the installed base add, edit and remove items
and register a request about the highlighted one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.screen import Screen

from ectui.errors import UserError
from ectui.i18n import t
from ectui.services import installed_base
from ectui.services.installed_base import InstalledRow
from ectui.services.service_lists import RequestRow, client_requests, minutes_per_day
from screens import service_actions as actions
from screens.db import run_db
from screens.service_display import left_text, warranty_text
from screens.widgets.list_source import line_cell, show_list
from screens.widgets.paged_table import Column, PagedTable

INSTALLED_ID = "card-installed"
REQUESTS_ID = "card-requests"


class InstalledTable(PagedTable):
    """The client's installed base; its keys work while it has the focus. The columns fit
    the card's column (the contract gives way first on a narrow one)."""

    DEFAULT_CSS = """
    InstalledTable { height: auto; max-height: 12; border-top: solid $primary-darken-2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("insert,ctrl+n", "add", t("key.installed_add")),
        Binding("f4", "edit", t("key.edit")),
        Binding("delete", "remove", t("key.delete")),
        Binding("ctrl+d", "from_shipment", t("key.installed_from_shipment")),
        Binding("ctrl+o", "request", t("key.new_request")),
    ]

    def __init__(self, org_id: int, **kw) -> None:
        columns = [Column("0", t("installed.col.name")),
                   Column("1", t("installed.col.date"), width=10, drop_order=2),
                   Column("2", t("installed.col.warranty"), width=22),
                   Column("3", t("installed.col.contract"), drop_order=1)]
        super().__init__(columns, line_cell, page_size=500,
                         empty_text=t("installed.empty_hint"), **kw)
        self.org_id = org_id
        self.rows_shown: list[InstalledRow] = []

    def _current(self) -> InstalledRow | None:
        if not self.rows_shown:
            return None
        return self.rows_shown[min(self.cursor_row, len(self.rows_shown) - 1)]

    def _reload(self, _result=None) -> None:
        self.screen.run_worker(show_service(self.screen, self.org_id), group="service-card")

    async def action_add(self) -> None:
        await actions.edit_item(self.app, self.org_id, None, self._reload)

    async def action_edit(self) -> None:
        row = self._current()
        if row is not None:
            await actions.edit_item(self.app, self.org_id, row.id, self._reload)

    @on(PagedTable.RowSelected)
    async def _selected(self, event: PagedTable.RowSelected) -> None:
        event.stop()
        await self.action_edit()

    async def action_remove(self) -> None:
        row = self._current()
        if row is None:
            return
        from screens.sales_actions import confirm_then

        ctx = self.app.context
        await confirm_then(self.app, t("installed.delete_question", name=row.name),
                           lambda: installed_base.delete_item(ctx, row.id), self._reload,
                           t("common.deleted"))

    async def action_from_shipment(self) -> None:
        await actions.items_from_shipment(self.app, self.org_id, self._reload)

    async def action_request(self) -> None:
        row = self._current()
        await actions.register_request(self.app, self.org_id, row.id if row else None,
                                       self._reload)


class CardRequestsTable(PagedTable):
    """The client's requests; Enter opens one."""

    DEFAULT_CSS = """
    CardRequestsTable { height: auto; max-height: 10; border-top: solid $primary-darken-2; }
    """

    def __init__(self, **kw) -> None:
        columns = [Column("0", "№", width=4),
                   Column("1", t("request.col.subject")),
                   Column("2", t("request.col.step"), width=16, drop_order=1),
                   Column("3", t("request.col.left"), width=26)]
        super().__init__(columns, line_cell, page_size=500, **kw)
        self.rows_shown: list[RequestRow] = []

    @on(PagedTable.RowSelected)
    def _open(self, event: PagedTable.RowSelected) -> None:
        event.stop()
        if 0 <= event.row_index < len(self.rows_shown):
            from screens.service_request import RequestScreen

            self.app.push_screen(RequestScreen(self.rows_shown[event.row_index].id))


def _installed_cells(row: InstalledRow, today) -> tuple:
    name = row.name + (f" № {row.serial_number}" if row.serial_number else "")
    if row.quantity > 1:
        name += f" × {row.quantity}"
    sold = (row.installed_on or row.sold_on)
    mark = Text(f" ● {row.open_requests}", style="bold yellow") if row.open_requests else ""
    label = Text(name)
    if mark:
        label.append_text(mark)
    contract = row.service_contract
    if row.service_until:
        contract += " " + t("installed.until", date=row.service_until.strftime("%d.%m.%Y"))
    return (label, sold.strftime("%d.%m.%Y") if sold else "",
            warranty_text(row.warranty_state, row.warranty_until), contract)


def read_service(actor, org_id: int, now):
    """What `show_service` shows, or None where the actor may not see it; on a database
    thread (the card reads it with the rest)."""
    try:
        return (installed_base.installed_items(actor, org_id, now.date()),
                client_requests(actor, org_id, now), minutes_per_day())
    except UserError:
        return None  # the card itself says what is wrong; the service blocks just stay away



def service_tables(org_id: int) -> tuple[InstalledTable, CardRequestsTable]:
    """The card's installed base and requests, hidden until `fill_service` shows them."""
    table = InstalledTable(org_id, id=INSTALLED_ID)
    table.border_title = t("installed.title")
    table.border_subtitle = t("installed.keys_hint")
    requests_table = CardRequestsTable(id=REQUESTS_ID)
    requests_table.border_title = t("request.card_title")
    table.display = requests_table.display = False
    return table, requests_table


async def show_service(screen: Screen, org_id: int) -> None:
    """Read and refill the installed base and the requests (after an item changed)."""
    ctx = screen.app.context
    fill_service(screen, await run_db(read_service, ctx.actor, org_id, ctx.now()))


def fill_service(screen: Screen, read) -> None:
    """Show what `read_service` returned; the installed base shows even when empty (its keys
    add items), both stay hidden where the actor may not see them."""
    if read is None:
        return
    items, reqs, per_day = read
    today = screen.app.context.now().date()
    table = screen.query_one(f"#{INSTALLED_ID}", InstalledTable)
    table.rows_shown = items
    show_list(table, [_installed_cells(item, today) for item in items])
    table.display = True
    requests_table = screen.query_one(f"#{REQUESTS_ID}", CardRequestsTable)
    requests_table.rows_shown = reqs
    show_list(requests_table, [(str(req.number), req.subject, req.step, left_text(req, per_day))
                               for req in reqs])
    requests_table.display = bool(reqs)
