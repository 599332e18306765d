"""The App: global keys, modes, the session, and one place that turns errors into toasts."""

from __future__ import annotations

import gc
import time

from textual import events
from textual.app import App
from textual.binding import Binding

from ectui.errors import UserError
from ectui.i18n import t
from ectui.session import Session
from screens import garbage
from screens.widgets.typeahead import focus_chain_settled

GC_FREEZE_AFTER = 1.0  # seconds after the first frame: the first list is in, nobody types yet


class EctuiApp(App[None]):
    """Thin by design: screens do the work; the App knows the session and the global keys."""

    CSS_PATH = "styles/app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("f1", "help", t("key.help"), priority=True),
        # Textual's own palette binding would be labelled «palette» in every language.
        Binding("ctrl+p", "command_palette", t("key.palette"), show=False, priority=True),
        Binding("f2", "switch_mode('today')", t("key.today"), priority=True),
        Binding("f3", "switch_mode('directory')", t("key.directory"), priority=True),
        # The relationship history (screens/task_modes.py): the tree, quick logging, clients
        # with no next step, sales templates. Not priority: a form's own keys come first.
        Binding("f5", "tasks('tree')", t("key.task_tree")),
        Binding("f6", "tasks('log')", t("key.quick_log")),
        Binding("shift+f5", "tasks('no_next_step')", t("key.no_next_step")),
        Binding("shift+f12", "tasks('templates')", t("key.templates"), show=False),
        Binding("f8", "reports", t("key.reports"), priority=True),
        # The calendar (screens/calendar.py) and the notification inbox (screens/inbox.py).
        Binding("f7", "calendar", t("key.calendar"), priority=True),
        Binding("shift+f7", "inbox", t("key.inbox"), priority=True),
        Binding("f9", "exchange", t("key.exchange"), priority=True),
        Binding("f10", "sales", t("key.sales"), priority=True),
        Binding("f11", "service", t("key.service"), priority=True),
        Binding("f12", "staff", t("key.staff"), priority=True),
        Binding("ctrl+q", "quit", t("common.quit"), priority=True),
        # Handled here, before keys reach a widget, so keys typed ahead of the screen (a burst
        # over a slow SSH link) land in the field the Tab moved to, not in the one it left.
        Binding("tab", "app.focus_next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", show=False, priority=True),
    ]

    def __init__(self, session: Session, first_page=None) -> None:
        super().__init__()
        self.session = session
        self.first_page = first_page  # screens.first_page.FirstPage, read ahead for Today
        self.started_at = time.perf_counter()
        self.title = t("app.title")
        self.sub_title = f"{session.actor.name} · {session.url.split('@')[-1]}"
        self.changes = None  # screens.changes.ChangeFeed, once mounted
        self.notifier = None  # screens.notifier.Notifier, once mounted
        self._gc_freeze = None  # the timer that freezes the start-up objects (screens/garbage.py)

    async def on_event(self, event: events.Event) -> None:
        # Textual runs a bound key (Backspace, arrows, Enter, Tab) only after it bubbles back
        # up from the field, while the characters behind it go straight into the field: in a
        # burst «abc⌫de» became «abcd». Keys are applied in the order they were typed instead:
        # the field first takes what is already queued, then a bound key runs here at once.
        if isinstance(event, events.Key) and not event.is_forwarded and self.focused is not None:
            await focus_chain_settled(self.focused)
            if not event.is_printable and (await self._check_bindings(event.key, priority=True)
                                           or await self._check_bindings(event.key)):
                return
        await super().on_event(event)

    def get_default_screen(self):
        from screens.today import TodayScreen

        return TodayScreen()

    @property
    def context(self):
        return self.session.context

    async def on_mount(self) -> None:
        self.log(f"ready in {time.perf_counter() - self.started_at:.3f}s")
        from screens import session_watch

        await session_watch.start(self)
        from screens import notifier

        self.notifier = notifier.start(self)

    def on_ready(self) -> None:
        # The first frame is on the screen: Python's cyclic collector, paused by the command
        # line while the app started (ectui/cli.py), runs again, and a moment later what
        # the start made is frozen out of its walks (screens/garbage.py).
        gc.enable()
        self._gc_freeze = self.set_timer(GC_FREEZE_AFTER, garbage.freeze_start_up)

    def pop_screen(self):
        removal = super().pop_screen()
        self.run_worker(garbage.collect_when_removed(removal), group="gc")
        return removal

    def on_unmount(self) -> None:
        if self.changes is not None:
            self.changes.stop()
        if self._gc_freeze is not None:
            self._gc_freeze.stop()
        garbage.thaw()

    async def action_staff(self) -> None:
        from screens.staff import open_staff

        await open_staff(self)

    def action_switch_mode(self, mode: str) -> None:
        from screens.directory import DirectoryScreen

        if mode == "today":
            while len(self.screen_stack) > 1:
                self.pop_screen()
        if mode == "directory":
            while len(self.screen_stack) > 1:
                self.pop_screen()
            if not isinstance(self.screen, DirectoryScreen):
                self.push_screen(DirectoryScreen())

    async def action_tasks(self, what: str) -> None:
        from screens import task_modes

        await task_modes.run(self, what)

    def action_sales(self) -> None:
        """Sales: the price list, proposals, invoices and contracts (screens/sales.py)."""
        from screens.sales import SalesScreen

        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(SalesScreen())

    def action_service(self) -> None:
        """Service: client requests to their deadlines, reports, settings (screens/service.py)."""
        from screens.service import ServiceScreen

        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(ServiceScreen())

    def action_reports(self) -> None:
        """Control and analysis: funnel, ABC, activity, results, sales (screens/reports.py)."""
        from screens.reports import ReportsScreen

        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(ReportsScreen())

    def action_exchange(self) -> None:
        """Exchange and mailings: import, export, mailings, incoming mail (screens/exchange.py)."""
        from screens.exchange import ExchangeScreen

        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(ExchangeScreen())

    def action_calendar(self) -> None:
        from screens.calendar import open_calendar

        open_calendar(self)

    def action_inbox(self) -> None:
        from screens.inbox import open_inbox

        open_inbox(self)

    def action_help(self) -> None:
        from screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_command_palette(self) -> None:
        from screens.palette import open_palette

        open_palette(self)

    def get_system_commands(self, screen):
        from screens.palette import screen_commands

        return screen_commands(self, screen)

    def report_error(self, error: BaseException) -> None:
        """Every failure a person sees is a message, never a traceback."""
        if isinstance(error, UserError):
            self.notify(error.message, severity="error", timeout=8)
        else:
            self.log.error(repr(error))
            self.notify(t("error.unexpected", error=error), severity="error", timeout=12)


def run_app(session: Session, first_page=None) -> None:
    EctuiApp(session, first_page).run()
