"""Directions of the price list and sales by direction, computed by hand (issue 7, item 5)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from ectui.errors import ValidationError
from ectui.services import products
from ectui.services.access import AccessDenied
from ectui.services.reports.abc import abc_analysis
from ectui.services.reports.filters import ReportFilter
from ectui.services.reports.sales_volume import sales_volume
from ectui.services.reports.tables import abc_tables, sales_tables
from tests.ectui.access_helpers import build_team
from tests.ectui.report_helpers import add_invoice

NOVEMBER = ReportFilter(date_from=date(2026, 11, 1), date_to=date(2026, 11, 30))


@pytest.fixture
def team(database):
    return build_team()


def _product(ctx, name: str, group_id: int | None) -> int:
    return products.save_product(ctx, {"name": name, "unit": "шт", "price": "1,00",
                                       "group": str(group_id or "")})


def _line(invoice: int, product: int | None, name: str, total: str) -> None:
    from ectui.models import InvoiceLine

    InvoiceLine.create(invoice=invoice, product=product, name=name, quantity=D("1"),
                       price=D(total), vat_rate="none", total=D(total))


def _sales(team) -> dict[str, int]:
    """Стеллажи 600 + 200, Техника 1000, no direction 150 (typed by hand) + 50 (a product
    without one) in November; a cancelled and an October invoice that must not count."""
    a = team.admin
    emp = team.senior.actor.employee_id
    racks = products.save_product_group(a, "Стеллажи")
    trucks = products.save_product_group(a, "Техника")
    shelf = _product(a, "Стеллаж", racks)
    truck = _product(a, "Тележка", trucks)
    journal = _product(a, "Журнал", None)
    first = add_invoice(a, team.org_of["kim"], emp, date(2026, 11, 3), "1750.00")
    _line(first, shelf, "Стеллаж", "600.00")
    _line(first, truck, "Тележка", "1000.00")
    _line(first, None, "Доставка", "150.00")
    second = add_invoice(a, team.org_of["sokolov"], emp, date(2026, 11, 4), "250.00")
    _line(second, shelf, "Стеллаж складской", "200.00")
    _line(second, journal, "Журнал", "50.00")
    cancelled = add_invoice(a, team.org_of["kim"], emp, date(2026, 11, 5), "5000.00",
                            status="cancelled")
    _line(cancelled, truck, "Тележка", "5000.00")
    october = add_invoice(a, team.org_of["kim"], emp, date(2026, 10, 31), "700.00")
    _line(october, truck, "Тележка", "700.00")
    return {"racks": racks, "trucks": trucks, "shelf": shelf}


def test_sales_by_direction(team):
    _sales(team)
    report = sales_volume(team.admin, NOVEMBER)
    # 2000.00 in all: 1000 = 50 %, 800 = 40 %, 200 = 10 %; «no direction» last.
    assert [(d.direction, d.invoices, d.invoiced, d.share) for d in report.directions] == [
        ("Техника", 1, D("1000.00"), D("50.0")),
        ("Стеллажи", 2, D("800.00"), D("40.0")),
        ("", 2, D("200.00"), D("10.0"))]
    assert sum(d.invoiced for d in report.directions) == report.invoiced == D("2000.00")
    table = sales_tables(report)[1]
    assert table.rows[-1] == ("(без направления)", 2, D("200.00"), D("10.0"))
    # Ким reports on his own client only: the first invoice.
    mine = sales_volume(team.senior, NOVEMBER)
    assert [(d.direction, d.invoiced, d.share) for d in mine.directions] == [
        ("Техника", D("1000.00"), D("57.1")), ("Стеллажи", D("600.00"), D("34.3")),
        ("", D("150.00"), D("8.6"))]
    # October only: the one invoice of that month.
    october = sales_volume(team.admin, ReportFilter(date_from=date(2026, 10, 1),
                                                    date_to=date(2026, 10, 31)))
    assert [(d.direction, d.invoiced) for d in october.directions] == [
        ("Техника", D("700.00"))]


def test_abc_of_directions(team):
    ids = _sales(team)
    report = abc_analysis(team.admin, NOVEMBER, subject="directions", basis="paid")
    assert report.basis == "invoiced"  # lines have no payments of their own
    assert [(r.key, r.name, r.amount, r.cumulative, r.klass) for r in report.rows] == [
        (ids["trucks"], "Техника", D("1000.00"), D("50.0"), "A"),   # 0 % before it
        (ids["racks"], "Стеллажи", D("800.00"), D("90.0"), "A"),    # 50 % before it
        (None, "", D("200.00"), D("100.0"), "B")]                   # 90 % before it
    assert [(c.klass, c.count, c.amount) for c in report.classes] == [
        ("A", 2, D("1800.00")), ("B", 1, D("200.00")), ("C", 0, D("0.00"))]
    assert abc_tables(report)[0].rows[2][1] == "(без направления)"


def test_directions_are_the_administrators_list(team):
    a = team.admin
    racks = products.save_product_group(a, "Стеллажи")
    with pytest.raises(ValidationError) as error:
        products.save_product_group(a, "  стеллажи ")
    assert error.value.errors["name"].key == "product_group.exists"
    with pytest.raises(ValidationError):
        products.save_product_group(a, "   ")
    with pytest.raises(AccessDenied):
        products.save_product_group(team.senior, "Сервис")
    assert products.save_product_group(a, "Стеллажи и полки", racks) == racks
    service = products.save_product_group(a, "Сервис")
    assert [(g.name, g.products) for g in products.product_groups()] == [
        ("Стеллажи и полки", 0), ("Сервис", 0)]
    shelf = _product(a, "Стеллаж", racks)
    assert products.get_product(shelf).group == "Стеллажи и полки"
    assert products.product_for_edit(shelf).values["group"] == str(racks)
    with pytest.raises(ValidationError) as error:
        products.save_product(a, {"name": "Х", "unit": "шт", "price": "1", "group": "999"})
    assert "group" in error.value.errors
    assert products.product_groups()[0].products == 1
    with pytest.raises(AccessDenied):
        products.delete_product_group(team.senior, racks)
    assert products.delete_product_group(a, racks) == 1
    assert products.get_product(shelf).group == ""
    assert [g.id for g in products.product_groups()] == [service]


def test_quiet_months_show_as_zero_in_the_dynamics(team):
    a = team.admin
    emp = team.senior.actor.employee_id
    add_invoice(a, team.org_of["kim"], emp, date(2026, 8, 14), "350.00")
    add_invoice(a, team.org_of["kim"], emp, date(2027, 1, 9), "100.00")
    months = sales_volume(a).months
    assert [(m.month, m.invoiced, m.invoices) for m in months] == [
        ("2026-08", D("350.00"), 1), ("2026-09", D("0.00"), 0), ("2026-10", D("0.00"), 0),
        ("2026-11", D("0.00"), 0), ("2026-12", D("0.00"), 0), ("2027-01", D("100.00"), 1)]
