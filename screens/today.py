"""Today, the start screen: new tasks given to me, overdue, due today, coming up — and one key
to log what was done and plan the next step."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Label, Static

from ectui.i18n import t
from ectui.services.context import Context
from ectui.services.task_views import STATE_STYLES, STATE_SYMBOLS
from ectui.services.today import SectionHeader, TodayItem, today_counts, today_items, today_length
from screens import changes
from screens.db import run_db, run_db_sync
from screens.first_page import FirstPage
from screens.reload_on_return import ReloadsOnReturn
from screens.style_paths import TASKS_CSS
from screens.task_display import due_text, result_text, state_mark, state_of, task_title
from screens.task_keys import letter
from screens.widgets.key_bar import KeyBar
from screens.widgets.paged_table import Column, PagedTable

NARROW_BELOW = 110
SECTION_STATES = {"new": "new", "overdue": "overdue", "today": "today",
                  "upcoming": "upcoming", "no_date": "none"}


@dataclass(frozen=True)
class TodaySource:
    """The Today list, read page by page in the table's worker threads."""

    context: Context
    ahead: FirstPage | None = field(default=None, compare=False)  # read as the app started

    def count(self) -> int:
        return today_length(self.context)

    def fetch(self, offset: int, limit: int):
        if self.ahead is not None and \
                (rows := self.ahead.take(self.context, offset, limit)) is not None:
            return rows
        return today_items(self.context, offset, limit)

    def ready(self, offset: int, limit: int):
        """The rows read ahead and the list's length, if they are there already; else None."""
        return self.ahead.ready(self.context, offset, limit) if self.ahead is not None else None


def _task_actions():
    # Imported after the first paint (see on_mount), not with the screen: the forms behind
    # these keys are a fifth of the app's start-up.
    from screens import task_actions

    return task_actions


def legend() -> Text:
    text = Text()
    for state in ("overdue", "today", "upcoming", "new", "none"):
        text.append(STATE_SYMBOLS[state] + " ", style=STATE_STYLES[state])
        text.append(t(f"today.state.{state}") + "   ", style="dim")
    return text


class TodayTable(PagedTable):
    """The Today list; the cursor steps over the section headers."""

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        target = self.cursor_row + direction
        if 0 <= target < self.row_count and isinstance(self._row_at(target), SectionHeader):
            if 0 <= target + direction < self.row_count:
                target += direction
            elif direction < 0:
                self.scroll_to(y=0, animate=False)  # the first header stays in view
                return
        self.cursor_row = target

    def keep_task(self, task_id: int) -> None:
        """After a reload, put the cursor back on the task it was on: a task another session
        added above it must not slide a different one under the user's D or R."""
        for page, rows in self._pages.items():
            for offset, row in enumerate(rows):
                if isinstance(row, TodayItem) and row.row.id == task_id:
                    index = page * self._page_size + offset
                    if index != self.cursor_row:
                        self.cursor_row = index
                    return

    def skip_header(self) -> None:
        """Put the cursor on a task when it sits on a header (after the first load)."""
        if isinstance(self.current_row, SectionHeader) and self.row_count > 1:
            self.cursor_row += 1

    def _row_at(self, index: int):
        row = self._cached_row(index)
        return row if isinstance(row, (SectionHeader, TodayItem)) else None


class TodayScreen(ReloadsOnReturn, Screen):
    """Tasks of the current employee by section, sorted by time and priority."""

    CSS_PATH = TASKS_CSS
    _kept_task: int | None = None  # the task under the cursor while the list reloads
    _now_cache: tuple[float, object] | None = None
    BINDINGS = [
        *letter("d", "log", t("today.key.done")),
        *letter("p", "postpone", t("today.key.postpone")),
        *letter("r", "reassign", t("today.key.reassign")),
        *letter("c", "client", t("today.key.client")),
        *letter("t", "tree", t("today.key.tree")),
        *letter("s", "start", t("today.key.start"), show=False),
        Binding("ctrl+n,insert", "new", t("today.key.new")),
        Binding("delete", "delete", t("key.delete"), show=False),
        Binding("ctrl+r", "refresh", t("today.key.refresh"), show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="today-title")
        yield TodayTable(self._columns(), self._cell, row_style=self._row_style,
                         empty_text=t("today.empty"), run_in_context=run_db_sync,
                         id="today-list")
        yield Static("", id="today-detail")
        yield Label(legend(), id="today-legend")
        yield KeyBar()

    def _columns(self) -> list[Column]:
        if self.app.size.width < NARROW_BELOW:
            # 80 columns: the task and its client keep their room; the project's path is in
            # the lines under the list.
            return [Column("state", "", 1), Column("due", t("today.col.due"), 13),
                    Column("type", t("today.col.type"), 12),
                    Column("title", t("today.col.title")),
                    Column("client", t("today.col.client"))]
        return [Column("state", "", 1), Column("due", t("today.col.due"), 13),
                Column("type", t("today.col.type"), 16), Column("title", t("today.col.title")),
                Column("client", t("today.col.client")), Column("path", t("today.col.path"))]

    def _now(self):
        # Drawing asks for every cell of every line: one reading of the clock per second is
        # enough for a list whose times have minutes (the clock's zone lookup is not free).
        moment = time.monotonic()
        if self._now_cache is None or moment - self._now_cache[0] > 1.0:
            self._now_cache = (moment, self.app.context.now())
        return self._now_cache[1]

    def _cell(self, item, key: str):
        now = self._now()
        if isinstance(item, SectionHeader):
            if key == "state":
                return state_mark(SECTION_STATES[item.section])
            if key == "title":
                return Text(t(f"today.section.{item.section}", count=item.count),
                            style="bold underline")
            return ""
        row = item.row
        if key == "state":
            return state_mark(state_of(row, now))
        if key == "due":
            return due_text(row, now, state_of(row, now))
        if key == "type":
            return row.type_name or t(f"task.level.{row.level}")
        if key == "title":
            return task_title(row)
        if key == "client":
            return row.client
        return Text(row.path, style="dim")

    def _row_style(self, item) -> str:
        return "bold" if isinstance(item, SectionHeader) else ""

    def on_mount(self) -> None:
        self.query_one(PagedTable).set_source(
            TodaySource(self.app.context, self.app.first_page))
        self.query_one(PagedTable).focus()
        self._update_title()
        # Time moves on: what was due at 15:00 is overdue at 15:01.
        self.set_interval(60, self.action_refresh)
        # A task another session gave, moved or closed is in the list within seconds.
        changes.subscribe(self, lambda _batch: self.action_refresh(), tables={"task"})
        # Ready before the first key: the forms load while the user reads the list.
        self.set_timer(0.3, _task_actions)

    def on_notifications_arrived(self, _message) -> None:
        # The toast says «a new task from the head»: the list shows it at the same moment.
        self.action_refresh()

    @work(exclusive=True, group="today-title", exit_on_error=False)
    async def _update_title(self) -> None:
        ctx = self.app.context
        counts = await run_db(today_counts, ctx)
        now = ctx.now()
        text = Text.assemble(
            (t("today.title", day=t(f"today.weekday.{now.weekday()}"),
               date=now.strftime("%d.%m.%Y")), "bold"), "   ")
        for section in ("overdue", "today", "new"):
            if counts[section]:
                state = SECTION_STATES[section]
                text.append(f"{STATE_SYMBOLS[state]} {t(f'today.count.{section}')}: "
                            f"{counts[section]}   ", style=STATE_STYLES[state])
        self.query_one("#today-title", Label).update(text)

    # ---- the row under the cursor -------------------------------------------------------

    def _item(self) -> TodayItem | None:
        item = self.query_one(PagedTable).current_row
        return item if isinstance(item, TodayItem) else None

    @on(PagedTable.FirstPage)
    @on(PagedTable.Loaded)
    def _loaded(self) -> None:
        table = self.query_one(TodayTable)
        if self._kept_task is not None:
            table.keep_task(self._kept_task)
            self._kept_task = None
        table.skip_header()

    @on(PagedTable.RowHighlighted)
    def _highlighted(self, event: PagedTable.RowHighlighted) -> None:
        detail = self.query_one("#today-detail", Static)
        item = event.row
        if not isinstance(item, TodayItem):
            detail.update("")
            return
        row = item.row
        lines = Text()
        if row.path:
            lines.append(row.path + " › ", style="dim")
        lines.append(row.title, style="bold")
        lines.append("\n")
        planned = result_text(row)
        if planned.plain:
            lines.append_text(planned)
            lines.append("\n")
        lines.append(t("today.detail.responsible", name=row.responsible), style="dim")
        detail.update(lines)

    @on(PagedTable.RowSelected)
    async def _selected(self, event: PagedTable.RowSelected) -> None:
        if isinstance(event.row, TodayItem):
            await _task_actions().open_task(self.app, event.row.row.id, self._changed)

    # ---- actions ----------------------------------------------------------------------

    def _changed(self, _result=None) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        # The cursor stays on its task (a postponed one is followed to its new place); a task
        # done and gone leaves the cursor where it was, on the next one.
        item = self._item()
        self._kept_task = item.row.id if item is not None else None
        self._now_cache = None  # the times are read again with the rows
        self.query_one(PagedTable).reload()
        self._update_title()

    def reload_on_return(self) -> None:
        self.action_refresh()

    async def action_log(self) -> None:
        item = self._item()
        if item is not None:
            await _task_actions().log_task(self.app, item.row.id, self._changed)

    async def action_postpone(self) -> None:
        item = self._item()
        if item is not None:
            await _task_actions().postpone(self.app, item.row.id, self._changed)

    async def action_reassign(self) -> None:
        item = self._item()
        if item is not None:
            await _task_actions().reassign(self.app, item.row.id, item.row.responsible_id,
                                        self._changed)

    def action_client(self) -> None:
        item = self._item()
        if item is not None:
            _task_actions().open_client(self.app, item.row.organization_id, item.row.contact_id)

    def action_tree(self) -> None:
        from screens.task_tree import TaskTreeScreen

        item = self._item()
        if item is None:
            self.app.push_screen(TaskTreeScreen())
        elif item.row.organization_id:
            self.app.push_screen(TaskTreeScreen(client=(item.row.organization_id,
                                                        item.row.organization),
                                                focus_task=item.row.id))
        else:
            self.app.push_screen(TaskTreeScreen(focus_task=item.row.id))

    async def action_new(self) -> None:
        item = self._item()
        await _task_actions().new_task(
            self.app, organization_id=item.row.organization_id if item else None,
            contact_id=item.row.contact_id if item else None, done=self._changed)

    async def action_start(self) -> None:
        item = self._item()
        await _task_actions().start_project(self.app, item.row.organization_id if item else None,
                                         done=self._changed)

    async def action_delete(self) -> None:
        item = self._item()
        if item is not None:
            await _task_actions().delete(self.app, item.row.id, item.row.title, self._changed)
