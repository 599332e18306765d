"""Organizations: list and search, the card, and create / edit / delete."""

from __future__ import annotations

from dataclasses import dataclass, field

import peewee

from ectui import search
from ectui.db import write_transaction
from ectui.errors import NotFound, UserError, ValidationError
from ectui.models import Contact, Employee, Organization, OrganizationGroupMember
from ectui.names import short_name
from ectui.services import custom_fields, groups
from ectui.services.context import Context
from ectui.services.field_specs import ORGANIZATION_FIELDS
from ectui.services.records import clean_record
from ectui.validation import format_phone


@dataclass(frozen=True)
class OrganizationFilter:
    query: str = ""
    group_id: int | None = None
    category: str = ""
    responsible_id: int | None = None


@dataclass(frozen=True)
class OrganizationRow:
    id: int
    name: str
    inn: str
    phone: str
    email: str
    category: str
    responsible: str


@dataclass(frozen=True)
class EditableRecord:
    """What an edit form starts from: raw field values, custom values and group ids."""

    id: int | None
    version: int
    values: dict[str, object]
    custom: dict[int, str] = field(default_factory=dict)
    group_ids: list[int] = field(default_factory=list)


def _filtered(flt: OrganizationFilter) -> peewee.ModelSelect:
    query = Organization.select()
    condition = search.matches(Organization, flt.query)
    if condition is not None:
        query = query.where(condition)
    if flt.category:
        query = query.where(Organization.category == flt.category)
    if flt.responsible_id:
        query = query.where(Organization.responsible == flt.responsible_id)
    if flt.group_id:
        members = (OrganizationGroupMember.select(OrganizationGroupMember.organization)
                   .where(OrganizationGroupMember.group == flt.group_id))
        query = query.where(Organization.id.in_(members))
    return query


def count_organizations(flt: OrganizationFilter) -> int:
    """How many organizations match the filter."""
    return _filtered(flt).count()


def list_organizations(flt: OrganizationFilter, offset: int, limit: int) -> list[OrganizationRow]:
    """One page of matching organizations, by name."""
    query = (_filtered(flt)
             .select(Organization.id, Organization.name, Organization.inn, Organization.phones,
                     Organization.email, Organization.category, Employee.last_name,
                     Employee.first_name, Employee.patronymic)
             .join(Employee, peewee.JOIN.LEFT_OUTER, on=(Organization.responsible == Employee.id))
             .order_by(Organization.sort_key, Organization.id)
             .offset(offset).limit(limit).dicts())
    return [OrganizationRow(
        id=row["id"], name=row["name"], inn=row["inn"],
        phone=format_phone(row["phones"].split(", ")[0]) if row["phones"] else "",
        email=row["email"], category=row["category"],
        responsible=short_name(row["last_name"], row["first_name"] or "", row["patronymic"] or "")
        if row["last_name"] else "",
    ) for row in query]


def _get(org_id: int) -> Organization:
    org = Organization.get_or_none(Organization.id == org_id)
    if org is None:
        raise NotFound()
    return org


def organization_for_edit(org_id: int) -> EditableRecord:
    """The stored values of an organization as its edit form shows them."""
    org = _get(org_id)
    values: dict[str, object] = {}
    for spec in ORGANIZATION_FIELDS:
        if spec.name == "responsible_id":
            values[spec.name] = org.responsible_id
        elif spec.name in ("phones", "fax"):
            raw = getattr(org, spec.name)
            values[spec.name] = ", ".join(format_phone(p) for p in raw.split(", ")) if raw else ""
        else:
            values[spec.name] = getattr(org, spec.name)
    infos = {f.id: f for f in custom_fields.custom_fields("organization")}
    custom = {fid: custom_fields.edit_value(infos[fid], value)
              for fid, value in custom_fields.custom_values_of("organization", org_id).items()
              if fid in infos}
    return EditableRecord(org.id, org.version, values, custom,
                          groups.group_ids_of("organization", org_id))


def organization_search_text(org: Organization, custom: dict[int, str]) -> str:
    texts = [org.name, org.full_name, org.inn, org.ogrn, org.email, org.website]
    texts.extend(custom.values())
    phones = [p for p in (org.phones.split(", ") if org.phones else [])] + [org.fax]
    return search.build_search_text(texts, phones)


def save_organization(ctx: Context, data: dict[str, object], *, org_id: int | None = None,
                      expected_version: int | None = None, custom: dict[int, str] | None = None,
                      group_ids: list[int] | None = None) -> int:
    """Create (no ``org_id``) or update an organization; all of it is saved or none."""
    errors = {}
    try:
        cleaned = clean_record(ORGANIZATION_FIELDS, data)
    except ValidationError as error:
        errors.update(error.errors)
    try:
        custom_clean = custom_fields.clean_custom_values("organization", custom or {})
    except ValidationError as error:
        errors.update(error.errors)
    try:
        group_clean = None if group_ids is None else groups.check_group_ids(
            "organization", group_ids)
    except ValidationError as error:
        errors.update(error.errors)
    if errors:
        raise ValidationError(errors)
    now = ctx.now()
    with write_transaction():
        if org_id is None:
            org = Organization(created_at=now, version=0)
        else:
            org = _get(org_id)
            if expected_version is not None and org.version != expected_version:
                raise UserError("conflict.changed_elsewhere")
        renamed = org_id is not None and org.name != cleaned["name"]
        for name, value in cleaned.items():
            setattr(org, name, value)
        org.updated_at = now
        org.version += 1
        org.sort_key = search.sort_key(org.name)
        org.search_text = ""
        org.save()
        if custom_clean:
            custom_fields.store_custom_values("organization", org.id, custom_clean)
        stored_custom = custom_fields.custom_values_of("organization", org.id)
        org.search_text = organization_search_text(org, stored_custom)
        org.save()
        if group_clean is not None:
            groups.store_memberships("organization", org.id, group_clean)
        if renamed:
            from ectui.services.contacts import reindex_contacts_of
            reindex_contacts_of(org.id)
    return org.id


def delete_organization(ctx: Context, org_id: int) -> None:
    """Delete an organization with its contact persons, groups and links."""
    with write_transaction():
        _get(org_id).delete_instance()


def contact_count(org_id: int) -> int:
    return Contact.select().where(Contact.organization == org_id).count()


def organization_names(ids: list[int]) -> dict[int, str]:
    return {o.id: o.name for o in Organization.select(Organization.id, Organization.name)
            .where(Organization.id.in_(ids))} if ids else {}

