"""One client request: what, for whom, where in the process, the time left, and its history
(who moved it when, with what comment). Keys move it on or back, give it to someone else."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Static

from ectui.errors import UserError
from ectui.i18n import t
from ectui.services.service_lists import RequestDetail, minutes_per_day, request_detail
from screens import service_actions as actions
from screens.db import run_db
from screens.reload_on_return import ReloadsOnReturn
from screens.service_display import left_text, moment
from screens.widgets.key_bar import KeyBar


class RequestScreen(ReloadsOnReturn, Screen):
    CSS = """
    RequestScreen #request-title { padding: 0 1; text-style: bold; }
    RequestScreen #request-fields { padding: 0 1; height: auto; }
    RequestScreen #request-history { height: 1fr; border-top: solid $primary-darken-2; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", t("key.back")),
        Binding("ctrl+g", "advance", t("key.request_next")),
        Binding("ctrl+u", "back_step", t("key.request_back")),
        Binding("ctrl+a", "reassign", t("key.request_reassign")),
        Binding("ctrl+k", "comment", t("key.request_comment")),
        Binding("ctrl+r", "client", t("key.request_client")),
    ]

    def __init__(self, request_id: int) -> None:
        super().__init__()
        self.request_id = request_id
        self.detail: RequestDetail | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(t("common.loading"), id="request-title")
        with VerticalScroll():
            yield Static("", id="request-fields")
            yield DataTable(id="request-history", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#request-history", DataTable)
        table.add_column(t("request.col.when"), width=16)
        table.add_column(t("request.col.who"), width=16)
        # What was done and the comment under it, wrapped to the screen: at 80 columns a comment
        # in a fourth column would start beyond the right edge.
        table.add_column(t("request.col.what"), width=max(30, self.app.size.width - 42))
        table.border_title = t("request.history")
        self.load()

    def reload_on_return(self) -> None:
        self.load()

    @work(exclusive=True, group="request")
    async def load(self) -> None:
        ctx = self.app.context
        try:
            detail = await run_db(request_detail, ctx.actor, self.request_id, ctx.now())
            per_day = await run_db(minutes_per_day)
        except UserError as error:
            self.app.report_error(error)
            self.app.pop_screen()
            return
        self.detail = detail
        self._show(detail, per_day)
        self.refresh_bindings()

    def _show(self, detail: RequestDetail, per_day: int) -> None:
        row = detail.row
        zone = self.app.context.now().tzinfo
        self.query_one("#request-title", Label).update(
            t("request.card_heading", number=row.number, subject=row.subject,
              client=row.organization))
        lines = Text()

        def line(label: str, value: str | Text) -> None:
            lines.append(f"{label}: ", style="bold")
            lines.append_text(value if isinstance(value, Text) else Text(value))
            lines.append("\n")

        line(t("request.field.step"), row.step)
        if not row.is_closed:
            line(t("request.field.step_due"), moment(row.step_due_at, zone))
        line(t("request.field.left"), left_text(row, per_day))
        line(t("request.field.solve_due"), moment(row.solve_due_at, zone))
        if row.solved_at:
            line(t("request.field.solved_at"), moment(row.solved_at, zone))
        line(t("request.col.product"), row.product or "—")  # from the base or in words
        line(t("request.field.channel"), t(f"request.channel.{detail.channel}"))
        line(t("request.field.priority"), t(f"request.priority.{row.priority}"))
        if detail.category:
            line(t("request.field.category"), detail.category)
        if detail.contact:
            line(t("request.field.contact"), detail.contact)
        line(t("request.field.responsible"), row.responsible)
        line(t("request.field.controller"), detail.controller or "—")
        line(t("request.field.registered_at"), moment(row.registered_at, zone))
        if detail.description:
            line(t("request.field.description"), detail.description)
        self.query_one("#request-fields", Static).update(lines)
        table = self.query_one("#request-history", DataTable)
        table.clear()
        for event in detail.events:
            what = t(f"request.event.{event.action}", step=event.to_step, was=event.from_step)
            text = Text(what)
            if event.was_late:
                text.append(" " + t("request.event.was_late"), style="bold red")
            if event.comment:
                text.append("\n" + event.comment, style="italic")
            table.add_row(moment(event.at, zone), event.employee, text, height=None)
        if detail.events:
            table.move_cursor(row=len(detail.events) - 1)
        table.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("advance", "back_step", "reassign", "comment"):
            detail = self.detail
            if detail is None or not detail.may_move:
                return None
            if action == "advance" and detail.row.is_closed:
                return None
        return True

    def _reload(self, _result=None) -> None:
        self.load()

    async def action_advance(self) -> None:
        if self.detail is not None:
            await actions.advance(self.app, self.request_id, self.detail.version,
                                  self.detail.row.step, self._reload)

    async def action_back_step(self) -> None:
        if self.detail is not None:
            await actions.step_back(self.app, self.request_id, self.detail.version,
                                    self._reload)

    async def action_reassign(self) -> None:
        if self.detail is not None:
            await actions.reassign(self.app, self.request_id, self.detail.row.organization_id,
                                   self._reload)

    async def action_comment(self) -> None:
        await actions.comment(self.app, self.request_id, self._reload)

    def action_client(self) -> None:
        from screens import actions as common

        if self.detail is not None:
            common.open_organization(self.app, self.detail.row.organization_id)
