"""Cards: everything about one organization or contact person, ready to show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ectui.errors import NotFound
from ectui.i18n import t
from ectui.models import Contact, Employee, Organization
from ectui.names import full_name, short_name
from ectui.services import access, custom_fields, groups, links
from ectui.services.contacts import ContactFilter, ContactRow, list_contacts
from ectui.services.context import Actor
from ectui.services.field_specs import CONTACT_FIELDS, ORGANIZATION_FIELDS, FieldSpec
from ectui.validation import format_phone


@dataclass(frozen=True)
class CardField:
    section: str
    label: str
    value: str


@dataclass(frozen=True)
class OrganizationCard:
    id: int
    version: int
    name: str
    fields: list[CardField]
    contacts: list[ContactRow]
    departments: list[str]
    groups: list[str]
    custom: list[CardField]
    links: list[links.LinkView]
    created_at: datetime
    updated_at: datetime
    # What the viewing employee may do here, so the card greys what is not allowed.
    may_edit: bool = True
    may_delete: bool = True
    may_create: bool = True


@dataclass(frozen=True)
class ContactCard:
    id: int
    version: int
    name: str
    organization_id: int | None
    organization: str
    birthday: date | None
    fields: list[CardField]
    groups: list[str]
    custom: list[CardField]
    links: list[links.LinkView]
    created_at: datetime
    updated_at: datetime
    # What the viewing employee may do here, so the card greys what is not allowed.
    may_edit: bool = True
    may_delete: bool = True
    may_create: bool = True


def choice_label(spec_name: str, code: str) -> str:
    return t(f"choice.{spec_name}.{code}") if code else ""


def _employee_name(emp_id: int | None) -> str:
    emp = Employee.get_or_none(Employee.id == emp_id) if emp_id else None
    return short_name(emp.last_name, emp.first_name, emp.patronymic) if emp else ""


def _display(spec: FieldSpec, record) -> str:
    value = getattr(record, spec.name)
    if spec.kind == "employee":
        return _employee_name(value)
    if spec.kind == "choice":
        return choice_label(spec.name, value)
    if spec.kind == "date":
        return value.strftime("%d.%m.%Y") if value else ""
    if spec.name in ("phones", "fax", "work_phone", "mobile_phone", "home_phone"):
        return ", ".join(format_phone(p) for p in value.split(", ")) if value else ""
    return "" if value is None else str(value)


def _custom(kind: str, owner_id: int) -> list[CardField]:
    stored = custom_fields.custom_values_of(kind, owner_id)
    return [CardField("custom", info.name,
                      custom_fields.display_value(info, stored.get(info.id, "")))
            for info in custom_fields.custom_fields(kind)]


def _rights(viewer: Actor | None, owner_id: int | None) -> dict[str, bool]:
    if viewer is None:
        return {}
    access.require(viewer, "view", owner_id)
    return {"may_edit": access.can(viewer, "edit", owner_id),
            "may_delete": access.can(viewer, "delete", owner_id),
            "may_create": access.can(viewer, "create", viewer.employee_id)}


def organization_card(org_id: int, viewer: Actor | None = None) -> OrganizationCard:
    """An organization with its requisites, people, groups, custom fields and links;
    with a ``viewer``, refused unless they may view it, and with their rights on it."""
    org = Organization.get_or_none(Organization.id == org_id)
    if org is None:
        raise NotFound()
    rights = _rights(viewer, org.responsible_id)
    fields = [CardField(spec.section, t(spec.label_key), _display(spec, org))
              for spec in ORGANIZATION_FIELDS]
    people = list_contacts(ContactFilter(organization_id=org_id, viewer=viewer), 0, 500)
    return OrganizationCard(
        id=org.id, version=org.version, name=org.name, fields=fields, contacts=people,
        departments=[d.name for d in org.departments.order_by("name")],
        groups=groups.group_names_of("organization", org_id),
        custom=_custom("organization", org_id),
        links=links.links_of(links.EntryRef("organization", org_id)),
        created_at=org.created_at, updated_at=org.updated_at, **rights)


def contact_card(contact_id: int, viewer: Actor | None = None) -> ContactCard:
    """A contact person with all they told us: phones, birthday, hobbies, family, links;
    with a ``viewer``, refused unless they may view them, and with their rights."""
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        raise NotFound()
    rights = _rights(viewer, contact.responsible_id)
    fields = []
    for spec in CONTACT_FIELDS:
        if spec.kind == "organization":
            value = contact.organization.name if contact.organization_id else ""
        elif spec.kind == "contact":
            boss = contact.reports_to
            value = full_name(boss.last_name, boss.first_name, boss.patronymic) if boss else ""
        elif spec.name == "department":
            value = contact.department.name if contact.department_id else ""
        else:
            value = _display(spec, contact)
        fields.append(CardField(spec.section, t(spec.label_key), value))
    return ContactCard(
        id=contact.id, version=contact.version,
        name=full_name(contact.last_name, contact.first_name, contact.patronymic),
        organization_id=contact.organization_id,
        organization=contact.organization.name if contact.organization_id else "",
        birthday=contact.birthday, fields=fields,
        groups=groups.group_names_of("contact", contact_id),
        custom=_custom("contact", contact_id),
        links=links.links_of(links.EntryRef("contact", contact_id)),
        created_at=contact.created_at, updated_at=contact.updated_at, **rights)
