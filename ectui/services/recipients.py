"""Whom a mailing goes to: a selection of contact persons or organizations, each with what a
letter needs (name, gender, organization, address, e-mail) and the sender's details."""

from __future__ import annotations

from dataclasses import dataclass

from ectui.exchange.letters import Addressee, Sender
from ectui.models import Contact, Employee, Organization, OrgDepartment
from ectui.names import full_name
from ectui.services import selection
from ectui.services.context import Context
from ectui.validation import format_phone

PAGE = 500


@dataclass(frozen=True)
class Recipient:
    key: str                   # contact:12 / organization:5 — one letter each per mailing
    organization_id: int | None
    contact_id: int | None
    name: str                  # as a list shows it
    email: str
    addressee: Addressee


def _org_address(org: Organization) -> str:
    return org.postal_address or org.actual_address or org.legal_address


def _contacts(ids: list[int]) -> list[Recipient]:
    people = {c.id: c for c in Contact.select().where(Contact.id.in_(ids))}
    org_ids = {c.organization_id for c in people.values() if c.organization_id}
    orgs = {o.id: o for o in Organization.select().where(Organization.id.in_(org_ids))} \
        if org_ids else {}
    dept_ids = {c.department_id for c in people.values() if c.department_id}
    depts = {d.id: d.name for d in OrgDepartment.select().where(OrgDepartment.id.in_(dept_ids))} \
        if dept_ids else {}
    found = []
    for ident in ids:
        person = people.get(ident)
        if person is None:
            continue
        org = orgs.get(person.organization_id)
        addressee = Addressee(
            last_name=person.last_name, first_name=person.first_name,
            patronymic=person.patronymic, gender=person.gender, position=person.position,
            organization=org.name if org else "", department=depts.get(person.department_id, ""),
            email=person.email, address=person.address or (_org_address(org) if org else ""),
            birthday=person.birthday.strftime("%d.%m.%Y") if person.birthday else "")
        found.append(Recipient(f"contact:{person.id}", person.organization_id, person.id,
                               full_name(person.last_name, person.first_name, person.patronymic),
                               person.email, addressee))
    return found


def _organizations(ids: list[int]) -> list[Recipient]:
    orgs = {o.id: o for o in Organization.select().where(Organization.id.in_(ids))}
    found = []
    for ident in ids:
        org = orgs.get(ident)
        if org is None:
            continue
        addressee = Addressee(organization=org.name, email=org.email,
                              address=_org_address(org), is_organization=True)
        found.append(Recipient(f"organization:{org.id}", org.id, None, org.name, org.email,
                               addressee))
    return found


def recipient_ids(ctx: Context, sel: selection.Selection) -> list[int]:
    """The selection's ids the employee may view, by name."""
    return selection.ordered_ids(ctx.actor, sel)


def recipients_of(kind: str, ids: list[int]) -> list[Recipient]:
    """The recipients for these ids (in this order), loaded a page at a time."""
    found: list[Recipient] = []
    load = _organizations if kind == "organization" else _contacts
    for start in range(0, len(ids), PAGE):
        found.extend(load(ids[start:start + PAGE]))
    return found


def recipients(ctx: Context, sel: selection.Selection, offset: int = 0,
               limit: int | None = None) -> list[Recipient]:
    """The selected recipients (a page of them when ``limit`` is given)."""
    ids = recipient_ids(ctx, sel)
    ids = ids[offset:offset + limit] if limit is not None else ids[offset:]
    return recipients_of(sel.kind, ids)


def sender_of(ctx: Context) -> Sender:
    """The employee sending, and our company, as letters sign them."""
    emp = Employee.get_by_id(ctx.actor.employee_id)
    from ectui.services.company import company_is_set, our_company

    # The company card may not be filled in yet: letters then go without its name.
    company = our_company().name if company_is_set() else ""
    return Sender(full_name(emp.last_name, emp.first_name, emp.patronymic), emp.position,
                  format_phone(emp.phone), emp.email, company)
