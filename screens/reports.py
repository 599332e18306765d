"""Control and analysis («Контроль и анализ», F8): the sales funnel beside the reference
funnel, ABC analysis, employee activity, results of operational tasks and sales by month —
each as a chart and as the same numbers in tables.

Reports are computed on a database thread (the body shows a spinner meanwhile); the chart
redraws itself from the computed numbers whenever the terminal is resized.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static
from textual_plotext import PlotextPlot

from ectui.i18n import t
from ectui.money import format_money
from ectui.services.reports.abc import SUBJECTS
from ectui.services.reports.filters import EVERYTHING, ReportFilter
from ectui.services.reports.run import NAMES, ReportOptions, ReportResult
from ectui.services.reports.tables import FUNNEL_COLUMNS
from screens import report_charts as charts
from screens import report_filters
from screens.db import run_db
from screens.task_keys import letter
from screens.widgets.bar_list import BarList
from screens.widgets.key_bar import KeyBar

MAX_ROWS = 300  # a table shows at most this many rows; the export has them all
VIEWS = ("both", "tables", "chart")


def _cell(value: object, column: str, longest: int = 200) -> Text:
    """A table cell; text longer than ``longest`` is cut with «…» (the export keeps it)."""
    if value is None:
        return Text("—", justify="right", style="dim")
    if isinstance(value, Decimal) and value.as_tuple().exponent == -2:
        # Money (kopecks) as people read it: «940 000,00»; the export keeps the number.
        return Text(format_money(value), justify="right")
    text = str(value)
    if column == "mark":
        style = {"▲": "bold green", "▼": "bold red"}.get(text, "")
        return Text(text, style=style)
    if column.endswith("_delta") and text not in ("0", "0.0"):
        style = "green" if text.startswith("+") else "red"
        if column == "days_delta":  # fewer days at a step is the better side
            style = "red" if text.startswith("+") else "green"
        return Text(text, justify="right", style=style)
    if isinstance(value, (int, float)) or text.replace(".", "", 1).lstrip("+-").isdigit():
        return Text(text, justify="right")
    if len(text) > longest:
        text = text[: longest - 1] + "…"
    return Text(text)


class ReportsScreen(Screen):
    """One report at a time: a chart on top, its tables below; keys pick report and filter."""

    CSS = """
    ReportsScreen #report-heading { height: auto; padding: 0 1; background: $boost; }
    ReportsScreen #report-body { height: 1fr; }
    ReportsScreen #report-chart { height: 1fr; min-height: 8; }
    ReportsScreen #report-bars { height: auto; max-height: 60%; }
    ReportsScreen #report-body.bars #report-chart { display: none; }
    ReportsScreen #report-body.plot #report-bars { display: none; }
    ReportsScreen #report-tables { height: 1fr; }
    ReportsScreen #report-body.tables #report-chart { display: none; }
    ReportsScreen #report-body.tables #report-bars { display: none; }
    ReportsScreen #report-body.chart #report-tables { display: none; }
    ReportsScreen .report-table-title { padding: 0 1; text-style: bold; }
    ReportsScreen DataTable { height: auto; max-height: 100%; }
    ReportsScreen .report-note { padding: 0 1; color: $text-muted; }
    """

    BINDINGS = [
        Binding("1", "show('funnel')", t("report.key.funnel")),
        Binding("2", "show('abc')", t("report.key.abc")),
        Binding("3", "show('activity')", t("report.key.activity")),
        Binding("4", "show('results')", t("report.key.results")),
        Binding("5", "show('sales')", t("report.key.sales")),
        Binding("6", "show('clients')", t("report.key.clients")),
        *letter("f", "filter", t("report.key.filter")),
        *letter("m", "next_employee", t("report.key.next_employee")),
        Binding("0", "clear_filter", t("report.key.clear_filter"), show=False),
        *letter("v", "cycle_view", t("report.key.view")),
        *letter("b", "abc_basis", t("report.key.abc_basis")),
        *letter("p", "abc_subject", t("report.key.abc_subject"), show=False),
        *letter("g", "abc_groups", t("report.key.abc_groups"), show=False),
        *letter("x", "export", t("report.key.export")),
        Binding("escape", "app.pop_screen", t("key.back"), show=False),
    ]

    def __init__(self, report: str = "funnel") -> None:
        super().__init__()
        self.report = report
        self.filter: ReportFilter = EVERYTHING
        self.filter_names: dict[str, str] = {}
        self.options = ReportOptions()
        self.result: ReportResult | None = None
        self.view = "both"
        self.employees: list[tuple[int, str]] = []
        self.employee_index = -1

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="report-heading")
        with Vertical(id="report-body"):
            yield PlotextPlot(id="report-chart")
            yield BarList(id="report-bars")
            yield VerticalScroll(id="report-tables")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = t("report.screen")
        self.load_employees()
        self.compute()

    # ---- computing ----------------------------------------------------------------------

    @work(exclusive=True, group="report-employees")
    async def load_employees(self) -> None:
        try:
            self.employees = await run_db(report_filters.reportable_employees,
                                          self.app.context)
        except Exception as error:  # shown as a message, never a traceback
            self.app.report_error(error)

    @work(exclusive=True, group="report")
    async def compute(self) -> None:
        from ectui.services.reports.run import build_report

        body = self.query_one("#report-body")
        body.loading = True
        self._heading(t("report.computing"))
        try:
            result = await run_db(build_report, self.app.context, self.report, self.filter,
                                  self.options)
        except Exception as error:  # shown as a message, never a traceback
            self.app.report_error(error)
            self._heading("")
            self.result = None  # nothing of another report or filter stays to be exported
            self.refresh_bindings()
            return
        finally:
            body.loading = False
        self.result = result
        self.refresh_bindings()
        await self._show(result)

    # ---- showing ------------------------------------------------------------------------

    def _heading(self, status: str) -> None:
        parts = [t(f"report.name.{self.report}")]
        if self.report == "abc":
            parts.append(t(f"report.subject.{self.options.subject}"))
            parts.append(t(f"report.basis.{self.options.basis}"))
        parts.append(report_filters.describe(self.filter, self.filter_names))
        if status:
            parts.append(status)
        self.query_one("#report-heading", Static).update(Text(" · ".join(parts)))

    async def _show(self, result: ReportResult) -> None:
        self._heading("")
        self._draw(result)
        box = self.query_one("#report-tables", VerticalScroll)
        await box.remove_children()
        widgets = []
        # Long names (products, clients) are cut so that the numbers beside them stay on an
        # 80-column screen; a wider terminal shows more of them.
        longest = max(self.size.width - 50, 20)
        for number, table in enumerate(result.tables):
            widgets.append(Static(Text(table.title), classes="report-table-title"))
            grid = DataTable(id=f"report-table-{number}", zebra_stripes=True,
                             cursor_type="row")
            keys = self._column_keys(result.name, number, len(table.columns))
            for key, heading in zip(keys, table.columns, strict=True):
                grid.add_column(heading, key=f"{key}-{len(widgets)}")
            for row in table.rows[:MAX_ROWS]:
                grid.add_row(*[_cell(v, k, longest) for v, k in zip(row, keys, strict=True)])
            widgets.append(grid)
            if not table.rows:
                widgets.append(Static(t("report.empty"), classes="report-note"))
            elif len(table.rows) > MAX_ROWS:
                widgets.append(Static(t("report.rows_cut", shown=MAX_ROWS,
                                        total=len(table.rows)), classes="report-note"))
        await box.mount_all(widgets)

    @staticmethod
    def _column_keys(name: str, number: int, count: int) -> list[str]:
        if name == "funnel" and number == 0:
            return list(FUNNEL_COLUMNS)
        return [f"c{i}" for i in range(count)]

    def _draw(self, result: ReportResult) -> None:
        body = self.query_one("#report-body")
        bars = self.query_one("#report-bars", BarList)
        chart = self.query_one("#report-chart", PlotextPlot)
        # Lines only for sales over three months or more; everything else reads best as
        # text bars with the exact numbers beside them.
        text_bars = not (result.name == "sales" and charts.sales_as_lines(result.data))
        body.set_class(text_bars, "bars")
        body.set_class(not text_bars, "plot")
        if result.name == "funnel":
            charts.draw_funnel(bars, result.data, self.filter.narrows_clients())
        elif result.name == "results":
            charts.draw_results(bars, result.data["types"])
        elif result.name == "clients":
            charts.draw_client_base(bars, result.data)
        elif result.name == "abc":
            charts.draw_abc(bars, result.data)
        elif result.name == "activity":
            charts.draw_activity(bars, result.data)
        elif text_bars:
            charts.draw_sales_bars(bars, result.data)
        else:
            charts.draw_sales(chart.plt, result.data)
        chart.refresh()
        # The bars' height follows their rows (a legend appears beside the reference): lay out.
        bars.refresh(layout=True)

    # ---- keys ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("abc_basis", "abc_subject", "abc_groups") and self.report != "abc":
            return None  # shown greyed: ABC keys only
        if action == "abc_basis" and self.options.subject != "clients":
            return None  # products and directions are analysed by invoice lines only
        if action == "abc_groups" and self.options.subject != "clients":
            return None
        if action == "export" and self.result is None:
            return None
        return True

    def action_show(self, name: str) -> None:
        if name in NAMES and name != self.report:
            self.report = name
            self.refresh_bindings()
            self.compute()

    def action_cycle_view(self) -> None:
        body = self.query_one("#report-body")
        body.remove_class(self.view)
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]
        body.add_class(self.view)

    @work(exclusive=True, group="report-filter")
    async def action_filter(self) -> None:
        def chosen(answer) -> None:
            if answer is not None:
                self.filter, self.filter_names = answer
                self.employee_index = -1
                self.compute()

        try:
            await report_filters.open_filter_form(self, self.filter_names, chosen)
        except Exception as error:  # shown as a message, never a traceback
            self.app.report_error(error)

    def action_clear_filter(self) -> None:
        self.filter, self.filter_names, self.employee_index = EVERYTHING, {}, -1
        self.compute()

    def action_next_employee(self) -> None:
        """The next employee's funnel (or report) beside the reference; after the last one,
        everyone again. The period stays."""
        if not self.employees:
            self.notify(t("report.no_employees"), severity="warning")
            return
        self.employee_index += 1
        keep = {k: v for k, v in self.filter_names.items() if k in ("date_from", "date_to")}
        if self.employee_index >= len(self.employees):
            self.employee_index = -1
            self.filter = ReportFilter(date_from=self.filter.date_from,
                                       date_to=self.filter.date_to)
            self.filter_names = keep
        else:
            emp_id, name = self.employees[self.employee_index]
            self.filter = ReportFilter(employee_id=emp_id, date_from=self.filter.date_from,
                                       date_to=self.filter.date_to)
            self.filter_names = {**keep, "employee": name}
        self.compute()

    def action_abc_basis(self) -> None:
        basis = "paid" if self.options.basis == "invoiced" else "invoiced"
        self.options = ReportOptions(basis, self.options.subject, self.options.thresholds)
        self.compute()

    def action_abc_subject(self) -> None:
        subject = SUBJECTS[(SUBJECTS.index(self.options.subject) + 1) % len(SUBJECTS)]
        basis = "invoiced" if subject != "clients" else self.options.basis
        self.options = ReportOptions(basis, subject, self.options.thresholds)
        self.refresh_bindings()
        self.compute()

    @work(exclusive=True, group="report-save")
    async def action_abc_groups(self) -> None:
        from ectui.services.reports.abc import save_as_groups

        result = self.result
        if result is None or result.name != "abc":
            return
        try:
            await run_db(save_as_groups, self.app.context, result.data)
        except Exception as error:  # shown as a message, never a traceback
            self.app.report_error(error)
            return
        counts = {c.klass: c.count for c in result.data.classes}
        self.notify(t("report.abc.saved", a=counts["A"], b=counts["B"], c=counts["C"]))

    def action_export(self) -> None:
        result = self.result
        if result is None:
            return
        default = Path.cwd() / f"ectui_{result.name}_{date.today():%Y-%m-%d}.xlsx"
        report_filters.open_export_form(self, result.tables, str(default))
