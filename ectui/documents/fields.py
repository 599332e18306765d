"""The fields a template may use, with examples: what ``ectui template fields`` prints.

The catalogue is read off a sample context (our demo company selling to ООО «Ромашка»), so
it always lists exactly what the documents are filled with.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from ectui.documents import builders
from ectui.documents.context import make_party, our_party
from ectui.documents.people import DeclinedPerson, make_person
from ectui.pricing import line_amounts, totals
from ectui.services.company import CompanyInfo, Signatory
from ectui.services.document_lines import LineView

CASE_NAMES = ("gent", "datv", "accs", "ablt", "loct")
_CASES_SHOWN = "(" + "|".join(CASE_NAMES) + ")"

SAMPLE_COMPANY = CompanyInfo(
    name="ООО «Вектор Плюс»", full_name="Общество с ограниченной ответственностью «Вектор Плюс»",
    inn="7725413784", kpp="772501001", ogrn="1117746705922",
    legal_address="115114, г. Москва, Дербеневская наб., д. 7, стр. 10, офис 412",
    phones="+7 (495) 215-40-10", email="info@vector-plus.ru", website="www.vector-plus.ru",
    bank_name="ПАО Сбербанк, г. Москва", bik="044525225",
    settlement_account="40702810238000071536", correspondent_account="30101810400000000225",
    director=Signatory("Орлов", "Евгений", "Евгеньевич", "Генеральный директор", "Устава", "m"),
    chief_accountant=Signatory("Сергеева", "Татьяна", "Владимировна", "Главный бухгалтер"),
    vat_rate="22", vat_mode="included")


def _sample_lines() -> list[LineView]:
    rows = [("Пресс гидравлический ПГ-40", "шт", "2", "185000.00", "5"),
            ("Пусконаладочные работы", "час", "8", "3500.00", "0")]
    lines = []
    for index, (name, unit, quantity, price, discount) in enumerate(rows, start=1):
        amounts = line_amounts(Decimal(quantity), Decimal(price), Decimal(discount), "22",
                               "included")
        lines.append(LineView(index, index, None, name, unit, Decimal(quantity), Decimal(price),
                              Decimal(discount), "22", amounts.amount, amounts.discount,
                              amounts.vat, amounts.total))
    return lines


def sample_context(kind: str) -> dict[str, object]:
    """A context of ``kind`` (invoice, proposal, contract) filled with example data."""
    lines = _sample_lines()
    result = totals(((line.vat_rate, line_amounts(line.quantity, line.price,
                                                  line.discount_percent, line.vat_rate,
                                                  "included")) for line in lines), "included")
    day = dt.date(2026, 11, 23)
    manager = make_person("Ким", "Денис", "Олегович", position="Менеджер по продажам",
                          phone="+7 (495) 215-40-12", email="kim@vector-plus.ru")
    client_person = make_person("Ковалёва", "Юлия", "Михайловна", gender="f",
                                position="Генеральный директор", basis="Устав")
    client = make_party(
        name="ООО «Ромашка»", full_name="Общество с ограниченной ответственностью «Ромашка»",
        inn="7707083893", kpp="773601001", ogrn="1027700132195",
        legal_address="125009, г. Москва, ул. Тверская, д. 9, офис 3",
        phones="+7 (495) 111-22-33", email="info@romashka.ru", bank_name="ПАО Сбербанк",
        bik="044525225", settlement_account="40702810938000000001",
        correspondent_account="30101810400000000225", signatory=client_person,
        person=client_person)
    common = {"number": "12", "date": builders.date_text(day),
              "lines": builders.line_texts(lines),
              "totals": builders.totals_text(result, len(lines)),
              "our": our_party(SAMPLE_COMPANY, person=manager), "client": client,
              "manager": manager}
    if kind == "invoice":
        return {**common, "title": "Счет на оплату № 12 от 23 ноября 2026 г.",
                "pay_until": builders.date_text(day + dt.timedelta(days=5)),
                "basis": "Договор поставки № 7 от 20.11.2026", "notes": "Примечание к счету"}
    if kind == "proposal":
        return {**common, "title": "Коммерческое предложение № 12 от 23 ноября 2026 г.",
                "valid_until": builders.date_text(day + dt.timedelta(days=14)),
                "subject": "Оборудование для цеха", "notes": "Доставка по Москве бесплатно."}
    signatory = make_person("Орлов", "Евгений", "Евгеньевич", position="Генеральный директор",
                            basis="Устава")
    return builders.contract_context_from_parts(
        number="7", day=day, title="Договор поставки", subject="оборудование",
        amount=result.total, lines=lines, totals=result, invoice=(12, day),
        our=our_party(SAMPLE_COMPANY, person=manager, signatory=signatory), client=client,
        manager=manager)


def _leaves(value: object, path: str, out: list[tuple[str, str]]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _leaves(item, f"{path}.{key}" if path else key, out)
    elif isinstance(value, list):
        if value:
            _leaves(value[0], f"{path}[]", out)
        else:
            out.append((f"{path}[]", ""))
    elif dataclasses.is_dataclass(value):
        for item in dataclasses.fields(value):
            child = getattr(value, item.name)
            if isinstance(child, DeclinedPerson):
                if item.name != CASE_NAMES[0]:
                    continue  # one case stands for all five
                _leaves(child, f"{path}.{_CASES_SHOWN}", out)
            else:
                _leaves(child, f"{path}.{item.name}", out)
    else:
        out.append((path, "" if value is None else str(value)))


def field_catalogue(kind: str) -> list[tuple[str, str]]:
    """Every field of ``kind`` as (dotted path, example); the cases of a person's name and
    position are written once as ``(gent|datv|accs|ablt|loct)``."""
    out: list[tuple[str, str]] = []
    _leaves(sample_context(kind), "", out)
    return out


def example_of(kind: str, dotted: str) -> str | None:
    """The example value of a used field; None when ectui has no such field."""
    context = sample_context(kind)
    values: list[object] = [context]
    for part in dotted.replace("[]", ".[]").split("."):
        following: list[object] = []
        for value in values:
            if part == "[]":
                if not isinstance(value, list):
                    return None
                following.extend(value[:1])
            elif isinstance(value, dict):
                if part not in value:
                    return None
                following.append(value[part])
            elif dataclasses.is_dataclass(value) and hasattr(value, part):
                following.append(getattr(value, part))
            else:
                return None
        values = following
    return str(values[0]) if values else ""
