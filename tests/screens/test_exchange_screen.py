"""«Обмен и рассылки» driven by keys: a file is read, mapped, dry-run and imported; a
mailing is previewed and sent to a local SMTP server with a progress bar."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select, TabbedContent

from ectui.clock import FixedClock
from ectui.models import Contact, Task
from ectui.services.contacts import save_contact
from ectui.services.context import Context
from ectui.services.employees import actor_for_login, create_employee
from ectui.services.groups import create_group
from ectui.services.mail_settings import save_smtp_settings
from ectui.session import Session
from screens.app import EctuiApp
from screens.exchange import ExchangeScreen
from tests.ectui.helpers import NOW
from tests.ectui.smtp_helpers import local_smtp
from tests.screens.test_forms import screen_text, type_text, wait_until

SIZE = (120, 40)


@pytest.fixture
def smtp_server():
    yield from local_smtp()


def _session(db, url: str) -> Session:
    clock = FixedClock(NOW)
    create_employee(None, "tester", "Тестов", "Тест", is_admin=True, now=clock.now())
    return Session(url, db, Context(actor_for_login("tester"), clock, "test"), [])


async def _open(pilot) -> ExchangeScreen:
    await pilot.press("f9")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ExchangeScreen))
    return pilot.app.screen


async def test_a_file_is_mapped_checked_and_imported_with_its_rejected_rows_listed(
        sqlite_database, sqlite_only_url, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("Фамилия;Имя;E-mail;Откуда\nПетров;Иван;petrov@x.ru;выставка\n"
                    "Сидоров;Олег;bad@@x;\n", encoding="utf-8")
    app = EctuiApp(_session(sqlite_database, sqlite_only_url))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await _open(pilot)
        screen.query_one("#import-path", Input).focus()
        await type_text(pilot, str(path))
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: "Прочитано строк: 2" in screen_text(app))
        assert screen.query_one("#map-0", Select).value == "last_name"
        assert screen.query_one("#map-3", Select).value == "__skip__"

        await pilot.press("ctrl+r")  # the dry run
        await wait_until(pilot, lambda: "Пробный прогон" in screen_text(app))
        text = screen_text(app)
        assert "Строка 3 отклонена" in text and "«bad@@x»" in text
        assert "Колонка «Откуда» не импортируется" in text
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Импорт не выполнен" in screen_text(app))
        assert Contact.select().count() == 0

        path.write_text("Фамилия;Имя;E-mail\nПетров;Иван;petrov@x.ru\n", encoding="utf-8")
        await pilot.press("ctrl+s")  # the file changed its columns: the mapping is shown again
        await wait_until(pilot, lambda: "Прочитано строк: 1, колонок: 3" in screen_text(app))
        assert Contact.select().count() == 0
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Импорт завершён" in screen_text(app))
        assert Contact.get().email == "petrov@x.ru"


async def test_a_birthday_mailing_is_previewed_and_sent_from_the_screen(
        sqlite_database, sqlite_only_url, smtp_server):
    session = _session(sqlite_database, sqlite_only_url)
    ctx = session.context
    vip = create_group(ctx, "Очень важные лица", "contact")
    save_contact(ctx, {"last_name": "Иванова", "first_name": "Юлия", "patronymic": "Михайловна",
                       "email": "ivanova@romashka.ru", "birthday": "25.11.1980"},
                 group_ids=[vip.id])
    save_contact(ctx, {"last_name": "Петров", "first_name": "Иван", "patronymic": "Петрович",
                       "email": "petrov@romashka.ru", "birthday": "01.01.1980"},
                 group_ids=[vip.id])
    save_smtp_settings(ctx, {"host": "127.0.0.1", "port": smtp_server.port,
                             "security": "none", "sender": "sales@romashka-crm.ru",
                             "pause_seconds": "0"})
    app = EctuiApp(session)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await _open(pilot)
        await pilot.press("ctrl+t", "ctrl+t")
        await wait_until(pilot, lambda: screen.query_one(TabbedContent).active == "tab-mailing")
        template = screen.query_one("#mail-template", Select)
        await wait_until(pilot, lambda: len(template._options) > 1)
        template.value = next(v for label, v in template._options
                              if str(label).startswith("Поздравление"))
        group = screen.query_one("#mail-group", Select)
        await wait_until(pilot, lambda: len(group._options) > 1)
        group.value = vip.id
        screen.query_one("#mail-birthdays").value = True
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: "Получателей: 1" in screen_text(app))
        assert "Уважаемая Юлия Михайловна!" in screen_text(app)

        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Отправить письма: 1" in screen_text(app))
        await pilot.press("y")
        await wait_until(pilot, lambda: "Отправлено 1" in screen_text(app))
        assert [r.recipients for r in smtp_server.recorder.received] == [["ivanova@romashka.ru"]]
        assert Task.select().count() == 1

        await pilot.press("ctrl+s")  # the same list again: the rest of the same mailing
        await wait_until(pilot, lambda: "Отправлено 0" in screen_text(app))
        assert len(smtp_server.recorder.received) == 1


async def test_a_campaign_is_added_and_its_return_shown(sqlite_database, sqlite_only_url):
    app = EctuiApp(_session(sqlite_database, sqlite_only_url))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await _open(pilot)
        for _ in range(4):
            await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: screen.query_one(TabbedContent).active == "tab-campaigns")
        await wait_until(pilot, lambda: "Кампаний пока нет" in screen_text(app))
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: app.screen.query("#campaign-name"))
        await type_text(pilot, "Выставка")
        app.screen.query_one("#campaign-cost", Input).value = "-5"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Сумма не может быть отрицательной" in screen_text(app))
        app.screen.query_one("#campaign-cost", Input).value = "100 000"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Выставка" in screen_text(app)
                         and "100 000,00" in screen_text(app))


async def test_contacts_and_the_whole_base_are_exported_from_the_screen(
        sqlite_database, sqlite_only_url, tmp_path):
    session = _session(sqlite_database, sqlite_only_url)
    save_contact(session.context, {"last_name": "Иванова", "first_name": "Юлия"})
    app = EctuiApp(session)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await _open(pilot)
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: screen.query_one(TabbedContent).active == "tab-export")
        screen.query_one("#export-path", Input).value = str(tmp_path / "people.xlsx")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Записано 1" in screen_text(app))
        assert (tmp_path / "people.xlsx").stat().st_size > 0
        screen.query_one("#export-what", Select).value = "all"
        screen.query_one("#export-path", Input).value = str(tmp_path / "base.json")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: (tmp_path / "base.json").exists())
        assert '"format": "ectui-backup"' in (tmp_path / "base.json").read_text(encoding="utf-8")
