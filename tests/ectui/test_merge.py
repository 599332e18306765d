"""Two sessions edit one card: nothing either typed is lost, on SQLite and on PostgreSQL.

Each session is a thread with its own database connection, as two users' processes would be;
session B saves while session A's form is open with the record as it was opened.
"""

from __future__ import annotations

import threading

import pytest

from ectui.db import database
from ectui.errors import UserError
from ectui.models import Organization
from ectui.services import audit, custom_fields, groups
from ectui.services.contacts import contact_for_edit, save_contact
from ectui.services.context import Context
from ectui.services.employees import actor_for_login, create_employee
from ectui.services.merge import EditConflict, merge_groups
from ectui.services.organizations import organization_for_edit, save_organization
from tests.ectui.helpers import ROMASHKA, admin_context


def in_other_session(work):
    """Run ``work`` on another thread, i.e. on another connection, and wait for it."""
    outcome: dict[str, object] = {}

    def run():
        with database.connection_context():
            try:
                outcome["value"] = work()
            except BaseException as error:  # handed back to the test
                outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome.get("value")


def two_editors():
    admin = admin_context()
    create_employee(admin, "kim", "Ким", "Денис", "Олегович", role="admin")
    return admin, Context(actor_for_login("kim"), admin.clock)


def edit(ctx, org_id, record, **changes):
    return save_organization(ctx, dict(record.values, **changes), org_id=org_id,
                             expected_version=record.version, custom=dict(record.custom),
                             group_ids=list(record.group_ids), base=record)


def test_different_fields_merge_silently(database):
    a, b = two_editors()
    org_id = save_organization(a, ROMASHKA)
    opened_by_a = organization_for_edit(org_id)
    opened_by_b = organization_for_edit(org_id)
    in_other_session(lambda: edit(b, org_id, opened_by_b, phones="+7 495 000-00-01",
                                  notes="Звонить после обеда"))
    edit(a, org_id, opened_by_a, name="ООО «Ромашка-Трейд»", email="sales@romashka.ru")
    stored = Organization.get_by_id(org_id)
    assert stored.name == "ООО «Ромашка-Трейд»" and stored.email == "sales@romashka.ru"
    assert stored.phones == "+74950000001" and stored.notes == "Звонить после обеда"
    assert stored.version == opened_by_a.version + 2
    fields = {row.field for row in audit.trail("organization", org_id)}
    assert {"Название", "Телефоны", "Примечания", "E-mail"} <= fields


def test_the_same_field_changed_by_both_asks_with_all_three_values(database):
    a, b = two_editors()
    org_id = save_organization(a, ROMASHKA)
    opened_by_a = organization_for_edit(org_id)
    opened_by_b = organization_for_edit(org_id)
    in_other_session(lambda: edit(b, org_id, opened_by_b, notes="Скидка 5 %", category="partner"))
    with pytest.raises(EditConflict) as caught:
        edit(a, org_id, opened_by_a, notes="Скидка 10 %", website="romashka.ru")
    conflict = caught.value
    assert [(c.key, c.base_text, c.theirs_text, c.mine_text) for c in conflict.conflicts] == [
        ("notes", "", "Скидка 5 %", "Скидка 10 %")]
    assert conflict.changed_by == "Ким Д. О."
    assert "Ким Д. О." in conflict.message and "Примечания" in conflict.message
    assert conflict.merged.values["category"] == "partner"  # theirs, merged silently
    assert conflict.merged.values["website"] == "romashka.ru"  # mine
    stored = Organization.get_by_id(org_id)
    assert stored.notes == "Скидка 5 %" and stored.website == ""  # nothing written yet
    # A decides: mine for the notes; the form saves again on the other person's version.
    decided = dict(conflict.merged.values, notes="Скидка 10 %")
    save_organization(a, decided, org_id=org_id, expected_version=conflict.theirs.version,
                      custom=conflict.merged.custom, group_ids=conflict.merged.group_ids,
                      base=conflict.theirs)
    stored = Organization.get_by_id(org_id)
    assert (stored.notes, stored.category, stored.website) == (
        "Скидка 10 %", "partner", "romashka.ru")


def test_same_value_typed_differently_is_no_conflict(database):
    a, b = two_editors()
    org_id = save_organization(a, ROMASHKA)
    opened_by_a = organization_for_edit(org_id)
    opened_by_b = organization_for_edit(org_id)
    in_other_session(lambda: edit(b, org_id, opened_by_b, fax="+7 495 123-45-67"))
    edit(a, org_id, opened_by_a, fax="8 (495) 1234567")
    assert Organization.get_by_id(org_id).fax == "+74951234567"


def test_custom_fields_and_groups_merge(database):
    a, b = two_editors()
    code = custom_fields.create_custom_field(a, "organization", "Код 1С", "text")
    size = custom_fields.create_custom_field(a, "organization", "Сотрудников", "number")
    vip = groups.create_group(a, "VIP", "organization").id
    moscow = groups.create_group(a, "Москва", "organization").id
    dealers = groups.create_group(a, "Дилеры", "organization").id
    org_id = save_organization(a, ROMASHKA, group_ids=[moscow])
    opened_by_a = organization_for_edit(org_id)
    opened_by_b = organization_for_edit(org_id)

    def b_saves():
        return save_organization(b, dict(opened_by_b.values), org_id=org_id,
                                 expected_version=opened_by_b.version,
                                 custom={code.id: "КА-17", size.id: ""},
                                 group_ids=[moscow, vip], base=opened_by_b)

    in_other_session(b_saves)
    save_organization(a, dict(opened_by_a.values), org_id=org_id,
                      expected_version=opened_by_a.version,
                      custom={code.id: "", size.id: "120"}, group_ids=[dealers],
                      base=opened_by_a)
    assert custom_fields.custom_values_of("organization", org_id) == {
        code.id: "КА-17", size.id: "120"}
    assert sorted(groups.group_ids_of("organization", org_id)) == sorted([vip, dealers])
    assert merge_groups([1, 2], [1, 2, 3], [2, 4]) == [2, 3, 4]


def test_contacts_merge_too(database):
    a, b = two_editors()
    person = save_contact(a, {"last_name": "Ковалева", "first_name": "Юлия"})
    opened_by_a = contact_for_edit(person)
    opened_by_b = contact_for_edit(person)

    def b_saves():
        return save_contact(b, dict(opened_by_b.values, hobbies="горные лыжи"),
                            contact_id=person, expected_version=opened_by_b.version,
                            base=opened_by_b)

    in_other_session(b_saves)
    save_contact(a, dict(opened_by_a.values, birthday="25.11.1985"), contact_id=person,
                 expected_version=opened_by_a.version, base=opened_by_a)
    merged = contact_for_edit(person)
    assert merged.values["hobbies"] == "горные лыжи"
    assert merged.values["birthday"] == "25.11.1985"
    with pytest.raises(EditConflict):
        save_contact(a, dict(opened_by_a.values, hobbies="шахматы"), contact_id=person,
                     expected_version=opened_by_a.version, base=opened_by_a)


def test_without_the_opened_record_a_stale_save_is_refused(database):
    a, _b = two_editors()
    org_id = save_organization(a, ROMASHKA)
    record = organization_for_edit(org_id)
    save_organization(a, dict(record.values, name="x"), org_id=org_id,
                      expected_version=record.version)
    with pytest.raises(UserError) as caught:
        save_organization(a, dict(record.values, name="y"), org_id=org_id,
                          expected_version=record.version)
    assert caught.value.key == "conflict.changed_elsewhere"
