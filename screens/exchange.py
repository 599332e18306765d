"""«Обмен и рассылки» (F9): import and export of clients, mailings, incoming mail, campaigns.

Five tabs with the same two keys: Ctrl+R checks (reads a file and maps its columns, then a dry
run; previews a mailing's letters; campaigns ⇄ channels) and Ctrl+S does it (imports, exports,
sends). Long work runs in a worker with a progress bar; Esc stops it, nothing is half-saved.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, TabbedContent, TabPane

from ectui.i18n import t
from screens.exchange_campaigns import CampaignsPane
from screens.exchange_files import ExportPane, ImportPane
from screens.exchange_mail import InboxPane, MailingPane
from screens.widgets.key_bar import KeyBar
from screens.widgets.operation import Operation

TABS = ("tab-import", "tab-export", "tab-mailing", "tab-inbox", "tab-campaigns")


class ExchangeScreen(Screen):
    BINDINGS = [
        Binding("ctrl+r", "check", t("exchange.key.check")),
        Binding("ctrl+s", "execute", t("exchange.key.execute")),
        Binding("ctrl+t", "next_tab", t("exchange.key.next_tab")),
        Binding("ctrl+l", "assign", t("exchange.key.assign"), show=False),
        Binding("ctrl+n", "new_template", t("exchange.key.new_template"), show=False),
        Binding("f4", "edit_template", t("exchange.key.edit_template"), show=False),
        Binding("delete", "ignore", t("exchange.key.ignore"), show=False),
        Binding("escape", "stop", t("exchange.key.stop")),
    ]
    DEFAULT_CSS = """
    ExchangeScreen .exchange-row { height: auto; }
    ExchangeScreen .exchange-row Select { width: 1fr; }
    ExchangeScreen .exchange-row Input { width: 1fr; }
    ExchangeScreen .exchange-hint { color: $text-muted; padding: 0 1; }
    ExchangeScreen #import-mapping { height: 2fr; min-height: 5; border: round $panel; }
    ExchangeScreen #import-report-box, ExchangeScreen #mail-report-box { height: 1fr; }
    ExchangeScreen .mapping-row { height: 3; }
    ExchangeScreen .mapping-header { width: 28; padding: 1 1 0 1; text-style: bold; }
    ExchangeScreen .mapping-sample { width: 30; padding: 1 1 0 0; color: $text-muted; }
    ExchangeScreen .mapping-select { width: 1fr; }
    ExchangeScreen #inbox-table { height: 1fr; }
    ExchangeScreen #inbox-detail-box { height: 10; border-top: solid $panel; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        self.operation = Operation(id="operation")
        with TabbedContent(id="exchange-tabs"):
            with TabPane(t("exchange.ui.tab.import"), id="tab-import"):
                yield ImportPane(self.operation)
            with TabPane(t("exchange.ui.tab.export"), id="tab-export"):
                yield ExportPane(self.operation)
            with TabPane(t("exchange.ui.tab.mailing"), id="tab-mailing"):
                yield MailingPane(self.operation)
            with TabPane(t("exchange.ui.tab.inbox"), id="tab-inbox"):
                yield InboxPane(self.operation)
            with TabPane(t("exchange.ui.tab.campaigns"), id="tab-campaigns"):
                yield CampaignsPane(self.operation)
        yield self.operation
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#import-path").focus()

    def _pane(self):
        active = self.query_one(TabbedContent).active
        return self.query_one(f"#{active}", TabPane).children[0]

    async def action_check(self) -> None:
        await self._pane().check()

    async def action_execute(self) -> None:
        await self._pane().execute()

    def action_next_tab(self) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = TABS[(TABS.index(tabs.active) + 1) % len(TABS)]
        # Focus moves into the new tab: left in the hidden one, it would switch back to it.
        pane = self.query_one(f"#{tabs.active}", TabPane)
        first = next((w for w in pane.query("*") if w.focusable), None)
        if first is not None:
            first.focus()

    async def action_assign(self) -> None:
        pane = self._pane()
        if isinstance(pane, InboxPane):
            await pane.assign()

    async def action_ignore(self) -> None:
        pane = self._pane()
        if isinstance(pane, InboxPane):
            await pane.ignore()

    async def action_new_template(self) -> None:
        pane = self._pane()
        if isinstance(pane, MailingPane):
            await pane.edit_template(new=True)
        elif isinstance(pane, CampaignsPane):
            await pane.new()

    async def action_edit_template(self) -> None:
        pane = self._pane()
        if isinstance(pane, MailingPane):
            await pane.edit_template(new=False)

    def action_stop(self) -> None:
        """Esc: stop the running operation; with none running, go back."""
        if not self.operation.cancel() and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
