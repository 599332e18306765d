"""Charts of the reports, drawn through a ``PlotextPlot``'s ``plt`` from numbers already
computed (the widget replays these calls on every render, e.g. after a resize).

Vertical bars (ABC classes, activity) and lines (dynamics) are plotext. Horizontal bars (the
funnel, result shares, categories) are text bars (``BarList``): plotext puts their labels on
the wrong row when a bar gets less than two rows, as in an 80×24 terminal.
"""

from __future__ import annotations

from ectui.i18n import t
from ectui.services.reports.abc import AbcReport
from ectui.services.reports.activity import ActivityReport
from ectui.services.reports.client_base import ClientBase
from ectui.services.reports.funnel import FunnelComparison
from ectui.services.reports.sales_volume import SalesVolume
from ectui.services.reports.task_results import TypeResults
from screens.widgets.bar_list import Bar, BarList, BarRow

THIS_COLOR = "cyan"
REFERENCE_COLOR = "bright_black"


def _short(text: str, width: int = 18) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _start(plt, title: str) -> None:
    plt.clear_figure()
    plt.title(title)


def draw_funnel(bars: BarList, result: FunnelComparison, narrowed: bool) -> None:
    """Clients at each step, top to bottom; beside the reference's when narrowed."""
    # The reference covers the funnel's clients and more, so the funnel's bar lies inside the
    # reference's: one line per step, the funnel in colour, the rest of the reference in ▒.
    rows = [BarRow(step.name, (Bar(step.entered,
                                   f"{step.entered} / {step.reference_entered}"
                                   if narrowed else str(step.entered), THIS_COLOR,
                                   under=step.reference_entered if narrowed else None),))
            for step in result.steps]
    legend = ((("█", THIS_COLOR, t("report.funnel.this")),
               ("▒", REFERENCE_COLOR, t("report.funnel.reference"))) if narrowed else ())
    bars.show(t("report.title.funnel") if narrowed else t("report.chart.funnel"), rows, legend)


def draw_abc(plt, report: AbcReport) -> None:
    """The amount of each class A, B, C (with how many clients or products it holds)."""
    _start(plt, t("report.chart.abc", total=str(report.total)))
    names = [f"{c.klass} ({c.count})" for c in report.classes]
    plt.bar(names, [float(c.amount) for c in report.classes],
            color=["green", "yellow", "red"], width=0.5)


def draw_activity(plt, report: ActivityReport) -> None:
    """Planned and done tasks of each employee."""
    _start(plt, t("report.title.activity"))
    if not report.totals:
        return
    names = [_short(r.employee, 14) for r in report.totals]
    plt.multiple_bar(names, [[r.planned for r in report.totals],
                             [r.done for r in report.totals],
                             [r.overdue for r in report.totals]],
                     labels=[t("report.col.planned"), t("report.col.done"),
                             t("report.col.overdue")],
                     color=[REFERENCE_COLOR, THIS_COLOR, "red"])


def draw_results(bars: BarList, report: tuple[TypeResults, ...]) -> None:
    """Shares of the results of the most frequent task type."""
    if not report:
        bars.show(t("report.title.results"), [])
        return
    top = max(report, key=lambda tr: tr.done)
    bars.show(t("report.chart.results", type=top.type_name, done=top.done),
              [BarRow(s.name, (Bar(float(s.share), f"{s.share} % ({s.count})", THIS_COLOR),))
               for s in top.results])


def draw_sales(plt, report: SalesVolume) -> None:
    """Invoiced, paid and shipped month by month: lines from three months on, bars before
    (a line through one or two points says nothing)."""
    _start(plt, t("report.title.sales_months"))
    if not report.months:
        return
    keys = (("invoiced", THIS_COLOR), ("paid", "green"), ("shipped", "yellow"))
    labels = [t(f"report.col.{key}") for key, _ in keys]
    series = [[float(getattr(m, key)) for m in report.months] for key, _ in keys]
    months = [m.month for m in report.months]
    if len(months) < 3:
        plt.multiple_bar(months, series, labels=labels, color=[c for _, c in keys])
        return
    xs = list(range(1, len(months) + 1))
    for values, label, (_, color) in zip(series, labels, keys, strict=True):
        plt.plot(xs, values, label=label, color=color, marker="braille")
    plt.xticks(xs, months)
    plt.ylim(0, max(max(v) for v in series) * 1.1 or 1)


def draw_client_base(bars: BarList, report: ClientBase) -> None:
    """Clients by category."""
    bars.show(t("report.chart.clients"),
              [BarRow(r.name, (Bar(r.count, str(r.count), THIS_COLOR),))
               for r in report.by_category])
