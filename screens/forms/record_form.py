"""The create / edit form of a record, drawn from its field specs (organizations, contacts).

The form knows nothing of the table it fills: the caller passes the specs, the record to
start from, the choices (custom fields, groups, employees) and a plain ``save`` function.
The form runs ``save`` on a database thread, shows the field errors it raises next to their
fields, and dismisses with the saved record's id (None when closed without saving).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from ectui.errors import ValidationError
from ectui.i18n import t
from ectui.services.contacts import contact_names
from ectui.services.custom_fields import FALSE_WORDS, TRUE_WORDS, CustomFieldInfo
from ectui.services.employees import EmployeeInfo
from ectui.services.field_specs import FieldSpec
from ectui.services.groups import GroupInfo
from ectui.services.merge import EditConflict
from ectui.services.organizations import EditableRecord, organization_names
from screens.db import run_db
from screens.forms import FORMS_CSS
from screens.forms.entry_picker import EntryPicker
from screens.forms.saving import AsksBeforeDiscarding
from screens.widgets.key_bar import KeyBar
from screens.widgets.typeahead import keystrokes_applied

SaveRecord = Callable[[dict[str, object], dict[int, str], list[int], int | None], int]
"""``save(values, custom, group_ids, version) -> id``; runs on a database thread."""

GROUPS_KEY = "groups"
"""The error key (and field key) of the group memberships, as services raise it."""

_REFERENCE_KINDS = ("organization", "contact")
_ERROR_MARK = "✖"  # the error reads without colour too


class ReferenceField(Static, can_focus=True):
    """A chosen organization or contact person, shown by name; F2 / Enter picks, Del clears."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "pick", t("key.pick")),
        Binding("enter", "pick", t("key.pick"), show=False),
        Binding("delete", "clear", t("key.clear")),
        Binding("backspace", "clear", t("key.clear"), show=False),
    ]

    class PickRequested(Message):
        """The person asked to choose another entry for this field."""

        def __init__(self, field: ReferenceField) -> None:
            super().__init__()
            self.field = field

        @property
        def control(self) -> ReferenceField:
            return self.field

    def __init__(
        self, kind: str, reference_id: int | None, reference_name: str = "", **kw: Any
    ) -> None:
        super().__init__("", **kw)
        self.kind = kind
        self.reference_id = reference_id
        self.reference_name = reference_name

    def on_mount(self) -> None:
        self._show()

    def set_reference(self, reference_id: int | None, reference_name: str = "") -> None:
        self.reference_id = reference_id
        self.reference_name = reference_name
        self._show()
        self.refresh_bindings()

    def _show(self) -> None:
        if self.reference_id is None:
            text = Text(t("form.reference.none"), style="dim")
        else:
            text = Text(self.reference_name or t("form.reference.unknown", id=self.reference_id))
        if self.has_focus:  # the footer shows the keys too; the hint is for the newcomer
            text.append("   " + t("form.reference.hint"), style="dim italic")
        self.update(text)

    def on_focus(self) -> None:
        self._show()

    def on_blur(self) -> None:
        self._show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear" and self.reference_id is None:
            return None  # shown greyed: nothing to clear
        return True

    def action_pick(self) -> None:
        self.post_message(self.PickRequested(self))

    def action_clear(self) -> None:
        self.set_reference(None)


class _FormBody(VerticalScroll, can_focus=False):
    """The fields; not a Tab stop itself: focusing a field scrolls it into view."""


def _select(
    options: Iterable[tuple[str, Hashable]], value: Hashable | None, unknown_label: str, **kw: Any
) -> Select:
    """A Select with a blank choice; a stored value that is no longer offered stays visible."""
    choices: list[tuple[Text, Hashable]] = [(Text(label), code) for label, code in options]
    if value not in (None, "") and value not in {code for _label, code in choices}:
        choices.append((Text(unknown_label), value))
    initial = Select.NULL if value in (None, "") else value
    return Select(choices, prompt=t("form.select.none"), allow_blank=True, value=initial, **kw)


def _input(value: str, placeholder: str, *, id: str) -> Input:
    # validate_on=(): the services validate; an Input validating itself on blur would take
    # away the -invalid class that a refused save put on it.
    return Input(value, placeholder=placeholder, id=id, classes="form-input", compact=True,
                 validate_on=())


def _bool_code(raw: str) -> str:
    word = (raw or "").strip().casefold()
    if word in TRUE_WORDS:
        return "true"
    if word in FALSE_WORDS:
        return "false"
    return ""


class RecordForm(AsksBeforeDiscarding, ModalScreen[int | None]):
    """Create or edit one record; dismisses with its id after a save, None on cancel.

    Args:
        title: The heading, e.g. ``t("org.new")``.
        specs: The record's fields in form order (``ORGANIZATION_FIELDS``, ...).
        record: Values to start from (``EditableRecord(None, 0, {})`` for a new record).
        custom_fields: Active custom fields of this kind of record.
        groups: Groups this kind of record can belong to.
        employees: Active employees, for fields of kind "employee".
        save: ``save(values, custom, group_ids, version) -> id``; called on a database thread.
        references: Display names of preset reference fields, by field name.
        contact_filter_org: The organization field whose choice restricts contact pickers.
    """

    CSS_PATH = FORMS_CSS
    AUTO_FOCUS = ".form-input"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", t("key.save"), priority=True),
        Binding("escape", "cancel", t("key.cancel")),
        Binding("tab", "app.focus_next", t("form.key.next_field")),
        Binding("shift+tab", "app.focus_previous", show=False),
    ]

    def __init__(
        self,
        title: str,
        specs: tuple[FieldSpec, ...],
        record: EditableRecord,
        custom_fields: list[CustomFieldInfo],
        groups: list[GroupInfo],
        employees: list[EmployeeInfo],
        save: SaveRecord,
        references: dict[str, str] | None = None,
        contact_filter_org: str = "organization_id",
    ) -> None:
        super().__init__()
        self.form_title = title
        self.specs = specs
        self.record = record
        self.custom_fields = custom_fields
        self.groups = groups
        self.employees = employees
        self._save = save
        self._references = dict(references or {})
        self._contact_filter_org = contact_filter_org
        self._saving = False
        self._saved_id: int | None = None  # saved while another screen was on top
        # Filled by compose, in form order: field key -> input widget, label, error line.
        self._inputs: dict[str, Widget] = {}
        self._labels: dict[str, str] = {}
        self._rows: dict[str, Widget] = {}
        self._error_lines: dict[str, Static] = {}
        self._initial = self._initial_state()

    # ---- building ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="form-dialog"):
            yield Static(Content(self.form_title), id="form-title")
            yield Static("", id="form-status")
            with _FormBody(id="form-body"):
                yield from self._compose_fields()
        yield KeyBar()

    def _compose_fields(self) -> Iterable[Widget]:
        sections: dict[str, list[FieldSpec]] = {}
        for spec in self.specs:
            sections.setdefault(spec.section, []).append(spec)
        for section, specs in sections.items():
            yield Static(t(f"section.{section}"), classes="form-section")
            for spec in specs:
                yield self._row(spec.name, t(spec.label_key), self._spec_input(spec),
                                required=spec.required)
        if self.custom_fields:
            yield Static(t("section.custom"), classes="form-section")
            for info in self.custom_fields:
                yield self._row(f"custom.{info.id}", info.name, self._custom_input(info))
        yield Static(t("section.groups"), classes="form-section")
        if self.groups:
            chosen = set(self.record.group_ids)
            yield self._row(GROUPS_KEY, t("form.groups.hint"), SelectionList[int](
                *(Selection(Content(g.name), g.id, g.id in chosen) for g in self.groups),
                id="groups-list", classes="form-input",
            ))
            self._labels[GROUPS_KEY] = t("section.groups")  # the row shows a hint instead
        else:
            yield Static(t("form.groups.none"), classes="form-note")

    def _row(self, key: str, label: str, widget: Widget, *, required: bool = False) -> Widget:
        self._inputs[key] = widget
        self._labels[key] = label
        error = Static("", classes="field-error")
        self._error_lines[key] = error
        row = Horizontal(
            Label(Content(f"{label} *" if required else label), classes="field-label"),
            Vertical(widget, error, classes="field-control"),
            classes="form-row",
        )
        self._rows[key] = row
        return row

    def _spec_input(self, spec: FieldSpec) -> Widget:
        value = self.record.values.get(spec.name)
        wid = f"field-{spec.name}"
        if spec.kind == "multiline":
            return TextArea(_text(value), id=wid, classes="form-input", tab_behavior="focus",
                            compact=True)
        if spec.kind == "choice":
            options = ((t(f"choice.{spec.name}.{code}"), code) for code in spec.choices)
            return _select(options, value or None, t("form.choice.unknown", code=value),
                           id=wid, classes="form-input", compact=True)
        if spec.kind == "employee":
            options = ((e.short, e.id) for e in self.employees)
            return _select(options, value or None, t("form.employee.inactive", id=value),
                           id=wid, classes="form-input", compact=True)
        if spec.kind in _REFERENCE_KINDS:
            return ReferenceField(spec.kind, _reference(value),
                                  self._references.get(spec.name, ""),
                                  id=wid, classes="form-input")
        placeholder = t(spec.placeholder_key) if spec.placeholder_key else ""
        return _input(_text(value), placeholder, id=wid)

    def _custom_input(self, info: CustomFieldInfo) -> Widget:
        raw = self.record.custom.get(info.id, "")
        wid = f"custom-{info.id}"
        if info.field_type == "bool":
            options = ((t("common.yes"), "true"), (t("common.no"), "false"))
            return _select(options, _bool_code(raw) or None, raw, id=wid, classes="form-input",
                           compact=True)
        if info.field_type == "choice":
            return _select(((c, c) for c in info.choices), raw or None,
                           t("form.choice.unknown", code=raw), id=wid, classes="form-input",
                           compact=True)
        placeholder = t("common.date.hint") if info.field_type == "date" else ""
        return _input(raw, placeholder, id=wid)

    def on_mount(self) -> None:
        for group_list in self.query(SelectionList):
            group_list.highlighted = 0  # so Space marks the first group straight away
        unnamed = [f for f in self.query(ReferenceField) if f.reference_id and not f.reference_name]
        if unnamed:
            self._name_references(unnamed)

    @work(group="record-form-names", exit_on_error=False)
    async def _name_references(self, fields: list[ReferenceField]) -> None:
        """Names of preset references the caller did not pass in ``references``."""
        lookups = {"organization": organization_names, "contact": contact_names}
        for kind, names_of in lookups.items():
            wanted = [f for f in fields if f.kind == kind]
            if not wanted:
                continue
            try:
                names = await run_db(names_of, [f.reference_id for f in wanted])
            except Exception as error:
                self.app.report_error(error)
                return
            for field in wanted:
                if field.reference_id in names and not field.reference_name:
                    field.set_reference(field.reference_id, names[field.reference_id])

    # ---- values -----------------------------------------------------------------------

    def _initial_state(self) -> tuple[dict[str, object], dict[int, str], list[int]]:
        """What `current_values` returns before any edit, for the unsaved-changes check."""
        values: dict[str, object] = {}
        for spec in self.specs:
            value = self.record.values.get(spec.name)
            if spec.kind in ("employee", *_REFERENCE_KINDS):
                values[spec.name] = _reference(value)
            else:
                values[spec.name] = _text(value)
        custom = {
            info.id: (_bool_code(self.record.custom.get(info.id, ""))
                      if info.field_type == "bool" else self.record.custom.get(info.id, ""))
            for info in self.custom_fields
        }
        known = {g.id for g in self.groups}
        return values, custom, sorted(g for g in self.record.group_ids if g in known)

    def current_values(self) -> tuple[dict[str, object], dict[int, str], list[int]]:
        """The form as filled in: field values, custom field values and group ids."""
        values: dict[str, object] = {}
        for spec in self.specs:
            blank = None if spec.kind == "employee" else ""
            values[spec.name] = _widget_value(self._inputs[spec.name], blank)
        custom = {
            info.id: str(_widget_value(self._inputs[f"custom.{info.id}"], ""))
            for info in self.custom_fields
        }
        groups = self._inputs.get(GROUPS_KEY)
        group_ids = sorted(groups.selected) if isinstance(groups, SelectionList) else []
        return values, custom, group_ids

    def has_changes(self) -> bool:
        return self.current_values() != self._initial

    # ---- keys -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save", "cancel") and self._saving:
            return None  # greyed while a save runs: its outcome decides what happens
        return True

    async def action_save(self) -> None:
        if self._saving:
            return
        await keystrokes_applied(self)
        if self._saving:
            return
        values, custom, group_ids = self.current_values()
        self._set_saving(True)
        self._run_save(values, custom, group_ids)

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @on(ReferenceField.PickRequested)
    def _open_picker(self, event: ReferenceField.PickRequested) -> None:
        event.stop()
        if self._saving:
            return
        field = event.field
        organization_id = None
        if field.kind == "contact":
            source = self._inputs.get(self._contact_filter_org)
            if isinstance(source, ReferenceField) and source.kind == "organization":
                organization_id = source.reference_id

        def picked(choice: tuple[int, str] | None) -> None:
            if choice is not None:
                field.set_reference(*choice)

        self.app.push_screen(EntryPicker(field.kind, organization_id), picked)

    # ---- saving -----------------------------------------------------------------------

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.set_class(saving, "-saving")
        self.query_one("#form-status", Static).update(t("form.saving") if saving else "")
        self.refresh_bindings()

    @work(group="record-form-save", exit_on_error=False)
    async def _run_save(
        self, values: dict[str, object], custom: dict[int, str], group_ids: list[int]
    ) -> None:
        try:
            record_id = await run_db(self._save, values, custom, group_ids, self.record.version)
        except EditConflict as conflict:
            self._set_saving(False)
            self._ask_about_conflict(conflict)
            return
        except ValidationError as error:
            self._set_saving(False)
            self._show_errors(error)
            return
        except Exception as error:  # a UserError or a bug: a toast, and the form stays open
            self._set_saving(False)
            self.app.report_error(error)
            return
        self._set_saving(False)
        self._clear_errors()
        self._saved_id = record_id
        if self.is_active:
            self.dismiss(record_id)
        # else: a help screen or a dialog is on top; dismiss when this form is back

    def on_screen_resume(self) -> None:
        if self._saved_id is not None:
            self.dismiss(self._saved_id)

    # ---- concurrent edits -------------------------------------------------------------

    def _ask_about_conflict(self, conflict: EditConflict) -> None:
        """Someone saved the same fields meanwhile: the person decides, then the form saves."""
        from screens.forms.conflict_dialog import ConflictDialog

        def decided(choices: dict[str, str] | None) -> None:
            if choices is None:
                return  # back to the form, undecided: its next save asks again
            self.adopt_merge(conflict, choices)
            values, custom, group_ids = self.current_values()
            self._set_saving(True)
            self._run_save(values, custom, group_ids)

        self.app.push_screen(ConflictDialog(conflict), decided)

    def adopt_merge(self, conflict: EditConflict, choices: dict[str, str]) -> None:
        """Show the merged record with the chosen values, now based on the other person's save.

        The merge already kept what only one side changed; ``choices`` maps each conflicting
        field to "base", "theirs" or "mine". The form's record becomes the stored one, so the
        next save is checked against it.
        """
        merged = conflict.merged
        picked = {c.key: {"base": c.base, "theirs": c.theirs, "mine": c.mine}[
            choices.get(c.key, "mine")] for c in conflict.conflicts}
        for spec in self.specs:
            value = picked.get(spec.name, merged.values.get(spec.name))
            self._set_field(self._inputs[spec.name], value,
                            conflict.reference_names.get(spec.name, {}))
        for info in self.custom_fields:
            key = f"custom.{info.id}"
            value = picked.get(key, merged.custom.get(info.id, ""))
            if info.field_type == "bool":
                value = _bool_code(str(value or ""))
            self._set_field(self._inputs[key], value, {})
        group_list = self._inputs.get(GROUPS_KEY)
        if isinstance(group_list, SelectionList):
            group_list.deselect_all()
            for group_id in merged.group_ids:
                if group_id in {g.id for g in self.groups}:
                    group_list.select(group_id)
        self.record = conflict.theirs
        self._initial = self._initial_state()

    def _set_field(self, widget: Widget, value: object, names: dict[int, str]) -> None:
        if isinstance(widget, Input):
            widget.value = _text(value)
        elif isinstance(widget, TextArea):
            widget.load_text(_text(value))
        elif isinstance(widget, ReferenceField):
            ident = _reference(value)
            widget.set_reference(ident, names.get(ident, "") if ident else "")
        elif isinstance(widget, Select):
            if value in (None, ""):
                widget.clear()
                return
            legal = [(label, code) for label, code in widget._options if code != Select.NULL]
            if value not in {code for _label, code in legal}:
                # Someone chose a value this form does not offer (an employee outside one's
                # reach): keep it visible rather than silently lose it.
                widget.set_options([*legal, (Text(str(names.get(value, value))), value)])
            widget.value = value

    def _clear_errors(self) -> None:
        for key, line in self._error_lines.items():
            line.update("")
            line.remove_class("-shown")
            self._inputs[key].remove_class("-invalid")
            self._rows[key].remove_class("-invalid")

    def _show_errors(self, error: ValidationError) -> None:
        """Mark each bad field, focus the first one, and say in a toast which they are."""
        self._clear_errors()
        elsewhere: list[str] = []
        for key, field_error in error.errors.items():
            if key not in self._inputs:
                elsewhere.append(field_error.message)
                continue
            self._inputs[key].add_class("-invalid")
            self._rows[key].add_class("-invalid")
            line = self._error_lines[key]
            line.update(Text(f"{_ERROR_MARK} {field_error.message}"))
            line.add_class("-shown")
        marked = [key for key in self._inputs if key in error.errors]  # in form order
        if marked:
            first = self._inputs[marked[0]]
            first.focus()
            if isinstance(first, Input):
                first.select_all()  # typing replaces the wrong value, focused before or not
        summary = t("error.form_invalid", fields=", ".join(self._labels[k] for k in marked))
        if not marked:
            summary = "\n".join(elsewhere)
        elif elsewhere:
            summary += "\n" + "\n".join(elsewhere)
        self.notify(summary, severity="error", timeout=8)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _reference(value: object) -> int | None:
    if value in (None, "", 0):
        return None
    return int(value)  # type: ignore[arg-type]


def _widget_value(widget: Widget, blank: object) -> object:
    """What a field holds; ``blank`` for a Select with nothing chosen (None or "")."""
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Select):
        return blank if widget.selection is None else widget.selection
    if isinstance(widget, ReferenceField):
        return widget.reference_id
    raise TypeError(f"no value for {type(widget).__name__}")
