"""The client base through its services, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from ectui.errors import UserError, ValidationError
from ectui.models import Contact, Organization
from ectui.services import custom_fields, groups, links
from ectui.services.cards import contact_card, organization_card
from ectui.services.contacts import ContactFilter, count_contacts, list_contacts, save_contact
from ectui.services.organizations import (
    OrganizationFilter,
    count_organizations,
    delete_organization,
    list_organizations,
    organization_for_edit,
    save_organization,
)
from tests.ectui.helpers import ROMASHKA, admin_context


def names(query: str = "", **kw) -> list[str]:
    flt = OrganizationFilter(query=query, **kw)
    return [row.name for row in list_organizations(flt, 0, 50)]


def test_search_folds_cyrillic_case_and_yo(database):
    ctx = admin_context()
    save_organization(ctx, ROMASHKA)
    save_organization(ctx, {"name": "АО «Зелёный берег»"})
    save_organization(ctx, {"name": "ООО «TechnoSoft»"})
    assert names("ром") == ["ООО «Ромашка»"]
    assert names("РОМАШ") == ["ООО «Ромашка»"]
    assert names("зеленый") == ["АО «Зелёный берег»"]
    assert names("ЗЕЛЁН бер") == ["АО «Зелёный берег»"]
    assert names("techno") == ["ООО «TechnoSoft»"]
    assert names("ромашка зеленый") == []
    assert count_organizations(OrganizationFilter(query="ром")) == 1


def test_search_by_inn_phone_email_and_custom_field(database):
    ctx = admin_context()
    field = custom_fields.create_custom_field(ctx, "organization", "Код в 1С", "text")
    save_organization(ctx, ROMASHKA, custom={field.id: "КА-00017"})
    save_organization(ctx, {"name": "ООО «Вектор»", "inn": "500100732259"})
    assert names("7707") == ["ООО «Ромашка»"]
    assert names("8916123") == ["ООО «Ромашка»"]
    assert names("+7 (916) 12") == ["ООО «Ромашка»"]
    assert names("916 123-45") == ["ООО «Ромашка»"]
    assert names("romashka") == ["ООО «Ромашка»"]
    assert names("ка-00017") == ["ООО «Ромашка»"]
    assert names("5001") == ["ООО «Вектор»"]


def test_list_sorts_by_name_without_legal_form_and_pages(database):
    ctx = admin_context()
    for name in ["ООО «Ясень»", "АО «Берёза»", "ИП Авдеев А. А.", "ПАО «Вишня»"]:
        save_organization(ctx, {"name": name})
    assert names() == ["ИП Авдеев А. А.", "АО «Берёза»", "ПАО «Вишня»", "ООО «Ясень»"]
    page = list_organizations(OrganizationFilter(), 1, 2)
    assert [row.name for row in page] == ["АО «Берёза»", "ПАО «Вишня»"]


def test_invalid_requisites_refused_with_field_messages_and_nothing_saved(database):
    ctx = admin_context()
    bad = dict(ROMASHKA, inn="7707083894", settlement_account="40702810938000000002",
               email="info@", phones="12345")
    with pytest.raises(ValidationError) as caught:
        save_organization(ctx, bad)
    errors = caught.value.errors
    assert set(errors) == {"inn", "settlement_account", "email", "phones"}
    assert "ИНН" in errors["inn"].message
    assert "БИК" in errors["settlement_account"].message
    assert Organization.select().count() == 0


def test_required_name(database):
    with pytest.raises(ValidationError) as caught:
        save_organization(admin_context(), {"name": "  "})
    assert set(caught.value.errors) == {"name"}


def test_card_shows_requisites_contacts_groups_custom_fields_and_links(database):
    ctx = admin_context()
    group = groups.create_group(ctx, "Ключевые клиенты", "organization")
    workers = custom_fields.create_custom_field(ctx, "organization", "Число сотрудников", "number")
    dealer = custom_fields.create_custom_field(ctx, "organization", "Дилер", "bool")
    org_id = save_organization(ctx, ROMASHKA, group_ids=[group.id],
                               custom={workers.id: "1 200", dealer.id: "да"})
    other = save_organization(ctx, {"name": "ООО «Лютик»"})
    person = save_contact(ctx, {"last_name": "Ким", "first_name": "Юлия",
                                "patronymic": "Михайловна", "gender": "f",
                                "organization_id": org_id, "department": "Бухгалтерия",
                                "position": "Главный бухгалтер", "birthday": "25.11.1985",
                                "hobbies": "горные лыжи"})
    links.create_link(ctx, links.EntryRef("organization", other),
                      links.EntryRef("organization", org_id), "дочерняя компания")
    card = organization_card(org_id)
    values = {f.label: f.value for f in card.fields}
    assert values["ИНН"] == "7707083893"
    assert values["Телефоны"] == "+7 (916) 123-45-67, +7 (495) 111-22-33"
    assert values["Категория"] == "Клиент"
    assert [c.name for c in card.contacts] == ["Ким Юлия Михайловна"]
    assert card.groups == ["Ключевые клиенты"]
    assert card.departments == ["Бухгалтерия"]
    assert {f.label: f.value for f in card.custom} == {"Число сотрудников": "1200",
                                                       "Дилер": "Да"}
    assert [(lk.label, lk.outgoing, lk.other_name) for lk in card.links] == [
        ("дочерняя компания", False, "ООО «Лютик»")]
    person_card = contact_card(person)
    person_values = {f.label: f.value for f in person_card.fields}
    assert person_values["Организация"] == "ООО «Ромашка»"
    assert person_values["День рождения"] == "25.11.1985"
    assert person_values["Увлечения"] == "горные лыжи"


def test_edit_keeps_values_and_detects_a_stale_version(database):
    ctx = admin_context()
    org_id = save_organization(ctx, ROMASHKA)
    record = organization_for_edit(org_id)
    assert record.values["phones"] == "+7 (916) 123-45-67, +7 (495) 111-22-33"
    changed = dict(record.values, name="ООО «Ромашка-Трейд»")
    save_organization(ctx, changed, org_id=org_id, expected_version=record.version)
    assert names("трейд") == ["ООО «Ромашка-Трейд»"]
    with pytest.raises(UserError) as caught:
        save_organization(ctx, changed, org_id=org_id, expected_version=record.version)
    assert caught.value.key == "conflict.changed_elsewhere"


def test_renaming_an_organization_reindexes_its_contacts(database):
    ctx = admin_context()
    org_id = save_organization(ctx, ROMASHKA)
    save_contact(ctx, {"last_name": "Петров", "organization_id": org_id})
    save_organization(ctx, dict(organization_for_edit(org_id).values, name="ООО «Лютик»"),
                      org_id=org_id)
    assert count_contacts(ContactFilter(query="лютик")) == 1
    assert count_contacts(ContactFilter(query="ромашка")) == 0


def test_filters_by_group_category_and_responsible(database):
    ctx = admin_context()
    group = groups.create_group(ctx, "Дилеры", "organization")
    save_organization(ctx, dict(ROMASHKA), group_ids=[group.id])
    save_organization(ctx, {"name": "ООО «Лютик»", "category": "competitor",
                            "responsible_id": ctx.actor.employee_id})
    assert names(group_id=group.id) == ["ООО «Ромашка»"]
    assert names(category="competitor") == ["ООО «Лютик»"]
    assert names(responsible_id=ctx.actor.employee_id) == ["ООО «Лютик»"]


def test_contacts_search_by_name_org_and_phone(database):
    ctx = admin_context()
    org_id = save_organization(ctx, ROMASHKA)
    save_contact(ctx, {"last_name": "Семёнова", "first_name": "Юлия", "organization_id": org_id,
                       "mobile_phone": "+7 903 555-12-34"})
    save_contact(ctx, {"last_name": "Иванов", "first_name": "Пётр"})

    def found(query):
        return [r.name for r in list_contacts(ContactFilter(query=query), 0, 10)]

    assert found("семен") == ["Семёнова Юлия"]
    assert found("ромаш") == ["Семёнова Юлия"]
    assert found("петр") == ["Иванов Пётр"]
    assert found("8903555") == ["Семёнова Юлия"]
    assert [r.organization for r in list_contacts(ContactFilter(query="юлия"), 0, 5)] == [
        "ООО «Ромашка»"]


def test_contact_rules(database):
    ctx = admin_context()
    with pytest.raises(ValidationError) as caught:
        save_contact(ctx, {"last_name": "Петров", "department": "Склад", "gender": "x",
                           "birthday": "31.02.1990"})
    assert set(caught.value.errors) == {"department", "gender", "birthday"}
    person = save_contact(ctx, {"last_name": "Петров"})
    with pytest.raises(ValidationError) as caught:
        save_contact(ctx, {"last_name": "Петров", "reports_to_id": person}, contact_id=person)
    assert set(caught.value.errors) == {"reports_to_id"}
    assert Contact.select().count() == 1


def test_custom_field_types_and_errors(database):
    ctx = admin_context()
    number = custom_fields.create_custom_field(ctx, "contact", "Рост", "number")
    day = custom_fields.create_custom_field(ctx, "contact", "Дата встречи", "date")
    choice = custom_fields.create_custom_field(ctx, "contact", "Канал", "choice",
                                               ["Телефон", "E-mail"])
    with pytest.raises(ValidationError) as caught:
        save_contact(ctx, {"last_name": "Ким"},
                     custom={number.id: "abc", day.id: "32.01.2020", choice.id: "Почта"})
    assert set(caught.value.errors) == {f"custom.{number.id}", f"custom.{day.id}",
                                        f"custom.{choice.id}"}
    person = save_contact(ctx, {"last_name": "Ким"},
                          custom={number.id: "180,5", day.id: "01.12.2026", choice.id: "E-mail"})
    assert custom_fields.custom_values_of("contact", person) == {
        number.id: "180.5", day.id: "2026-12-01", choice.id: "E-mail"}
    with pytest.raises(ValidationError):
        custom_fields.create_custom_field(ctx, "contact", "Канал 2", "choice", [])


def test_delete_organization_removes_its_contacts(database):
    ctx = admin_context()
    org_id = save_organization(ctx, ROMASHKA)
    save_contact(ctx, {"last_name": "Петров", "organization_id": org_id})
    delete_organization(ctx, org_id)
    assert Organization.select().count() == 0
    assert Contact.select().count() == 0
    assert names("ром") == []


def test_search_forgives_the_wrong_keyboard_layout(database):
    ctx = admin_context()
    save_organization(ctx, ROMASHKA)
    save_organization(ctx, {"name": "ООО «TechnoSoft»"})
    assert names("hjvfirf") == ["ООО «Ромашка»"]
    assert names("еусрт") == ["ООО «TechnoSoft»"]
    assert names("ром") == ["ООО «Ромашка»"]
