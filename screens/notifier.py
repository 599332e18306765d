"""The session's notification worker: what came due is shown as a toast and rings the bell.

Every ``INTERVAL`` seconds, on a database thread, the session stores what has come due for its
employee (``inbox.collect``) and takes what it has not shown yet (``inbox.take_new``): each
notification is a toast once in every running session of that employee, whatever screen is
open, and the terminal bell rings so a terminal window or tmux tab in the background is
flagged. Notifications caused by another employee's action (a task given to this one) are
stored by that action and reach this session at its next round, within seconds; a change in
the ``task`` table seen by the change feed starts a round at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.message import Message

from ectui.i18n import t
from screens import changes
from screens.db import run_db

if TYPE_CHECKING:
    from ectui.services.inbox import NotificationInfo

INTERVAL = 2.0
FIRST_ROUND_AFTER = 0.5  # seconds after start; a round every INTERVAL after that
MOST_TOASTS = 3  # a longer backlog (after a weekend) is one line pointing at the inbox
SEVERITY = {"overdue": "warning", "before": "warning", "start": "warning"}


def _inbox():
    # Imported at the first round, not as the App mounts: the inbox and the reminder
    # services it imports held back the first frame by ~10 ms (start-up time).
    from ectui.services import inbox

    return inbox


def _round(ctx, session: str) -> tuple[list[NotificationInfo], int]:
    inbox = _inbox()
    inbox.collect(ctx)
    return inbox.take_new(ctx, session), inbox.unread_count(ctx)


class NotificationsArrived(Message):
    """Posted to the open screen when notifications arrived: a calendar or list showing tasks
    reloads (a task given by someone else is now in it)."""

    def __init__(self, notifications: list[NotificationInfo]) -> None:
        super().__init__()
        self.notifications = notifications


class Notifier:
    """One per App: polls for due notifications, toasts them, keeps the unread count shown."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.session = app.context.origin or f"app-{id(app)}"
        self.base_subtitle = app.sub_title
        self.unread = 0
        self._busy = False
        self._again = False
        self._first_round = True
        self.started_at = app.context.now()

    def start(self) -> None:
        self.app.set_interval(INTERVAL, self.check, name="notifier")
        changes.subscribe(self.app, lambda _batch: self.app.run_worker(self.check()),
                          tables={"task", "notification"})
        # The first round (what piled up before the session) and the pruning wait a moment:
        # at start-up the database and the interpreter are the first list's.
        self.app.set_timer(FIRST_ROUND_AFTER, self._first_round_and_prune)

    def _first_round_and_prune(self) -> None:
        self.app.run_worker(self.check(), group="notifier", exit_on_error=False)
        self.app.run_worker(self._prune(), group="notifier-prune", exit_on_error=False)

    async def _prune(self) -> None:
        try:
            await run_db(_inbox().prune_read, self.app.context.now())
        except Exception as error:  # a read-only session still shows its notifications
            self.app.log.warning(f"inbox not pruned: {error!r}")

    async def check(self) -> None:
        """One round; rounds never overlap, and one asked for meanwhile runs right after."""
        if self._busy:
            self._again = True
            return
        self._busy = True
        try:
            while True:
                self._again = False
                try:
                    new, unread = await run_db(_round, self.app.context, self.session)
                except Exception as error:  # a lost connection: say it in the log, keep going
                    self.app.log.warning(f"notifier: {error!r}")
                    return
                self._show(new, backlog=self._first_round)
                self._first_round = False
                self.show_count(unread)
                if not self._again:
                    return
        finally:
            self._busy = False

    def _show(self, new: list[NotificationInfo], backlog: bool = False) -> None:
        if not new:
            return
        now = self.app.context.now()
        if backlog and len(new) > 1:
            # What piled up before the session started: one line, not a wall over the screen.
            self.app.notify(t("notify.backlog", count=len(new)), title=t("notify.title"),
                            severity="warning", timeout=10)
            self.app.bell()
            self._tell_screen(new)
            return
        shown = new[-MOST_TOASTS:]
        for info in shown:
            self.app.notify(_inbox().notification_text(info, now), title=t("notify.title"),
                            severity=SEVERITY.get(info.kind, "information"), timeout=20)
        if len(new) > len(shown):
            self.app.notify(t("notify.more", count=len(new) - len(shown)),
                            title=t("notify.title"), timeout=20)
        self.app.bell()
        self._tell_screen(new)

    def _tell_screen(self, new: list[NotificationInfo]) -> None:
        # What came before the session began is already in the screen it opened on: no
        # reload for that (at start-up it loaded the list a third time).
        if any(info.created_at >= self.started_at for info in new):
            self.app.screen.post_message(NotificationsArrived(new))

    def show_count(self, unread: int) -> None:
        """The unread count in the header of every screen."""
        self.unread = unread
        if not unread:
            self.app.sub_title = self.base_subtitle
            return
        # Before the database address: a long file path cut at 80 columns must not take the
        # count with it.
        who, sep, where = self.base_subtitle.partition(" · ")
        self.app.sub_title = f"{who} · {t('notify.unread', count=unread)}{sep}{where}"

    async def refresh_count(self) -> None:
        """After the inbox changed something: the count at once, not at the next round."""
        try:
            self.show_count(await run_db(_inbox().unread_count, self.app.context))
        except Exception as error:
            self.app.log.warning(f"notifier: {error!r}")


def start(app: App) -> Notifier:
    notifier = Notifier(app)
    notifier.start()
    return notifier
