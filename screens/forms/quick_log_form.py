"""«Done, and the next step»: the result, a note, and the follow-up, in a handful of keys.

Focus starts on the results: a digit picks one and moves on to the note. Tab goes to the
next step's date (prefilled, selected: typing replaces it; Backspace clears it to plan
nothing); Ctrl+S saves. So a logged call with a new date is: D, 2, the note, Tab, the date,
Ctrl+S. The proposed follow-up changes with the result: one that moves the sale on proposes
the template's next step, one that does not proposes the same contact again.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from ectui.errors import ValidationError
from ectui.i18n import t
from ectui.services.context import Context
from ectui.services.quick_log import NextStep, QuickLog, QuickLogDefaults, quick_log
from ectui.services.task_types import ResultInfo
from screens.forms.confirm import ConfirmDialog
from screens.forms.field_form import TASKS_CSS
from screens.forms.saving import SavesOffThread
from screens.widgets.key_bar import KeyBar

_ERROR_MARK = "✖"


class ResultList(OptionList):
    """The results of the task's type, numbered: a digit picks one at once."""

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit() and event.character != "0":
            index = int(event.character) - 1
            if index < self.option_count:
                event.stop()
                event.prevent_default()
                self.highlighted = index
                self.action_select()


class QuickLogForm(SavesOffThread, ModalScreen[Any]):
    """Dismisses with the QuickLogOutcome, or None when closed without saving."""

    CSS_PATH = TASKS_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", t("key.save"), priority=True),
        Binding("escape", "cancel", t("key.cancel")),
        Binding("tab", "app.focus_next", t("form.key.next_field"), show=False),
        Binding("shift+tab", "app.focus_previous", show=False),
    ]

    def __init__(self, context: Context, defaults: QuickLogDefaults, *, path: str = "") -> None:
        super().__init__()
        self.context = context
        self.defaults = defaults
        self.path = path
        self.result: ResultInfo | None = None
        self.results: tuple[ResultInfo, ...] = defaults.results
        self.proposal: NextStep = defaults.on_advance
        self._touched: set[str] = set()  # next-step fields the person changed themselves
        self._setting = False
        self._saving = False
        self._logged_type = defaults.type_id
        self._inputs: dict[str, Widget] = {}
        self._errors: dict[str, Static] = {}
        self._rows: dict[str, Widget] = {}
        self._labels: dict[str, str] = {}

    # ---- building ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        d = self.defaults
        heading = t("quick_log.title_task", title=d.title) if d.task_id else \
            t("quick_log.title_new")
        client = ", ".join(p for p in (d.organization, d.contact) if p)
        with Vertical(id="quick-log"):
            yield Static(Content(heading), id="quick-log-title")
            subtitle = " · ".join(p for p in (client, self.path) if p)
            if subtitle:
                yield Static(Content(subtitle), id="quick-log-subtitle")
            with VerticalScroll(id="quick-log-body"):
                if d.task_id is None:
                    yield self._row("type_id", t("task.field.type"), Select(
                        [(Text(tp.name), tp.id) for tp in d.types], value=d.type_id or
                        Select.NULL, allow_blank=False, compact=True, id="quick-log-type"))
                yield self._row("result", t("quick_log.result"), self._result_list())
                yield self._row("note", t("quick_log.note"), Input(
                    placeholder=t("quick_log.note_hint"), compact=True, id="quick-log-note"))
                yield Static(t("quick_log.next"), classes="form-section")
                yield self._row("next_due", t("quick_log.next_due"), Input(
                    self.proposal.due_text, placeholder=t("quick_log.next_due_hint"),
                    compact=True, id="quick-log-due"))
                yield self._row("next_title", t("quick_log.next_title"), Input(
                    self.proposal.title, compact=True, id="quick-log-next-title"))
                yield self._row("next_type_id", t("quick_log.next_type"), Select(
                    [(Text(tp.name), tp.id) for tp in d.types],
                    value=self.proposal.type_id or Select.NULL, compact=True,
                    prompt=t("form.select.none"), id="quick-log-next-type"))
                yield Static("", id="quick-log-step-note")
                if d.task_id is None and d.places:
                    # Last, so «result, note, Tab, date, Ctrl+S» stays the same few keys.
                    yield self._row("parent_id", t("quick_log.place"), Select(
                        [(Text(label), ident) for ident, label in d.places],
                        value=d.place_id if d.place_id is not None else Select.NULL,
                        prompt=t("quick_log.place_none"), compact=True,
                        id="quick-log-place"))
        yield KeyBar()

    def _result_list(self) -> Widget:
        options = [Option(Text.assemble((f"{i + 1} ", "bold"), r.name), id=str(r.id))
                   for i, r in enumerate(self.results[:9])]
        options += [Option(r.name, id=str(r.id)) for r in self.results[9:]]
        if not options:
            options = [Option(Text(t("quick_log.no_results"), style="dim"), id="0")]
        return ResultList(*options, id="quick-log-results")

    def _row(self, key: str, label: str, widget: Widget) -> Widget:
        self._inputs[key] = widget
        self._labels[key] = label
        error = Static("", classes="field-error")
        self._errors[key] = error
        row = Horizontal(Label(Content(label), classes="field-label"),
                         Vertical(widget, error, classes="field-control"), classes="form-row")
        self._rows[key] = row
        return row

    def on_mount(self) -> None:
        self._show_step_note()
        self.set_focus(self.query_one(ResultList))  # at once: keys typed ahead follow it

    # ---- following the result -----------------------------------------------------------

    @on(OptionList.OptionSelected, "#quick-log-results")
    def _result_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = int(event.option.id or 0)
        self.result = next((r for r in self.results if r.id == chosen), None)
        proposal = self.defaults.on_stall if self.result and not self.result.advances \
            else self.defaults.on_advance
        self._propose(proposal)
        # At once, not via the App queue, where the rest of a typed-ahead burst waits.
        self.set_focus(self.query_one("#quick-log-note", Input))

    @on(OptionList.OptionHighlighted, "#quick-log-results")
    def _result_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # Moving through the list shows which follow-up that result would plan.
        chosen = int(event.option.id or 0)
        result = next((r for r in self.results if r.id == chosen), None)
        if result is not None and self.result is None:
            self._propose(self.defaults.on_stall if not result.advances
                          else self.defaults.on_advance)

    def _propose(self, proposal: NextStep) -> None:
        self.proposal = proposal
        self._setting = True
        if "next_due" not in self._touched:
            self.query_one("#quick-log-due", Input).value = proposal.due_text
        if "next_title" not in self._touched:
            self.query_one("#quick-log-next-title", Input).value = proposal.title
        if "next_type_id" not in self._touched and proposal.type_id:
            self.query_one("#quick-log-next-type", Select).value = proposal.type_id
        self._setting = False
        self._show_step_note()

    def _show_step_note(self) -> None:
        note = ""
        if self.proposal.opens_step_id:
            note = t("quick_log.opens_step", title=self.proposal.title)
        self.query_one("#quick-log-step-note", Static).update(note)

    @on(Input.Changed, "#quick-log-due")
    @on(Input.Changed, "#quick-log-next-title")
    def _typed(self, event: Input.Changed) -> None:
        if not self._setting and event.input.has_focus:
            self._touched.add("next_due" if event.input.id == "quick-log-due" else "next_title")

    @on(Select.Changed, "#quick-log-next-type")
    def _type_changed(self, event: Select.Changed) -> None:
        if not self._setting and event.select.has_focus:
            self._touched.add("next_type_id")

    @on(Select.Changed, "#quick-log-type")
    async def _logged_type_changed(self, event: Select.Changed) -> None:
        # Logging a contact that was not planned: its type decides the results offered.
        if event.value is Select.NULL or event.value == self._logged_type:
            return  # also the Select announcing its first value
        info = next((tp for tp in self.defaults.types if tp.id == event.value), None)
        if info is None:
            return
        self._logged_type = info.id
        self.results = info.results
        self.result = None
        old = self.query_one(ResultList)
        new = self._result_list()
        await old.remove()
        await self._rows["result"].query_one(".field-control").mount(new, before=0)
        self._inputs["result"] = new
        self._propose(NextStep(info.id, info.name, f"+{info.default_delay_days}"))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    # ---- saving -----------------------------------------------------------------------

    def entry(self) -> QuickLog:
        d = self.defaults
        next_type = self.query_one("#quick-log-next-type", Select).selection
        logged_type = d.type_id
        if d.task_id is None:
            logged_type = self.query_one("#quick-log-type", Select).selection
        title = self.query_one("#quick-log-next-title", Input).value
        opens = self.proposal.opens_step_id if self.proposal is d.on_advance else None
        return QuickLog(
            task_id=d.task_id, organization_id=d.organization_id, contact_id=d.contact_id,
            type_id=logged_type, result_id=self.result.id if self.result else None,
            note=self.query_one("#quick-log-note", Input).value,
            next_due=self.query_one("#quick-log-due", Input).value,
            next_type_id=next_type, next_title=title, opens_step_id=opens,
            parent_id=self._place())

    def _place(self) -> int | None:
        found = self.query("#quick-log-place")
        value = found.first(Select).value if found else Select.NULL
        return None if value is Select.NULL else int(value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save", "cancel") and self._saving:
            return None
        return True

    def action_save(self) -> None:
        if self._saving:
            return
        self._saving = True
        self.refresh_bindings()
        self._save(self.entry())

    @work(group="quick-log-save", exit_on_error=False)
    async def _save(self, entry: QuickLog) -> None:
        await self.save_with(self._show_errors, quick_log, self.context, entry)

    def _show_errors(self, error: ValidationError) -> None:
        for key, line in self._errors.items():
            line.update("")
            line.remove_class("-shown")
            self._rows[key].remove_class("-invalid")
        marked = [key for key in self._inputs if key in error.errors]
        for key in marked:
            self._errors[key].update(Text(f"{_ERROR_MARK} {error.errors[key].message}"))
            self._errors[key].add_class("-shown")
            self._rows[key].add_class("-invalid")
        if marked:
            self._inputs[marked[0]].focus()
            message = t("error.form_invalid", fields=", ".join(self._labels[k] for k in marked))
        else:
            message = "\n".join(e.message for e in error.errors.values())
        self.notify(message, severity="error", timeout=8)

    def action_cancel(self) -> None:
        if self._saving:
            return
        if self.result is None and not self.query_one("#quick-log-note", Input).value:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(t("form.discard_question")), answered)
