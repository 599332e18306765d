"""A yes/no question in a modal dialog: Y or Enter on «Да» answers yes; N, Esc or «Нет» no."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ectui.i18n import t
from screens.forms import FORMS_CSS
from screens.widgets.key_bar import KeyBar


class ConfirmDialog(ModalScreen[bool]):
    """Asks ``question``; dismisses with True (yes) or False (no).

    Args:
        question: The question, plain text (no markup: it may quote a client's name).
        yes_label: Text of the yes button; «Да» by default.
        no_label: Text of the no button; «Нет» by default.
        default: The answer whose button has focus at first, i.e. what Enter gives.
            No by default, so a reflexive Enter never destroys anything.
    """

    CSS_PATH = FORMS_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", t("common.yes")),
        Binding("n", "answer(False)", t("common.no")),
        Binding("escape", "answer(False)", t("key.cancel"), show=False),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(
        self,
        question: str,
        yes_label: str | None = None,
        no_label: str | None = None,
        *,
        default: bool = False,
    ) -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes_label or t("common.yes")
        self.no_label = no_label or t("common.no")
        self.AUTO_FOCUS = "#confirm-yes" if default else "#confirm-no"

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(Content(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(Content(self.yes_label), id="confirm-yes", variant="warning")
                yield Button(Content(self.no_label), id="confirm-no", variant="primary")
            yield Static(Content(t("form.confirm.hint")), id="confirm-hint")
        yield KeyBar()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")
