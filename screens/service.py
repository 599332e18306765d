"""Service requests («Обращения», F11): every request one may see, the most urgent first, with
the working time left; late ones marked ▲ in red. Keys register a request, move the
highlighted one to its next step or back, give it to someone, open the reports and the
admin's process settings."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Label, Select

from ectui.i18n import t
from ectui.services import service_lists as lists
from ectui.services import service_requests as requests
from ectui.services.service_lists import FILTERS, RequestFilter, RequestRow
from screens import service_actions as actions
from screens.db import run_db, run_db_sync
from screens.reload_on_return import ReloadsOnReturn
from screens.service_display import left_text
from screens.widgets.key_bar import KeyBar
from screens.widgets.paged_table import Column, PagedTable


class RequestSource:
    """Requests page by page, for the table's worker threads. The moment is taken at each
    count and fetch, so a reload shows the time left as it is now."""

    def __init__(self, viewer, scope: str, clock) -> None:
        self.viewer = viewer
        self.scope = scope
        self.clock = clock

    def _filter(self) -> RequestFilter:
        return RequestFilter(self.viewer, self.clock.now(), self.scope)

    def count(self) -> int:
        return lists.count_requests(self._filter())

    def fetch(self, offset: int, limit: int):
        return lists.list_requests(self._filter(), offset, limit)


COLUMNS = [Column("number", "№", 5, "right"), Column("left", t("request.col.left"), 25),
           Column("step", t("request.col.step"), 23),
           Column("priority", t("request.col.priority"), 9),
           Column("organization", t("request.col.client")),
           Column("subject", t("request.col.subject")),
           Column("product", t("request.col.product")),
           Column("responsible", t("request.col.responsible"), 14)]
# A narrower terminal (80 columns): who and what stay readable; the rest is one Enter away.
NARROW_COLUMNS = [Column("number", "№", 4, "right"), Column("left", t("request.col.left"), 20),
                  Column("step", t("request.col.step"), 16),
                  Column("organization", t("request.col.client")),
                  Column("subject", t("request.col.subject"))]
MEDIUM_COLUMNS = [*NARROW_COLUMNS[:2], Column("step", t("request.col.step"), 22),
                  Column("priority", t("request.col.priority"), 9),
                  *NARROW_COLUMNS[3:], Column("responsible", t("request.col.responsible"), 14)]


def columns_for(width: int) -> list[Column]:
    """The list's columns for a terminal ``width`` cells wide."""
    if width < 110:
        return NARROW_COLUMNS
    return MEDIUM_COLUMNS if width < 160 else COLUMNS


class ServiceScreen(ReloadsOnReturn, Screen):
    CSS = """
    ServiceScreen #service-filters { height: 3; }
    ServiceScreen #service-scope { width: 36; }
    ServiceScreen #service-count { padding: 0 1; color: $text-muted; height: 1; }
    """
    BINDINGS = [
        Binding("enter", "open", t("key.open")),
        Binding("ctrl+o,insert", "new", t("key.new_request")),
        Binding("ctrl+e", "from_mail", t("key.request_from_mail")),
        Binding("ctrl+g", "advance", t("key.request_next")),
        Binding("ctrl+u", "back_step", t("key.request_back")),
        Binding("ctrl+a", "reassign", t("key.request_reassign")),
        Binding("ctrl+k", "comment", t("key.request_comment")),
        Binding("ctrl+f", "filter", t("key.request_filter")),
        Binding("ctrl+r", "reports", t("key.service_reports")),
        Binding("ctrl+t", "settings", t("key.service_settings")),
        Binding("escape", "app.pop_screen", t("key.back")),
    ]

    def __init__(self, scope: str = "mine") -> None:
        super().__init__()
        self.scope = scope if scope in FILTERS else "mine"
        self.minutes_per_day = 540

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="service-filters"):
            yield Select([(t(f"request.filter.{f}"), f) for f in FILTERS], value=self.scope,
                         allow_blank=False, id="service-scope")
        yield PagedTable(columns_for(self.app.size.width), self._cell,
                         empty_text=t("request.nothing"), run_in_context=run_db_sync,
                         id="service-requests")
        yield Label("", id="service-count")
        yield KeyBar()

    async def on_mount(self) -> None:
        self.minutes_per_day = await run_db(lists.minutes_per_day)
        self._refresh()
        self.screen.set_focus(self._table())
        # Deadlines pass while the list is open: the time left is redrawn every minute.
        self.set_interval(60, self._table().reload)

    def _table(self) -> PagedTable:
        return self.query_one("#service-requests", PagedTable)

    def _cell(self, row: RequestRow, key: str):
        if key == "left":
            return left_text(row, self.minutes_per_day)
        if key == "priority":
            return t(f"request.priority.{row.priority}")
        return str(getattr(row, key))

    def _refresh(self) -> None:
        ctx = self.app.context
        self._table().set_source(RequestSource(ctx.actor, self.scope, ctx.clock))

    @on(Select.Changed, "#service-scope")
    def _scope_changed(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL and event.value != self.scope:
            self.scope = str(event.value)
            self._refresh()

    @on(PagedTable.Loaded)
    def _count(self, event: PagedTable.Loaded) -> None:
        self.query_one("#service-count", Label).update(t("request.count", count=event.row_count))

    def reload_on_return(self) -> None:
        self._table().reload()  # back from a request: keep one's place

    def _after(self, _result=None) -> None:
        self._table().reload()

    def _row(self) -> RequestRow | None:
        return self._table().current_row

    # ---- keys ---------------------------------------------------------------------------

    def action_filter(self) -> None:
        select = self.query_one("#service-scope", Select)
        index = (FILTERS.index(self.scope) + 1) % len(FILTERS)
        select.value = FILTERS[index]

    @on(PagedTable.RowSelected)
    def _selected(self, event: PagedTable.RowSelected) -> None:
        self._open(event.row)

    def action_open(self) -> None:
        row = self._row()
        if row is not None:
            self._open(row)

    def _open(self, row: RequestRow) -> None:
        from screens.service_request import RequestScreen

        self.app.push_screen(RequestScreen(row.id))

    async def action_new(self) -> None:
        await actions.pick_client_then_register(self.app, self._after)

    async def action_from_mail(self) -> None:
        await actions.request_from_mail(self.app, self._after)

    async def action_advance(self) -> None:
        row = self._row()
        if row is None:
            return
        if row.is_closed:
            self.app.notify(t("request.already_closed"), timeout=4)
            return
        version = await run_db(requests.request_version, row.id)
        await actions.advance(self.app, row.id, version, row.step, self._after)

    async def action_back_step(self) -> None:
        row = self._row()
        if row is not None:
            version = await run_db(requests.request_version, row.id)
            await actions.step_back(self.app, row.id, version, self._after)

    async def action_reassign(self) -> None:
        row = self._row()
        if row is not None:
            await actions.reassign(self.app, row.id, row.organization_id, self._after)

    async def action_comment(self) -> None:
        row = self._row()
        if row is not None:
            await actions.comment(self.app, row.id, self._after)

    def action_reports(self) -> None:
        from screens.service_reports import ServiceReportScreen

        self.app.push_screen(ServiceReportScreen())

    def action_settings(self) -> None:
        from screens.service_settings import open_settings

        open_settings(self.app)

