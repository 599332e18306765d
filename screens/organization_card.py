"""The organization card: requisites, contact persons, groups, custom fields and links."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Label

from ectui.errors import UserError
from ectui.i18n import t
from ectui.services.cards import OrganizationCard, organization_card
from screens import actions, changes, sales_cards, service_cards, task_cards
from screens.db import run_db
from screens.one_pass_layout import LaysOutInOnePass
from screens.refused_keys import ExplainsRefusedKeys
from screens.reload_on_return import ReloadsOnReturn
from screens.widgets.field_grid import FieldBlocks
from screens.widgets.key_bar import KeyBar
from screens.widgets.list_source import show_list
from screens.widgets.narrow import StacksWhenNarrow
from screens.widgets.paged_table import Column, PagedTable

SECTIONS = ("main", "contacts", "addresses", "requisites", "notes")


def _contact_columns() -> list[Column]:
    # Before a call one wants the phone and the birthday; the position gives way first.
    return [
        Column("name", t("contact.last_name") + " " + t("contact.first_name").lower()),
        Column("position", t("contact.position"), drop_order=1),
        Column("phone", t("contact.mobile_phone"), width=18),
        Column("birthday", t("contact.birthday_column"), width=10, drop_order=2),
    ]


def _contact_cell(person, key: str) -> str:
    if key == "birthday":
        return person.birthday.strftime("%d.%m.%Y") if person.birthday else ""
    return getattr(person, key) or ""


def contacts_table() -> PagedTable:
    """The card's people: drawn line by line (a client may have hundreds), fit to the column."""
    return PagedTable(_contact_columns(), _contact_cell, page_size=500, id="card-contacts")


class OrganizationCardScreen(LaysOutInOnePass, ReloadsOnReturn, StacksWhenNarrow,
                             ExplainsRefusedKeys, Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", t("key.back")),
        Binding("f4", "edit", t("key.edit")),
        Binding("ctrl+n,insert", "new_contact", t("key.new_contact")),
        Binding("delete", "delete", t("key.delete")),
        Binding("ctrl+l", "add_link", t("key.add_link")),
        Binding("ctrl+e", "audit", t("key.audit")),
        Binding("ctrl+k", "new_proposal", t("key.new_proposal")),
        Binding("ctrl+o", "new_request", t("key.new_request")),
        Binding("ctrl+w", "write_email", t("key.write_email")),
    ]

    def __init__(self, org_id: int) -> None:
        super().__init__()
        self.org_id = org_id
        self.card: OrganizationCard | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(t("common.loading"), id="card-title")
        # Every block is here from the start, hidden until the load fills it: the card then
        # appears in one frame, not one layout per block mounted (benchmarks/RESULTS.md).
        yield task_cards.next_contact_label()
        with Horizontal(id="card-columns"):
            with VerticalScroll(id="card-body", classes="card-column"):
                yield FieldBlocks(len(SECTIONS), id="card-fields")
            with VerticalScroll(id="card-side", classes="card-column"):
                yield Label(t("org.contacts"), classes="card-heading")
                yield contacts_table()
                yield FieldBlocks(4, id="card-extra")  # custom fields, groups, departments, links
                yield sales_cards.chain_table()
                yield from service_cards.service_tables(self.org_id)
        yield KeyBar()

    def on_mount(self) -> None:
        self.load()
        changes.subscribe(self, self._changed_elsewhere, tables={"organization", "contact"})

    def _changed_elsewhere(self, batch) -> None:
        # Another session changed this organization or a person (maybe one of its people);
        # under a form the card waits, and reloads when it is shown again.
        people = {p.id for p in self.card.contacts} if self.card else set()
        if self.is_current and any(
                c.record_id in (0, self.org_id) if c.table == "organization"
                else c.record_id in people or c.action in ("create", "rights")
                for c in batch):
            self.load()

    @work(exclusive=True, group="card")
    async def load(self) -> None:
        ctx = self.app.context
        now = ctx.now()

        def read():
            # One trip to a database thread for the whole card, then one build: six trips
            # with the screen built a piece after each took ~0.4 s at full size.
            card = organization_card(self.org_id, ctx.actor)
            return (card, task_cards.read_next_contact(self.org_id),
                    sales_cards.read_documents(ctx.actor, self.org_id),
                    service_cards.read_service(ctx.actor, self.org_id, now))

        try:
            card, next_contact, documents, service = await run_db(read)
        except UserError as error:
            self.app.report_error(error)
            self.app.pop_screen()
            return
        self.card = card
        self._show(card)
        await task_cards.show_next_contact(self, self.org_id, read=next_contact)
        sales_cards.show_documents(self, documents)
        service_cards.fill_service(self, service)
        self.refresh_bindings()

    def _show(self, card: OrganizationCard) -> None:
        self.query_one("#card-title", Label).update(f"[b]{card.name}[/b]")
        self.query_one("#card-fields", FieldBlocks).show(
            [(t(f"section.{section}"),
              [(f.label, f.value) for f in card.fields if f.section == section])
             for section in SECTIONS])
        table = self.query_one("#card-contacts", PagedTable)
        show_list(table, card.contacts)  # a reload (another session's change) keeps one's place
        # One-column lists go in the value column: the label column shows only a non-empty
        # value's label, and is dim.
        link_rows = [("", t("link.outgoing" if link.outgoing else "link.incoming",
                            label=link.label, name=link.other_name)) for link in card.links]
        self.query_one("#card-extra", FieldBlocks).show([
            (t("section.custom"), [(f.label, f.value) for f in card.custom]),
            (t("section.groups"), [("", ", ".join(card.groups))] if card.groups else []),
            (t("org.departments"), [("", ", ".join(card.departments))] if card.departments else []),
            (t("section.links"), link_rows),
        ])
        if card.contacts and not isinstance(self.focused, PagedTable):
            table.focus()

    @on(PagedTable.RowHighlighted, "#card-contacts")
    def _contact_highlighted(self) -> None:
        self.refresh_bindings()

    @on(PagedTable.RowSelected, "#card-contacts")
    def _open_contact(self, event: PagedTable.RowSelected) -> None:
        actions.open_contact(self.app, event.row.id)

    def _reload(self, _result=None) -> None:
        self.load()

    def reload_on_return(self) -> None:
        self.load()

    async def action_edit(self) -> None:
        await actions.edit_organization(self.app, self.org_id, self._reload)

    async def action_new_contact(self) -> None:
        await actions.new_contact(self.app, self.org_id, self._reload)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # What the role does not allow is greyed in the footer (the services refuse it too).
        card = self.card
        if card is None:
            return True
        person = self._selected_contact() if action == "delete" else None
        allowed = {"edit": card.may_edit, "add_link": card.may_edit,
                   "new_contact": card.may_create,
                   "delete": person.may_delete if person is not None else card.may_delete}
        return True if allowed.get(action, True) else None

    async def action_write_email(self) -> None:
        from screens.forms.email_form import open_email_form

        await open_email_form(self.app, organization_id=self.org_id)

    def action_audit(self) -> None:
        from screens.audit import AuditScreen

        if self.card is not None:
            self.app.push_screen(AuditScreen("organization", self.org_id, self.card.name))

    def _selected_contact(self):
        table = self.query_one("#card-contacts", PagedTable)
        return table.current_row if self.focused is table else None

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

    async def action_new_request(self) -> None:
        """Register a client's request («обращение»); with the installed base focused, its own
        Ctrl+O names the highlighted product (screens/service_cards.py)."""
        from screens import service_actions

        await service_actions.register_request(self.app, self.org_id, done=self._reload)

    async def action_new_proposal(self) -> None:
        from screens import sales_actions

        name = self.card.name if self.card is not None else ""
        await sales_actions.new_proposal(self.app, self.org_id, name, self._reload)
