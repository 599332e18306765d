"""The inbox: every notification of this employee, unread first; open, dismiss, snooze."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Label

from ectui.i18n import t
from ectui.services import inbox
from ectui.services.context import Context
from ectui.services.inbox import NotificationInfo, notification_text
from screens import task_actions
from screens.db import run_db, run_db_sync
from screens.forms.field_form import TASKS_CSS
from screens.task_keys import letter
from screens.widgets.key_bar import KeyBar
from screens.widgets.paged_table import Column, PagedTable

STATE_MARKS = {"unread": "●", "snoozed": "◷", "read": " "}  # the legend explains them


@dataclass(frozen=True)
class InboxSource:
    context: Context

    def count(self) -> int:
        return inbox.inbox_length(self.context)

    def fetch(self, offset: int, limit: int):
        return inbox.inbox_page(self.context, offset, limit)


class InboxScreen(Screen):
    """Notifications, newest first; the unread count stays in the header of every screen."""

    CSS_PATH = TASKS_CSS
    BINDINGS = [
        Binding("escape", "close", t("inbox.key.close")),
        Binding("delete", "dismiss_one", t("inbox.key.dismiss")),
        *letter("s", "snooze(10)", t("inbox.key.snooze")),
        Binding("S", "snooze(60)", t("inbox.key.snooze_hour"), show=False),
        Binding("Ы", "snooze(60)", t("inbox.key.snooze_hour"), show=False),
        *letter("a", "all_read", t("inbox.key.all_read")),
        Binding("ctrl+r", "refresh", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(Text(t("inbox.title"), style="bold"), id="inbox-title")
        yield PagedTable([Column("state", "", 1), Column("when", t("inbox.col.when"), 14),
                          Column("text", t("inbox.col.text"))], self._cell,
                         row_style=self._row_style, empty_text=t("inbox.empty"),
                         run_in_context=run_db_sync, id="inbox-list")
        yield Label(Text(t("inbox.legend"), style="dim"), id="inbox-legend")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        table.set_source(InboxSource(self.app.context))
        self.screen.set_focus(table)

    def _state(self, info: NotificationInfo) -> str:
        if info.is_read:
            return "read"
        return "snoozed" if info.show_at > self.app.context.now() else "unread"

    def _cell(self, info: NotificationInfo, key: str):
        now = self.app.context.now()
        if key == "state":
            return STATE_MARKS[self._state(info)]
        if key == "when":
            shown = info.show_at if self._state(info) == "snoozed" else info.created_at
            return shown.astimezone(now.tzinfo).strftime("%d.%m %H:%M")
        return notification_text(info, now)

    def _row_style(self, info: NotificationInfo) -> str:
        state = self._state(info)
        return {"unread": "bold", "read": "dim"}.get(state, "italic")

    def _current(self) -> NotificationInfo | None:
        row = self.query_one(PagedTable).current_row
        return row if isinstance(row, NotificationInfo) else None

    async def _after_change(self) -> None:
        self.action_refresh()
        notifier = getattr(self.app, "notifier", None)
        if notifier is not None:
            await notifier.refresh_count()

    @on(PagedTable.RowSelected)
    async def _open(self, event: PagedTable.RowSelected) -> None:
        info = event.row
        if not isinstance(info, NotificationInfo):
            return
        try:
            await run_db(inbox.mark_read, self.app.context, [info.id])
        except Exception as error:
            self.app.report_error(error)
        await self._after_change()
        if info.task_id:
            await task_actions.open_task(self.app, info.task_id, lambda _r: self.action_refresh())

    async def action_dismiss_one(self) -> None:
        info = self._current()
        if info is None:
            return
        try:
            await run_db(inbox.mark_read, self.app.context, [info.id])
        except Exception as error:
            self.app.report_error(error)
        await self._after_change()

    async def action_snooze(self, minutes: int) -> None:
        info = self._current()
        if info is None:
            return
        try:
            again = await run_db(inbox.snooze, self.app.context, info.id, minutes)
        except Exception as error:
            self.app.report_error(error)
            return
        local = again.astimezone(self.app.context.now().tzinfo)
        self.app.notify(t("notify.snoozed", time=f"{local:%H:%M}"), timeout=4)
        await self._after_change()

    async def action_all_read(self) -> None:
        try:
            count = await run_db(inbox.mark_all_read, self.app.context)
        except Exception as error:
            self.app.report_error(error)
            return
        self.app.notify(t("notify.all_read", count=count), timeout=4)
        await self._after_change()

    def action_refresh(self) -> None:
        self.query_one(PagedTable).reload()

    def action_close(self) -> None:
        self.app.pop_screen()


def open_inbox(app) -> None:
    """Show the inbox over the current screen (once)."""
    if not isinstance(app.screen, InboxScreen):
        app.push_screen(InboxScreen())
