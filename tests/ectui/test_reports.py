"""Every report computed by hand on a small dataset and compared (issue 7)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from ectui.errors import ValidationError
from ectui.services.access import AccessDenied
from ectui.services.reports.abc import abc_analysis, classify, save_as_groups
from ectui.services.reports.activity import employee_activity
from ectui.services.reports.filters import ReportFilter
from ectui.services.reports.funnel import funnel_with_reference, sales_funnel
from ectui.services.reports.sales_volume import sales_volume
from ectui.services.reports.task_results import task_results
from tests.ectui.access_helpers import build_team
from tests.ectui.report_helpers import (
    add_invoice,
    add_payment,
    add_task,
    funnel_dataset,
    moment,
)

NOVEMBER = ReportFilter(date_from=date(2026, 11, 1), date_to=date(2026, 11, 30))


def _nov(day: int) -> date:
    return date(2026, 11, day)


@pytest.fixture
def team(database):
    return build_team()


@pytest.fixture
def funnel_data(team):
    return funnel_dataset(team)


def _numbers(funnel):
    return [(s.code, s.entered, s.moved_on, s.conversion, s.avg_days) for s in funnel.steps]


def test_reference_funnel(team, funnel_data):
    funnel = sales_funnel(team.admin, NOVEMBER)
    assert _numbers(funnel) == [
        # calls: Ромашка, Лютик, Василёк, Кактус; on to a meeting after 3, 7 and 1 days.
        ("cold_calls", 4, 3, D("75.0"), D("3.7")),
        # meetings: those three and Астра; all on to a proposal after 4, 5, 1, 2 days.
        ("meeting", 4, 4, D("100.0"), D("3.0")),
        # proposals: Ромашка and Кактус sign, after 3 and 2 days.
        ("proposal", 4, 2, D("50.0"), D("2.5")),
        # contracts: both pay, after 8 and 4 days.
        ("contract", 2, 2, D("100.0"), D("6.0")),
        ("payment", 2, 0, None, None),
    ]
    assert funnel.deals_out == 2
    assert funnel.deals_amount == D("150000.00")
    assert funnel.avg_deal_amount == D("75000.00")
    assert funnel.avg_deal_days == D("13.0")  # Ромашка 2→20 is 18 days, Кактус 6→14 is 8
    assert funnel.clients == 5


def test_manager_funnel_beside_the_reference(team, funnel_data):
    kim = ReportFilter(employee_id=funnel_data["kim"], date_from=date(2026, 11, 1),
                       date_to=date(2026, 11, 30))
    result = funnel_with_reference(team.admin, kim)
    assert _numbers(result.funnel) == [
        ("cold_calls", 1, 1, D("100.0"), D("3.0")), ("meeting", 1, 1, D("100.0"), D("4.0")),
        ("proposal", 1, 1, D("100.0"), D("3.0")), ("contract", 1, 1, D("100.0"), D("8.0")),
        ("payment", 1, 0, None, None)]
    assert result.funnel.avg_deal_days == D("18.0")
    assert result.reference.steps[0].entered == 4
    calls = result.steps[0]
    assert (calls.conversion_delta, calls.days_delta, calls.share, calls.mark) == (
        D("25.0"), D("-0.7"), D("25.0"), "better")
    sokolov = ReportFilter(employee_id=funnel_data["sokolov"], date_from=date(2026, 11, 1),
                           date_to=date(2026, 11, 30))
    weak = funnel_with_reference(team.admin, sokolov).steps
    assert (weak[2].conversion, weak[2].conversion_delta, weak[2].mark) == (
        D("0.0"), D("-50.0"), "worse")
    assert (weak[3].entered, weak[3].conversion, weak[3].mark) == (0, None, "")


def test_funnel_filters_by_department_and_group(team, funnel_data):
    from ectui.models import Department
    from ectui.services.groups import create_group, store_memberships

    sales = Department.get(Department.name == "Отдел продаж").id
    by_dept = sales_funnel(team.admin, NOVEMBER.__class__(
        department_id=sales, date_from=NOVEMBER.date_from, date_to=NOVEMBER.date_to))
    assert [s.entered for s in by_dept.steps] == [3, 3, 3, 1, 1]  # no Кактус
    group = create_group(team.admin, "Ключевые", "organization")
    store_memberships("organization", team.org_of["zaitsev"], [group.id])
    by_group = sales_funnel(team.admin, ReportFilter(group_id=group.id))
    assert [s.entered for s in by_group.steps] == [1, 1, 1, 1, 1]


def test_funnel_rights(team, funnel_data):
    # Ким's role reports on his own clients only; the head on her department's.
    assert [s.entered for s in sales_funnel(team.senior, NOVEMBER).steps] == [1, 1, 1, 1, 1]
    assert [s.entered for s in sales_funnel(team.head, NOVEMBER).steps] == [3, 3, 3, 1, 1]
    with pytest.raises(AccessDenied):
        sales_funnel(team.trainee, NOVEMBER)


def test_period_reversed_is_refused(team):
    with pytest.raises(ValidationError):
        sales_funnel(team.admin, ReportFilter(date_from=_nov(10), date_to=_nov(9)))


def test_abc_boundaries_exactly_at_75_and_95():
    rows = classify([(1, "Альфа", D("50")), (2, "Бета", D("25")), (3, "Гамма", D("20")),
                     (4, "Дельта", D("5")), (5, "Ноль", D("0"))], (D(75), D(95)))
    assert [(r.name, r.cumulative, r.klass) for r in rows] == [
        ("Альфа", D("50.0"), "A"), ("Бета", D("75.0"), "A"),   # reaches 75 %: still A
        ("Гамма", D("95.0"), "B"),                              # starts at 75 %: B
        ("Дельта", D("100.0"), "C")]                            # starts at 95 %: C
    # One client above the threshold on its own is A.
    assert [r.klass for r in classify([(1, "x", D("90")), (2, "y", D("10"))],
                                      (D(75), D(95)))] == ["A", "B"]


def test_abc_of_clients_from_invoices_and_payments(team):
    a = team.admin
    emp = team.senior.actor.employee_id
    orgs = team.org_of
    paid = {}
    for key, total in [("kim", "50000.00"), ("sokolov", "25000.00"), ("gusev", "20000.00"),
                       ("zaitsev", "5000.00")]:
        paid[key] = add_invoice(a, orgs[key], emp, _nov(5), total)
    add_invoice(a, orgs["kuznetsova"], emp, _nov(5), "900000.00", status="cancelled")
    add_invoice(a, orgs["kuznetsova"], emp, date(2026, 10, 31), "900000.00")  # October
    add_payment(a, paid["gusev"], _nov(6), "20000.00")
    add_payment(a, paid["zaitsev"], _nov(6), "5000.00")
    report = abc_analysis(a, NOVEMBER)
    assert report.total == D("100000.00")
    assert [(r.name, r.amount, r.klass) for r in report.rows] == [
        ("ООО «Ромашка»", D("50000.00"), "A"), ("ООО «Лютик»", D("25000.00"), "A"),
        ("ООО «Василёк»", D("20000.00"), "B"), ("ООО «Кактус»", D("5000.00"), "C")]
    assert [(c.klass, c.count, c.amount) for c in report.classes] == [
        ("A", 2, D("75000.00")), ("B", 1, D("20000.00")), ("C", 1, D("5000.00"))]
    by_paid = abc_analysis(a, NOVEMBER, basis="paid")
    assert [(r.name, r.cumulative, r.klass) for r in by_paid.rows] == [
        ("ООО «Василёк»", D("80.0"), "A"), ("ООО «Кактус»", D("100.0"), "B")]
    other = abc_analysis(a, NOVEMBER, thresholds=(D(50), D(80)))
    assert [r.klass for r in other.rows] == ["A", "B", "B", "C"]  # before: 0, 50, 75, 95
    ids = save_as_groups(a, report)
    from ectui.models import OrganizationGroupMember as M

    assert M.select().where(M.group == ids["A"]).count() == 2
    assert M.select().where(M.group == ids["C"]).count() == 1
    save_as_groups(a, abc_analysis(a, NOVEMBER, basis="paid"))  # replaces the members
    assert M.select().where(M.group == ids["A"]).count() == 1
    # Ким reports on his own clients only.
    assert [r.name for r in abc_analysis(team.senior, NOVEMBER).rows] == ["ООО «Ромашка»"]


def test_employee_activity(team):
    a = team.admin
    kim = team.senior.actor.employee_id
    org = team.org_of["kim"]
    add_task(a, org, kim, "call", due=moment(10), finished=moment(10))
    add_task(a, org, kim, "call", status="planned", due=moment(12))         # overdue on the 23rd
    add_task(a, org, kim, "call", status="cancelled", due=moment(15))
    add_task(a, org, kim, "call", finished=moment(5))                        # logged, no due
    add_task(a, org, kim, "call", due=moment(1, 10), finished=moment(1, 10))  # October: out
    add_task(a, org, kim, "meeting", status="planned", due=moment(25))      # not due yet
    report = employee_activity(a, NOVEMBER)
    assert [(r.type_code, r.planned, r.done, r.overdue, r.cancelled, r.done_percent)
            for r in report.rows] == [("meeting", 1, 0, 0, 0, D("0.0")),
                                      ("call", 3, 2, 1, 1, D("66.7"))]
    assert [(r.employee, r.planned, r.done, r.overdue) for r in report.totals] == [
        ("Ким Д.", 4, 2, 1)]
    assert employee_activity(team.manager, NOVEMBER).rows == ()


def test_task_results_shares(team):
    a = team.admin
    kim = team.senior.actor.employee_id
    org = team.org_of["kim"]
    for result in ("decision_maker", "decision_maker", "no_answer", None):
        add_task(a, org, kim, "call", finished=moment(10), result=result)
    add_task(a, org, kim, "meeting", finished=moment(11), result="held")
    add_task(a, org, kim, "call", status="planned", due=moment(12))  # not done: not counted
    results = {r.type_code: r for r in task_results(a, NOVEMBER)}
    calls = results["call"]
    assert calls.done == 4
    assert [(s.code, s.count, s.share) for s in calls.results] == [
        ("decision_maker", 2, D("50.0")), ("no_answer", 1, D("25.0")), ("", 1, D("25.0"))]
    assert [(s.code, s.share) for s in results["meeting"].results] == [("held", D("100.0"))]


def test_sales_volume_by_month_and_channel(team):
    from ectui.models import Organization, Shipment

    a = team.admin
    emp = team.senior.actor.employee_id
    Organization.update(source_channel="Выставка").where(
        Organization.id == team.org_of["kim"]).execute()
    first = add_invoice(a, team.org_of["kim"], emp, date(2026, 10, 20), "1000.10")
    add_invoice(a, team.org_of["kim"], emp, _nov(2), "2000.20")
    add_invoice(a, team.org_of["sokolov"], emp, _nov(3), "300.00")
    add_invoice(a, team.org_of["sokolov"], emp, _nov(3), "999.00", status="cancelled")
    add_payment(a, first, _nov(1), "1000.10")
    Shipment.create(invoice=first, date=date(2026, 10, 25), amount=D("500.05"), author=emp,
                    created_at=a.now())
    report = sales_volume(a, ReportFilter(date_from=date(2026, 10, 1), date_to=_nov(30)))
    assert [(m.month, m.invoiced, m.invoices, m.paid, m.shipped) for m in report.months] == [
        ("2026-10", D("1000.10"), 1, D("0.00"), D("500.05")),
        ("2026-11", D("2300.20"), 2, D("1000.10"), D("0.00"))]
    assert [(c.channel, c.clients, c.invoiced, c.paid) for c in report.channels] == [
        ("Выставка", 1, D("3000.30"), D("1000.10")), ("", 1, D("300.00"), D("0.00"))]
    assert (report.invoiced, report.paid, report.shipped) == (
        D("3300.30"), D("1000.10"), D("500.05"))


def test_report_command_prints_json_csv_and_tables(sqlite_database, monkeypatch, capsys,
                                                    sqlite_only_url):
    import json

    import ectui.session
    from ectui.cli import main

    team = build_team()
    funnel_dataset(team)
    monkeypatch.setattr(ectui.session, "os_login", lambda: "admin")
    # The office works in Moscow time: the days of the period are Moscow days.
    monkeypatch.setattr(ectui.session, "Clock", lambda: team.clock)
    db = ["--db", sqlite_only_url]
    period = ["--from", "01.11.2026", "--to", "30.11.2026"]
    assert main([*db, "report", "funnel", "--employee", "kim", *period,
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["report"] == "funnel"
    assert data["filter"]["date_from"] == "2026-11-01"
    first = data["data"]["steps"][0]
    assert (first["entered"], first["reference_entered"], first["conversion"],
            first["reference_conversion"], first["conversion_delta"], first["mark"]) == (
        1, 4, "100.0", "75.0", "25.0", "better")
    assert data["data"]["reference"]["avg_deal_amount"] == "75000.00"
    assert main([*db, "report", "abc", *period, "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("№,Наименование")
    assert lines[1] == "1,ООО «Ромашка»,150000.00,75.0,75.0,A"
    # Ким's own role: only his client; a trainee's: no reports at all.
    assert main([*db, "report", "funnel", "--user", "kim", *period]) == 0
    table = capsys.readouterr().out
    assert "Холодные звонки" in table and "100.0" in table
    assert main([*db, "report", "activity", "--user", "gusev"]) == 2
    assert main([*db, "report", "funnel", "--from", "31.02.2026"]) == 2
    assert "31.02.2026" in capsys.readouterr().err


def test_client_base_structure(team):
    from ectui.models import Organization
    from ectui.services.groups import create_group, store_memberships
    from ectui.services.reports.client_base import client_base

    a = team.admin
    orgs = team.org_of
    emp = team.senior.actor.employee_id
    Organization.update(category="client").where(
        Organization.id.in_([orgs["kim"], orgs["sokolov"]])).execute()
    Organization.update(category="prospect").where(
        Organization.id.not_in([orgs["kim"], orgs["sokolov"]])).execute()
    Organization.update(segment="Производство").where(Organization.id == orgs["kim"]).execute()
    group = create_group(a, "Ключевые", "organization")
    for key in ("kim", "sokolov"):
        store_memberships("organization", orgs[key], [group.id])
    add_task(a, orgs["kim"], emp, "call", finished=moment(10))             # active
    invoice = add_invoice(a, orgs["sokolov"], emp, _nov(1), "10.00")
    add_payment(a, invoice, _nov(12), "10.00")                             # active
    add_task(a, orgs["gusev"], emp, "call", finished=moment(15, 10))       # October only: lost
    add_task(a, orgs["zaitsev"], emp, "call", finished=moment(20, 10))
    add_task(a, orgs["zaitsev"], emp, "call", finished=moment(5))          # active again
    add_task(a, orgs["kuznetsova"], emp, "call", status="planned", due=moment(24))
    report = client_base(a, NOVEMBER)
    assert (report.total, report.new, report.active, report.lost) == (6, 6, 3, 1)
    assert [(r.key, r.count) for r in report.by_category] == [("prospect", 4), ("client", 2)]
    assert [(r.name, r.count) for r in report.by_segment] == [("(не указано)", 5),
                                                              ("Производство", 1)]
    assert [(r.name, r.count) for r in report.by_group] == [("Ключевые", 2)]
    assert sum(r.count for r in report.by_responsible) == 6
    mine = client_base(team.senior, NOVEMBER)
    assert (mine.total, mine.active, mine.lost) == (1, 1, 0)
    assert client_base(a).new is None and client_base(a).lost is None


def test_configured_steps_and_their_checks(team, funnel_data):
    from ectui.services.reports.funnel_steps import (
        reset_funnel_steps,
        save_funnel_steps,
        steps_from_json,
    )

    steps = steps_from_json('[{"code": "calls", "name": "Звонки", "task_types": ["call"]},'
                            ' {"code": "paid", "task_types": [], "documents": ["payment"]}]')
    save_funnel_steps(team.admin, steps)
    funnel = sales_funnel(team.admin, NOVEMBER)
    # Calls: Ромашка 2, Лютик 3, Василёк 4, Кактус 6; paid: Ромашка 20 (18 days), Кактус 14 (8).
    assert _numbers(funnel) == [("calls", 4, 2, D("50.0"), D("13.0")),
                                ("paid", 2, 0, None, None)]
    assert funnel.steps[0].name == "Звонки"
    with pytest.raises(ValidationError):
        save_funnel_steps(team.admin, steps_from_json(
            '[{"code": "a", "task_types": ["call"]}, {"code": "b", "task_types": ["call"]}]'))
    with pytest.raises(ValidationError):
        steps_from_json("not json")
    with pytest.raises(AccessDenied):
        reset_funnel_steps(team.head)
    reset_funnel_steps(team.admin)
    assert len(sales_funnel(team.admin, NOVEMBER).steps) == 5


def test_abc_of_products_by_invoice_lines(team):
    from ectui.models import InvoiceLine, Product

    a = team.admin
    emp = team.senior.actor.employee_id
    now = a.now()
    shelf = Product.create(name="Стеллаж", price=D("100"), created_at=now, updated_at=now).id
    first = add_invoice(a, team.org_of["kim"], emp, _nov(3), "0")
    second = add_invoice(a, team.org_of["sokolov"], emp, _nov(4), "0")
    lines = [(first, shelf, "Стеллаж", "600.00"), (second, shelf, "Стеллаж складской", "200.00"),
             (first, None, "Доставка", "150.00"), (second, None, "Монтаж", "50.00")]
    for invoice, product, name, total in lines:
        InvoiceLine.create(invoice=invoice, product=product, name=name, quantity=D("1"),
                           price=D(total), vat_rate="none", total=D(total))
    report = abc_analysis(a, NOVEMBER, subject="products")
    assert [(r.key, r.name, r.amount, r.klass) for r in report.rows] == [
        (shelf, "Стеллаж", D("800.00"), "A"),      # renamed in a later invoice: still one row
        (None, "Доставка", D("150.00"), "B"),      # 80 % before it
        (None, "Монтаж", D("50.00"), "C")]         # 95 % before it
