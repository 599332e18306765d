"""The audit trail of one record (Ctrl+E on a card): who changed which field, when, how.

The trail may be long, so it is a PagedTable over the audit service; Enter shows one entry's
full old and new texts (notes and addresses do not fit a line).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, Label, Static

from ectui.i18n import t
from ectui.services import audit
from screens import changes
from screens.db import run_db_sync
from screens.widgets.key_bar import KeyBar
from screens.widgets.paged_table import Column, PagedTable


@dataclass(frozen=True)
class TrailSource:
    """The trail of one record, newest first; called in the table's worker threads."""

    table: str
    record_id: int

    def count(self) -> int:
        return audit.trail_count(self.table, self.record_id)

    def fetch(self, offset: int, limit: int) -> list[audit.AuditRow]:
        return audit.trail(self.table, self.record_id, offset, limit)


def _one_line(text: str) -> str:
    return " ⏎ ".join(part for part in text.splitlines() if part.strip()) if text else ""


class AuditScreen(Screen):
    """The history of changes of an organization, a contact person or a task."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", t("key.back")),
        Binding("enter", "details", t("audit.key.details")),
    ]

    def __init__(self, table: str, record_id: int, title: str) -> None:
        super().__init__()
        self.table_name = table
        self.record_id = record_id
        self.record_title = title

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(Text.assemble((t("audit.title"), "bold"), " · ", self.record_title),
                    id="card-title")
        yield PagedTable(
            [Column("at", t("audit.col.at"), 16), Column("employee", t("audit.col.who"), 16),
             Column("action", t("audit.col.action"), 10), Column("field", t("audit.col.field"), 22),
             Column("old", t("audit.col.old")), Column("new", t("audit.col.new"))],
            self._cell, empty_text=t("audit.empty"), run_in_context=run_db_sync,
            id="audit-table")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        table.set_source(TrailSource(self.table_name, self.record_id))
        table.focus()
        changes.subscribe(self, self._changed_elsewhere, tables={self.table_name})

    def _changed_elsewhere(self, batch) -> None:
        if any(c.record_id == self.record_id for c in batch):
            self.reload()

    def _cell(self, row: audit.AuditRow, key: str) -> str:
        if key == "at":
            return row.at.astimezone(self.app.context.clock.now().tzinfo).strftime(
                "%d.%m.%Y %H:%M")
        if key == "action":
            return t(f"audit.{row.action}")
        if key in ("old", "new"):
            return _one_line(getattr(row, key))
        return getattr(row, key)

    def reload(self) -> None:
        """Show entries written since the screen opened (another session's change)."""
        self.query_one(PagedTable).reload()

    @on(PagedTable.RowSelected)
    def _selected(self, event: PagedTable.RowSelected) -> None:
        self._show(event.row)

    def action_details(self) -> None:
        row = self.query_one(PagedTable).current_row
        if row is not None:
            self._show(row)

    def _show(self, row: audit.AuditRow) -> None:
        self.app.push_screen(AuditEntryDialog(row, self._cell(row, "at")))


class AuditEntryDialog(ModalScreen[None]):
    """One entry of the trail in full."""

    BINDINGS = [Binding("escape,enter", "close", t("common.close"))]
    DEFAULT_CSS = """
    AuditEntryDialog { align: center middle; }
    AuditEntryDialog > VerticalScroll { width: 90; max-height: 80%; border: thick $primary;
                                         background: $surface; padding: 0 1; }
    """

    def __init__(self, row: audit.AuditRow, when: str) -> None:
        super().__init__()
        self.row = row
        self.when = when

    def compose(self) -> ComposeResult:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(ratio=1)
        row = self.row
        grid.add_row(t("audit.col.at"), self.when)
        grid.add_row(t("audit.col.who"), row.employee)
        grid.add_row(t("audit.col.action"), t(f"audit.{row.action}"))
        if row.field:
            grid.add_row(t("audit.col.field"), Text(row.field))
        grid.add_row(t("audit.col.old"), Text(row.old or t("common.none")))
        grid.add_row(t("audit.col.new"), Text(row.new or t("common.none")))
        scroll = VerticalScroll(Static(grid))
        scroll.border_title = t("audit.title")
        yield scroll
        yield KeyBar()

    def action_close(self) -> None:
        self.dismiss(None)
