"""Organizations: list and search, the card, and create / edit / delete."""

from __future__ import annotations

from dataclasses import dataclass, field

import peewee

from ectui import search, search_page
from ectui.db import write_transaction
from ectui.errors import NotFound, UserError, ValidationError
from ectui.models import Contact, Employee, Organization, OrganizationGroupMember
from ectui.names import short_name
from ectui.services import access, audit, custom_fields, groups, merge
from ectui.services.context import Actor, Context
from ectui.services.field_specs import ORGANIZATION_FIELDS
from ectui.services.records import clean_record
from ectui.validation import format_phone


@dataclass(frozen=True)
class OrganizationFilter:
    query: str = ""
    group_id: int | None = None
    category: str = ""
    responsible_id: int | None = None
    # Whose rights limit the list: only what this employee may view. None (internal use,
    # exports by the administrator) lists everything.
    viewer: Actor | None = None


@dataclass(frozen=True)
class OrganizationRow:
    id: int
    name: str
    inn: str
    phone: str
    email: str
    category: str
    responsible: str
    responsible_id: int | None = None
    # The viewer's rights on the row (True when listed without a viewer).
    may_edit: bool = True
    may_delete: bool = True


@dataclass(frozen=True)
class EditableRecord:
    """What an edit form starts from: raw field values, custom values and group ids."""

    id: int | None
    version: int
    values: dict[str, object]
    custom: dict[int, str] = field(default_factory=dict)
    group_ids: list[int] = field(default_factory=list)


def _filtered(flt: OrganizationFilter, *, searched: bool = True) -> peewee.ModelSelect:
    query = Organization.select()
    if flt.viewer is not None:
        query = query.where(access.visible_to(flt.viewer, Organization))
    condition = search.matches(Organization, flt.query) if searched else None
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
    query, offset, limit = search_page.page_query(_filtered(flt, searched=False), Organization,
                                                  flt.query, offset, limit)
    query = (query
             .select(Organization.id, Organization.name, Organization.inn, Organization.phones,
                     Organization.email, Organization.category, Employee.last_name,
                     Employee.first_name, Employee.patronymic, Organization.responsible,
                     Employee.department)
             .join(Employee, peewee.JOIN.LEFT_OUTER, on=(Organization.responsible == Employee.id))
             .order_by(Organization.sort_key, Organization.id)
             .offset(offset).limit(limit).dicts())
    viewer = flt.viewer
    return [OrganizationRow(
        id=row["id"], name=row["name"], inn=row["inn"],
        phone=format_phone(row["phones"].split(", ")[0]) if row["phones"] else "",
        email=row["email"], category=row["category"],
        responsible=short_name(row["last_name"], row["first_name"] or "", row["patronymic"] or "")
        if row["last_name"] else "",
        responsible_id=row["responsible"],
        may_edit=viewer is None or access.can_on_row(viewer, "edit", row["responsible"],
                                                     row["department"]),
        may_delete=viewer is None or access.can_on_row(viewer, "delete", row["responsible"],
                                                       row["department"]),
    ) for row in query]


def _get(org_id: int) -> Organization:
    org = Organization.get_or_none(Organization.id == org_id)
    if org is None:
        raise NotFound()
    return org


def organization_for_edit(org_id: int, ctx: Context | None = None) -> EditableRecord:
    """The stored values of an organization as its edit form shows them (``ctx``: checked
    that its employee may edit it)."""
    org = _get(org_id)
    if ctx is not None:
        access.require(ctx, "edit", org.responsible_id)
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
                      group_ids: list[int] | None = None,
                      base: EditableRecord | None = None,
                      merge_note: merge.MergeNote | None = None) -> int:
    """Create (no ``org_id``) or update an organization; all of it is saved or none.

    ``expected_version`` is the version the edit started from. If the record changed since,
    the edit is merged with the stored one field by field when ``base`` (the record as it
    was opened) is given — ``merge.EditConflict`` when both changed the same field — and is
    refused with ``conflict.changed_elsewhere`` without it.
    """
    now = ctx.now()
    with write_transaction():
        org = None if org_id is None else _get(org_id)
        if org is not None:
            access.require(ctx, "edit", org.responsible_id)
            if expected_version is not None and org.version != expected_version:
                if base is None:
                    raise UserError("conflict.changed_elsewhere")
                merged = merge.merge_or_raise(
                    "organization", ORGANIZATION_FIELDS,
                    custom_fields.custom_fields("organization"), base,
                    organization_for_edit(org.id), data, custom or {}, group_ids, merge_note)
                data, custom, group_ids = merged.values, merged.custom, merged.group_ids
        owner = merge.reference_id(data.get("responsible_id"))
        if org is None:
            access.require(ctx, "create", owner)
        elif owner != org.responsible_id:
            access.require(ctx, "edit", owner)  # handing a client over: to whom one may
        cleaned, custom_clean, group_clean = _clean(data, custom, group_ids)
        if org is None:
            org = Organization(created_at=now, version=0)
            before = {}
        else:
            before = audit.entry_snapshot("organization", ORGANIZATION_FIELDS, org)
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
        after = audit.entry_snapshot("organization", ORGANIZATION_FIELDS, org)
        audit.record(ctx, "organization", org.id, "create" if org_id is None else "update",
                     audit.diff(before, after), title=org.name)
    return org.id


def _clean(data: dict[str, object], custom: dict[int, str] | None,
           group_ids: list[int] | None):
    """Stored values for the form's, or ValidationError naming every bad field at once."""
    errors = {}
    cleaned: dict[str, object] = {}
    custom_clean: dict[int, str] = {}
    group_clean = None
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
    return cleaned, custom_clean, group_clean


def delete_organization(ctx: Context, org_id: int) -> None:
    """Delete an organization with its contact persons, groups and links."""
    from ectui.names import full_name

    with write_transaction():
        org = _get(org_id)
        access.require(ctx, "delete", org.responsible_id)
        people = list(Contact.select(Contact.id, Contact.last_name, Contact.first_name,
                                     Contact.patronymic, Contact.responsible)
                      .where(Contact.organization == org_id))
        for person in people:
            # Its people go with it: each must be one the employee may delete too.
            access.require(ctx, "delete", person.responsible_id)
        for person in people:
            audit.record(ctx, "contact", person.id, "delete",
                         [("organization_id", org.name, "")],
                         title=full_name(person.last_name, person.first_name, person.patronymic))
        audit.record(ctx, "organization", org.id, "delete", [], title=org.name)
        org.delete_instance()


def contact_count(org_id: int) -> int:
    return Contact.select().where(Contact.organization == org_id).count()


def organization_names(ids: list[int]) -> dict[int, str]:
    return {o.id: o.name for o in Organization.select(Organization.id, Organization.name)
            .where(Organization.id.in_(ids))} if ids else {}

