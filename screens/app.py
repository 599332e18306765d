"""The App: global keys, modes, the session, and one place that turns errors into toasts."""

from __future__ import annotations

import time

from textual import events
from textual.app import App
from textual.binding import Binding

from ectui.errors import UserError
from ectui.i18n import t
from ectui.session import Session
from screens.widgets.typeahead import focus_chain_settled


class EctuiApp(App[None]):
    """Thin by design: screens do the work; the App knows the session and the global keys."""

    CSS_PATH = "styles/app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("f1", "help", t("key.help"), priority=True),
        Binding("f3", "switch_mode('directory')", t("key.directory"), priority=True),
        Binding("ctrl+q", "quit", t("common.quit"), priority=True),
        # Handled here, before keys reach a widget, so keys typed ahead of the screen (a burst
        # over a slow SSH link) land in the field the Tab moved to, not in the one it left.
        Binding("tab", "app.focus_next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", show=False, priority=True),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.started_at = time.perf_counter()
        self.title = t("app.title")
        self.sub_title = f"{session.actor.name} · {session.url.split('@')[-1]}"

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
        from screens.directory import DirectoryScreen

        return DirectoryScreen()

    @property
    def context(self):
        return self.session.context

    def on_mount(self) -> None:
        self.log(f"ready in {time.perf_counter() - self.started_at:.3f}s")

    def action_switch_mode(self, mode: str) -> None:
        from screens.directory import DirectoryScreen

        if mode == "directory":
            while len(self.screen_stack) > 1:
                self.pop_screen()
            if not isinstance(self.screen, DirectoryScreen):
                self.push_screen(DirectoryScreen())

    def action_help(self) -> None:
        from screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def report_error(self, error: BaseException) -> None:
        """Every failure a person sees is a message, never a traceback."""
        if isinstance(error, UserError):
            self.notify(error.message, severity="error", timeout=8)
        else:
            self.log.error(repr(error))
            self.notify(t("error.unexpected", error=error), severity="error", timeout=12)


def run_app(session: Session) -> None:
    EctuiApp(session).run()
