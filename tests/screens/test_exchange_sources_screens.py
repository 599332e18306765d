"""Driven by keys: an import from an SQL database in the F9 import tab, a mailing list by ABC
class, and an e-mail written from a contact's and an organization's card (Ctrl+W) that
reaches a local SMTP server and lands in the client's history."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from textual.widgets import Input, Select, TabbedContent

from ectui.models import Contact, MailMessage, OutboxMessage, Task
from ectui.services import mail_templates
from ectui.services.contacts import save_contact
from ectui.services.mail_settings import save_smtp_settings
from ectui.services.organizations import save_organization
from screens.app import EctuiApp
from screens.contact_card import ContactCardScreen
from screens.forms.email_form import EmailForm
from screens.organization_card import OrganizationCardScreen
from tests.ectui.report_helpers import add_invoice
from tests.ectui.smtp_helpers import free_port, local_smtp
from tests.screens.test_exchange_screen import SIZE, _open, _session
from tests.screens.test_forms import screen_text, type_text, wait_until


@pytest.fixture
def smtp_server():
    yield from local_smtp()


async def test_rows_of_an_sqlite_database_are_mapped_checked_and_imported(
        sqlite_database, sqlite_only_url, tmp_path):
    source = tmp_path / "old_crm.db"
    with sqlite3.connect(source) as conn:
        conn.execute('CREATE TABLE people ("Фамилия" TEXT, "Имя" TEXT, "E-mail" TEXT)')
        conn.executemany("INSERT INTO people VALUES (?, ?, ?)",
                         [("Петров", "Иван", "petrov@x.ru"), ("Сидоров", "Олег", "bad@@x")])
    app = EctuiApp(_session(sqlite_database, sqlite_only_url))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await _open(pilot)
        screen.query_one("#import-path", Input).focus()
        await type_text(pilot, f"sqlite:///{source}")
        await pilot.press("ctrl+r")  # no query yet: said where it is to be typed
        await wait_until(pilot, lambda: "запрос SELECT или имя таблицы" in screen_text(app))
        assert screen.focused is screen.query_one("#import-query", Input)
        await type_text(pilot, "people")
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: "Прочитано строк: 2" in screen_text(app))
        assert screen.query_one("#map-2", Select).value == "email"
        await pilot.press("ctrl+r")  # the dry run
        await wait_until(pilot, lambda: "Пробный прогон" in screen_text(app))
        assert "Строка 2 отклонена" in screen_text(app)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Импорт не выполнен" in screen_text(app))
        assert Contact.select().count() == 0

        query = screen.query_one("#import-query", Input)
        query.value = "SELECT * FROM people WHERE \"E-mail\" LIKE '%@x.ru'"
        await pilot.press("ctrl+s")  # another query: its mapping is shown to check first
        await wait_until(pilot, lambda: "Прочитано строк: 1" in screen_text(app))
        assert Contact.select().count() == 0
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Импорт завершён" in screen_text(app))
        assert [c.last_name for c in Contact.select()] == ["Петров"]


async def test_a_mailing_list_by_abc_class(sqlite_database, sqlite_only_url):
    session = _session(sqlite_database, sqlite_only_url)
    ctx = session.context
    for name, total in (("Альфа", "900000.00"), ("Бета", "100000.00")):
        org = save_organization(ctx, {"name": f"ООО «{name}»"})
        add_invoice(ctx, org, ctx.actor.employee_id, dt.date(2026, 10, 1), total)
        save_contact(ctx, {"last_name": f"{name}ова", "first_name": "Анна",
                           "organization_id": org, "email": f"{name}@x.ru"})
    mail_templates.save_template(ctx, name="Спасибо", subject="Спасибо, {{ фио }}",
                                 body="{{ обращение }}!")
    app = EctuiApp(session)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await _open(pilot)
        await pilot.press("ctrl+t", "ctrl+t")
        await wait_until(pilot, lambda: screen.query_one(TabbedContent).active == "tab-mailing")
        template = screen.query_one("#mail-template", Select)
        await wait_until(pilot, lambda: len(template._options) > 1)
        template.value = next(v for label, v in template._options
                              if str(label).startswith("Спасибо"))
        screen.query_one("#mail-abc", Select).value = "B"
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: "Получателей: 1" in screen_text(app))
        assert "Бетаова" in screen_text(app) and "Альфаова" not in screen_text(app)


def _client(ctx, port: int) -> tuple[int, int]:
    save_smtp_settings(ctx, {"host": "127.0.0.1", "port": port, "security": "none",
                             "sender": "sales@romashka-crm.ru", "pause_seconds": "0"})
    org = save_organization(ctx, {"name": "ООО «Ромашка»", "email": "info@romashka.ru"})
    person = save_contact(ctx, {"last_name": "Иванова", "first_name": "Юлия",
                                "patronymic": "Михайловна", "organization_id": org,
                                "email": "ivanova@romashka.ru"})
    return org, person


async def test_an_email_is_written_from_a_contacts_card_and_kept_in_its_history(
        sqlite_database, sqlite_only_url, smtp_server):
    session = _session(sqlite_database, sqlite_only_url)
    _org, person = _client(session.context, smtp_server.port)
    app = EctuiApp(session)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.push_screen(ContactCardScreen(person))
        await wait_until(pilot, lambda: "Иванова Юлия Михайловна" in screen_text(app))
        await pilot.press("ctrl+w")
        await wait_until(pilot, lambda: isinstance(app.screen, EmailForm))
        assert "Кому: Иванова Юлия Михайловна <ivanova@romashka.ru>" in screen_text(app)
        await pilot.press("ctrl+s")  # nothing typed: told at the subject
        await wait_until(pilot, lambda: "тему" in screen_text(app).lower())
        await type_text(pilot, "Счёт за ноябрь")
        await pilot.press("tab")
        await type_text(pilot, "Юлия Михайловна, добрый день!")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Письмо отправлено на ivanova@romashka.ru"
                         in screen_text(app))
        assert isinstance(app.screen, ContactCardScreen)
    (received,) = smtp_server.recorder.received
    assert received.recipients == ["ivanova@romashka.ru"]
    assert received.message["Subject"] == "Счёт за ноябрь"
    task = Task.get(Task.contact == person)
    assert task.title == "Счёт за ноябрь"
    assert MailMessage.get(MailMessage.message_id == received.message["Message-ID"]).body \
        .startswith("Юлия Михайловна")


async def test_an_email_the_server_did_not_take_is_sent_again_never_twice(
        sqlite_database, sqlite_only_url, smtp_server):
    session = _session(sqlite_database, sqlite_only_url)
    org, _person = _client(session.context, free_port())  # nobody listens there yet
    app = EctuiApp(session)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.push_screen(OrganizationCardScreen(org))
        await wait_until(pilot, lambda: "ООО «Ромашка»" in screen_text(app))
        await pilot.press("ctrl+w")
        await wait_until(pilot, lambda: isinstance(app.screen, EmailForm))
        assert "<info@romashka.ru>" in screen_text(app)
        await type_text(pilot, "Договор")
        await pilot.press("tab")
        await type_text(pilot, "Проект договора готов.")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Не отправлено" in screen_text(app))
        assert isinstance(app.screen, EmailForm)
        assert OutboxMessage.get().status == "pending"
        save_smtp_settings(session.context, {"host": "127.0.0.1", "port": smtp_server.port,
                                             "security": "none",
                                             "sender": "sales@romashka-crm.ru",
                                             "pause_seconds": "0"})
        await pilot.press("ctrl+s")  # the same letter, now the server is there
        await wait_until(pilot, lambda: "Письмо отправлено на info@romashka.ru"
                         in screen_text(app))
    assert len(smtp_server.recorder.received) == 1
    assert OutboxMessage.select().count() == 1 and OutboxMessage.get().status == "sent"
    assert Task.get(Task.organization == org).title == "Договор"


async def test_a_card_without_an_address_says_so_instead_of_a_form(sqlite_database,
                                                                   sqlite_only_url):
    session = _session(sqlite_database, sqlite_only_url)
    ctx = session.context
    save_smtp_settings(ctx, {"host": "127.0.0.1", "port": "25", "security": "none",
                             "sender": "sales@romashka-crm.ru"})
    person = save_contact(ctx, {"last_name": "Кузнецова", "first_name": "Анна"})
    app = EctuiApp(session)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.push_screen(ContactCardScreen(person))
        await wait_until(pilot, lambda: "Кузнецова Анна" in screen_text(app))
        await pilot.press("ctrl+w")
        await wait_until(pilot, lambda: "нет адреса e-mail" in screen_text(app))
        assert isinstance(app.screen, ContactCardScreen)
