"""The contact person card: what to know before a call — phones, birthday, hobbies, family."""

from __future__ import annotations

from datetime import date

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Label

from ectui.errors import UserError
from ectui.i18n import t
from ectui.services.cards import ContactCard, contact_card
from screens import actions, changes, task_cards
from screens.db import run_db
from screens.one_pass_layout import LaysOutInOnePass
from screens.refused_keys import ExplainsRefusedKeys
from screens.reload_on_return import ReloadsOnReturn
from screens.widgets.field_grid import FieldBlocks
from screens.widgets.key_bar import KeyBar
from screens.widgets.narrow import StacksWhenNarrow

SECTIONS = ("main", "contacts", "personal")


def birthday_note(birthday: date | None, today: date) -> str:
    """«🎂 сегодня день рождения» or «… через N дн.» within a fortnight; else nothing."""
    if birthday is None:
        return ""
    try:
        next_one = birthday.replace(year=today.year)
    except ValueError:  # 29 February in a common year: congratulate on 1 March
        next_one = date(today.year, 3, 1)
    if next_one < today:
        try:
            next_one = birthday.replace(year=today.year + 1)
        except ValueError:
            next_one = date(today.year + 1, 3, 1)
    days = (next_one - today).days
    if days == 0:
        return t("contact.birthday_today")
    return t("contact.birthday_in", days=days) if days <= 14 else ""


class ContactCardScreen(LaysOutInOnePass, ReloadsOnReturn, StacksWhenNarrow,
                        ExplainsRefusedKeys, Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", t("key.back")),
        Binding("f4", "edit", t("key.edit")),
        Binding("delete", "delete", t("key.delete")),
        Binding("ctrl+o", "open_organization", t("key.organization")),
        Binding("ctrl+l", "add_link", t("key.add_link")),
        Binding("ctrl+e", "audit", t("key.audit")),
        Binding("ctrl+w", "write_email", t("key.write_email")),
    ]

    def __init__(self, contact_id: int) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.card: ContactCard | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(t("common.loading"), id="card-title")
        yield task_cards.next_contact_label()
        yield Label("", id="card-birthday")
        with VerticalScroll(id="card-body"):
            yield FieldBlocks(len(SECTIONS) + 3, id="card-fields")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#card-body").focus()
        self.load()
        changes.subscribe(self, self._changed_elsewhere, tables={"contact", "organization"})

    def _changed_elsewhere(self, batch) -> None:
        # Another session changed this person (or their organization's name); under a form
        # the card waits, and reloads when it is shown again.
        if self.is_current and any(c.record_id in (0, self.contact_id) or c.table == "organization"
                                   for c in batch):
            self.load()

    @work(exclusive=True, group="card")
    async def load(self) -> None:
        try:
            card = await run_db(contact_card, self.contact_id, self.app.context.actor)
        except UserError as error:
            self.app.report_error(error)
            self.app.pop_screen()
            return
        self.card = card
        self._show(card)
        await task_cards.show_next_contact(self, card.organization_id, self.contact_id)
        self.refresh_bindings()

    def _show(self, card: ContactCard) -> None:
        title = f"[b]{card.name}[/b]"
        if card.organization:
            title += f" · {card.organization}"
        self.query_one("#card-title", Label).update(title)
        note = birthday_note(card.birthday, self.app.context.clock.today())
        self.query_one("#card-birthday", Label).update(note)
        self.query_one("#card-birthday").display = bool(note)
        # One-column lists go in the value column: the label column shows only a non-empty
        # value's label, and is dim.
        link_rows = [("", t("link.outgoing" if link.outgoing else "link.incoming",
                            label=link.label, name=link.other_name)) for link in card.links]
        self.query_one("#card-fields", FieldBlocks).show(
            [(t(f"section.{section}"),
              [(f.label, f.value) for f in card.fields if f.section == section])
             for section in SECTIONS]
            + [(t("section.custom"), [(f.label, f.value) for f in card.custom]),
               (t("section.groups"), [("", ", ".join(card.groups))] if card.groups else []),
               (t("section.links"), link_rows)])

    def _reload(self, _result=None) -> None:
        self.load()

    def reload_on_return(self) -> None:
        self.load()

    async def action_edit(self) -> None:
        await actions.edit_contact(self.app, self.contact_id, self._reload)

    async def action_delete(self) -> None:
        if self.card is not None:
            await actions.delete_contact(self.app, self.contact_id, self.card.name,
                                         lambda _r: self.app.pop_screen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # What the role does not allow is greyed in the footer (the services refuse it too).
        card = self.card
        if card is None:
            return True
        allowed = {"edit": card.may_edit, "add_link": card.may_edit,
                   "delete": card.may_delete}
        return True if allowed.get(action, True) else None

    async def action_write_email(self) -> None:
        from screens.forms.email_form import open_email_form

        await open_email_form(self.app, contact_id=self.contact_id)

    def action_audit(self) -> None:
        from screens.audit import AuditScreen

        if self.card is not None:
            self.app.push_screen(AuditScreen("contact", self.contact_id, self.card.name))

    def action_open_organization(self) -> None:
        if self.card is not None and self.card.organization_id:
            actions.open_organization(self.app, self.card.organization_id)

    async def action_add_link(self) -> None:
        await actions.add_link(self.app, "contact", self.contact_id, self._reload)
