"""After the sale, driven by keys in the real app on an SQLite file: a product put into the
client's installed base on its card, a request registered about it with one key, shown late
in the requests list, moved to its next step by keyboard, its history on its own card."""

from __future__ import annotations

import datetime as dt

import pytest

from ectui.models import ClientRequest, InstalledItem, RequestEvent
from ectui.services import service_requests
from ectui.services.employees import set_department_head
from ectui.session import open_session
from screens.app import EctuiApp
from screens.forms.field_form import FieldForm
from screens.organization_card import OrganizationCardScreen
from screens.service import ServiceScreen
from screens.service_cards import InstalledTable
from screens.service_reports import ServiceReportScreen
from screens.service_request import RequestScreen
from screens.widgets.paged_table import PagedTable
from tests.ectui.task_helpers import build_office
from tests.screens.test_forms import screen_text, type_text, wait_until

SIZE = (140, 48)


@pytest.fixture
def office(sqlite_database, clock):
    office = build_office(clock)
    # Кузнецова heads the sales department: she controls its requests.
    set_department_head(office.admin, "Отдел продаж", office.head.actor.employee_id)
    return office


async def on_screen(pilot, screen_type):
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, screen_type))
    return app.screen


async def test_register_from_the_card_then_move_it_by_keyboard(office, sqlite_only_url, clock):
    app = EctuiApp(open_session(sqlite_only_url, login="kim", clock=clock))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.push_screen(OrganizationCardScreen(office.romashka))
        card = await on_screen(pilot, OrganizationCardScreen)
        await wait_until(pilot, lambda: card.query(InstalledTable))
        table = card.query_one(InstalledTable)
        card.set_focus(table)
        await pilot.press("insert")  # a product the client has
        form = await on_screen(pilot, FieldForm)
        await type_text(pilot, "Пресс ПГ-40")
        await pilot.press("tab")
        await type_text(pilot, "ПГ-0001")
        form.query_one("#f-installed_on").focus()
        await type_text(pilot, "01.12.2025")
        await pilot.press("ctrl+s")
        await on_screen(pilot, OrganizationCardScreen)
        await wait_until(pilot, lambda: table.row_count == 1)
        item = InstalledItem.get()
        assert (item.serial_number, item.warranty_until) == ("ПГ-0001", dt.date(2026, 11, 30))
        assert "◐ до 30.11.2026 скоро" in screen_text(app)

        card.set_focus(table)
        await pilot.press("ctrl+o")  # a request about the highlighted product
        await on_screen(pilot, FieldForm)
        await type_text(pilot, "Не включается")
        await pilot.press("ctrl+s")
        await on_screen(pilot, OrganizationCardScreen)
        await wait_until(pilot, lambda: ClientRequest.select().count() == 1)
        req = ClientRequest.get()
        assert (req.item_id, req.subject, req.channel) == (item.id, "Не включается", "phone")
        await wait_until(pilot, lambda: "Обращения клиента" in screen_text(app))

        clock.advance(dt.timedelta(hours=3))  # past the 2 working hours of the first step
        await pilot.press("f11")
        screen = await on_screen(pilot, ServiceScreen)
        requests = screen.query_one(PagedTable)
        await wait_until(pilot, lambda: requests.row_count == 1)
        await wait_until(pilot, lambda: "▲ просрочено на 1 ч" in screen_text(app))

        await pilot.press("ctrl+g")  # to the next step
        await on_screen(pilot, FieldForm)
        await type_text(pilot, "Диагностика по телефону")
        await pilot.press("enter")
        await on_screen(pilot, ServiceScreen)
        await wait_until(pilot, lambda: ClientRequest.get().version == 2)
        assert ClientRequest.get().step.code == "diagnosed"
        event = RequestEvent.select().order_by(RequestEvent.id.desc()).first()
        assert (event.comment, event.was_late) == ("Диагностика по телефону", True)
        await wait_until(pilot, lambda: "Диагностика проведена" in screen_text(app))

        await pilot.press("enter")  # the request's card with its history
        detail = await on_screen(pilot, RequestScreen)
        await wait_until(pilot, lambda: detail.detail is not None)
        text = screen_text(app)
        assert "Диагностика по телефону" in text and "▲ шаг просрочен" in text
        assert "Кузнецова М. А." in text  # the head of the department controls it

        await pilot.press("ctrl+u")  # back a step needs a reason
        back = await on_screen(pilot, FieldForm)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Причина" in screen_text(app) and back.is_current)
        await type_text(pilot, "Клиент просит повторить")
        await pilot.press("enter")
        await on_screen(pilot, RequestScreen)
        await wait_until(pilot, lambda: ClientRequest.get().step.code == "registered")


async def test_requests_reports_and_the_late_filter(office, sqlite_only_url, clock):
    service_requests.register_request(office.kim, {
        "organization_id": office.romashka, "subject": "Течет масло", "priority": 1})
    clock.advance(dt.timedelta(hours=2))
    app = EctuiApp(open_session(sqlite_only_url, login="kuznetsova", clock=clock))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("f11")
        screen = await on_screen(pilot, ServiceScreen)
        table = screen.query_one(PagedTable)
        await wait_until(pilot, lambda: table.row_count == 1)  # the controller's «mine»
        for _ in range(2):
            await pilot.press("ctrl+f")  # mine → open → late
        await wait_until(pilot, lambda: screen.scope == "late" and table.row_count == 1)
        assert "▲" in screen_text(app)
        await pilot.press("ctrl+r")
        await on_screen(pilot, ServiceReportScreen)
        await wait_until(pilot, lambda: "Обращений: 1; решено: 0" in screen_text(app))
        assert "ООО «Ромашка»" in screen_text(app)


async def test_a_shipment_goes_into_the_installed_base_by_keyboard(office, sqlite_only_url,
                                                                  clock):
    from ectui.services import invoices, payments
    from screens.forms.pick_option import PickOption
    from tests.ectui.document_helpers import price_list, set_up_company

    set_up_company()
    goods = price_list(office.admin)
    invoice = invoices.create_invoice(office.kim, {"organization_id": office.romashka})
    invoices.add_product(office.kim, invoice, goods["press"], "1")
    invoices.add_product(office.kim, invoice, goods["setup"], "2")
    payments.record_shipment(office.kim, invoice, {"amount": "1000", "document": "УПД 45"})
    app = EctuiApp(open_session(sqlite_only_url, login="kim", clock=clock))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.push_screen(OrganizationCardScreen(office.romashka))
        card = await on_screen(pilot, OrganizationCardScreen)
        await wait_until(pilot, lambda: card.query(InstalledTable))
        card.set_focus(card.query_one(InstalledTable))
        await pilot.press("ctrl+d")
        await on_screen(pilot, PickOption)
        assert "УПД 45" in screen_text(app)
        await pilot.press("enter")
        await on_screen(pilot, OrganizationCardScreen)
        await wait_until(pilot, lambda: InstalledItem.select().count() == 1)
        await wait_until(pilot, lambda: "Пресс гидравлический" in screen_text(app))
        assert InstalledItem.get().shipment_id is not None


async def test_an_80_column_terminal_shows_the_client_the_subject_and_each_comment(
        office, sqlite_only_url, clock):
    service_requests.register_request(office.kim, {
        "organization_id": str(office.romashka), "subject": "Штабелер не поднимает груз",
        "priority": "high"})
    app = EctuiApp(open_session(sqlite_only_url, login="kim", clock=clock))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("f11")
        screen = await on_screen(pilot, ServiceScreen)
        requests = screen.query_one(PagedTable)
        await wait_until(pilot, lambda: requests.row_count == 1)
        await wait_until(pilot, lambda: "ООО «Ромашка»" in screen_text(app))
        assert "Штабелер не" in screen_text(app)

        await pilot.press("ctrl+g")
        await on_screen(pilot, FieldForm)
        await type_text(pilot, "Позвонили, выезд завтра утром")
        await pilot.press("enter")
        await on_screen(pilot, ServiceScreen)
        await pilot.press("enter")
        detail = await on_screen(pilot, RequestScreen)
        await wait_until(pilot, lambda: detail.detail is not None)
        await wait_until(pilot, lambda: "Позвонили, выезд завтра утром" in screen_text(app))


async def test_a_product_typed_in_words_is_not_called_one_from_the_installed_base(
        office, sqlite_only_url, clock):
    request_id = service_requests.register_request(office.kim, {
        "organization_id": str(office.romashka), "subject": "Течет масло",
        "product_text": "Штабелер ES-15"})
    app = EctuiApp(open_session(sqlite_only_url, login="kim", clock=clock))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.push_screen(RequestScreen(request_id))
        detail = await on_screen(pilot, RequestScreen)
        await wait_until(pilot, lambda: detail.detail is not None)
        await wait_until(pilot, lambda: "Изделие: Штабелер ES-15" in screen_text(app))
        assert "из базы клиента" not in screen_text(app)
