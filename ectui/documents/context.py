"""What a Word template is filled with: plain objects whose fields a template names, e.g.
``{{ our.inn }}``, ``{{ client.signatory.in_person_of }}``, ``{{ totals.total_words }}``,
``{%tr for line in lines %}``. Every sum is already written the Russian way («1 234,56»).

``ectui template fields`` lists these fields with examples (see ``ectui.documents.fields``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from ectui.documents.people import Person, make_person
from ectui.money import amount_in_words, format_money, format_percent, format_quantity
from ectui.pricing import Totals, vat_label, vat_summary
from ectui.services.company import CompanyInfo
from ectui.services.document_lines import LineView

MONTHS_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                   "сентября", "октября", "ноября", "декабря")
_CITY = re.compile(r"\b(г\.\s*[^,]+)")


def money(amount: Decimal | None) -> str:
    # A no-break space between digit groups: Word never splits «185 000,00» over two lines.
    return format_money(amount, nbsp=True) if amount is not None else ""


@dataclass(frozen=True)
class DateText:
    """A date in the forms documents print it."""

    short: str    # 23.11.2026
    long: str     # 23 ноября 2026 г.
    quoted: str   # «23» ноября 2026 г.
    year: str     # 2026

    def __str__(self) -> str:
        return self.short


def date_text(day: dt.date | None) -> DateText:
    if day is None:
        return DateText("", "", "", "")
    month = MONTHS_GENITIVE[day.month - 1]
    return DateText(day.strftime("%d.%m.%Y"), f"{day.day} {month} {day.year} г.",
                    f"«{day.day:02d}» {month} {day.year} г.", str(day.year))


@dataclass(frozen=True)
class Party:
    """A side of a document: our company or the client, with requisites and people."""

    name: str
    full_name: str
    inn: str
    kpp: str
    ogrn: str
    legal_address: str
    postal_address: str
    actual_address: str
    phones: str
    email: str
    website: str
    bank_name: str
    bik: str
    settlement_account: str
    correspondent_account: str
    city: str            # «г. Москва», from the legal address
    inn_kpp: str         # «ИНН 7725413784, КПП 772501001»
    requisites: str      # one line: name, ИНН/КПП, address, phone — as an invoice prints a side
    bank_details: str    # «р/с … в ПАО Сбербанк, г. Москва, БИК …, к/с …»
    signatory: Person    # who signs for the side
    person: Person       # whom a letter or a proposal is addressed to (ours: the manager)
    accountant: Person   # our chief accountant (empty for a client)


def _city(address: str) -> str:
    match = _CITY.search(address or "")
    return match.group(1).strip() if match else ""


def make_party(*, name: str, full_name: str = "", inn: str = "", kpp: str = "", ogrn: str = "",
               legal_address: str = "", postal_address: str = "", actual_address: str = "",
               phones: str = "", email: str = "", website: str = "", bank_name: str = "",
               bik: str = "", settlement_account: str = "", correspondent_account: str = "",
               signatory: Person | None = None, person: Person | None = None,
               accountant: Person | None = None) -> Party:
    inn_kpp = ", ".join(p for p in (f"ИНН {inn}" if inn else "", f"КПП {kpp}" if kpp else "")
                        if p)
    address = legal_address or actual_address or postal_address
    requisites = ", ".join(p for p in (full_name or name, inn_kpp, address,
                                       f"тел.: {phones}" if phones else "") if p)
    bank = ""
    if settlement_account:
        bank = ", ".join(p for p in (f"р/с {settlement_account} в {bank_name}".strip(),
                                     f"БИК {bik}" if bik else "",
                                     f"к/с {correspondent_account}" if correspondent_account
                                     else "") if p)
    nobody = make_person()
    return Party(name, full_name or name, inn, kpp, ogrn, legal_address, postal_address,
                 actual_address, phones, email, website, bank_name, bik, settlement_account,
                 correspondent_account, _city(address), inn_kpp, requisites, bank,
                 signatory or nobody, person or nobody, accountant or nobody)


def our_party(company: CompanyInfo, person: Person | None = None,
              signatory: Person | None = None) -> Party:
    """Our company: the director signs unless another signatory is given."""
    director = company.director
    boss = signatory or make_person(director.last_name, director.first_name,
                                    director.patronymic, gender=director.gender,
                                    position=director.position, basis=director.basis)
    acc = company.chief_accountant
    accountant = make_person(acc.last_name, acc.first_name, acc.patronymic, gender=acc.gender,
                             position=acc.position or "Главный бухгалтер")
    return make_party(
        name=company.name, full_name=company.full_name, inn=company.inn, kpp=company.kpp,
        ogrn=company.ogrn, legal_address=company.legal_address,
        postal_address=company.postal_address, actual_address=company.actual_address,
        phones=company.phones, email=company.email, website=company.website,
        bank_name=company.bank_name, bik=company.bik,
        settlement_account=company.settlement_account,
        correspondent_account=company.correspondent_account, signatory=boss,
        person=person or boss, accountant=accountant)


@dataclass(frozen=True)
class LineText:
    """One line of a table, every number as printed."""

    n: int
    name: str
    unit: str
    quantity: str
    price: str
    discount: str       # «5» (percent) or ""
    discount_sum: str
    amount: str         # after the discount
    vat_rate: str       # «22%», «Без НДС»
    vat: str
    total: str


def line_texts(lines: list[LineView]) -> list[LineText]:
    return [LineText(n, line.name, line.unit, format_quantity(line.quantity), money(line.price),
                     format_percent(line.discount_percent) if line.discount_percent else "",
                     money(line.discount) if line.discount else "", money(line.amount),
                     vat_label(line.vat_rate), money(line.vat), money(line.total))
            for n, line in enumerate(lines, start=1)]


@dataclass(frozen=True)
class VatLine:
    label: str    # «В том числе НДС 22%» or «Без НДС»
    amount: str   # «33 360,66», or «—» without VAT


@dataclass(frozen=True)
class TotalsText:
    amount: str
    discount: str
    vat: str
    total: str
    total_words: str       # «Сто восемьдесят пять тысяч рублей 00 копеек»
    vat_words: str         # «в том числе НДС 22% — 33 360,66 руб.» or «без НДС»
    vat_sentence: str      # the same ending a sentence: «…руб.» or «без НДС.»
    vat_lines: list[VatLine] = field(default_factory=list)
    count: int = 0
    summary: str = ""      # «Всего наименований 3, на сумму 382 000,00 руб.»
    on_top: bool = False   # VAT is added to the lines' sums («Итого» + «НДС» = «Всего»)


def totals_text(result: Totals, count: int) -> TotalsText:
    vat_lines = [VatLine(label, money(amount) if amount is not None else "—")
                 for label, amount in vat_summary(result)]
    # «в том числе НДС 22% — 68 434,43 руб.», to follow a comma; «|ucfirst» starts a sentence.
    vat_words = "; ".join(f"{_lower_first(v.label)} — {v.amount} руб." if v.amount != "—"
                          else _lower_first(v.label) for v in vat_lines)
    sentence = vat_words if vat_words.endswith(".") else f"{vat_words}."
    return TotalsText(money(result.amount), money(result.discount), money(result.vat),
                      money(result.total), amount_in_words(result.total), vat_words,
                      sentence, vat_lines, count,
                      f"Всего наименований {count}, на сумму {money(result.total)} руб.",
                      result.vat_mode == "on_top")


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and text[1].isupper():
        return text  # an abbreviation: «НДС», «IT-директор»
    return text[:1].lower() + text[1:]
