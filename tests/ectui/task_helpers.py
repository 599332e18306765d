"""Builders for task tests: a small sales department, ООО «Ромашка» and the «Договор поставки»
template of the seed example."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ectui.clock import FixedClock
from ectui.models import Department, Employee
from ectui.services.contacts import save_contact
from ectui.services.context import Context
from ectui.services.employees import actor_for_login, create_employee
from ectui.services.organizations import save_organization
from ectui.services.sales_templates import save_step, save_template
from ectui.services.task_types import type_id_for_code
from tests.ectui.helpers import ROMASHKA

NOW = datetime(2026, 11, 23, 9, 30)  # a Monday


@dataclass
class Office:
    clock: FixedClock
    admin: Context
    head: Context  # role «head» in sales: sees, changes and gives the department's tasks
    kim: Context  # role «manager» in sales: his own only
    belova: Context  # another manager in sales
    zaitsev: Context  # a manager in IT, another department
    romashka: int
    kovaleva: int  # a contact person of Ромашка
    other_org: int


def _context(login: str, clock: FixedClock) -> Context:
    return Context(actor_for_login(login), clock)


def build_office(clock: FixedClock | None = None) -> Office:
    clock = clock or FixedClock(NOW)
    create_employee(None, "admin", "Орлов", "Евгений", "Евгеньевич", is_admin=True,
                    now=clock.now())
    admin = _context("admin", clock)
    create_employee(admin, "kuznetsova", "Кузнецова", "Марина", "Александровна",
                    department="Отдел продаж", role="head")
    create_employee(admin, "kim", "Ким", "Денис", "Олегович", department="Отдел продаж",
                    role="manager")
    create_employee(admin, "belova", "Белова", "Ольга", "Сергеевна", department="Отдел продаж",
                    role="manager")
    create_employee(admin, "zaitsev", "Зайцев", "Павел", "Игоревич", department="IT-служба",
                    role="manager")
    sales = Department.get(Department.name == "Отдел продаж")
    it = Department.get(Department.name == "IT-служба")
    assert sales.id != it.id
    kim = _context("kim", clock)
    romashka = save_organization(admin, {**ROMASHKA, "responsible_id": kim.actor.employee_id})
    other = save_organization(admin, {"name": "ООО «Вектор»", "category": "prospect",
                                      "responsible_id": kim.actor.employee_id})
    kovaleva = save_contact(admin, {"last_name": "Ковалева", "first_name": "Юлия",
                                    "patronymic": "Михайловна", "organization_id": romashka})
    return Office(clock, admin, _context("kuznetsova", clock), kim, _context("belova", clock),
                  _context("zaitsev", clock), romashka, kovaleva, other)


def supply_template(ctx: Context) -> int:
    """«Договор поставки»: stage «Продажа» with three steps, stage «Договор» with two."""
    template = save_template(ctx, {"name": "Договор поставки", "sequential": "true"})
    call = type_id_for_code("call")
    sale = save_step(ctx, template, {"level": "stage", "title": "Продажа"})
    save_step(ctx, template, {"level": "operation", "task_type_id": call,
                              "title": "Телефонный звонок (выход на ЛПР)", "offset_days": "0",
                              "planned_result": "Выйти на ЛПР"}, parent_id=sale)
    save_step(ctx, template, {"level": "operation", "task_type_id": call,
                              "title": "Телефонный звонок (назначить встречу)",
                              "offset_days": "3"}, parent_id=sale)
    save_step(ctx, template, {"level": "operation",
                              "task_type_id": type_id_for_code("presentation"),
                              "title": "Первая презентация", "offset_days": "10"}, parent_id=sale)
    deal = save_step(ctx, template, {"level": "stage", "title": "Договор"})
    save_step(ctx, template, {"level": "operation",
                              "task_type_id": type_id_for_code("contract_signing"),
                              "title": "Подписание договора", "offset_days": "20"},
              parent_id=deal)
    save_step(ctx, template, {"level": "operation", "task_type_id": type_id_for_code("invoice"),
                              "title": "Счет на оплату", "offset_days": "21"}, parent_id=deal)
    return template


def employee_id(login: str) -> int:
    return Employee.get(Employee.login == login).id
