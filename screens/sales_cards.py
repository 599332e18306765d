"""What a client's card shows of the sales documents: the chain proposal → invoice →
payment → shipment, and the contracts; Enter opens the document of a row."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.screen import Screen

from ectui.i18n import t
from ectui.money import format_money
from ectui.services.document_chain import ChainRow, client_chain
from screens import sales_actions as actions
from screens.widgets.list_source import line_cell, show_list
from screens.widgets.paged_table import Column, PagedTable

CHAIN_ID = "card-documents"


def _describe(row: ChainRow) -> tuple[Text, str, Text]:
    indent = "  " * row.depth + ("└ " if row.depth else "")
    date = row.date.strftime("%d.%m.%Y")
    if row.kind == "proposal":
        title = t("chain.proposal", number=row.number, date=date)
        state = Text(t(f"proposal.status.{row.status}"))
    elif row.kind == "invoice":
        title = t("chain.invoice", number=row.number, date=date)
        style = {"paid": "green", "partly_paid": "yellow", "cancelled": "dim"}.get(row.status, "")
        state = Text(t(f"invoice.status.{row.status}"), style=style)
    elif row.kind in ("payment", "shipment"):
        title = t(f"chain.{row.kind}", date=date)
        state = Text(row.note, style="dim")
    else:
        title = t("chain.contract", title=row.note, number=row.number, date=date)
        state = Text("")
    amount = format_money(row.amount) if row.amount is not None else ""
    return Text(indent + title, style="bold" if row.depth == 0 else ""), amount, state


class ChainTable(PagedTable):
    """The client's documents; Enter opens one. Deleting is done on the Sales screen.

    Its rows are the described lines (`_describe`), drawn as they come on screen; the
    columns fit the card's column, the state giving way first."""

    DEFAULT_CSS = """
    ChainTable { height: auto; max-height: 18; border-top: solid $primary-darken-2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete", "explain_delete", show=False),
    ]

    def __init__(self, **kw) -> None:
        columns = [Column("0", t("chain.document")),
                   Column("1", t("chain.amount"), width=13, align="right"),
                   Column("2", t("chain.state"), width=16, drop_order=1)]
        super().__init__(columns, line_cell, page_size=500, **kw)
        self.rows_shown: list[ChainRow] = []

    def action_explain_delete(self) -> None:
        self.app.notify(t("chain.delete_elsewhere"), timeout=5)

    @on(PagedTable.RowSelected)
    async def _open(self, event: PagedTable.RowSelected) -> None:
        event.stop()
        await open_chain_row(self.screen, self, event.row_index)


def read_documents(actor, organization_id: int):
    """What `show_documents` shows; on a database thread (the card reads it with the rest)."""
    return client_chain(organization_id, actor)


def chain_table() -> ChainTable:
    """The card's block of documents, hidden until `show_documents` fills it with rows."""
    table = ChainTable(id=CHAIN_ID)
    table.border_title = t("chain.title")
    table.display = False
    return table


def show_documents(screen: Screen, rows: list[ChainRow]) -> None:
    """Fill the card's chain with what `read_documents` returned."""
    table = screen.query_one(f"#{CHAIN_ID}", ChainTable)
    table.rows_shown = rows
    show_list(table, [_describe(row) for row in rows])
    table.display = bool(rows)


async def open_chain_row(screen: Screen, table: ChainTable, row_index: int) -> None:
    """Enter on a row: the proposal or the invoice opens; a contract's file opens."""
    if not 0 <= row_index < len(table.rows_shown):
        return
    row = table.rows_shown[row_index]
    if row.open_kind == "proposal":
        actions.open_proposal(screen.app, row.open_id)
    elif row.open_kind == "invoice":
        actions.open_invoice(screen.app, row.open_id)
    else:
        await actions.open_contract(screen.app, row.open_id)
