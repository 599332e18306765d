"""Choose one of a few options from a list: arrows and Enter, or Esc to leave it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ectui.i18n import t
from screens.widgets.key_bar import KeyBar


class PickOption(ModalScreen[str | None]):
    """Dismisses with the chosen option's id, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", t("key.cancel"))]
    DEFAULT_CSS = """
    PickOption { align: center middle; }
    PickOption OptionList { width: 80; height: auto; max-height: 24; border: round $primary; }
    """

    def __init__(self, title: str, options: list[Option], current: str | None = None) -> None:
        super().__init__()
        self.pick_title = title
        self.options = options
        self.current = current

    def compose(self) -> ComposeResult:
        options = OptionList(*self.options)
        options.border_title = self.pick_title
        yield options
        yield KeyBar()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [o.id for o in self.options]
        options.highlighted = ids.index(self.current) if self.current in ids else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
