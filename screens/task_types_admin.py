"""Task types and their results: the admin adds types of their own (e.g. «Выставка»), sets
how many days after a contact the next one is planned, and the results each type can have."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Label, OptionList
from textual.widgets.option_list import Option

from ectui.errors import UserError
from ectui.i18n import t
from ectui.services import task_types as service
from screens.db import run_db
from screens.forms.confirm import ConfirmDialog
from screens.forms.field_form import TASKS_CSS, FieldDef, FieldForm
from screens.widgets.key_bar import KeyBar


class TaskTypesScreen(Screen):
    CSS_PATH = TASKS_CSS
    BINDINGS = [
        Binding("escape", "app.pop_screen", t("key.back")),
        Binding("ctrl+n,insert", "new", t("types.key.new")),
        Binding("f4", "edit", t("key.edit")),
        Binding("delete", "retire", t("types.key.retire")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.types: list[service.TaskTypeInfo] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(Text(t("types.title"), style="bold"), id="templates-title")
        with Horizontal(id="templates-columns"):
            with Vertical(id="templates-list"):
                yield Label(t("types.list"), classes="pane-title")
                yield OptionList(id="type-options")
            with Vertical(id="templates-steps"):
                yield Label(t("types.results"), classes="pane-title")
                yield OptionList(id="result-options")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#type-options", OptionList).focus()
        self.load()

    @work(exclusive=True, group="types", exit_on_error=False)
    async def load(self, keep: int | None = None) -> None:
        self.types = await run_db(service.task_types)
        options = self.query_one("#type-options", OptionList)
        current = self._type()
        previous = keep or (current.id if current else None)
        options.clear_options()
        options.add_options([Option(Text.assemble(
            info.name, ("  " + t("types.delay", days=info.default_delay_days), "dim")),
            id=str(info.id)) for info in self.types])
        ids = [info.id for info in self.types]
        if ids:
            options.highlighted = ids.index(previous) if previous in ids else 0
        self._show_results()

    def _type(self) -> service.TaskTypeInfo | None:
        options = self.query_one("#type-options", OptionList)
        if options.highlighted is None or options.highlighted >= len(self.types):
            return None
        return self.types[options.highlighted]

    def _show_results(self) -> None:
        options = self.query_one("#result-options", OptionList)
        options.clear_options()
        info = self._type()
        if info is None:
            return
        for result in info.results:
            mark = ("→ ", "green") if result.advances else ("· ", "dim")
            options.add_option(Option(Text.assemble(mark, result.name), id=str(result.id)))
        if not info.results:
            options.add_option(Option(Text(t("types.no_results"), style="dim"), id="0",
                                      disabled=True))

    @on(OptionList.OptionHighlighted, "#type-options")
    def _highlighted(self) -> None:
        self._show_results()

    @on(OptionList.OptionSelected, "#type-options")
    def _selected(self) -> None:
        self.query_one("#result-options", OptionList).focus()

    def _on_results(self) -> bool:
        return self.focused is self.query_one("#result-options", OptionList)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("new", "edit", "retire") and \
                self.app.context.actor.scope("administer") != "all":
            return None
        return True

    def action_new(self) -> None:
        ctx = self.app.context
        info = self._type()
        if self._on_results() and info is not None:
            fields = [FieldDef("name", t("types.field.result"), required=True),
                      FieldDef("advances", t("types.field.advances"), "select", "true",
                               ((t("types.advances.true"), "true"),
                                (t("types.advances.false"), "false")), allow_blank=False)]

            def save_result(values: dict) -> int:
                return service.add_result(ctx, info.id, values["name"] or "",
                                          values["advances"] == "true")

            self.app.push_screen(FieldForm(t("types.new_result", type=info.name), fields,
                                           save_result), lambda r: self.load(keep=info.id))
            return
        self._type_form(None)

    def action_edit(self) -> None:
        info = self._type()
        if info is not None:
            self._type_form(info)

    def _type_form(self, info: service.TaskTypeInfo | None) -> None:
        ctx = self.app.context
        fields = []
        if info is None or not info.is_builtin:
            fields.append(FieldDef("name", t("types.field.name"),
                                   value=info.name if info else "", required=True))
        fields.append(FieldDef("delay", t("types.field.delay"),
                               value=str(info.default_delay_days if info else 2),
                               hint=t("types.delay_hint")))

        def save(values: dict) -> int:
            return service.save_task_type(ctx, values.get("name") or "", values["delay"],
                                          type_id=info.id if info else None)

        title = t("types.edit_title", name=info.name) if info else t("types.new_title")
        self.app.push_screen(FieldForm(title, fields, save),
                             lambda r: self.load(keep=r) if r else None)

    def action_retire(self) -> None:
        ctx = self.app.context
        info = self._type()
        if info is None:
            return
        if self._on_results():
            options = self.query_one("#result-options", OptionList)
            if options.highlighted is None or not info.results:
                return
            result = info.results[options.highlighted]
            question = t("types.confirm_retire_result", name=result.name)

            def retire():
                service.retire_result(ctx, result.id)
        else:
            question = t("types.confirm_retire", name=info.name)

            def retire():
                service.set_type_active(ctx, info.id, False)

        async def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                await run_db(retire)
            except UserError as error:
                self.app.report_error(error)
                return
            self.load()

        self.app.push_screen(ConfirmDialog(question), answered)
