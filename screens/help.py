"""F1: every key of every screen, so nothing has to be found by accident."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ectui.i18n import t
from screens.calendar_help import CALENDAR_KEYS
from screens.exchange_help import EXCHANGE_KEYS
from screens.report_help import REPORT_KEYS
from screens.sales_help import SALES_KEYS
from screens.service_help import SERVICE_KEYS
from screens.shared_help import SHARED_KEYS
from screens.task_help import TASK_KEYS
from screens.widgets.key_bar import KeyBar

KEYS = (
    ("help.global", (("F1", "help.k.f1"), ("F3", "help.k.f3"), ("Ctrl+P", "help.k.palette"),
                     ("Ctrl+Q", "help.k.quit"))),
    ("help.directory", (("…", "help.k.type"), ("↓ ↑", "help.k.down"), ("Ctrl+T", "help.k.tab"),
                        ("Enter", "help.k.enter"), ("Ctrl+N, Insert", "help.k.new"),
                        ("F4", "help.k.edit"), ("Delete", "help.k.delete"),
                        ("Esc", "help.k.esc_search"), ("Ctrl+G", "key.lists"))),
    ("help.card", (("F4", "help.k.edit"), ("Ctrl+N", "help.k.new_contact"),
                   ("Delete", "help.k.delete"), ("Ctrl+L", "help.k.link"),
                   ("Ctrl+O", "help.k.org"), ("Esc", "help.k.back"))),
    ("help.form", (("Ctrl+S", "help.k.save"), ("Esc", "help.k.cancel"),
                   ("Tab, Shift+Tab", "help.k.fields"), ("Enter, F2", "help.k.pick"))),
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1", "dismiss", t("common.close"))]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 80; max-height: 90%; border: thick $primary;
                                  background: $surface; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        sections = (KEYS + TASK_KEYS + CALENDAR_KEYS + SALES_KEYS + SERVICE_KEYS + EXCHANGE_KEYS
                    + REPORT_KEYS + SHARED_KEYS)
        # A section's title is a line of its own: in the keys' column a long title widened
        # that column to half of an 80-column screen.
        key_width = max(cell_len(key) for _, keys in sections for key, _ in keys)
        parts: list[Text | Table] = []
        for section, keys in sections:
            parts.append(Text(t(section), style="underline"))
            table = Table.grid(padding=(0, 2))
            table.add_column(style="bold", no_wrap=True, width=key_width)
            table.add_column()
            for key, text in keys:
                table.add_row(key, t(text))
            parts.extend((table, Text("")))
        scroll = VerticalScroll(Static(Group(*parts)))
        scroll.border_title = t("help.title")
        yield scroll
        yield KeyBar()

    async def action_dismiss(self, result=None) -> None:
        self.dismiss(None)
