"""A form for a labelled link from this entry to another organization or contact person."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select

from ectui.i18n import t
from screens.widgets.key_bar import KeyBar

COMMON_LABELS = ("дочерняя компания", "головная организация", "рекомендовал", "конкурент",
                 "партнёр", "бывший сотрудник", "поставщик")


class LinkForm(ModalScreen[tuple[str, str, int] | None]):
    """Returns (label, kind of the other end, its id), or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", t("key.save"), priority=True),
        Binding("escape", "cancel", t("key.cancel")),
    ]
    DEFAULT_CSS = """
    LinkForm { align: center middle; }
    LinkForm > Vertical { width: 70; height: auto; border: thick $primary; padding: 1 2;
                          background: $surface; }
    LinkForm .link-error { color: $error; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.target: tuple[str, int] | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("link.title"))
            yield Label(t("link.label"))
            yield Input(id="link-label", suggester=SuggestFromList(COMMON_LABELS,
                                                                   case_sensitive=False))
            yield Label(t("link.kind"))
            yield Select([(t("org.singular"), "organization"), (t("contact.singular"), "contact")],
                         value="organization", allow_blank=False, id="link-kind")
            yield Button(t("link.pick_target"), id="link-pick")
            yield Label("", id="link-target")
            yield Label("", id="link-error", classes="link-error")
        yield KeyBar()

    @on(Button.Pressed, "#link-pick")
    def _pick(self) -> None:
        from screens.forms.entry_picker import EntryPicker

        kind = self.query_one("#link-kind", Select).value

        def picked(result: tuple[int, str] | None) -> None:
            if result is not None:
                self.target = (kind, result[0])
                self.query_one("#link-target", Label).update(f"→ {result[1]}")
                self.query_one("#link-error", Label).update("")

        self.app.push_screen(EntryPicker(kind), picked)

    @on(Select.Changed, "#link-kind")
    def _kind_changed(self) -> None:
        self.target = None
        self.query_one("#link-target", Label).update("")

    def action_save(self) -> None:
        label = self.query_one("#link-label", Input).value.strip()
        if not label:
            self.query_one("#link-error", Label).update("✖ " + t("link.label_required"))
            self.query_one("#link-label").focus()
            return
        if self.target is None:
            self.query_one("#link-error", Label).update("✖ " + t("link.target_required"))
            self.query_one("#link-pick").focus()
            return
        self.dismiss((label, self.target[0], self.target[1]))

    def action_cancel(self) -> None:
        self.dismiss(None)
