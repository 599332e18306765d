"""Contact persons: list and search, edit form data, create / edit / delete."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import peewee

from ectui import search, search_page
from ectui.db import write_transaction
from ectui.errors import FieldError, NotFound, UserError, ValidationError
from ectui.models import Contact, ContactGroupMember, Employee, Organization, OrgDepartment
from ectui.names import full_name
from ectui.services import access, audit, custom_fields, groups, merge
from ectui.services.context import Actor, Context
from ectui.services.field_specs import CONTACT_FIELDS
from ectui.services.organizations import EditableRecord
from ectui.services.records import clean_record
from ectui.validation import format_phone

PHONE_FIELDS = ("work_phone", "mobile_phone", "home_phone", "fax")


@dataclass(frozen=True)
class ContactFilter:
    query: str = ""
    group_id: int | None = None
    organization_id: int | None = None
    responsible_id: int | None = None
    # Only what this employee may view; None (internal use) lists everything.
    viewer: Actor | None = None


@dataclass(frozen=True)
class ContactRow:
    id: int
    name: str
    organization: str
    position: str
    phone: str
    email: str
    birthday: date | None
    responsible_id: int | None = None
    # The viewer's rights on the row (True when listed without a viewer).
    may_edit: bool = True
    may_delete: bool = True


def _filtered(flt: ContactFilter, *, searched: bool = True) -> peewee.ModelSelect:
    query = Contact.select()
    if flt.viewer is not None:
        query = query.where(access.visible_to(flt.viewer, Contact))
    condition = search.matches(Contact, flt.query) if searched else None
    if condition is not None:
        query = query.where(condition)
    if flt.organization_id:
        query = query.where(Contact.organization == flt.organization_id)
    if flt.responsible_id:
        query = query.where(Contact.responsible == flt.responsible_id)
    if flt.group_id:
        members = (ContactGroupMember.select(ContactGroupMember.contact)
                   .where(ContactGroupMember.group == flt.group_id))
        query = query.where(Contact.id.in_(members))
    return query


def count_contacts(flt: ContactFilter) -> int:
    """How many contact persons match the filter."""
    return _filtered(flt).count()


def list_contacts(flt: ContactFilter, offset: int, limit: int) -> list[ContactRow]:
    """One page of matching contact persons, by surname."""
    query, offset, limit = search_page.page_query(_filtered(flt, searched=False), Contact,
                                                  flt.query, offset, limit)
    query = (query
             .select(Contact.id, Contact.last_name, Contact.first_name, Contact.patronymic,
                     Contact.position, Contact.mobile_phone, Contact.work_phone, Contact.email,
                     Contact.birthday, Organization.name.alias("org_name"),
                     Contact.responsible, Employee.department)
             .join(Organization, peewee.JOIN.LEFT_OUTER,
                   on=(Contact.organization == Organization.id))
             .join(Employee, peewee.JOIN.LEFT_OUTER, on=(Contact.responsible == Employee.id))
             .order_by(Contact.sort_key, Contact.id)
             .offset(offset).limit(limit).dicts())
    return [ContactRow(
        id=row["id"], name=full_name(row["last_name"], row["first_name"], row["patronymic"]),
        organization=row["org_name"] or "", position=row["position"],
        phone=format_phone(row["mobile_phone"] or row["work_phone"]),
        email=row["email"], birthday=row["birthday"], responsible_id=row["responsible"],
        may_edit=flt.viewer is None or access.can_on_row(flt.viewer, "edit", row["responsible"],
                                                         row["department"]),
        may_delete=flt.viewer is None or access.can_on_row(
            flt.viewer, "delete", row["responsible"], row["department"]),
    ) for row in query]


def _get(contact_id: int) -> Contact:
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        raise NotFound()
    return contact


def contact_for_edit(contact_id: int, ctx: Context | None = None) -> EditableRecord:
    """The stored values of a contact person as its edit form shows them (``ctx``: checked
    that its employee may edit it)."""
    contact = _get(contact_id)
    if ctx is not None:
        access.require(ctx, "edit", contact.responsible_id)
    values: dict[str, object] = {}
    for spec in CONTACT_FIELDS:
        if spec.kind in ("employee", "organization", "contact"):
            values[spec.name] = getattr(contact, spec.name)
        elif spec.name == "department":
            values[spec.name] = contact.department.name if contact.department_id else ""
        elif spec.name == "birthday":
            values[spec.name] = contact.birthday.strftime("%d.%m.%Y") if contact.birthday else ""
        elif spec.name in PHONE_FIELDS:
            values[spec.name] = format_phone(getattr(contact, spec.name))
        else:
            values[spec.name] = getattr(contact, spec.name)
    infos = {f.id: f for f in custom_fields.custom_fields("contact")}
    custom = {fid: custom_fields.edit_value(infos[fid], value)
              for fid, value in custom_fields.custom_values_of("contact", contact_id).items()
              if fid in infos}
    return EditableRecord(contact.id, contact.version, values, custom,
                          groups.group_ids_of("contact", contact_id))


def contact_search_text(contact: Contact, custom: dict[int, str],
                        org_name: str | None = None) -> str:
    """What search finds a contact person by; ``org_name`` spares a query when already known."""
    if org_name is None:
        org_name = ""
        if contact.organization_id:
            org_name = (Organization.select(Organization.name)
                        .where(Organization.id == contact.organization_id).scalar() or "")
    texts = [contact.last_name, contact.first_name, contact.patronymic, contact.email, org_name]
    texts.extend(custom.values())
    return search.build_search_text(texts, [getattr(contact, f) for f in PHONE_FIELDS])


def _department_id(org_id: int | None, name: str) -> int | None:
    """The client's department of that name, created on first use."""
    name = name.strip()
    if not name:
        return None
    if org_id is None:
        raise ValidationError({"department": FieldError("contact.department_needs_org")})
    department, _ = OrgDepartment.get_or_create(organization=org_id, name=name)
    return department.id


def save_contact(ctx: Context, data: dict[str, object], *, contact_id: int | None = None,
                 expected_version: int | None = None, custom: dict[int, str] | None = None,
                 group_ids: list[int] | None = None, base: EditableRecord | None = None,
                 merge_note: merge.MergeNote | None = None) -> int:
    """Create (no ``contact_id``) or update a contact person; all of it is saved or none.

    A stale ``expected_version`` is merged with the stored record when ``base`` (the record
    as opened) is given, as for organizations (see ``save_organization``).
    """
    now = ctx.now()
    with write_transaction():
        contact = None if contact_id is None else _get(contact_id)
        if contact is not None:
            access.require(ctx, "edit", contact.responsible_id)
            if expected_version is not None and contact.version != expected_version:
                if base is None:
                    raise UserError("conflict.changed_elsewhere")
                merged = merge.merge_or_raise(
                    "contact", CONTACT_FIELDS, custom_fields.custom_fields("contact"), base,
                    contact_for_edit(contact.id), data, custom or {}, group_ids, merge_note)
                data, custom, group_ids = merged.values, merged.custom, merged.group_ids
        owner = merge.reference_id(data.get("responsible_id"))
        if contact is None:
            access.require(ctx, "create", owner)
        elif owner != contact.responsible_id:
            access.require(ctx, "edit", owner)  # handing a person over: to whom one may
        cleaned, custom_clean, group_clean = _clean(data, custom, group_ids, contact_id)
        if contact is None:
            contact = Contact(created_at=now, version=0)
            before = {}
        else:
            before = audit.entry_snapshot("contact", CONTACT_FIELDS, contact)
        department = cleaned.pop("department")
        for name, value in cleaned.items():
            setattr(contact, name, value)
        contact.department_id = _department_id(contact.organization_id, department)
        contact.updated_at = now
        contact.version += 1
        contact.sort_key = search.fold(
            full_name(contact.last_name, contact.first_name, contact.patronymic))
        contact.save()
        if custom_clean:
            custom_fields.store_custom_values("contact", contact.id, custom_clean)
        contact.search_text = contact_search_text(
            contact, custom_fields.custom_values_of("contact", contact.id))
        contact.save()
        if group_clean is not None:
            groups.store_memberships("contact", contact.id, group_clean)
        after = audit.entry_snapshot("contact", CONTACT_FIELDS, contact)
        audit.record(ctx, "contact", contact.id, "create" if contact_id is None else "update",
                     audit.diff(before, after),
                     title=full_name(contact.last_name, contact.first_name, contact.patronymic))
    return contact.id


def _clean(data: dict[str, object], custom: dict[int, str] | None,
           group_ids: list[int] | None, contact_id: int | None):
    """Stored values for the form's, or ValidationError naming every bad field at once."""
    errors = {}
    cleaned: dict[str, object] = {}
    custom_clean: dict[int, str] = {}
    group_clean = None
    try:
        cleaned = clean_record(CONTACT_FIELDS, data)
    except ValidationError as error:
        errors.update(error.errors)
    try:
        custom_clean = custom_fields.clean_custom_values("contact", custom or {})
    except ValidationError as error:
        errors.update(error.errors)
    try:
        group_clean = None if group_ids is None else groups.check_group_ids("contact", group_ids)
    except ValidationError as error:
        errors.update(error.errors)
    if str(data.get("department") or "").strip() and not data.get("organization_id"):
        errors["department"] = FieldError("contact.department_needs_org")
    if contact_id is not None and cleaned.get("reports_to_id") == contact_id:
        errors["reports_to_id"] = FieldError("contact.reports_to_self")
    if errors:
        raise ValidationError(errors)
    return cleaned, custom_clean, group_clean


def delete_contact(ctx: Context, contact_id: int) -> None:
    """Delete a contact person with its group memberships and links."""
    with write_transaction():
        contact = _get(contact_id)
        access.require(ctx, "delete", contact.responsible_id)
        audit.record(ctx, "contact", contact.id, "delete", [],
                     title=full_name(contact.last_name, contact.first_name, contact.patronymic))
        contact.delete_instance()


def reindex_contacts_of(org_id: int) -> None:
    """Refresh the search text of an organization's people after it was renamed."""
    for contact in Contact.select().where(Contact.organization == org_id):
        custom = custom_fields.custom_values_of("contact", contact.id)
        Contact.update(search_text=contact_search_text(contact, custom)).where(
            Contact.id == contact.id).execute()


def contact_names(ids: list[int]) -> dict[int, str]:
    """Full names of the given contact persons, by id."""
    if not ids:
        return {}
    query = Contact.select(Contact.id, Contact.last_name, Contact.first_name, Contact.patronymic)
    return {c.id: full_name(c.last_name, c.first_name, c.patronymic)
            for c in query.where(Contact.id.in_(ids))}
