"""Reassignment: hand everything of one employee (leaving, ill, on holiday) to another.

Choose whose records move and to whom; the preview lists what would move (counts of each
kind and the first names). Ctrl+S asks once more and moves exactly what the preview showed.
The lists offer only the employees whose records one's role may change.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Select, Static

from ectui.errors import UserError
from ectui.i18n import t, tn
from ectui.services import access, employees, reassign
from screens.db import run_db
from screens.widgets.key_bar import KeyBar


class ReassignScreen(ModalScreen[dict[str, int] | None]):
    """Dismisses with the counts moved by kind, or None when closed without moving."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "move", t("reassign.key.move"), priority=True),
        Binding("escape", "cancel", t("key.cancel")),
    ]
    DEFAULT_CSS = """
    ReassignScreen { align: center middle; }
    ReassignScreen #reassign-dialog { width: 100%; max-width: 100; height: 100%;
                                      max-height: 40; border: round $primary;
                                      background: $surface; padding: 0 1; }
    ReassignScreen #reassign-title { text-style: bold; width: 1fr; content-align: center middle; }
    ReassignScreen .reassign-row { height: auto; }
    ReassignScreen .reassign-row Label { width: 20; color: $text-muted; }
    ReassignScreen .reassign-row Select { width: 1fr; }
    ReassignScreen #reassign-preview { height: 1fr; border: round $panel; margin: 1 0 0 0; }
    """
    AUTO_FOCUS = "#reassign-from"

    def __init__(self, from_id: int | None = None) -> None:
        super().__init__()
        self.from_id = from_id
        self.shown: reassign.ReassignPreview | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="reassign-dialog"):
            yield Static(Content(t("reassign.title")), id="reassign-title")
            with Horizontal(classes="reassign-row"):
                yield Label(Content(t("reassign.from")))
                yield Select[int]([], prompt=t("reassign.pick"), compact=True,
                                  id="reassign-from")
            with Horizontal(classes="reassign-row"):
                yield Label(Content(t("reassign.to")))
                yield Select[int]([], prompt=t("reassign.pick"), compact=True, id="reassign-to")
            with VerticalScroll(id="reassign-preview"):
                yield Static(t("reassign.choose_both"), id="reassign-text")
        yield KeyBar()

    async def on_mount(self) -> None:
        people = await run_db(employees.employees, False)
        reach = await run_db(access.employees_in_scope, self.app.context, "edit")
        mine = [p for p in people if reach is None or p.id in reach]

        def label(person: employees.EmployeeInfo) -> Text:
            text = f"{person.short} ({person.login})"
            return Text(text if person.is_active else f"{text} — {t('cli.user_inactive')}")

        source = self.query_one("#reassign-from", Select)
        source.set_options([(label(p), p.id) for p in mine])
        self.query_one("#reassign-to", Select).set_options(
            [(label(p), p.id) for p in mine if p.is_active])
        if self.from_id is not None and any(p.id == self.from_id for p in mine):
            source.value = self.from_id

    def _choice(self, selector: str) -> int | None:
        value = self.query_one(selector, Select).value
        return None if value is Select.NULL else int(value)

    @on(Select.Changed)
    def _choices_changed(self) -> None:
        self.shown = None
        self.refresh_bindings()
        source, target = self._choice("#reassign-from"), self._choice("#reassign-to")
        if source is None or target is None:
            self.query_one("#reassign-text", Static).update(t("reassign.choose_both"))
            return
        self.query_one("#reassign-text", Static).update(t("common.loading"))
        self._preview(source, target)

    @work(exclusive=True, group="reassign-preview", exit_on_error=False)
    async def _preview(self, source: int, target: int) -> None:
        try:
            shown = await run_db(reassign.preview, self.app.context, source, target)
        except UserError as error:
            self.query_one("#reassign-text", Static).update(Text(error.message))
            return
        if (self._choice("#reassign-from"), self._choice("#reassign-to")) != (source, target):
            return  # the choice changed meanwhile; its own preview is on the way
        self.shown = shown
        self.query_one("#reassign-text", Static).update(self._describe(shown))
        self.refresh_bindings()

    @staticmethod
    def _describe(shown: reassign.ReassignPreview) -> Text:
        if not shown.total:
            return Text(t("reassign.nothing"))
        text = Text(t("reassign.preview_title", source=shown.from_name, target=shown.to_name),
                    style="bold")
        for group in shown.groups:
            text.append(f"\n{group.label}: {group.count}", style="bold")
            for name in group.sample:
                text.append(f"\n  · {name}")
            if group.count > len(group.sample):
                text.append(f"\n  … {t('reassign.more', count=group.count - len(group.sample))}",
                            style="dim")
        return text

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "move":
            return True if self.shown is not None and self.shown.total else None
        return True

    def action_move(self) -> None:
        from screens.forms.confirm import ConfirmDialog

        shown = self.shown
        if shown is None or not shown.total:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._move(shown)

        records = tn("count.records", shown.total)
        self.app.push_screen(ConfirmDialog(t("reassign.confirm", records=records,
                                             target=shown.to_name)), answered)

    @work(group="reassign-move", exit_on_error=False)
    async def _move(self, shown: reassign.ReassignPreview) -> None:
        try:
            moved = await run_db(reassign.reassign, self.app.context, shown)
        except UserError as error:
            self.app.report_error(error)
            return
        self.app.notify(t("reassign.done", count=sum(moved.values()), target=shown.to_name),
                        timeout=6)
        self.dismiss(moved)

    def action_cancel(self) -> None:
        self.dismiss(None)
