"""A sales team of the seed example, for rights tests: one employee per role, clients of each."""

from __future__ import annotations

from dataclasses import dataclass

from ectui.clock import FixedClock
from ectui.services.context import Context
from ectui.services.employees import actor_for_login, create_employee, set_department_head
from ectui.services.organizations import save_organization
from tests.ectui.helpers import NOW

SALES = "Отдел продаж"


@dataclass
class Team:
    clock: FixedClock
    admin: Context
    head: Context       # Кузнецова: head of the sales department
    senior: Context     # Ким: senior manager in sales
    manager: Context    # Соколов: manager in sales
    trainee: Context    # Гусев: trainee in sales
    outsider: Context   # Зайцев: a manager of another department (IT)
    org_of: dict[str, int]  # login → an organization they are responsible for; "" unassigned

    def ctx(self, login: str) -> Context:
        return Context(actor_for_login(login), self.clock)


def build_team(clock: FixedClock | None = None) -> Team:
    clock = clock or FixedClock(NOW)
    create_employee(None, "admin", "Орлов", "Евгений", "Евгеньевич", is_admin=True,
                    now=clock.now())
    admin = Context(actor_for_login("admin"), clock)
    people = [("kuznetsova", "Кузнецова", "Марина", "head", SALES),
              ("kim", "Ким", "Денис", "senior_manager", SALES),
              ("sokolov", "Соколов", "Артём", "manager", SALES),
              ("gusev", "Гусев", "Никита", "trainee", SALES),
              ("zaitsev", "Зайцев", "Павел", "manager", "IT-служба")]
    for login, last, first, role, dept in people:
        create_employee(admin, login, last, first, department=dept, role=role)
    set_department_head(admin, SALES, actor_for_login("kuznetsova").employee_id)
    org_of = {}
    for login, name in [("kim", "ООО «Ромашка»"), ("sokolov", "ООО «Лютик»"),
                        ("gusev", "ООО «Василёк»"), ("zaitsev", "ООО «Кактус»"),
                        ("kuznetsova", "ООО «Астра»"), ("", "ООО «Ничья»")]:
        owner = actor_for_login(login).employee_id if login else None
        org_of[login] = save_organization(admin, {"name": name, "responsible_id": owner})

    def ctx(login: str) -> Context:
        return Context(actor_for_login(login), clock)

    return Team(clock, admin, ctx("kuznetsova"), ctx("kim"), ctx("sokolov"), ctx("gusev"),
                ctx("zaitsev"), org_of)
