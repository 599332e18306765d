"""Clients with no next step planned: nobody will call them unless someone plans it now."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Label

from ectui.i18n import t
from ectui.services.next_contacts import (
    ClientWithoutStep,
    NoStepFilter,
    clients_without_next_step,
    count_without_next_step,
    default_filter,
)
from ectui.when import format_due
from screens import actions, task_actions
from screens.db import run_db_sync
from screens.forms.field_form import TASKS_CSS
from screens.reload_on_return import ReloadsOnReturn
from screens.task_keys import letter
from screens.widgets.key_bar import KeyBar
from screens.widgets.paged_table import Column, PagedTable


@dataclass(frozen=True)
class NoStepSource:
    filter: NoStepFilter

    def count(self) -> int:
        return count_without_next_step(self.filter)

    def fetch(self, offset: int, limit: int):
        return clients_without_next_step(self.filter, offset, limit)


class NoNextStepScreen(ReloadsOnReturn, Screen):
    """My clients (everyone's, with Ctrl+T) with no open operational task."""

    CSS_PATH = TASKS_CSS
    BINDINGS = [
        Binding("escape", "app.pop_screen", t("key.back")),
        Binding("ctrl+n,insert", "plan", t("nostep.key.plan")),
        *letter("d", "log", t("nostep.key.log")),
        *letter("s", "start", t("today.key.start")),
        Binding("ctrl+t", "toggle_scope", t("nostep.key.scope")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter: NoStepFilter | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="nostep-title")
        columns = [Column("name", t("org.name")), Column("category", t("org.category"), 22),
                   Column("last", t("nostep.col.last_contact"), 18),
                   Column("responsible", t("org.responsible"), 18)]
        if self.app.size.width < 110:
            del columns[1]  # 80 columns: the client's name before its category
        yield PagedTable(
            columns, self._cell, empty_text=t("nostep.empty"), run_in_context=run_db_sync,
            id="nostep-list")
        yield KeyBar()

    def _cell(self, row: ClientWithoutStep, key: str):
        if key == "category":
            return t(f"choice.category.{row.category}") if row.category else ""
        if key == "last":
            if row.last_contact is None:
                return Text(t("nostep.never"), style="yellow")
            return format_due(row.last_contact, False, self.app.context.now())
        return getattr(row, key)

    def on_mount(self) -> None:
        self.filter = default_filter(self.app.context)
        self._show()
        self.query_one(PagedTable).focus()

    def _show(self) -> None:
        assert self.filter is not None
        self.query_one(PagedTable).set_source(NoStepSource(self.filter))

    @on(PagedTable.Loaded)
    def _loaded(self, event: PagedTable.Loaded) -> None:
        whose = t("nostep.mine") if self.filter and self.filter.responsible_id else \
            t("nostep.everyone")
        self.query_one("#nostep-title", Label).update(Text.assemble(
            (t("nostep.title", whose=whose), "bold"), "   ",
            (t("nostep.count", count=event.row_count), "dim")))

    def _row(self) -> ClientWithoutStep | None:
        return self.query_one(PagedTable).current_row

    def _changed(self, _result=None) -> None:
        self.query_one(PagedTable).reload()

    def reload_on_return(self) -> None:
        self._changed()

    @on(PagedTable.RowSelected)
    def _open(self, event: PagedTable.RowSelected) -> None:
        actions.open_organization(self.app, event.row.id)

    async def action_plan(self) -> None:
        row = self._row()
        if row is not None:
            await task_actions.new_task(self.app, organization_id=row.id, done=self._changed)

    async def action_log(self) -> None:
        row = self._row()
        if row is not None:
            await task_actions.log_contact(self.app, row.id, done=self._changed)

    async def action_start(self) -> None:
        row = self._row()
        if row is not None:
            await task_actions.start_project(self.app, row.id, done=self._changed)

    def action_toggle_scope(self) -> None:
        me = self.app.context.actor.employee_id
        mine = self.filter is not None and self.filter.responsible_id is not None
        self.filter = NoStepFilter(None if mine else me, self.app.context.actor)
        self._show()
