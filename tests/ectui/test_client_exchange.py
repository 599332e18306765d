"""Import and export of organizations and contact persons: CSV, Excel, vCard, on both engines.

Round trips: what goes out comes back identical into an empty base. Dry runs report every row
they would reject and why, and store nothing; a real import is all or nothing.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ectui.errors import UserError
from ectui.exchange.progress import Cancelled
from ectui.models import Contact, Organization
from ectui.services import client_export, client_import, custom_fields
from ectui.services.contacts import save_contact
from ectui.services.employees import create_employee
from ectui.services.organizations import save_organization
from ectui.services.selection import Selection
from tests.ectui.access_helpers import build_team
from tests.ectui.exchange_helpers import (
    all_records,
    fresh_databases,
    generated_contacts,
    import_file,
    open_fresh,
    write_csv,
)
from tests.ectui.helpers import ROMASHKA, admin_context

CONTACT_COUNT = 1000

@pytest.fixture
def fresh_url(request, db_url, tmp_path):
    yield from fresh_databases(request, db_url, tmp_path)



def _export(ctx, kind: str, path: Path, **selection) -> int:
    return client_export.export_clients(ctx, Selection(kind=kind, **selection), path)


def test_1000_contacts_come_back_identical_through_vcard_and_csv(database, fresh_url, tmp_path):
    ctx = admin_context()
    headers, rows = generated_contacts(CONTACT_COUNT)
    source = write_csv(tmp_path / "people.csv", headers, rows)
    report = import_file(ctx, "contact", source)
    assert report.committed and report.rejected == () and report.warnings == ()
    assert (report.created, report.organizations_created) == (CONTACT_COUNT, 40)
    original = all_records("contact")
    assert len(original) == CONTACT_COUNT
    assert sum(1 for r in original if r["hobbies"]) > 300  # multi-line values did travel
    for fmt in ("vcf", "csv"):
        assert _export(ctx, "contact", tmp_path / f"out.{fmt}") == CONTACT_COUNT

    for fmt in ("vcf", "csv"):
        open_fresh(fresh_url())
        empty_ctx = admin_context()
        assert Contact.select().count() == 0
        report = import_file(empty_ctx, "contact", tmp_path / f"out.{fmt}")
        assert report.committed, report.rejected[:3]
        assert (report.created, report.updated) == (CONTACT_COUNT, 0)
        assert all_records("contact") == original, fmt


def _demo_like_base(ctx) -> None:
    """A few organizations and people with every field, custom fields and groups."""
    size = custom_fields.create_custom_field(ctx, "organization", "Размер компании", "number")
    since = custom_fields.create_custom_field(ctx, "contact", "Клиент с", "date")
    vip = custom_fields.create_custom_field(ctx, "contact", "VIP", "bool")
    kind = custom_fields.create_custom_field(ctx, "organization", "Тип", "choice",
                                             ["Опт", "Розница"])
    from ectui.services.groups import create_group

    group = create_group(ctx, "Очень важные лица", "contact")
    org_group = create_group(ctx, "Ключевые; клиенты", "organization")
    org = save_organization(ctx, {**ROMASHKA, "segment": "Розница", "source_channel": "Выставка",
                                  "website": "romashka.ru", "fax": "+7 495 111-22-34",
                                  "legal_address": "101000, Москва, ул. Мясницкая, д. 1",
                                  "postal_address": "а/я 15", "actual_address": "Москва",
                                  "notes": "Строка 1\nСтрока 2; «кавычки», \"двойные\""},
                            custom={size.id: "1 250,5", kind.id: "Опт"},
                            group_ids=[org_group.id])
    boss = save_contact(ctx, {"last_name": "Петров", "first_name": "Иван",
                              "patronymic": "Петрович", "gender": "m", "organization_id": org,
                              "position": "Генеральный директор",
                              "decision_role": "decision_maker", "department": "Дирекция",
                              "email": "petrov@romashka.ru", "birthday": "01.02.1970"},
                        custom={vip.id: "да"}, group_ids=[group.id])
    save_contact(ctx, {"last_name": "Иванова", "first_name": "Юлия", "patronymic": "Михайловна",
                       "gender": "f", "organization_id": org, "position": "Главный бухгалтер",
                       "department": "Бухгалтерия", "reports_to_id": boss,
                       "work_phone": "+7 495 111-22-33 доб. 12", "mobile_phone": "89161234567",
                       "home_phone": "8 (495) 765-43-21", "fax": "+7 495 111-22-34",
                       "email": "ivanova@romashka.ru", "website": "ivanova.example.ru",
                       "address": "Москва,\nул. Ленина, 1", "birthday": "15.12.1980",
                       "id_document": "паспорт 45 01 123456", "hobbies": "орхидеи",
                       "likes": "чай", "dislikes": "кофе", "family": "сын Миша",
                       "education": "МГУ", "career": "с 2010 года", "life_events": "юбилей",
                       "notes": "звонить до 12:00"},
                 custom={since.id: "01.03.2015"}, group_ids=[group.id])
    save_contact(ctx, {"last_name": "Сам-по-себе", "first_name": "Фрилансер"})
    save_organization(ctx, {"name": "ИП Сидоров", "category": "supplier", "inn": "500100732259"})


def _same_setup(ctx) -> None:
    custom_fields.create_custom_field(ctx, "organization", "Размер компании", "number")
    custom_fields.create_custom_field(ctx, "contact", "Клиент с", "date")
    custom_fields.create_custom_field(ctx, "contact", "VIP", "bool")
    custom_fields.create_custom_field(ctx, "organization", "Тип", "choice", ["Опт", "Розница"])


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "vcf"])
def test_every_field_of_organizations_and_contacts_round_trips(database, fresh_url, tmp_path,
                                                               fmt):
    ctx = admin_context()
    _demo_like_base(ctx)
    original = {kind: all_records(kind) for kind in ("organization", "contact")}
    for kind in original:
        _export(ctx, kind, tmp_path / f"{kind}.{fmt}")

    open_fresh(fresh_url())
    ctx = admin_context()
    _same_setup(ctx)
    for kind in ("organization", "contact"):  # organizations first: people refer to them
        report = import_file(ctx, kind, tmp_path / f"{kind}.{fmt}")
        assert report.committed and not report.rejected and not report.warnings, report
        assert report.organizations_created == 0
    for kind in original:
        assert all_records(kind) == original[kind], kind
    ivanova = Contact.get(Contact.last_name == "Иванова")
    assert ivanova.reports_to.last_name == "Петров"  # the boss came back too


def test_dry_run_reports_every_rejected_row_with_its_reason_and_stores_nothing(database,
                                                                              tmp_path):
    ctx = admin_context()
    save_organization(ctx, ROMASHKA)
    headers = ["Наименование", "ИНН", "E-mail", "Категория", "Ответственный", "Телефон",
               "Откуда узнали"]
    rows = [
        ["ООО «Хорошая»", "7728168971", "info@good.ru", "Клиент", "admin", "8 916 000 00 01",
         "выставка"],
        ["ООО «Плохой ИНН»", "7707083894", "", "", "", "", ""],
        ["ООО «Плохая почта»", "", "info@@bad", "", "", "", ""],
        ["", "", "", "", "", "", "без названия"],
        ["ООО «Чужой»", "", "", "Друг", "nobody", "12-34", ""],
        ["ООО «Хорошая»", "7728168971", "", "", "", "", ""],
        ["О" * 301, "", "", "", "", "", ""],
    ]
    path = write_csv(tmp_path / "orgs.csv", headers, rows)
    report = import_file(ctx, "organization", path, dry_run=True)

    assert report.dry_run and not report.committed
    assert report.total == 7 and report.created == 1
    by_row = {p.row: " | ".join(p.messages) for p in report.rejected}
    assert sorted(by_row) == [3, 4, 5, 6, 7, 8]
    assert "ИНН: Контрольная цифра ИНН не сходится" in by_row[3]
    assert by_row[4].startswith("E-mail:")
    assert "Наименование: Заполните это поле" in by_row[5]
    assert "Категория: «Друг» — нет такого варианта" in by_row[6]
    assert "Ответственный: Нет сотрудника «nobody»" in by_row[6]
    assert "Телефон:" in by_row[6]
    assert "ИНН: Та же запись уже есть в строке 2" in by_row[7]
    assert "Слишком длинное значение: 301 знаков, допускается 300" in by_row[8]
    assert report.warnings == ("Колонка «Откуда узнали» не импортируется "
                               "(заполненных строк: 2).",)
    assert Organization.select().count() == 1  # only Ромашка, stored before

    real = import_file(ctx, "organization", path)
    assert not real.committed and len(real.rejected) == 6
    assert Organization.select().count() == 1  # all or nothing

    good = write_csv(tmp_path / "good.csv", headers, rows[:1])
    assert import_file(ctx, "organization", good).committed
    assert Organization.get(Organization.inn == "7728168971").category == "client"


def test_a_second_import_updates_the_matching_records_and_empty_cells_keep_values(database,
                                                                                  tmp_path):
    ctx = admin_context()
    headers = ["Название", "ИНН", "Телефоны", "Примечания"]
    first = write_csv(tmp_path / "a.csv", headers,
                      [["ООО «Ромашка»", "7707083893", "8 916 123 45 67", "старый клиент"]])
    assert import_file(ctx, "organization", first).created == 1
    second = write_csv(tmp_path / "b.csv", headers,
                       [["ООО «Ромашка» (Москва)", "7707083893", "", "новый комментарий"]])
    report = import_file(ctx, "organization", second)
    assert (report.created, report.updated, report.committed) == (0, 1, True)
    org = Organization.get()
    assert (org.name, org.phones, org.notes) == ("ООО «Ромашка» (Москва)", "+79161234567",
                                                 "новый комментарий")


def test_mapping_is_suggested_from_headers_and_can_be_changed(database):
    admin_context()
    headers = ["Наименование", "ИНН", "Телефон", "E-mail", "Комментарий", "Что-то своё"]
    mapping = client_import.suggest_mapping("organization", headers)
    assert mapping == ["name", "inn", "phones", "email", "notes", None]
    changed = client_import.parse_mapping("organization", headers,
                                          ["Что-то своё=Сегмент рынка", "5=-"], mapping)
    assert changed == ["name", "inn", "phones", "email", None, "segment"]
    with pytest.raises(UserError, match="заполняют две колонки"):
        client_import.check_mapping("organization", headers,
                                    ["name", "inn", "phones", "email", "inn", None])
    with pytest.raises(UserError, match="обязательным полем «Название»"):
        client_import.check_mapping("organization", headers, [None, "inn", None, None, None, None])
    with pytest.raises(UserError, match="В файле нет колонки «Нет такой»"):
        client_import.parse_mapping("organization", headers, ["Нет такой=inn"], mapping)


def test_excel_cells_of_any_type_and_a_windows_1251_csv_are_read(database, tmp_path):
    ctx = admin_context()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Фамилия", "Имя", "Дата рождения", "Телефон", "Пол"])
    import datetime as dt

    sheet.append(["Петров", "Иван", dt.datetime(1970, 2, 1), 89161234567, "м"])
    sheet.append([None, None, None, None, None])  # an empty row is skipped
    sheet.append(["Сидорова", "Анна", "15.12.1980", "+7 916 765-43-21", "Женский"])
    book.save(tmp_path / "people.xlsx")
    report = import_file(ctx, "contact", tmp_path / "people.xlsx")
    assert report.committed and report.created == 2, report.rejected
    petrov = Contact.get(Contact.last_name == "Петров")
    assert (petrov.birthday, petrov.work_phone, petrov.gender) == (dt.date(1970, 2, 1),
                                                                   "+79161234567", "m")

    cp1251 = write_csv(tmp_path / "old.csv", ["Фамилия", "Имя", "Должность"],
                       [["Ёлкин", "Пётр", "Инженер, ведущий"]], delimiter=",",
                       encoding="cp1251")
    assert import_file(ctx, "contact", cp1251).committed
    assert Contact.get(Contact.last_name == "Ёлкин").position == "Инженер, ведущий"


def test_a_vcard_from_another_address_book_is_read_and_unknown_properties_are_reported(
        database, tmp_path):
    ctx = admin_context()
    outlook = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Смирнова;Ольга;Игоревна\r\nFN:Смирнова Ольга\r\n"
        "ORG:ООО «Лютик»;Отдел закупок\r\nTITLE:Закупщик\r\nTEL;WORK;VOICE:+7 (812) 555-01-02\r\n"
        "TEL;CELL:8-921-555-01-03\r\nEMAIL;PREF;INTERNET:olga@lutik.ru\r\n"
        "EMAIL;INTERNET:olga.home@mail.ru\r\nBDAY:19850704\r\nX-SKYPE:olga.s\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Кузьмин Олег Петрович\r\nEND:VCARD\r\n")
    path = tmp_path / "outlook.vcf"
    path.write_text(outlook, encoding="utf-8")
    report = import_file(ctx, "contact", path)
    assert report.committed and report.created == 2 and report.organizations_created == 1
    assert set(report.warnings) == {
        "Колонка «EMAIL 2» не импортируется (заполненных строк: 1).",
        "Колонка «X-SKYPE» не импортируется (заполненных строк: 1).",
    }
    olga = Contact.get(Contact.last_name == "Смирнова")
    assert (olga.patronymic, olga.position, olga.department.name, olga.work_phone,
            olga.mobile_phone, olga.email, str(olga.birthday)) == (
        "Игоревна", "Закупщик", "Отдел закупок", "+78125550102", "+79215550103",
        "olga@lutik.ru", "1985-07-04")
    assert olga.organization.name == "ООО «Лютик»"
    oleg = Contact.get(Contact.last_name == "Кузьмин")
    assert (oleg.first_name, oleg.patronymic) == ("Олег", "Петрович")


def test_an_import_by_a_trainee_creates_records_they_are_responsible_for(database, tmp_path):
    team = build_team()
    gusev = team.trainee.actor.employee_id
    path = write_csv(tmp_path / "mine.csv", ["Название", "Ответственный"],
                     [["ООО «Новый лид»", ""], ["ООО «Чужой лид»", "kim"]])
    report = import_file(team.trainee, "organization", path, dry_run=True)
    assert [p.row for p in report.rejected] == [3]
    assert "Ответственный" not in report.rejected[0].messages[0]  # the role's refusal
    ok = write_csv(tmp_path / "ok.csv", ["Название"], [["ООО «Новый лид»"]])
    assert import_file(team.trainee, "organization", ok).committed
    assert Organization.get(Organization.name == "ООО «Новый лид»").responsible_id == gusev


def test_an_export_holds_only_what_the_employee_may_view(database, tmp_path):
    team = build_team()
    count = _export(team.manager, "organization", tmp_path / "mine.csv")
    assert count == 1  # Соколов (manager) sees only his own «Лютик»
    table = client_import.read_source(tmp_path / "mine.csv", "organization")
    assert [row[0] for row in table.rows] == ["ООО «Лютик»"]
    assert _export(team.admin, "organization", tmp_path / "all.csv") == 6
    assert _export(team.admin, "organization", tmp_path / "some.xlsx", query="Ромашка") == 1


def test_stopping_an_import_half_way_leaves_nothing(database, tmp_path):
    ctx = admin_context()
    headers, rows = generated_contacts(30)
    path = write_csv(tmp_path / "people.csv", headers, rows)
    table = client_import.read_source(path, "contact")
    mapping = client_import.suggest_mapping("contact", table.headers)

    def stop_at_ten(done: int, total: int) -> None:
        if done == 10:
            raise Cancelled()

    with pytest.raises(Cancelled):
        client_import.run_import(ctx, "contact", table, mapping, progress=stop_at_ten)
    assert Contact.select().count() == 0 and Organization.select().count() == 0


def test_an_unknown_employee_in_the_file_is_matched_by_login_or_name(database, tmp_path):
    ctx = admin_context()
    kim = create_employee(ctx, "kim", "Ким", "Денис", "Олегович")
    path = write_csv(tmp_path / "o.csv", ["Название", "Менеджер"],
                     [["ООО «А»", "kim"], ["ООО «Б»", "Ким Д. О."],
                      ["ООО «В»", "ким денис олегович"]])
    report = import_file(ctx, "organization", path)
    assert report.committed, report.rejected
    assert {o.responsible_id for o in Organization.select()} == {kim.id}
