"""Groups and custom fields: the lists users and the admin shape the client base with.

Anyone who may create records makes groups; only the administrator adds custom fields
(«дополнительные реквизиты») — the services decide, this screen only asks and shows.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label

from ectui.errors import UserError
from ectui.i18n import t
from ectui.models.grouping import FIELD_TYPES
from ectui.services import custom_fields, groups
from screens.db import run_db
from screens.forms.confirm import ConfirmDialog
from screens.forms.field_form import FieldDef, FieldForm
from screens.widgets.key_bar import KeyBar

KINDS = ("organization", "contact")


def _kind_label(kind: str) -> str:
    return t("org.plural") if kind == "organization" else t("contact.plural")


class ReferenceListsScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", t("key.back")),
        Binding("ctrl+n,insert", "new", t("key.new")),
        Binding("delete", "delete", t("lists.key.delete_or_hide")),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(t("lists.groups"), classes="card-heading")
        yield DataTable(id="lists-groups", cursor_type="row", zebra_stripes=True)
        yield Label(t("lists.fields"), classes="card-heading")
        yield DataTable(id="lists-fields", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#lists-groups", DataTable).add_columns(
            t("lists.col.name"), t("lists.col.for"), t("lists.col.members"))
        self.query_one("#lists-fields", DataTable).add_columns(
            t("lists.col.name"), t("lists.col.for"), t("lists.col.type"),
            t("lists.col.options"), t("lists.col.state"))
        self.set_focus(self.query_one("#lists-groups"))
        self.load()

    @work(exclusive=True, group="lists")
    async def load(self) -> None:
        self._groups = await run_db(groups.group_summaries)
        self._fields = [f for kind in KINDS
                        for f in await run_db(custom_fields.all_custom_fields, kind)]
        self._active = {f.id for kind in KINDS
                        for f in await run_db(custom_fields.custom_fields, kind)}
        table = self.query_one("#lists-groups", DataTable)
        table.clear()
        for group in self._groups:
            table.add_row(group.name, _kind_label(group.kind), str(group.members))
        table = self.query_one("#lists-fields", DataTable)
        table.clear()
        for field in self._fields:
            table.add_row(field.name, _kind_label(field.applies_to),
                          t(f"custom.type.{field.field_type}"), ", ".join(field.choices),
                          t("lists.active") if field.id in self._active else t("lists.hidden"))

    def _in_fields(self) -> bool:
        return self.focused is self.query_one("#lists-fields")

    def _saved(self, result) -> None:
        if result is not None:
            self.app.notify(t("common.saved"), timeout=3)
            self.load()

    def action_new(self) -> None:
        context = self.app.context
        kinds = tuple((_kind_label(k), k) for k in KINDS)
        if self._in_fields():
            def save(values: dict) -> object:
                choices = str(values.get("choices") or "").splitlines()
                return custom_fields.create_custom_field(
                    context, values.get("applies_to") or "", str(values.get("name") or ""),
                    values.get("field_type") or "", choices)

            self.app.push_screen(FieldForm(t("lists.new_field"), [
                FieldDef("applies_to", t("lists.col.for"), "select", "organization", kinds,
                         required=True, allow_blank=False),
                FieldDef("name", t("lists.col.name"), required=True),
                FieldDef("field_type", t("lists.col.type"), "select", "text",
                         tuple((t(f"custom.type.{f}"), f) for f in FIELD_TYPES),
                         required=True, allow_blank=False),
                FieldDef("choices", t("lists.col.options"), "textarea",
                         hint=t("lists.options_hint")),
            ], save), self._saved)
        else:
            def save(values: dict) -> object:
                return groups.create_group(context, str(values.get("name") or ""),
                                           values.get("kind") or "")

            self.app.push_screen(FieldForm(t("lists.new_group"), [
                FieldDef("kind", t("lists.col.for"), "select", "organization", kinds,
                         required=True, allow_blank=False),
                FieldDef("name", t("lists.col.name"), required=True),
            ], save), self._saved)

    async def action_delete(self) -> None:
        context = self.app.context
        if self._in_fields():
            table = self.query_one("#lists-fields", DataTable)
            if not self._fields:
                return
            field = self._fields[table.cursor_row]
            try:
                await run_db(custom_fields.set_custom_field_active, context, field.id,
                             field.id not in self._active)
            except UserError as error:
                self.app.report_error(error)
                return
            self.load()
            return
        table = self.query_one("#lists-groups", DataTable)
        if not self._groups:
            return
        group = self._groups[table.cursor_row]

        async def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                await run_db(groups.delete_group, context, group.id)
            except UserError as error:
                self.app.report_error(error)
                return
            self.app.notify(t("common.deleted"), timeout=3)
            self.load()

        self.app.push_screen(ConfirmDialog(t("lists.delete_group", name=group.name,
                                             count=group.members)), answered)

    @on(DataTable.RowSelected, "#lists-groups")
    def _open_group(self, event: DataTable.RowSelected) -> None:
        """Enter on a group: its members in the Directory."""
        group = self._groups[event.cursor_row]
        directory = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        self.app.pop_screen()
        if directory is not None and hasattr(directory, "show_group"):
            directory.show_group(group.kind, group.id)
