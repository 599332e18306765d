"""Sales process templates: the admin's stages and steps with days from the project's start.

Left, the templates; right, the steps of the highlighted one. Everyone may look; only the
admin changes them (the keys are greyed for others).
"""

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
from ectui.services import sales_templates as service
from ectui.services import task_types
from screens.db import run_db
from screens.forms.confirm import ConfirmDialog
from screens.forms.field_form import TASKS_CSS, FieldDef, FieldForm
from screens.task_keys import letter
from screens.widgets.key_bar import KeyBar

_EDITING = {"new", "edit", "delete", "new_stage", "move_up", "move_down"}


class TemplatesScreen(Screen):
    CSS_PATH = TASKS_CSS
    BINDINGS = [
        Binding("escape", "app.pop_screen", t("key.back")),
        Binding("ctrl+n,insert", "new", t("templates.key.new")),
        *letter("e", "new_stage", t("templates.key.new_stage")),
        Binding("f4", "edit", t("key.edit")),
        Binding("delete", "delete", t("key.delete")),
        Binding("ctrl+up", "move_up", t("templates.key.up"), show=False),
        Binding("ctrl+down", "move_down", t("templates.key.down"), show=False),
        *letter("y", "types", t("templates.key.types")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.templates: list[service.TemplateInfo] = []
        self.steps: list[service.StepInfo] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(Text(t("templates.title"), style="bold"), id="templates-title")
        with Horizontal(id="templates-columns"):
            with Vertical(id="templates-list"):
                yield Label(t("templates.list"), classes="pane-title")
                yield OptionList(id="template-options")
            with Vertical(id="templates-steps"):
                yield Label(t("templates.steps"), classes="pane-title")
                yield OptionList(id="step-options")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#template-options", OptionList).focus()
        self.load()

    # ---- loading ----------------------------------------------------------------------

    @work(exclusive=True, group="templates", exit_on_error=False)
    async def load(self, keep_template: int | None = None) -> None:
        self.templates = await run_db(service.templates, False)
        options = self.query_one("#template-options", OptionList)
        previous = keep_template or self._template_id()
        options.clear_options()
        options.add_options([Option(Text.assemble(tp.name, (f"  ({tp.step_count})", "dim")),
                                    id=str(tp.id)) for tp in self.templates])
        ids = [tp.id for tp in self.templates]
        if ids:
            options.highlighted = ids.index(previous) if previous in ids else 0
        await self._load_steps()

    async def _load_steps(self, keep_step: int | None = None) -> None:
        template = self._template_id()
        self.steps = await run_db(service.template_steps, template) if template else []
        options = self.query_one("#step-options", OptionList)
        previous = keep_step or self._step_id()
        options.clear_options()
        for step in self.steps:
            label = Text("  " * step.depth)
            if step.level == "stage":
                label.append(t("task.level.stage") + ": " + step.title, style="bold")
            else:
                label.append("• " + step.title)
                named = step.title.casefold().startswith(step.type_name.casefold())
                if step.type_name and not named:
                    label.append(f"  ({step.type_name})", style="dim")
                label.append("  " + t("templates.offset", days=step.offset_days), style="cyan")
            if step.planned_result:
                label.append("  → " + step.planned_result, style="dim italic")
            options.add_option(Option(label, id=str(step.id)))
        if not self.steps:
            options.add_option(Option(Text(t("templates.no_steps"), style="dim"), id="0",
                                      disabled=True))
        ids = [s.id for s in self.steps]
        if previous in ids:
            options.highlighted = ids.index(previous)

    @on(OptionList.OptionHighlighted, "#template-options")
    async def _template_highlighted(self) -> None:
        await self._load_steps()

    @on(OptionList.OptionSelected, "#template-options")
    def _template_selected(self) -> None:
        self.query_one("#step-options", OptionList).focus()

    def _template_id(self) -> int | None:
        options = self.query_one("#template-options", OptionList)
        if options.highlighted is None or not self.templates:
            return None
        return self.templates[options.highlighted].id

    def _step_id(self) -> int | None:
        options = self.query_one("#step-options", OptionList)
        if options.highlighted is None or not self.steps:
            return None
        return self.steps[options.highlighted].id

    def _on_steps(self) -> bool:
        return self.focused is self.query_one("#step-options", OptionList)

    # ---- keys -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _EDITING and self.app.context.actor.scope("administer") != "all":
            return None  # greyed: only the admin defines templates
        return True

    async def action_new(self) -> None:
        if self._on_steps() and self._template_id():
            await self._step_form(None, "operation", parent_id=self._step_id())
        else:
            self._template_form(None)

    async def action_new_stage(self) -> None:
        if self._template_id():
            await self._step_form(None, "stage", parent_id=None)

    async def action_edit(self) -> None:
        if self._on_steps() and self._step_id():
            step = next(s for s in self.steps if s.id == self._step_id())
            await self._step_form(step.id, step.level)
        elif self._template_id():
            self._template_form(self._template_id())

    def _template_form(self, template_id: int | None) -> None:
        ctx = self.app.context
        current = next((tp for tp in self.templates if tp.id == template_id), None)
        fields = [
            FieldDef("name", t("templates.field.name"), value=current.name if current else "",
                     required=True),
            FieldDef("description", t("templates.field.description"), "textarea",
                     current.description if current else ""),
            FieldDef("sequential", t("templates.field.sequential"), "select",
                     "true" if current is None or current.sequential else "false",
                     ((t("templates.sequential.true"), "true"),
                      (t("templates.sequential.false"), "false")), allow_blank=False),
        ]

        def save(values: dict) -> int:
            return service.save_template(ctx, values, template_id=template_id)

        def finished(result) -> None:
            if result is not None:
                self.load(keep_template=result)

        title = t("templates.edit_title") if template_id else t("templates.new_title")
        self.app.push_screen(FieldForm(title, fields, save), finished)

    async def _step_form(self, step_id: int | None, level: str, *,
                         parent_id: int | None = None) -> None:
        ctx = self.app.context
        template_id = self._template_id()
        types = await run_db(task_types.task_types)
        values = await run_db(service.step_for_edit, step_id) if step_id else {
            "level": level, "offset_days": "0",
            "task_type_id": next((tp.id for tp in types if tp.code == "call"), None)}
        fields = [FieldDef("title", t("task.field.title"), value=values.get("title"),
                           required=level == "stage")]
        if level == "operation":
            fields.insert(0, FieldDef("task_type_id", t("task.field.type"), "select",
                                      values.get("task_type_id"),
                                      tuple((tp.name, tp.id) for tp in types), required=True))
            fields += [
                FieldDef("offset_days", t("templates.field.offset"),
                         value=values.get("offset_days"), hint=t("templates.offset_hint")),
                FieldDef("planned_result", t("task.field.planned_result"),
                         value=values.get("planned_result")),
            ]

        def save(data: dict) -> int:
            data = {**data, "level": level}
            return service.save_step(ctx, template_id, data, step_id=step_id,
                                     parent_id=parent_id)

        async def finished(result) -> None:
            if result is not None:
                self.load(keep_template=template_id)

        title = t(f"templates.{'edit' if step_id else 'new'}_{level}")
        self.app.push_screen(FieldForm(title, fields, save), finished)

    async def action_delete(self) -> None:
        ctx = self.app.context
        if self._on_steps() and self._step_id():
            step = next(s for s in self.steps if s.id == self._step_id())
            question = t("common.confirm_delete", name=step.title)
            work_fn = (service.delete_step, ctx, step.id)
        elif self._template_id():
            name = next(tp.name for tp in self.templates if tp.id == self._template_id())
            question = t("templates.confirm_delete", name=name)
            work_fn = (service.delete_template, ctx, self._template_id())
        else:
            return

        async def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                await run_db(*work_fn)
            except UserError as error:
                self.app.report_error(error)
                return
            self.load()

        self.app.push_screen(ConfirmDialog(question), answered)

    async def _move(self, direction: int) -> None:
        step_id = self._step_id()
        if not self._on_steps() or not step_id:
            return
        try:
            await run_db(service.move_step, self.app.context, step_id, direction)
        except UserError as error:
            self.app.report_error(error)
            return
        await self._load_steps(keep_step=step_id)

    async def action_move_up(self) -> None:
        await self._move(-1)

    async def action_move_down(self) -> None:
        await self._move(1)

    def action_types(self) -> None:
        from screens.task_types_admin import TaskTypesScreen

        self.app.push_screen(TaskTypesScreen())
