"""The conflict dialog: someone saved the same fields while you were editing; you decide.

For each field both people changed it shows the value as the form opened it, the other
person's value and yours; ↑ ↓ choose, Tab goes to the next field, Ctrl+S saves the choices,
Esc goes back to the form with nothing decided (its next save asks again). Everything else
was already merged: fields only one of you changed keep that change.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import RadioButton, RadioSet, Static

from ectui.i18n import t
from ectui.services.merge import EditConflict, FieldConflict
from screens.widgets.key_bar import KeyBar

CHOICES = ("base", "theirs", "mine")


def _line(text: str) -> str:
    shown = " ⏎ ".join(part for part in text.splitlines() if part.strip()) if text else ""
    return shown or t("common.none")


class ConflictChoice(RadioSet):
    """The three values of one field; the chosen one is saved."""

    def __init__(self, conflict: FieldConflict, other: str) -> None:
        self.conflict = conflict
        self.texts = [t("conflict.as_opened", value=_line(conflict.base_text)),
                      t("conflict.theirs", who=other, value=_line(conflict.theirs_text)),
                      t("conflict.mine", value=_line(conflict.mine_text))]
        buttons = [RadioButton(self._label(i, chosen=2), value=i == 2) for i in range(3)]
        super().__init__(*buttons, id=f"conflict-{conflict.key.replace('.', '-')}",
                         classes="conflict-choice")

    def _label(self, index: int, chosen: int) -> Content:
        # The choice reads without colour too: the chosen value is marked.
        mark = "✔ " if index == chosen else "  "
        return Content(mark + self.texts[index])

    def on_mount(self) -> None:
        self.call_after_refresh(self._ready)

    def _ready(self) -> None:
        self._selected = 2  # the highlight starts on the value that is chosen: yours
        self._keys_choose = True

    # ↑ ↓ choose at once (a plain RadioSet only moves a highlight and wants Enter). Not while
    # mounting: RadioSet moves its highlight then, and nothing must be chosen by that.
    _keys_choose = False

    def action_previous_button(self) -> None:
        super().action_previous_button()
        if self._keys_choose:
            self.action_toggle_button()

    def action_next_button(self) -> None:
        super().action_next_button()
        if self._keys_choose:
            self.action_toggle_button()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        for index, button in enumerate(self.query(RadioButton)):
            button.label = self._label(index, event.index)

    @property
    def choice(self) -> str:
        index = self.pressed_index
        return CHOICES[index] if 0 <= index < len(CHOICES) else "mine"


class ConflictDialog(ModalScreen[dict[str, str] | None]):
    """Dismisses with field key → "base" / "theirs" / "mine", or None to go back undecided."""

    DEFAULT_CSS = """
    ConflictDialog { align: center middle; }
    ConflictDialog #conflict-dialog { width: 100%; max-width: 110; height: auto;
                                      max-height: 100%; border: thick $warning;
                                      background: $surface; padding: 0 1; }
    ConflictDialog #conflict-title { text-style: bold; content-align: center middle;
                                     width: 1fr; }
    ConflictDialog #conflict-message { margin: 1 0; }
    ConflictDialog #conflict-body { height: auto; max-height: 30; }
    ConflictDialog .conflict-field { text-style: bold underline; color: $text-accent;
                                     margin: 1 0 0 0; }
    ConflictDialog .conflict-choice { width: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", t("conflict.key.save"), priority=True),
        Binding("ctrl+t", "take_all('theirs')", t("conflict.key.all_theirs")),
        Binding("ctrl+y", "take_all('mine')", t("conflict.key.all_mine")),
        Binding("escape", "back", t("conflict.key.back")),
    ]
    AUTO_FOCUS = ".conflict-choice"

    def __init__(self, conflict: EditConflict) -> None:
        super().__init__()
        self.conflict = conflict

    def compose(self) -> ComposeResult:
        other = self.conflict.changed_by or t("conflict.someone")
        with Vertical(id="conflict-dialog"):
            yield Static(Content(t("conflict.title")), id="conflict-title")
            yield Static(Content(self.conflict.message), id="conflict-message")
            with VerticalScroll(id="conflict-body"):
                for field in self.conflict.conflicts:
                    yield Static(Content(field.label), classes="conflict-field")
                    yield ConflictChoice(field, other)
        yield KeyBar()

    def choices(self) -> dict[str, str]:
        return {choice.conflict.key: choice.choice for choice in self.query(ConflictChoice)}

    def action_take_all(self, which: str) -> None:
        index = CHOICES.index(which)
        for choice in self.query(ConflictChoice):
            buttons = list(choice.query(RadioButton))
            buttons[index].value = True

    def action_save(self) -> None:
        self.dismiss(self.choices())

    def action_back(self) -> None:
        self.dismiss(None)
