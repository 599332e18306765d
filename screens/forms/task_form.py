"""The task form: an operational task, a stage or a project with its client, dates, people."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ectui.i18n import t
from ectui.models.tasks import PARTS
from ectui.services.employees import EmployeeInfo
from ectui.services.task_types import TaskTypeInfo
from ectui.services.tasks import EditableTask
from screens.forms.field_form import TASKS_CSS, FieldDef, FieldForm
from screens.widgets.key_bar import KeyBar


class EmployeeChooser(ModalScreen[int | None]):
    """Pick one employee from a list: type-ahead by the list's own search, Enter picks."""

    CSS_PATH = TASKS_CSS
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", t("key.cancel"))]
    DEFAULT_CSS = """
    EmployeeChooser { align: center middle; }
    EmployeeChooser OptionList { width: 60; height: auto; max-height: 20;
                                 border: round $primary; }
    """

    def __init__(self, title: str, people: list[EmployeeInfo], current: int | None = None) -> None:
        super().__init__()
        self.chooser_title = title
        self.people = people
        self.current = current

    def compose(self) -> ComposeResult:
        options = OptionList(*(Option(f"{p.short}   {p.position}".rstrip(), id=str(p.id))
                               for p in self.people), id="employee-chooser")
        options.border_title = self.chooser_title
        yield options
        yield KeyBar()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [p.id for p in self.people]
        options.highlighted = ids.index(self.current) if self.current in ids else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id or 0) or None)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class ParticipantList(Static, can_focus=True):
    """The employees taking part besides the responsible one, each with their part.

    Insert adds one, Delete removes the highlighted one, Space changes their part."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("insert,plus", "add", t("task.key.add_participant")),
        Binding("delete", "remove", t("task.key.remove_participant")),
        Binding("space", "cycle_part", t("task.key.part")),
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
    ]

    def __init__(self, people: list[EmployeeInfo], chosen: list[tuple[int, str]],
                 **kw: Any) -> None:
        super().__init__("", **kw)
        self.people = {p.id: p for p in people}
        self.chosen = list(chosen)
        self.cursor = 0

    def on_mount(self) -> None:
        self._show()

    def on_focus(self) -> None:
        self._show()

    def on_blur(self) -> None:
        self._show()

    def _show(self) -> None:
        text = Text()
        for index, (emp_id, part) in enumerate(self.chosen):
            person = self.people.get(emp_id)
            name = person.short if person else str(emp_id)
            style = "reverse" if self.has_focus and index == self.cursor else ""
            text.append(f"{name} — {t(f'task.part.{part}')}", style=style)
            text.append("\n")
        if not self.chosen:
            text.append(t("task.participants.none"), style="dim")
        if self.has_focus:
            if self.chosen:
                text.append("\n")
            text.append(t("task.participants.hint"), style="dim italic")
        self.update(text)

    def action_move(self, step: int) -> None:
        if self.chosen:
            self.cursor = max(0, min(len(self.chosen) - 1, self.cursor + step))
            self._show()

    def action_add(self) -> None:
        taken = {emp for emp, _ in self.chosen}
        free = [p for p in self.people.values() if p.id not in taken]

        def chosen(emp_id: int | None) -> None:
            if emp_id:
                self.chosen.append((emp_id, PARTS[0]))
                self.cursor = len(self.chosen) - 1
                self._show()

        self.app.push_screen(EmployeeChooser(t("task.participants.pick"), free), chosen)

    def action_remove(self) -> None:
        if self.chosen:
            del self.chosen[self.cursor]
            self.cursor = max(0, min(self.cursor, len(self.chosen) - 1))
            self._show()

    def action_cycle_part(self) -> None:
        if self.chosen:
            emp, part = self.chosen[self.cursor]
            self.chosen[self.cursor] = (emp, PARTS[(PARTS.index(part) + 1) % len(PARTS)])
            self._show()


def task_fields(level: str, record: EditableTask, types: list[TaskTypeInfo],
                people: list[EmployeeInfo]) -> list[FieldDef]:
    """The fields of the task form for a project, a stage or an operational task."""
    v = record.values
    staff = tuple((p.short, p.id) for p in people)
    fields: list[FieldDef] = []
    if level == "operation":
        fields.append(FieldDef("task_type_id", t("task.field.type"), "select",
                               v.get("task_type_id"),
                               tuple((tp.name, tp.id) for tp in types), required=True))
    fields += [
        FieldDef("title", t("task.field.title"), value=v.get("title"),
                 required=level != "operation",
                 hint=t("task.field.title_hint") if level == "operation" else ""),
        FieldDef("organization_id", t("task.field.organization"), "organization",
                 v.get("organization_id"), reference_name=record.references.get(
                     "organization_id", "")),
        FieldDef("contact_id", t("task.field.contact"), "contact", v.get("contact_id"),
                 reference_name=record.references.get("contact_id", "")),
        FieldDef("planned_result", t("task.field.planned_result"),
                 value=v.get("planned_result")),
        FieldDef("description", t("task.field.description"), "textarea",
                 v.get("description")),
        FieldDef("priority", t("task.field.priority"), "select", v.get("priority") or 2,
                 tuple((t(f"task.priority.{p}"), p) for p in (1, 2, 3)), allow_blank=False),
        FieldDef("start", t("task.field.start"), value=v.get("start"),
                 hint=t("task.date_hint")),
        FieldDef("due", t("task.field.due"), value=v.get("due"), hint=t("task.date_hint")),
    ]
    if level == "operation":
        fields.append(FieldDef("reminder", t("task.field.reminder"), value=v.get("reminder"),
                               hint=t("task.reminder_hint")))
    fields += [
        FieldDef("responsible_id", t("task.field.responsible"), "select",
                 v.get("responsible_id"), staff, allow_blank=False),
        FieldDef("controller_id", t("task.field.controller"), "select",
                 v.get("controller_id"), staff),
    ]
    return fields


class TaskForm(FieldForm):
    """Create or edit a task; dismisses with its id."""

    def __init__(self, title: str, level: str, record: EditableTask, types: list[TaskTypeInfo],
                 people: list[EmployeeInfo], save: Callable[[dict], Any], *,
                 subtitle: str = "") -> None:
        super().__init__(title, task_fields(level, record, types, people), save,
                         subtitle=subtitle)
        self.people = people
        self.record = record

    def compose_extra(self) -> Iterable[Widget]:
        yield self.row("participants", t("task.field.participants"),
                       ParticipantList(self.people, self.record.participants,
                                       id="f-participants", classes="form-input"))

    def value_of(self, key: str) -> Any:
        if key == "participants":
            return list(self.query_one(ParticipantList).chosen)
        return super().value_of(key)
