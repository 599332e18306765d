"""Each role of the seed example may do exactly what it should, through the services, on SQLite
and on PostgreSQL; refusals say which role, what and whose record."""

from __future__ import annotations

import pytest

from ectui.errors import UserError
from ectui.models import Employee, Organization
from ectui.services import access, custom_fields, employees, groups, links, roles
from ectui.services.cards import organization_card
from ectui.services.contacts import ContactFilter, count_contacts, delete_contact, save_contact
from ectui.services.organizations import (
    OrganizationFilter,
    delete_organization,
    list_organizations,
    organization_for_edit,
    save_organization,
)
from ectui.session import open_session
from tests.ectui.access_helpers import build_team

ALL = {"ООО «Ромашка»", "ООО «Лютик»", "ООО «Василёк»", "ООО «Кактус»", "ООО «Астра»",
       "ООО «Ничья»"}
SALES_AND_UNASSIGNED = ALL - {"ООО «Кактус»"}


def visible(ctx) -> set[str]:
    rows = list_organizations(OrganizationFilter(viewer=ctx.actor), 0, 100)
    return {row.name for row in rows}


def rename(ctx, org_id: int, name: str) -> None:
    record = organization_for_edit(org_id)
    save_organization(ctx, dict(record.values, name=name), org_id=org_id,
                      expected_version=record.version, base=record)


def test_lists_show_what_each_role_may_view(database):
    team = build_team()
    assert visible(team.admin) == ALL
    assert visible(team.head) == SALES_AND_UNASSIGNED
    assert visible(team.senior) == SALES_AND_UNASSIGNED  # views others of the department
    assert visible(team.trainee) == SALES_AND_UNASSIGNED  # may look at a senior's clients
    assert visible(team.manager) == {"ООО «Лютик»"}       # own only
    assert visible(team.outsider) == {"ООО «Кактус»"}


def test_head_of_department_changes_everything_in_the_department_only(database):
    team = build_team()
    rename(team.head, team.org_of["kim"], "ООО «Ромашка-2»")
    rename(team.head, team.org_of[""], "ООО «Ничья-2»")
    delete_organization(team.head, team.org_of["gusev"])
    with pytest.raises(access.AccessDenied) as caught:
        rename(team.head, team.org_of["zaitsev"], "ООО «Кактус-2»")
    message = caught.value.message
    assert "«Руководитель отдела»" in message and "своего отдела" in message
    assert "Зайцев П." in message
    with pytest.raises(access.AccessDenied):
        organization_card(team.org_of["zaitsev"], viewer=team.head.actor)


def test_senior_manager_changes_own_and_only_looks_at_others(database):
    team = build_team()
    rename(team.senior, team.org_of["kim"], "ООО «Ромашка-2»")
    card = organization_card(team.org_of["gusev"], viewer=team.senior.actor)
    assert card.name == "ООО «Василёк»" and not card.may_edit and not card.may_delete
    with pytest.raises(access.AccessDenied) as caught:
        rename(team.senior, team.org_of["gusev"], "ООО «Василёк-2»")
    assert caught.value.message == (
        "Ваша роль «Старший менеджер» позволяет изменять только записи, где вы ответственный; "
        "ответственный — Гусев Н.")
    with pytest.raises(access.AccessDenied):
        delete_organization(team.senior, team.org_of["gusev"])
    delete_organization(team.senior, team.org_of["kim"])
    assert Organization.get_by_id(team.org_of["gusev"]).name == "ООО «Василёк»"


def test_manager_sees_and_changes_own_clients_only(database):
    team = build_team()
    rename(team.manager, team.org_of["sokolov"], "ООО «Лютик-2»")
    with pytest.raises(access.AccessDenied) as caught:
        organization_card(team.org_of["kim"], viewer=team.manager.actor)
    assert "просматривать только записи, где вы ответственный" in caught.value.message
    with pytest.raises(access.AccessDenied):
        rename(team.manager, team.org_of["kim"], "x")


def test_trainee_edits_own_never_deletes_and_cannot_give_a_client_away(database):
    team = build_team()
    gusev = team.trainee.actor.employee_id
    kim = team.senior.actor.employee_id
    rename(team.trainee, team.org_of["gusev"], "ООО «Василёк-2»")
    assert organization_card(team.org_of["kim"], viewer=team.trainee.actor).may_edit is False
    with pytest.raises(access.AccessDenied) as caught:
        rename(team.trainee, team.org_of["kim"], "ООО «Ромашка-2»")
    assert "«Стажёр»" in caught.value.message and "Ким Д." in caught.value.message
    with pytest.raises(access.AccessDenied) as caught:
        delete_organization(team.trainee, team.org_of["gusev"])
    assert caught.value.message == "Ваша роль «Стажёр» не позволяет удалять записи."
    # Creating: own clients only.
    own = save_organization(team.trainee, {"name": "ООО «Новая»", "responsible_id": gusev})
    with pytest.raises(access.AccessDenied):
        save_organization(team.trainee, {"name": "ООО «Чужая»", "responsible_id": kim})
    # Handing an own client to someone else is a change to someone else's record.
    record = organization_for_edit(own)
    with pytest.raises(access.AccessDenied):
        save_organization(team.trainee, dict(record.values, responsible_id=kim), org_id=own,
                          expected_version=record.version)
    assert Organization.get_by_id(own).responsible_id == gusev
    assert not Organization.select().where(Organization.name == "ООО «Чужая»").exists()


def test_contacts_links_and_groups_obey_the_same_rights(database):
    team = build_team()
    kim = team.senior.actor.employee_id
    gusev = team.trainee.actor.employee_id
    person = save_contact(team.admin, {"last_name": "Петров", "responsible_id": kim,
                                       "organization_id": team.org_of["kim"]})
    save_contact(team.admin, {"last_name": "Сидоров", "responsible_id": gusev})
    assert count_contacts(ContactFilter(viewer=team.trainee.actor)) == 2
    assert count_contacts(ContactFilter(viewer=team.manager.actor)) == 0
    with pytest.raises(access.AccessDenied):
        save_contact(team.trainee, {"last_name": "Петров-2", "responsible_id": kim},
                     contact_id=person)
    with pytest.raises(access.AccessDenied):
        delete_contact(team.trainee, person)
    # A link is a change to the entry it starts from.
    gusev_org = links.EntryRef("organization", team.org_of["gusev"])
    kim_org = links.EntryRef("organization", team.org_of["kim"])
    links.create_link(team.trainee, gusev_org, kim_org, "рекомендовал")
    with pytest.raises(access.AccessDenied):
        links.create_link(team.trainee, kim_org, gusev_org, "конкурент")
    with pytest.raises(access.AccessDenied):  # the manager may not even look at Ким's client
        links.create_link(team.manager, links.EntryRef("organization", team.org_of["sokolov"]),
                          kim_org, "конкурент")
    groups.create_group(team.trainee, "Горячие", "organization")
    with pytest.raises(access.AccessDenied) as caught:
        custom_fields.create_custom_field(team.head, "organization", "Код 1С", "text")
    assert "только администратор" in caught.value.message


def test_rights_checks_for_tasks_and_reports(database):
    team = build_team()
    me = team.trainee.actor.employee_id
    kim = team.senior.actor.employee_id
    zaitsev = team.outsider.actor.employee_id
    assert access.can(team.trainee, "assign_tasks", me)
    assert not access.can(team.trainee, "assign_tasks", kim)
    assert access.can(team.head, "assign_tasks", kim)
    assert not access.can(team.head, "assign_tasks", zaitsev)
    assert access.can(team.admin, "assign_tasks", zaitsev)
    assert not access.can(team.trainee, "reports")
    assert access.can(team.manager, "reports", team.manager.actor.employee_id)
    with pytest.raises(access.AccessDenied) as caught:
        access.require(team.head, "assign_tasks", zaitsev)
    assert "исполнитель — Зайцев П." in caught.value.message
    assert access.employees_in_scope(team.manager, "view") == [team.manager.actor.employee_id]
    assert access.employees_in_scope(team.admin, "view") is None
    assert zaitsev not in access.employees_in_scope(team.head, "edit")


def test_the_admin_edits_roles_and_assigns_them(database):
    team = build_team()
    manager_role = roles.find_role("manager")
    roles.update_role(team.admin, manager_role.id, scopes={"view": "department"})
    assert visible(team.ctx("sokolov")) == SALES_AND_UNASSIGNED
    employees.set_role(team.admin, team.trainee.actor.employee_id, "Старший менеджер")
    promoted = team.ctx("gusev")
    assert promoted.actor.role == "Старший менеджер" and access.can(promoted, "delete",
                                                                   promoted.actor.employee_id)
    with pytest.raises(access.AccessDenied):
        roles.create_role(team.head, "Наблюдатель", {"view": "all"})
    observer = roles.create_role(team.admin, "Наблюдатель", {"view": "all"})
    assert observer.scopes["view"] == "all" and observer.scopes["edit"] == "none"
    with pytest.raises(UserError) as caught:
        roles.update_role(team.admin, observer.id, scopes={"administer": "department"})
    employees.set_role(team.admin, team.outsider.actor.employee_id, observer.id)
    assert visible(team.ctx("zaitsev")) == ALL
    with pytest.raises(UserError) as caught:
        roles.delete_role(team.admin, observer.id)
    assert caught.value.key == "role.in_use"


def test_the_base_always_keeps_an_administrator(database):
    team = build_team()
    admin_id = team.admin.actor.employee_id
    with pytest.raises(UserError) as caught:
        employees.set_role(team.admin, admin_id, "manager")
    assert caught.value.key == "role.last_admin"
    with pytest.raises(UserError):
        roles.update_role(team.admin, roles.find_role("admin").id, scopes={"administer": "none"})
    with pytest.raises(UserError) as caught:
        employees.set_active(team.admin, admin_id, False)
    assert caught.value.key == "employee.deactivate_self"


def test_deactivated_employees_cannot_log_in_and_keep_their_history(db_url):
    session = open_session(db_url, login="admin")
    ctx = session.context
    kim = employees.create_employee(ctx, "kim", "Ким", "Денис", role="manager")
    kim_ctx = type(ctx)(employees.actor_for_login("kim"), ctx.clock)
    org = save_organization(kim_ctx, {"name": "ООО «Ромашка»", "responsible_id": kim.id})
    employees.set_active(ctx, kim.id, False)
    with pytest.raises(UserError) as caught:
        open_session(db_url, login="kim")
    assert caught.value.key == "session.deactivated"
    assert "ectui user activate kim" in caught.value.message
    assert Employee.get_by_id(kim.id).login == "kim"  # never deleted
    from ectui.services.audit import trail

    assert trail("organization", org)[-1].employee == "Ким Д."
    assert "Ким Д." not in {e.short for e in employees.employees()}
    employees.set_active(ctx, kim.id, True)
    assert open_session(db_url, login="kim").actor.login == "kim"
