"""The report charts' numbers: text bars carry the exact amounts, the money axis of the
dynamics has round steps."""

from __future__ import annotations

from decimal import Decimal as D

from ectui.services.reports.abc import AbcClassTotal, AbcReport
from ectui.services.reports.activity import ActivityReport, ActivityRow
from ectui.services.reports.sales_volume import MonthVolume, SalesVolume
from screens import report_charts as charts


class Bars:
    """Stands in for a BarList: keeps what it was asked to show."""

    def show(self, title, rows, legend=()):
        self.title, self.rows, self.legend = title, rows, legend


def test_money_axis_has_round_steps():
    assert charts.money_ticks(940000) == (
        [0.0, 200000.0, 400000.0, 600000.0, 800000.0, 1000000.0],
        ["0", "200 тыс.", "400 тыс.", "600 тыс.", "800 тыс.", "1 млн"])
    assert charts.money_ticks(1234567)[1] == ["0", "500 тыс.", "1 млн", "1,5 млн"]
    assert charts.money_ticks(60)[0][-1] == 60.0
    assert charts.money_ticks(0) == ([0.0], ["0"])


def test_abc_bars_show_amounts_and_shares():
    classes = (AbcClassTotal("A", 2, D("900100.00"), D("95.8")),
               AbcClassTotal("B", 0, D("0.00"), D("0.0")),
               AbcClassTotal("C", 1, D("39900.00"), D("4.2")))
    bars = Bars()
    charts.draw_abc(bars, AbcReport("clients", "invoiced", (D(75), D(95)), D("940000.00"), (),
                                    classes))
    assert "940 000,00" in bars.title
    assert [(r.label, r.bars[0].text) for r in bars.rows] == [
        ("A (2)", "900 100,00 ₽ · 95.8 %"), ("B (0)", "0,00 ₽ · 0.0 %"),
        ("C (1)", "39 900,00 ₽ · 4.2 %")]


def test_activity_bars_put_done_inside_planned():
    total = ActivityRow(4, "Ким Д. О.", "", "", 24, 12, 6, 0, D("50.0"))
    bars = Bars()
    charts.draw_activity(bars, ActivityReport((), (total,)))
    done, overdue = bars.rows[0].bars
    assert (done.value, done.under, done.text) == (12, 24, "выполнено 12 из 24")
    assert (overdue.value, overdue.text) == (6, "просрочено 6")


def test_sales_of_one_month_are_bars_and_of_three_are_lines():
    month = MonthVolume("2026-11", D("940000.00"), 3, D("569655.00"), D("239210.00"))
    one = SalesVolume((month,), (), D("940000.00"), D("569655.00"), D("239210.00"))
    assert not charts.sales_as_lines(one)
    bars = Bars()
    charts.draw_sales_bars(bars, one)
    assert [b.text for b in bars.rows[0].bars] == ["940 000,00 ₽", "569 655,00 ₽",
                                                   "239 210,00 ₽"]
    assert charts.sales_as_lines(SalesVolume((month,) * 3, (), D(0), D(0), D(0)))
