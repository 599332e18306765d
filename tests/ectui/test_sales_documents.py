"""The price list, proposals and invoices on both engines: numbering, totals in Decimal,
the «Оплата счета» task an invoice plans, payments and shipments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from ectui.errors import UserError, ValidationError
from ectui.models import Invoice, Product, Task
from ectui.services import company, invoices, payments, products, proposals
from ectui.services.today import today_items
from tests.ectui.document_helpers import price_list, set_up_company
from tests.ectui.task_helpers import build_office


@pytest.fixture
def office(database):
    office = build_office()
    set_up_company()
    office.products = price_list(office.admin)
    return office


def _proposal(office, **data) -> int:
    return proposals.create_proposal(office.kim, {
        "organization_id": office.romashka, "contact_id": office.kovaleva,
        "subject": "Поставка пресса", **data})


def test_the_price_list_is_searched_and_checked(office):
    rows = products.list_products(products.ProductFilter(query="пресс"), 0, 10)
    assert [r.name for r in rows] == ["Пресс гидравлический ПГ-40"]
    assert rows[0].price == D("185000.00")
    assert products.count_products(products.ProductFilter(kind="service")) == 1
    with pytest.raises(ValidationError) as caught:
        products.save_product(office.admin, {"name": "", "unit": "шт", "price": "12,345",
                                             "vat_rate": "семь"})
    assert set(caught.value.errors) == {"name", "price", "vat_rate"}


def test_only_the_admin_changes_the_price_list(office):
    with pytest.raises(UserError):
        products.save_product(office.kim, {"name": "Болт", "unit": "шт", "price": "1"})


def test_a_used_product_is_archived_not_deleted(office):
    proposal = _proposal(office)
    proposals.add_product(office.kim, proposal, office.products["manual"])
    assert products.delete_product(office.admin, office.products["manual"]) == "archived"
    assert products.delete_product(office.admin, office.products["setup"]) == "deleted"
    assert Product.get_by_id(office.products["manual"]).is_active is False
    assert products.count_products(products.ProductFilter()) == 1


def test_a_proposal_with_lines_discounts_and_totals(office):
    proposal = _proposal(office)
    press = proposals.add_product(office.kim, proposal, office.products["press"], "2", "5")
    proposals.add_product(office.kim, proposal, office.products["manual"], "2")
    proposals.add_product(office.kim, proposal, office.products["setup"], "8")
    view = proposals.proposal_view(office.kim, proposal)
    assert view.number == 1 and view.date == dt.date(2026, 11, 23)
    assert [line.vat_rate for line in view.lines] == ["22", "10", "22"]  # "" took the 22 %
    press_line = view.lines[0]
    assert press_line.amount == D("351500.00")  # 370 000 − 5 %
    assert press_line.vat == D("63385.25")      # 351 500 × 22 / 122 = 63 385.245…
    assert view.totals.total == D("351500.00") + D("2500.00") + D("28000.00")
    assert view.totals.vat == D("63385.25") + D("227.27") + D("5049.18")
    # The people on both sides: the manager and the client's contact person.
    assert {(p.side, p.name) for p in view.people} == {
        ("ours", "Ким Денис Олегович"), ("client", "Ковалева Юлия Михайловна")}
    proposals.save_line(office.kim, proposal, {**proposals.line_for_edit(
        office.kim, proposal, press), "quantity": "1"}, line_id=press)
    assert proposals.proposal_view(office.kim, proposal).lines[0].amount == D("175750.00")


def test_vat_on_top_when_the_company_says_so(office):
    set_up_company(vat_mode="on_top")
    proposal = _proposal(office)
    proposals.add_product(office.kim, proposal, office.products["setup"], "1")
    view = proposals.proposal_view(office.kim, proposal)
    assert (view.totals.amount, view.totals.vat, view.totals.total) == (
        D("3500.00"), D("770.00"), D("4270.00"))


def test_a_rate_change_does_not_touch_issued_documents(office):
    proposal = _proposal(office)
    proposals.add_product(office.kim, proposal, office.products["setup"], "1")
    set_up_company(vat_rate=20)
    proposals.add_product(office.kim, proposal, office.products["setup"], "1")
    assert [line.vat_rate for line in proposals.proposal_view(office.kim, proposal).lines] \
        == ["22", "20"]


def test_numbers_run_per_year(office):
    first = _proposal(office)
    second = _proposal(office, date="30.12.2026")
    third = _proposal(office, date="09.01.2027")
    numbers = [proposals.proposal_view(office.kim, p).number for p in (first, second, third)]
    assert numbers == [1, 2, 1]


def test_a_client_may_have_several_proposals(office):
    _proposal(office)
    _proposal(office, subject="Запчасти")
    rows = proposals.list_proposals(proposals.ProposalFilter(organization_id=office.romashka),
                                    0, 10)
    assert len(rows) == 2 and {r.organization for r in rows} == {"ООО «Ромашка»"}


def test_others_do_not_see_a_managers_proposal(office):
    proposal = _proposal(office)
    with pytest.raises(UserError):
        proposals.proposal_view(office.zaitsev, proposal)
    assert proposals.count_proposals(proposals.ProposalFilter(viewer=office.zaitsev.actor)) == 0
    assert proposals.count_proposals(proposals.ProposalFilter(viewer=office.head.actor)) == 1


def test_a_proposal_becomes_an_invoice_with_a_payment_task(office):
    proposal = _proposal(office)
    proposals.add_product(office.kim, proposal, office.products["press"], "1")
    invoice_id = invoices.invoice_from_proposal(office.kim, proposal)
    view = invoices.invoice_view(office.kim, invoice_id)
    assert view.number == 1 and view.proposal[0] == proposal
    assert view.totals.total == D("185000.00")
    assert view.pay_until == dt.date(2026, 11, 28)  # five days, the company's setting
    assert proposals.proposal_view(office.kim, proposal).status == "invoiced"
    task = Task.get_by_id(view.payment_task_id)
    assert task.title == "Оплата счета № 1 от 23.11.2026"
    assert task.task_type.code == "payment"
    assert task.organization_id == office.romashka
    assert task.responsible_id == office.kim.actor.employee_id
    assert task.due_at.astimezone(office.clock.now().tzinfo).date() == dt.date(2026, 11, 28)
    assert task.status == "planned"
    # On the due date it is in Kim's Today.
    office.clock.advance(dt.timedelta(days=5))
    today = [item for item in today_items(office.kim, 0, 50) if hasattr(item, "row")]
    assert any(item.section == "today" and item.row.id == task.id for item in today)


def test_an_empty_proposal_is_not_invoiced(office):
    with pytest.raises(UserError) as caught:
        invoices.invoice_from_proposal(office.kim, _proposal(office))
    assert caught.value.key == "documents.proposal_empty"


def test_the_payment_days_are_a_setting(office):
    company.save_document_settings(office.admin, {"payment_days": "10"})
    invoice_id = invoices.create_invoice(office.kim, {"organization_id": office.romashka})
    assert invoices.invoice_view(office.kim, invoice_id).pay_until == dt.date(2026, 12, 3)


def test_moving_the_payment_date_moves_the_task(office):
    invoice_id = invoices.create_invoice(office.kim, {"organization_id": office.romashka})
    version, values, _names = invoices.invoice_for_edit(office.kim, invoice_id)
    invoices.update_invoice(office.kim, invoice_id, {**values, "pay_until": "07.12.2026"},
                            expected_version=version)
    task = Task.get_by_id(Invoice.get_by_id(invoice_id).payment_task_id)
    assert task.due_at.astimezone(office.clock.now().tzinfo).date() == dt.date(2026, 12, 7)


def test_partial_then_full_payment_closes_the_task(office):
    proposal = _proposal(office)
    proposals.add_product(office.kim, proposal, office.products["manual"], "4")
    invoice_id = invoices.invoice_from_proposal(office.kim, proposal)
    payments.record_payment(office.kim, invoice_id, {"amount": "2 000", "document": "п/п 17"})
    view = invoices.invoice_view(office.kim, invoice_id)
    assert (view.status, view.paid, view.debt) == ("partly_paid", D("2000.00"), D("3000.00"))
    assert Task.get_by_id(view.payment_task_id).status == "planned"
    with pytest.raises(ValidationError) as caught:
        payments.record_payment(office.kim, invoice_id, {"amount": "3 000,01"})
    assert caught.value.errors["amount"].key == "documents.amount_above_debt"
    last = payments.record_payment(office.kim, invoice_id, {"amount": "3000"})
    view = invoices.invoice_view(office.kim, invoice_id)
    assert view.status == "paid"
    task = Task.get_by_id(view.payment_task_id)
    assert task.status == "done" and task.result.code == "paid"
    with pytest.raises(UserError):
        invoices.save_line(office.kim, invoice_id, {"name": "x", "unit": "шт", "quantity": "1",
                                                     "price": "1"})
    payments.delete_payment(office.kim, invoice_id, last)
    view = invoices.invoice_view(office.kim, invoice_id)
    assert view.status == "partly_paid"
    assert Task.get_by_id(view.payment_task_id).status == "planned"


def test_shipments_are_recorded(office):
    proposal = _proposal(office)
    proposals.add_product(office.kim, proposal, office.products["setup"], "2")
    invoice_id = invoices.invoice_from_proposal(office.kim, proposal)
    payments.record_shipment(office.kim, invoice_id, {"amount": "3 500", "document": "Акт № 3"})
    view = invoices.invoice_view(office.kim, invoice_id)
    assert view.shipped == D("3500.00")
    assert [(s.document, s.amount) for s in view.shipments] == [("Акт № 3", D("3500.00"))]


def test_cancelling_an_invoice_cancels_its_task(office):
    invoice_id = invoices.create_invoice(office.kim, {"organization_id": office.romashka})
    invoices.cancel_invoice(office.kim, invoice_id)
    invoice = Invoice.get_by_id(invoice_id)
    assert invoice.status == "cancelled"
    assert Task.get_by_id(invoice.payment_task_id).status == "cancelled"


def test_documents_need_our_company(database):
    from tests.ectui.helpers import admin_context

    ctx = admin_context()
    from ectui.services.organizations import save_organization
    from tests.ectui.helpers import ROMASHKA

    org = save_organization(ctx, ROMASHKA)
    with pytest.raises(UserError) as caught:
        proposals.create_proposal(ctx, {"organization_id": org})
    assert caught.value.key == "company.not_set"


def test_no_proposal_for_a_client_one_may_not_see(office):
    with pytest.raises(UserError):
        proposals.create_proposal(office.zaitsev, {"organization_id": office.romashka})


def test_the_chain_of_a_client(office):
    from ectui.services.document_chain import client_chain

    proposal = _proposal(office)
    proposals.add_product(office.kim, proposal, office.products["setup"], "1")
    invoice_id = invoices.invoice_from_proposal(office.kim, proposal)
    payments.record_payment(office.kim, invoice_id, {"amount": "1000", "document": "п/п 1"})
    payments.record_shipment(office.kim, invoice_id, {"amount": "3500", "document": "Акт 1"})
    rows = client_chain(office.romashka, office.kim.actor)
    assert [(r.kind, r.depth) for r in rows] == [
        ("proposal", 0), ("invoice", 1), ("payment", 2), ("shipment", 2)]
    assert rows[1].status == "partly_paid"
    assert client_chain(office.romashka, office.zaitsev.actor) == []
