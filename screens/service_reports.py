"""Service reports for a period: requests by status, product, client and employee; the average
working time to solve; the share solved within the deadline; repeat requests."""

from __future__ import annotations

import datetime as dt

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Static

from ectui.errors import FieldError, UserError
from ectui.i18n import t
from ectui.services.service_reports import Line, ServiceReport, service_report
from ectui.validation import parse_date
from screens.db import run_db
from screens.widgets.key_bar import KeyBar


def _hours(minutes: int | None) -> str:
    if minutes is None:
        return "—"
    return t("report.service.hours", hours=f"{minutes / 60:.1f}".replace(".", ","))


def _table(title: str, lines: list[Line]) -> Table:
    table = Table(expand=False, show_edge=False)
    table.add_column(title, min_width=28)
    table.add_column(t("report.service.total"), justify="right")
    table.add_column(t("report.service.open"), justify="right")
    table.add_column(t("report.service.late"), justify="right")
    for line in lines:
        late = Text(f"▲ {line.late}", style="bold red") if line.late else Text("0")
        table.add_row(line.label, str(line.total), str(line.open), late)
    if not lines:
        table.add_row(t("report.service.none"), "", "", "")
    return table


def render_report(report: ServiceReport) -> Group:
    share = report.in_time_share
    summary = Text()
    summary.append(t("report.service.summary", total=report.total, solved=report.solved,
                     in_time=report.solved_in_time), style="bold")
    summary.append("\n" + t("report.service.avg", value=_hours(report.avg_solve_minutes)))
    summary.append("\n" + t("report.service.share",
                            value="—" if share is None else f"{share * 100:.0f} %"))
    repeats = Table(show_edge=False)
    repeats.add_column("№", justify="right")
    repeats.add_column(t("request.col.client"))
    repeats.add_column(t("request.col.product"))
    repeats.add_column(t("report.service.previous"), justify="right")
    repeats.add_column(t("report.service.days_after"), justify="right")
    for r in report.repeats:
        repeats.add_row(str(r.number), r.organization, r.product, str(r.previous_number),
                        str(r.days_after))
    if not report.repeats:
        repeats.add_row("", t("report.service.none"), "", "", "")
    return Group(summary, Text(""),
                 _table(t("report.service.by_status"), report.by_status), Text(""),
                 _table(t("report.service.by_product"), report.by_product), Text(""),
                 _table(t("report.service.by_client"), report.by_client), Text(""),
                 _table(t("report.service.by_employee"), report.by_employee), Text(""),
                 Text(t("report.service.repeats"), style="bold"), repeats)


class ServiceReportScreen(Screen):
    CSS = """
    ServiceReportScreen #report-period { height: 1; margin: 1 0; }
    ServiceReportScreen #report-period Input { width: 14; }
    ServiceReportScreen #report-period Label { padding: 0 1; }
    ServiceReportScreen #report-body { padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", t("key.back")),
        Binding("ctrl+s", "build", t("key.report_build"), priority=True),
    ]

    def compose(self) -> ComposeResult:
        today = self.app.context.now().date()
        first = today.replace(day=1)
        yield Header()
        with Horizontal(id="report-period"):
            yield Label(t("report.service.from"))
            yield Input(first.strftime("%d.%m.%Y"), id="report-from", compact=True)
            yield Label(t("report.service.to"))
            yield Input(today.strftime("%d.%m.%Y"), id="report-to", compact=True)
        with VerticalScroll(id="report-scroll"):
            yield Static(t("common.loading"), id="report-body")
        yield KeyBar()

    def on_mount(self) -> None:
        self.action_build()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_build()

    def action_build(self) -> None:
        today = self.app.context.now().date()
        try:
            start = parse_date(self.query_one("#report-from", Input).value, today=today)
            end = parse_date(self.query_one("#report-to", Input).value, today=today)
        except FieldError as error:
            self.app.report_error(error)
            return
        if start is None or end is None or end < start:
            self.notify(t("report.service.bad_period"), severity="error", timeout=6)
            return
        self._build(start, end)

    @work(exclusive=True, group="service-report")
    async def _build(self, start: dt.date, end: dt.date) -> None:
        try:
            report = await run_db(service_report, self.app.context, start, end)
        except UserError as error:
            self.query_one("#report-body", Static).update(error.message)
            return
        self.query_one("#report-body", Static).update(render_report(report))
