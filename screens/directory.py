"""The Directory: organizations and contact persons, searched as you type, opened with Enter."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Header, Input, Label, Select, Tab, Tabs

from ectui.i18n import t, tn
from ectui.models.client_base import CATEGORIES
from ectui.services import employees, groups
from ectui.services.contacts import ContactFilter, ContactRow
from ectui.services.organizations import OrganizationFilter, OrganizationRow
from screens import actions, changes
from screens.db import run_db, run_db_sync
from screens.refused_keys import ExplainsRefusedKeys
from screens.reload_on_return import ReloadsOnReturn
from screens.sources import ContactSource, OrganizationSource
from screens.widgets.key_bar import KeyBar
from screens.widgets.list_search import ListSearch
from screens.widgets.paged_table import Column, PagedTable

ORGS, CONTACTS = "organizations", "contacts"


class SearchInput(ListSearch):
    # A binding, not an on_key handler: bindings run in typing order, so «ром↓⏎» opens the card.
    BINDINGS = [Binding("down", "screen.into_list", show=False)]


def _org_columns() -> list[Column]:
    # On a narrow terminal the e-mail goes first, then the INN…; the name and phone stay.
    return [Column("name", t("org.name")), Column("inn", t("org.inn"), 12, drop_order=2),
            Column("phone", t("org.phones"), 18),
            Column("email", t("org.email"), 24, drop_order=1),
            Column("category", t("org.category"), 14, drop_order=3),
            Column("responsible", t("org.responsible"), 14, drop_order=4)]


def _contact_columns() -> list[Column]:
    return [Column("name", t("contact.last_name") + " " + t("contact.first_name").lower()),
            Column("organization", t("contact.organization")),
            Column("position", t("contact.position"), 20, drop_order=1),
            Column("phone", t("contact.mobile_phone"), 18),
            Column("birthday", t("contact.birthday"), 10, drop_order=2)]


def _org_cell(row: OrganizationRow, key: str) -> str:
    if key == "category":
        return t(f"choice.category.{row.category}") if row.category else ""
    return getattr(row, key)


def _contact_cell(row: ContactRow, key: str) -> str:
    if key == "birthday":
        return row.birthday.strftime("%d.%m.%Y") if row.birthday else ""
    return getattr(row, key)


class DirectoryScreen(ReloadsOnReturn, ExplainsRefusedKeys, Screen):
    """Tabs for organizations and contacts over one search box and filters."""

    BINDINGS = [
        Binding("ctrl+t", "switch_tab", t("key.switch_tab")),
        Binding("ctrl+f", "focus_search", t("key.search")),
        Binding("enter", "open", t("key.open"), show=True),
        Binding("ctrl+n,insert", "new", t("key.new")),
        Binding("f4", "edit", t("key.edit")),
        Binding("delete", "delete", t("key.delete")),
        Binding("escape", "clear_search", t("key.clear"), show=False),
        Binding("ctrl+g", "lists", t("key.lists")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.tab = ORGS

    def compose(self) -> ComposeResult:
        yield Header()
        yield Tabs(Tab(t("org.plural"), id=ORGS), Tab(t("contact.plural"), id=CONTACTS),
                   id="directory-tabs")
        with Horizontal(id="directory-filters"):
            yield SearchInput(placeholder=t("directory.search_hint"), id="search",
                              results=self._table)
            yield Select[int]([], prompt=t("directory.all_groups"), id="group-filter")
            yield Select[str]([(t(f"choice.category.{c}"), c) for c in CATEGORIES],
                              prompt=t("directory.all_categories"), id="category-filter")
            yield Select[int]([], prompt=t("directory.all_responsible"), id="responsible-filter")
        with ContentSwitcher(initial=ORGS, id="directory-lists"):
            yield PagedTable(_org_columns(), _org_cell, empty_text=t("directory.nothing_found"),
                             run_in_context=run_db_sync, id=ORGS)
            yield PagedTable(_contact_columns(), _contact_cell,
                             empty_text=t("directory.nothing_found"),
                             run_in_context=run_db_sync, id=CONTACTS)
        yield Label("", id="directory-count")
        yield KeyBar()

    async def on_mount(self) -> None:
        self.query_one("#search", Input).focus()
        self._refresh_list()
        changes.subscribe(self, self._changed_elsewhere, tables={"organization", "contact"})
        await self._load_filter_choices()

    def _changed_elsewhere(self, batch) -> None:
        # Another session wrote a client: the list shows it within seconds. Under a card or
        # a form the list waits: it reloads when it is shown again. New rights (a new role)
        # need a new source: the filter carries whose rights limit the list.
        if any(change.action == "rights" for change in batch):
            self._refresh_list()
        elif self.is_current:
            self._table().reload()

    async def _load_filter_choices(self) -> None:
        kind = "organization" if self.tab == ORGS else "contact"
        group_list = await run_db(groups.groups, kind)
        people = await run_db(employees.employees)
        group_select = self.query_one("#group-filter", Select)
        group_select.set_options([(g.name, g.id) for g in group_list])
        self.query_one("#responsible-filter", Select).set_options(
            [(e.short, e.id) for e in people])

    def action_lists(self) -> None:
        from screens.reference_lists import ReferenceListsScreen

        async def back(_result=None) -> None:
            await self._load_filter_choices()  # groups may have been added or deleted

        self.app.push_screen(ReferenceListsScreen(), back)

    @work(exclusive=True, group="directory-group")
    async def show_group(self, kind: str, group_id: int) -> None:
        """The Directory filtered to one group's members (Enter on a group in the lists)."""
        wanted = ORGS if kind == "organization" else CONTACTS
        if self.tab != wanted:
            self.tab = wanted  # set first, so the tab change below is not handled twice
            self.query_one(Tabs).active = wanted
            self.query_one(ContentSwitcher).current = wanted
            self.query_one("#category-filter").display = wanted == ORGS
        await self._load_filter_choices()
        self.query_one("#group-filter", Select).value = group_id
        self.set_focus(self._table())

    def _value(self, selector: str):
        value = self.query_one(selector, Select).value
        return None if value is Select.NULL else value

    def _refresh_list(self) -> None:
        table = self._table()
        query = self.query_one("#search", Input).value
        group_id = self._value("#group-filter")
        responsible = self._value("#responsible-filter")
        if self.tab == ORGS:
            table.set_source(OrganizationSource(OrganizationFilter(
                query=query, group_id=group_id, category=self._value("#category-filter") or "",
                responsible_id=responsible, viewer=self.app.context.actor)))
        else:
            table.set_source(ContactSource(ContactFilter(
                query=query, group_id=group_id, responsible_id=responsible,
                viewer=self.app.context.actor)))

    @on(Input.Changed, "#search")
    @on(Select.Changed)
    def _filters_changed(self) -> None:
        self._refresh_list()

    @on(PagedTable.Loaded)
    def _show_count(self, event: PagedTable.Loaded) -> None:
        self.query_one("#directory-count", Label).update(
            tn("count.found", event.row_count), layout=False)

    @on(PagedTable.FirstPage)
    def _show_first_page(self, event: PagedTable.FirstPage) -> None:
        self.query_one("#directory-count", Label).update(
            tn("count.found_at_least", event.rows_known), layout=False)

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.set_focus(self._table())

    def action_into_list(self) -> None:
        """Down from the search box goes into the list."""
        self.set_focus(self._table())

    @on(PagedTable.TopEdge)
    def _back_to_search(self) -> None:
        self.set_focus(self.query_one("#search", Input))

    @on(Tabs.TabActivated)
    async def _tab_changed(self, event: Tabs.TabActivated) -> None:
        if event.tab.id == self.tab:
            return
        self.tab = event.tab.id
        self.query_one(ContentSwitcher).current = self.tab
        self.query_one("#category-filter").display = self.tab == ORGS
        self.query_one("#group-filter", Select).clear()
        await self._load_filter_choices()
        self._refresh_list()

    def _table(self) -> PagedTable:
        return self.query_one(f"#{self.tab}", PagedTable)

    def action_switch_tab(self) -> None:
        tabs = self.query_one(Tabs)
        tabs.active = CONTACTS if self.tab == ORGS else ORGS

    def action_focus_search(self) -> None:
        self.set_focus(self.query_one("#search", Input))

    def action_clear_search(self) -> None:
        search = self.query_one("#search", Input)
        if search.value:
            search.value = ""
        self.set_focus(search)

    def _current(self):
        return self._table().current_row

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # What the role does not allow is greyed in the footer (the services refuse it too).
        if action == "new":
            actor = self.app.context.actor
            return True if actor.scope("create") != "none" else None
        if action in ("edit", "delete"):
            row = self._current()
            allowed = getattr(row, "may_edit" if action == "edit" else "may_delete", True)
            return True if allowed else None
        return True

    @on(PagedTable.RowHighlighted)
    def _row_highlighted(self) -> None:
        self.refresh_bindings()

    @on(PagedTable.RowSelected)
    def _row_selected(self, event: PagedTable.RowSelected) -> None:
        self._open(event.row)

    def action_open(self) -> None:
        if self.focused is self._table() and self._current() is not None:
            self._open(self._current())

    def _open(self, row) -> None:
        if isinstance(row, OrganizationRow):
            actions.open_organization(self.app, row.id)
        elif isinstance(row, ContactRow):
            actions.open_contact(self.app, row.id)

    async def action_new(self) -> None:
        if self.tab == ORGS:
            await actions.new_organization(self.app, self._after_change)
        else:
            await actions.new_contact(self.app, None, self._after_change)

    async def action_edit(self) -> None:
        row = self._current()
        if isinstance(row, OrganizationRow):
            await actions.edit_organization(self.app, row.id, self._after_change)
        elif isinstance(row, ContactRow):
            await actions.edit_contact(self.app, row.id, self._after_change)

    async def action_delete(self) -> None:
        if self.focused is not self._table():
            return
        row = self._current()
        if isinstance(row, OrganizationRow):
            await actions.delete_organization(self.app, row.id, row.name, self._after_change)
        elif isinstance(row, ContactRow):
            await actions.delete_contact(self.app, row.id, row.name, self._after_change)

    def _after_change(self, _result=None) -> None:
        self._table().reload()

    def reload_on_return(self) -> None:
        # A card may have edited or deleted what the list shows.
        for table in self.query(PagedTable):
            table.reload()
