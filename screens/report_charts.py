"""Charts of the reports, drawn from numbers already computed: the widgets replay them on
every render, e.g. after a resize.

Lines (sales month by month, from three months on) are plotext, through a ``PlotextPlot``'s
``plt``, with the money axis in round steps («500 тыс.»). Bars (the funnel, ABC classes,
activity, result shares, categories, sales of one or two months) are text bars
(``BarList``) with the exact number at each bar's end: plotext puts a horizontal bar's label
on the wrong row when a bar gets less than two rows, and its vertical bars' axis shows
numbers like 783333.3 and hides small bars, as in an 80×24 terminal.
"""

from __future__ import annotations

import math
from decimal import Decimal

from ectui.i18n import t
from ectui.money import format_money
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


CLASS_COLORS = {"A": "green", "B": "yellow", "C": "red"}


def _share(value: Decimal | None) -> str:
    return "—" if value is None else f"{value} %"


def draw_abc(bars: BarList, report: AbcReport) -> None:
    """The amount of each class A, B, C, with how many clients (products, directions) it
    holds and its share of the total."""
    rows = [BarRow(f"{c.klass} ({c.count})",
                   (Bar(float(c.amount), f"{format_money(c.amount)} ₽ · {_share(c.share)}",
                        CLASS_COLORS[c.klass]),))
            for c in report.classes]
    bars.show(t("report.chart.abc", total=format_money(report.total)), rows)


def draw_activity(bars: BarList, report: ActivityReport) -> None:
    """Each employee's done tasks inside the planned ones, and the overdue ones."""
    rows = [BarRow(r.employee, (
        Bar(r.done, t("report.chart.activity_done", done=r.done, planned=r.planned),
            THIS_COLOR, under=r.planned),
        Bar(r.overdue, t("report.chart.activity_overdue", overdue=r.overdue), "red")))
        for r in report.totals]
    legend = (("█", THIS_COLOR, t("report.col.done")),
              ("▒", REFERENCE_COLOR, t("report.col.planned")),
              ("█", "red", t("report.col.overdue")))
    bars.show(t("report.title.activity"), rows, legend if rows else ())


def draw_results(bars: BarList, report: tuple[TypeResults, ...]) -> None:
    """Shares of the results of the most frequent task type."""
    if not report:
        bars.show(t("report.title.results"), [])
        return
    top = max(report, key=lambda tr: tr.done)
    bars.show(t("report.chart.results", type=top.type_name, done=top.done),
              [BarRow(s.name, (Bar(float(s.share), f"{s.share} % ({s.count})", THIS_COLOR),))
               for s in top.results])


SALES_KEYS = (("invoiced", THIS_COLOR), ("paid", "green"), ("shipped", "yellow"))


def sales_as_lines(report: SalesVolume) -> bool:
    """Lines from three months on; before that a line through one or two points says
    nothing, and bars with their amounts say it all."""
    return len(report.months) >= 3


def draw_sales_bars(bars: BarList, report: SalesVolume) -> None:
    """Invoiced, paid and shipped of each month (one or two months) as bars."""
    rows = [BarRow(m.month, tuple(Bar(float(getattr(m, key)),
                                      f"{format_money(getattr(m, key))} ₽", color)
                                  for key, color in SALES_KEYS))
            for m in report.months]
    legend = tuple(("█", color, t(f"report.col.{key}")) for key, color in SALES_KEYS)
    bars.show(t("report.title.sales_months"), rows, legend if rows else ())


def money_ticks(top: float) -> tuple[list[float], list[str]]:
    """Round steps of the money axis up to ``top`` (1, 2 or 5 × 10ⁿ, four to six of
    them) with short labels: «500 тыс.», «1,5 млн»."""
    if top <= 0:
        return [0.0], ["0"]
    step = 1.0
    while top / step > 6:
        for factor in (2, 2.5, 2):  # 1 → 2 → 5 → 10
            step *= factor
            if top / step <= 6:
                break
    ticks = [step * i for i in range(math.ceil(top / step) + 1)]
    return ticks, [_short_money(v) for v in ticks]


def _short_money(value: float) -> str:
    if value >= 1_000_000:
        number, unit = value / 1_000_000, t("report.unit.million")
    elif value >= 1000:
        number, unit = value / 1000, t("report.unit.thousand")
    else:
        return f"{value:g}"
    return f"{number:g}".replace(".", ",") + f" {unit}"


def draw_sales(plt, report: SalesVolume) -> None:
    """Invoiced, paid and shipped month by month as lines (three months or more)."""
    _start(plt, t("report.title.sales_months"))
    if not report.months:
        return
    labels = [t(f"report.col.{key}") for key, _ in SALES_KEYS]
    series = [[float(getattr(m, key)) for m in report.months] for key, _ in SALES_KEYS]
    months = [m.month for m in report.months]
    xs = list(range(1, len(months) + 1))
    for values, label, (_, color) in zip(series, labels, SALES_KEYS, strict=True):
        plt.plot(xs, values, label=label, color=color, marker="braille")
    plt.xticks(xs, months)
    ticks, tick_labels = money_ticks(max(max(v) for v in series))
    plt.yticks(ticks, tick_labels)
    plt.ylim(0, ticks[-1] or 1)


def draw_client_base(bars: BarList, report: ClientBase) -> None:
    """Clients by category."""
    bars.show(t("report.chart.clients"),
              [BarRow(r.name, (Bar(r.count, str(r.count), THIS_COLOR),))
               for r in report.by_category])
