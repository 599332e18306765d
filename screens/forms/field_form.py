"""A small modal form from a list of fields: the task form, postponing, templates and types.

The caller gives the fields and a plain ``save(values)`` function; the form runs it on a
database thread, marks the fields a ValidationError names, and dismisses with what ``save``
returned (None when closed without saving).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from ectui.errors import ValidationError
from ectui.i18n import t
from screens.forms.entry_picker import EntryPicker
from screens.forms.record_form import ReferenceField
from screens.forms.saving import AsksBeforeDiscarding, SavesOffThread
from screens.style_paths import TASKS_CSS
from screens.widgets.key_bar import KeyBar

_ERROR_MARK = "✖"


@dataclass(frozen=True)
class FieldDef:
    key: str
    label: str
    kind: str = "input"  # input, select, textarea, organization, contact
    value: Any = None
    options: tuple[tuple[str, Hashable], ...] = ()
    hint: str = ""
    required: bool = False
    reference_name: str = ""
    allow_blank: bool = True


class _Body(VerticalScroll, can_focus=False):
    pass


class FieldForm(SavesOffThread, AsksBeforeDiscarding, ModalScreen[Any]):
    """A titled column of labelled fields; Ctrl+S saves, Esc closes (asking if changed)."""

    CSS_PATH = TASKS_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", t("key.save"), priority=True),
        Binding("escape", "cancel", t("key.cancel")),
        Binding("tab", "app.focus_next", t("form.key.next_field"), show=False),
        Binding("shift+tab", "app.focus_previous", show=False),
    ]

    def __init__(self, title: str, fields: Iterable[FieldDef], save: Callable[[dict], Any], *,
                 subtitle: str = "", submit_on_enter: bool = False) -> None:
        super().__init__()
        self.form_title = title
        self.subtitle = subtitle
        self.fields = list(fields)
        self._save = save
        self._submit_on_enter = submit_on_enter
        self._inputs: dict[str, Widget] = {}
        self._errors: dict[str, Static] = {}
        self._rows: dict[str, Widget] = {}
        self._labels: dict[str, str] = {}
        self._saving = False
        self._initial: dict[str, Any] = {}

    # ---- building ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="field-form"):
            yield Static(Content(self.form_title), id="field-form-title")
            if self.subtitle:
                yield Static(Content(self.subtitle), id="field-form-subtitle")
            with _Body(id="field-form-body"):
                for spec in self.fields:
                    yield self.row(spec.key, spec.label, self.widget_for(spec),
                                   required=spec.required, hint=spec.hint)
                yield from self.compose_extra()
        yield KeyBar()

    def compose_extra(self) -> Iterable[Widget]:
        """More rows after the fields, for a subclass."""
        return ()

    def row(self, key: str, label: str, widget: Widget, *, required: bool = False,
            hint: str = "") -> Widget:
        self._inputs[key] = widget
        self._labels[key] = label
        error = Static("", classes="field-error")
        self._errors[key] = error
        parts: list[Widget] = [widget]
        if hint and not isinstance(widget, Input):
            parts.append(Static(Text(hint, style="dim italic"), classes="field-hint"))
        parts.append(error)
        row = Horizontal(Label(Content(f"{label} *" if required else label),
                               classes="field-label"),
                         Vertical(*parts, classes="field-control"), classes="form-row")
        self._rows[key] = row
        return row

    def widget_for(self, spec: FieldDef) -> Widget:
        wid = f"f-{spec.key}"
        if spec.kind == "select":
            known = {code for _label, code in spec.options}
            value = spec.value if spec.value in known else Select.NULL
            return Select([(Text(label), code) for label, code in spec.options],
                          value=value, allow_blank=spec.allow_blank, id=wid,
                          prompt=t("form.select.none"), compact=True, classes="form-input")
        if spec.kind == "textarea":
            return TextArea(str(spec.value or ""), id=wid, compact=True, tab_behavior="focus",
                            classes="form-input")
        if spec.kind in ("organization", "contact"):
            return ReferenceField(spec.kind, spec.value or None, spec.reference_name, id=wid,
                                  classes="form-input")
        return Input(str(spec.value or ""), placeholder=spec.hint, id=wid, compact=True,
                     validate_on=(), classes="form-input")

    def on_mount(self) -> None:
        self._initial = self.values()
        first = next(iter(self._inputs.values()), None)
        if first is not None:
            first.focus()

    # ---- values -----------------------------------------------------------------------

    def value_of(self, key: str) -> Any:
        widget = self._inputs[key]
        if isinstance(widget, Input):
            return widget.value
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Select):
            return None if widget.selection is None else widget.selection
        if isinstance(widget, ReferenceField):
            return widget.reference_id
        return None

    def values(self) -> dict[str, Any]:
        return {key: self.value_of(key) for key in self._inputs}

    def has_changes(self) -> bool:
        return self.values() != self._initial

    # ---- keys -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save", "cancel") and self._saving:
            return None
        return True

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._submit_on_enter:
            self.action_save()
        else:
            self.focus_next()

    @on(ReferenceField.PickRequested)
    def _pick(self, event: ReferenceField.PickRequested) -> None:
        event.stop()
        field = event.field
        organization_id = None
        if field.kind == "contact":
            org = self._inputs.get("organization_id")
            if isinstance(org, ReferenceField):
                organization_id = org.reference_id

        def picked(choice: tuple[int, str] | None) -> None:
            if choice is not None:
                field.set_reference(*choice)

        self.app.push_screen(EntryPicker(field.kind, organization_id), picked)

    def action_save(self) -> None:
        if self._saving:
            return
        self._saving = True
        self.refresh_bindings()
        self._run_save(self.values())

    @work(group="field-form-save", exit_on_error=False)
    async def _run_save(self, values: dict[str, Any]) -> None:
        await self.save_with(self.show_errors, self._save, values)

    def clear_errors(self) -> None:
        for key, line in self._errors.items():
            line.update("")
            line.remove_class("-shown")
            self._rows[key].remove_class("-invalid")

    def show_errors(self, error: ValidationError) -> None:
        """Mark each bad field, focus the first; errors of no field go to a toast."""
        self.clear_errors()
        elsewhere = []
        for key, field_error in error.errors.items():
            if key not in self._errors:
                elsewhere.append(field_error.message)
                continue
            self._errors[key].update(Text(f"{_ERROR_MARK} {field_error.message}"))
            self._errors[key].add_class("-shown")
            self._rows[key].add_class("-invalid")
        marked = [key for key in self._inputs if key in error.errors]
        if marked:
            self._inputs[marked[0]].focus()
        message = "\n".join(elsewhere) if elsewhere else t(
            "error.form_invalid", fields=", ".join(self._labels[k] for k in marked))
        self.notify(message, severity="error", timeout=8)
