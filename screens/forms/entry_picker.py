"""Choose one organization or contact person among any number: type to search, Enter picks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from ectui.i18n import t
from ectui.services.contacts import ContactFilter, ContactRow, count_contacts, list_contacts
from ectui.services.organizations import (
    OrganizationFilter,
    OrganizationRow,
    count_organizations,
    list_organizations,
)
from screens.db import run_db_sync
from screens.forms import FORMS_CSS
from screens.widgets.paged_table import Column, PagedTable

PickerKind = Literal["organization", "contact"]


@dataclass(frozen=True)
class OrganizationSource:
    """Organizations matching a typed query; called in the table's worker threads."""

    query: str

    def count(self) -> int:
        return count_organizations(OrganizationFilter(query=self.query))

    def fetch(self, offset: int, limit: int) -> list[OrganizationRow]:
        return list_organizations(OrganizationFilter(query=self.query), offset, limit)


@dataclass(frozen=True)
class ContactSource:
    """Contact persons matching a typed query, of one organization when it is given."""

    query: str
    organization_id: int | None = None

    def _filter(self) -> ContactFilter:
        return ContactFilter(query=self.query, organization_id=self.organization_id)

    def count(self) -> int:
        return count_contacts(self._filter())

    def fetch(self, offset: int, limit: int) -> list[ContactRow]:
        return list_contacts(self._filter(), offset, limit)


def _cell(row: OrganizationRow | ContactRow, key: str) -> str:
    value = getattr(row, key)
    return "" if value is None else str(value)


class _SearchInput(Input):
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


class EntryPicker(ModalScreen[tuple[int, str] | None]):
    """Dismisses with ``(id, name)`` of the chosen entry, or None on Esc.

    Args:
        kind: "organization" or "contact".
        organization_id: For contacts: show only the people of this organization.
        query: The search text to start with.
    """

    CSS_PATH = FORMS_CSS
    AUTO_FOCUS = "#picker-search"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "pick", t("key.pick")),
        Binding("escape", "cancel", t("key.cancel")),
    ]

    def __init__(
        self, kind: PickerKind, organization_id: int | None = None, *, query: str = ""
    ) -> None:
        if kind not in ("organization", "contact"):
            raise ValueError(f"unknown picker kind {kind!r}")
        super().__init__()
        self.kind = kind
        self.organization_id = organization_id
        self._query = query
        self._done = False
        self._pick_when_loaded = False  # Enter came before the matches: pick when they come

    def compose(self) -> ComposeResult:
        if self.kind == "organization":
            columns = [
                Column("name", t("form.col.name")),
                Column("inn", t("form.col.inn"), width=12),
                Column("phone", t("form.col.phone"), width=18),
            ]
        else:
            columns = [
                Column("name", t("form.col.full_name")),
                Column("organization", t("form.col.organization")),
                Column("position", t("form.col.position")),
            ]
        with Vertical(id="picker-dialog"):
            yield Static(t(f"form.picker.{self.kind}"), id="picker-title")
            yield _SearchInput(
                self._query,
                placeholder=t(f"form.picker.{self.kind}.search"),
                id="picker-search",
            )
            yield _MatchTable(
                columns,
                _cell,
                page_size=100,
                empty_text=t("form.picker.nothing"),
                run_in_context=run_db_sync,
                id="picker-table",
            )
            yield Static(t("form.picker.hint"), id="picker-hint")
        yield Footer()

    def on_mount(self) -> None:
        self._search(self._query)

    @property
    def table(self) -> PagedTable:
        return self.query_one("#picker-table", PagedTable)

    def _search(self, query: str) -> None:
        if self.kind == "organization":
            self.table.set_source(OrganizationSource(query))
        else:
            self.table.set_source(ContactSource(query, self.organization_id))

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

    def _choose(self, row: OrganizationRow | ContactRow) -> None:
        if not self._done:  # Enter and a late page can both ask; answer once
            self._done = True
            self.dismiss((row.id, row.name))
