"""The context of each kind of document, gathered from the database: an invoice, a
proposal, a contract. The field names are the ones ``ectui template fields`` lists."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ectui.documents.context import (
    Party,
    date_text,
    line_texts,
    make_party,
    money,
    our_party,
    totals_text,
)
from ectui.documents.people import Person, make_person
from ectui.models import Contact, Employee, Organization
from ectui.money import amount_in_words
from ectui.pricing import NO_VAT, Totals, line_amounts
from ectui.pricing import totals as compute_totals
from ectui.services.company import CompanyInfo
from ectui.services.document_lines import LineView
from ectui.validation import format_phone


def contact_person(contact_id: int | None, basis: str = "") -> Person:
    """A client's contact person, with the gender their card gives."""
    contact = Contact.get_or_none(Contact.id == contact_id) if contact_id else None
    if contact is None:
        return make_person()
    phone = contact.work_phone or contact.mobile_phone
    return make_person(contact.last_name, contact.first_name, contact.patronymic,
                       gender=contact.gender, position=contact.position, basis=basis,
                       phone=format_phone(phone) if phone else "", email=contact.email)


def employee_person(employee_id: int | None) -> Person:
    emp = Employee.get_or_none(Employee.id == employee_id) if employee_id else None
    if emp is None:
        return make_person()
    return make_person(emp.last_name, emp.first_name, emp.patronymic, position=emp.position,
                       phone=emp.phone, email=emp.email)


def client_party(org_id: int, *, person: Person | None = None,
                 signatory: Person | None = None) -> Party:
    org = Organization.get_by_id(org_id)
    phones = ", ".join(format_phone(p) for p in org.phones.split(", ")) if org.phones else ""
    return make_party(
        name=org.name, full_name=org.full_name, inn=org.inn, kpp=org.kpp, ogrn=org.ogrn,
        legal_address=org.legal_address, postal_address=org.postal_address,
        actual_address=org.actual_address, phones=phones, email=org.email,
        website=org.website, bank_name=org.bank_name, bik=org.bik,
        settlement_account=org.settlement_account,
        correspondent_account=org.correspondent_account, signatory=signatory, person=person)


def _common(number: object, day: dt.date, lines: list[LineView], totals: Totals) -> dict:
    return {"number": str(number), "date": date_text(day), "lines": line_texts(lines),
            "totals": totals_text(totals, len(lines))}


def invoice_context(company: CompanyInfo, view) -> dict[str, object]:
    """An ``InvoiceView`` as the invoice template reads it."""
    manager = employee_person(view.responsible_id)
    return {
        **_common(view.number, view.date, view.lines, view.totals),
        "title": f"Счет на оплату № {view.number} от {date_text(view.date).long}",
        "pay_until": date_text(view.pay_until), "basis": view.basis, "notes": view.notes,
        "our": our_party(company, person=manager),
        "client": client_party(view.organization_id,
                               person=contact_person(view.contact_id)),
        "manager": manager,
    }


def proposal_context(company: CompanyInfo, view) -> dict[str, object]:
    """A ``ProposalView`` as the commercial proposal template reads it."""
    manager = employee_person(view.responsible_id)
    return {
        **_common(view.number, view.date, view.lines, view.totals),
        "title": f"Коммерческое предложение № {view.number} от {date_text(view.date).long}",
        "valid_until": date_text(view.valid_until), "subject": view.subject,
        "notes": view.notes,
        "our": our_party(company, person=manager),
        "client": client_party(view.organization_id, person=contact_person(view.contact_id)),
        "manager": manager,
    }


def contract_context(company: CompanyInfo, *, number: str, day: dt.date, title: str,
                     organization_id: int, our_signatory: Person, client_signatory: Person,
                     subject: str, amount: Decimal | None, lines: list[LineView],
                     totals: Totals | None, invoice: tuple[int, dt.date] | None,
                     manager_id: int | None) -> dict[str, object]:
    """A contract: its parties with their signatories, the subject, the price and, when it
    is made for an invoice or a proposal, the specification lines."""
    manager = employee_person(manager_id)
    if totals is None:
        # A price typed on the contract is the whole price, VAT included at our rate.
        price = amount or Decimal("0.00")
        rate = company.vat_rate or NO_VAT
        totals = compute_totals([(rate, line_amounts(Decimal(1), price, Decimal(0), rate,
                                                     "included"))], "included")
    return contract_context_from_parts(
        number=number, day=day, title=title, subject=subject, amount=amount, lines=lines,
        totals=totals, invoice=invoice,
        our=our_party(company, person=manager, signatory=our_signatory),
        client=client_party(organization_id, person=client_signatory,
                            signatory=client_signatory),
        manager=manager)


def contract_context_from_parts(*, number: str, day: dt.date, title: str, subject: str,
                                amount: Decimal | None, lines: list[LineView], totals: Totals,
                                invoice: tuple[int, dt.date] | None, our: Party, client: Party,
                                manager: Person) -> dict[str, object]:
    return {
        "number": number, "date": date_text(day), "title": title, "subject": subject,
        "amount": money(amount) if amount is not None else "",
        "amount_words": amount_in_words(amount) if amount is not None else "",
        "our": our, "client": client, "manager": manager,
        "lines": line_texts(lines), "has_lines": bool(lines),
        "totals": totals_text(totals, len(lines)),
        "invoice_number": str(invoice[0]) if invoice else "",
        "invoice_date": date_text(invoice[1] if invoice else None),
    }
