"""Sales documents driven by keys in the real app on an SQLite file: a proposal built from
the price list on the client's card, turned into an invoice with one key, a payment
recorded, the chain on the card, the Sales mode's lists."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ectui.models import Invoice, Payment, Proposal, ProposalLine, Task
from ectui.services import invoices, proposals
from ectui.session import open_session
from screens.app import EctuiApp
from screens.forms.field_form import FieldForm
from screens.forms.product_picker import ProductPicker
from screens.invoice_card import InvoiceScreen
from screens.organization_card import OrganizationCardScreen
from screens.proposal_card import ProposalScreen
from screens.sales import SalesScreen
from screens.widgets.paged_table import PagedTable
from tests.ectui.document_helpers import price_list, set_up_company
from tests.ectui.task_helpers import build_office
from tests.screens.test_forms import screen_text, type_text, wait_until

SIZE = (130, 44)


@pytest.fixture
def office(sqlite_database, clock, tmp_path):
    from ectui.services import company

    office = build_office(clock)
    set_up_company()
    company.save_document_settings(office.admin, {"payment_days": "5",
                                                  "output_dir": str(tmp_path / "docs")})
    office.products = price_list(office.admin)
    return office


def app_for(url: str, clock, login: str = "kim") -> EctuiApp:
    return EctuiApp(open_session(url, login=login, clock=clock))


async def on_screen(pilot, screen_type):
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, screen_type))
    return app.screen


async def test_a_proposal_from_the_card_becomes_an_invoice(office, sqlite_only_url, clock):
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.push_screen(OrganizationCardScreen(office.romashka))
        card = await on_screen(pilot, OrganizationCardScreen)
        await wait_until(pilot, lambda: card.card is not None)
        await pilot.press("ctrl+k")  # a new proposal for this client
        form = await on_screen(pilot, FieldForm)
        assert "ООО «Ромашка»" in screen_text(app)
        form.query_one("#f-subject").focus()
        await type_text(pilot, "Пресс для цеха")
        await pilot.press("ctrl+s")
        screen = await on_screen(pilot, ProposalScreen)
        await wait_until(pilot, lambda: screen.view is not None)
        proposal_id = screen.doc_id
        assert Proposal.get_by_id(proposal_id).subject == "Пресс для цеха"

        await pilot.press("insert")  # from the price list
        await on_screen(pilot, ProductPicker)
        await type_text(pilot, "пресс")
        await wait_until(pilot, lambda: app.screen.query_one(PagedTable).row_count == 1)
        await pilot.press("enter")
        await on_screen(pilot, FieldForm)
        await pilot.press("backspace", "2", "tab", "5", "enter")
        await on_screen(pilot, ProposalScreen)
        await wait_until(pilot, lambda: screen.view is not None and len(screen.view.lines) == 1)
        line = ProposalLine.get(ProposalLine.proposal == proposal_id)
        assert (line.quantity, line.discount_percent, line.amount) == (
            D("2.000"), D("5.00"), D("351500.00"))
        text = screen_text(app)
        assert "Пресс гидравлический ПГ-40" in text
        assert "351 500,00" in text
        assert "Триста пятьдесят одна тысяча пятьсот рублей 00 копеек" in text

        await pilot.press("ctrl+b")  # one key: the invoice
        invoice_screen = await on_screen(pilot, InvoiceScreen)
        await wait_until(pilot, lambda: invoice_screen.view is not None)
        invoice = Invoice.get(Invoice.proposal == proposal_id)
        assert invoice.total == D("351500.00")
        task = Task.get_by_id(invoice.payment_task_id)
        assert task.title == "Оплата счета № 1 от 23.11.2026"
        text = screen_text(app)
        assert "Счет № 1 от 23.11.2026" in text
        assert "«Оплата счета» на 28.11.2026" in text

        await pilot.press("ctrl+o")  # a partial payment
        payment_form = await on_screen(pilot, FieldForm)
        amount = payment_form.query_one("#f-amount")
        amount.value = ""
        amount.focus()
        await type_text(pilot, "100000")
        await pilot.press("ctrl+s")
        await on_screen(pilot, InvoiceScreen)
        await wait_until(pilot, lambda: Payment.select().count() == 1)
        await wait_until(pilot, lambda: invoice_screen.view.paid == D("100000.00"))
        assert "Оплачен частично" in screen_text(app)
        assert Task.get_by_id(invoice.payment_task_id).status == "planned"


async def test_bad_quantity_is_shown_at_its_field(office, sqlite_only_url, clock):
    proposal_id = proposals.create_proposal(office.kim, {"organization_id": office.romashka})
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.push_screen(ProposalScreen(proposal_id))
        await on_screen(pilot, ProposalScreen)
        await pilot.press("insert")
        await on_screen(pilot, ProductPicker)
        await wait_until(pilot, lambda: app.screen.query_one(PagedTable).row_count == 3)
        await pilot.press("enter")
        await on_screen(pilot, FieldForm)
        await pilot.press("backspace", "0", "enter")
        await wait_until(pilot, lambda: "Количество должно быть больше нуля" in screen_text(app))
        assert isinstance(app.screen, FieldForm)
        assert ProposalLine.select().count() == 0


async def test_the_card_shows_the_chain_of_documents(office, sqlite_only_url, clock):
    proposal_id = proposals.create_proposal(office.kim, {"organization_id": office.romashka})
    proposals.add_product(office.kim, proposal_id, office.products["setup"], "2")
    invoice_id = invoices.invoice_from_proposal(office.kim, proposal_id)
    from ectui.services import payments

    payments.record_payment(office.kim, invoice_id, {"amount": "7 000", "document": "п/п 5"})
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.push_screen(OrganizationCardScreen(office.romashka))
        await on_screen(pilot, OrganizationCardScreen)
        await wait_until(pilot, lambda: "КП № 1 от 23.11.2026" in screen_text(app))
        text = screen_text(app)
        assert "Счет № 1 от 23.11.2026" in text
        assert "Оплата 23.11.2026" in text
        assert "Оплачен" in text


async def test_the_sales_mode_lists_and_opens_invoices(office, sqlite_only_url, clock):
    proposal_id = proposals.create_proposal(office.kim, {"organization_id": office.romashka})
    proposals.add_product(office.kim, proposal_id, office.products["manual"], "3")
    invoices.invoice_from_proposal(office.kim, proposal_id)
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause(0.5)
        await pilot.press("f10")
        sales = await on_screen(pilot, SalesScreen)
        await wait_until(pilot, lambda: "Выставлен счет" in screen_text(app))
        await pilot.press("ctrl+t")  # to the invoices
        await wait_until(pilot, lambda: sales.tab == "invoices")
        await wait_until(pilot, lambda: "3 750,00" in screen_text(app))
        sales.query_one("#invoices", PagedTable).focus()
        await pilot.press("enter")
        screen = await on_screen(pilot, InvoiceScreen)
        await wait_until(pilot, lambda: screen.view is not None)
        assert "Руководство по эксплуатации" in screen_text(app)


async def test_an_80_column_terminal_still_shows_whose_documents_they_are(
        office, sqlite_only_url, clock):
    proposal_id = proposals.create_proposal(office.kim, {"organization_id": office.romashka})
    proposals.add_product(office.kim, proposal_id, office.products["manual"], "3")
    invoices.invoice_from_proposal(office.kim, proposal_id)
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause(0.5)
        await pilot.press("f10")
        sales = await on_screen(pilot, SalesScreen)
        await wait_until(pilot, lambda: sales.tab == "proposals")
        await wait_until(pilot, lambda: "ООО «Ромашка»" in screen_text(app))
        await pilot.press("ctrl+t")  # the invoices: the client and what is left to pay
        await wait_until(pilot, lambda: sales.tab == "invoices")
        await wait_until(pilot, lambda: "ООО «Ромашка»" in screen_text(app)
                         and "3 750,00" in screen_text(app))


async def test_a_proposals_lines_show_their_amounts_on_an_80_column_terminal(
        office, sqlite_only_url, clock):
    proposal_id = proposals.create_proposal(office.kim, {"organization_id": office.romashka})
    proposals.add_product(office.kim, proposal_id, office.products["press"], "12")
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.push_screen(ProposalScreen(proposal_id))
        await on_screen(pilot, ProposalScreen)
        await wait_until(pilot, lambda: "Пресс гидр" in screen_text(app))
        line = next(row for row in screen_text(app).splitlines() if "Пресс гидр" in row)
        # 12 × 185 000,00: the price and the line's amount, not cut at the right edge.
        assert "185 000,00" in line and "2 220 000,00" in line


async def test_pdf_without_libreoffice_says_so_and_makes_the_docx(
        office, sqlite_only_url, clock, monkeypatch):
    from ectui.documents import files

    monkeypatch.setattr(files, "soffice_path", lambda: None)
    monkeypatch.setattr(files, "open_file", lambda _path: False)  # a session over SSH
    proposal_id = proposals.create_proposal(office.kim, {"organization_id": office.romashka})
    proposals.add_product(office.kim, proposal_id, office.products["manual"], "3")
    invoice_id = invoices.invoice_from_proposal(office.kim, proposal_id)
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.push_screen(InvoiceScreen(invoice_id))
        screen = await on_screen(pilot, InvoiceScreen)
        await wait_until(pilot, lambda: screen.view is not None)
        await pilot.press("ctrl+f")  # not a silent key: the reason, and the .docx instead
        await wait_until(pilot, lambda: "нет LibreOffice" in screen_text(app), timeout=20)
        assert ".docx" in screen_text(app)


async def test_the_invoices_payment_task_is_in_today_on_its_date(office, sqlite_only_url, clock):
    import datetime as dt

    from screens.today import TodayScreen

    proposal_id = proposals.create_proposal(office.kim, {"organization_id": office.romashka})
    proposals.add_product(office.kim, proposal_id, office.products["manual"], "3")
    invoices.invoice_from_proposal(office.kim, proposal_id)
    clock.advance(dt.timedelta(days=5))  # 28.11.2026, the day to pay by
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await wait_until(pilot, lambda: "Сегодня: 1" in screen_text(app))
        line = next(row for row in screen_text(app).splitlines() if "Оплата счета" in row)
        assert line.lstrip().startswith("●") and "сегодня" in line


async def test_a_paid_invoice_no_longer_shows_its_payment_reminder_as_planned(
        office, sqlite_only_url, clock):
    from ectui.services import payments

    proposal_id = proposals.create_proposal(office.kim, {"organization_id": office.romashka})
    proposals.add_product(office.kim, proposal_id, office.products["manual"], "3")
    invoice_id = invoices.invoice_from_proposal(office.kim, proposal_id)
    payments.record_payment(office.kim, invoice_id, {"amount": "3 750,00", "document": "п/п 7"})
    app = app_for(sqlite_only_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(InvoiceScreen(invoice_id))
        screen = await on_screen(pilot, InvoiceScreen)
        await wait_until(pilot, lambda: screen.view is not None)
        await wait_until(pilot, lambda: "«Оплата счета» выполнена" in screen_text(app))
        assert "«Оплата счета» на 28.11.2026" not in screen_text(app)
