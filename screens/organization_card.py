"""The organization card: requisites, contact persons, groups, custom fields and links."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label

from ectui.errors import UserError
from ectui.i18n import t
from ectui.services.cards import OrganizationCard, organization_card
from screens import actions
from screens.db import run_db
from screens.widgets.field_grid import field_grid

SECTIONS = ("main", "contacts", "addresses", "requisites", "notes")


class OrganizationCardScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", t("key.back")),
        Binding("f4", "edit", t("key.edit")),
        Binding("ctrl+n,insert", "new_contact", t("key.new_contact")),
        Binding("delete", "delete", t("key.delete")),
        Binding("ctrl+l", "add_link", t("key.add_link")),
    ]

    def __init__(self, org_id: int) -> None:
        super().__init__()
        self.org_id = org_id
        self.card: OrganizationCard | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(t("common.loading"), id="card-title")
        with Horizontal(id="card-columns"):
            with VerticalScroll(id="card-body", classes="card-column"):
                yield Vertical(id="card-fields")
            with VerticalScroll(id="card-side", classes="card-column"):
                yield Label(t("org.contacts"), classes="card-heading")
                yield DataTable(id="card-contacts", cursor_type="row", zebra_stripes=True)
                yield Vertical(id="card-extra")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#card-contacts", DataTable)
        table.add_columns(t("contact.last_name") + " " + t("contact.first_name").lower(),
                          t("contact.position"), t("contact.mobile_phone"), t("contact.birthday"))
        self.load()

    @work(exclusive=True, group="card")
    async def load(self) -> None:
        try:
            card = await run_db(organization_card, self.org_id)
        except UserError as error:
            self.app.report_error(error)
            self.app.pop_screen()
            return
        self.card = card
        self._show(card)

    def _show(self, card: OrganizationCard) -> None:
        self.query_one("#card-title", Label).update(f"[b]{card.name}[/b]")
        body = self.query_one("#card-fields", Vertical)
        body.remove_children()
        blocks = [field_grid(t(f"section.{section}"),
                             [(f.label, f.value) for f in card.fields if f.section == section])
                  for section in SECTIONS]
        body.mount_all(blocks)
        table = self.query_one("#card-contacts", DataTable)
        table.clear()
        for person in card.contacts:
            table.add_row(person.name, person.position, person.phone,
                          person.birthday.strftime("%d.%m.%Y") if person.birthday else "",
                          key=str(person.id))
        extra = self.query_one("#card-extra", Vertical)
        extra.remove_children()
        link_rows = [(t("link.outgoing" if link.outgoing else "link.incoming",
                        label=link.label, name=link.other_name), "") for link in card.links]
        extra.mount_all([
            field_grid(t("section.custom"), [(f.label, f.value) for f in card.custom]),
            field_grid(t("section.groups"), [(", ".join(card.groups), "")] if card.groups else []),
            field_grid(t("org.departments"),
                       [(", ".join(card.departments), "")] if card.departments else []),
            field_grid(t("section.links"), link_rows),
        ])
        if card.contacts and not isinstance(self.focused, DataTable):
            table.focus()

    @on(DataTable.RowSelected, "#card-contacts")
    def _open_contact(self, event: DataTable.RowSelected) -> None:
        actions.open_contact(self.app, int(event.row_key.value))

    def _reload(self, _result=None) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    async def action_edit(self) -> None:
        await actions.edit_organization(self.app, self.org_id, self._reload)

    async def action_new_contact(self) -> None:
        await actions.new_contact(self.app, self.org_id, self._reload)

    def _selected_contact(self):
        table = self.query_one("#card-contacts", DataTable)
        if self.focused is not table or not self.card or not self.card.contacts:
            return None
        return self.card.contacts[table.cursor_row]

    async def action_delete(self) -> None:
        if self.card is None:
            return
        person = self._selected_contact()
        if person is not None:
            await actions.delete_contact(self.app, person.id, person.name, self._reload)
        else:
            await actions.delete_organization(self.app, self.org_id, self.card.name,
                                              lambda _r: self.app.pop_screen())

    async def action_add_link(self) -> None:
        await actions.add_link(self.app, "organization", self.org_id, self._reload)
