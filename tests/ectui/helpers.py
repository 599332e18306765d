"""Small builders for service tests."""

from __future__ import annotations

from datetime import datetime

from ectui.clock import FixedClock
from ectui.services.context import Context
from ectui.services.employees import actor_for_login, create_employee

NOW = datetime(2026, 11, 23, 9, 30)

ROMASHKA = {
    "name": "ООО «Ромашка»", "legal_form": "ООО", "category": "client",
    "full_name": "Общество с ограниченной ответственностью «Ромашка»",
    "inn": "7707083893", "kpp": "773601001", "ogrn": "1027700132195",
    "phones": "8 (916) 123-45-67, +7 495 111-22-33", "email": "info@romashka.ru",
    "bik": "044525225", "settlement_account": "40702810938000000001",
    "correspondent_account": "30101810400000000225", "bank_name": "ПАО Сбербанк",
}


def admin_context(login: str = "admin") -> Context:
    clock = FixedClock(NOW)
    if actor_for_login(login) is None:
        create_employee(None, login, "Орлов", "Евгений", "Евгеньевич", is_admin=True,
                        now=clock.now())
    return Context(actor_for_login(login), clock)
