"""Groups of organizations and of contacts: named sets by any criterion."""

from __future__ import annotations

from dataclasses import dataclass

import peewee

from ectui.db import write_transaction
from ectui.errors import FieldError, ValidationError
from ectui.models import ClientGroup, ContactGroupMember, OrganizationGroupMember
from ectui.models.grouping import ENTITY_KINDS
from ectui.services import access
from ectui.services.context import Context


@dataclass(frozen=True)
class GroupInfo:
    id: int
    name: str
    kind: str


def groups(kind: str) -> list[GroupInfo]:
    """All groups of organizations or of contacts, by name."""
    query = ClientGroup.select().where(ClientGroup.kind == kind).order_by(ClientGroup.name)
    return [GroupInfo(g.id, g.name, g.kind) for g in query]


def create_group(ctx: Context, name: str, kind: str) -> GroupInfo:
    """A new empty group (anyone who may create records may create a group)."""
    access.require(ctx, "create")
    name = name.strip()
    if kind not in ENTITY_KINDS:
        raise ValidationError({"kind": FieldError("record.choice",
                                                  options=", ".join(ENTITY_KINDS))})
    if not name:
        raise ValidationError({"name": FieldError("validation.required")})
    if ClientGroup.select().where(ClientGroup.kind == kind, ClientGroup.name == name).exists():
        raise ValidationError({"name": FieldError("group.name_taken", name=name)})
    with write_transaction():
        group = ClientGroup.create(name=name, kind=kind)
    return GroupInfo(group.id, group.name, group.kind)


def _membership(kind: str):
    if kind == "organization":
        return OrganizationGroupMember, OrganizationGroupMember.organization
    return ContactGroupMember, ContactGroupMember.contact


def group_ids_of(kind: str, member_id: int) -> list[int]:
    model, member = _membership(kind)
    return [row.group_id for row in model.select(model.group).where(member == member_id)]


def group_names_of(kind: str, member_id: int) -> list[str]:
    model, member = _membership(kind)
    query = (ClientGroup.select(ClientGroup.name).join(model)
             .where(member == member_id).order_by(ClientGroup.name))
    return [g.name for g in query]


def check_group_ids(kind: str, group_ids: list[int]) -> list[int]:
    """The ids, if each is a group of this kind; ValidationError otherwise."""
    ids = sorted({int(i) for i in group_ids})
    found = {g.id for g in ClientGroup.select(ClientGroup.id)
             .where(ClientGroup.id.in_(ids), ClientGroup.kind == kind)} if ids else set()
    if set(ids) - found:
        raise ValidationError({"groups": FieldError("record.reference_missing")})
    return ids


def store_memberships(kind: str, member_id: int, group_ids: list[int]) -> None:
    """Make the member belong to exactly these groups, inside the caller's transaction."""
    model, member = _membership(kind)
    model.delete().where(member == member_id).execute()
    for group_id in group_ids:
        model.insert({model.group: group_id, member: member_id}).execute()


@dataclass(frozen=True)
class GroupSummary:
    id: int
    name: str
    kind: str
    members: int


def group_summaries() -> list[GroupSummary]:
    """Every group with how many organizations or contacts are in it."""
    orgs = dict(OrganizationGroupMember.select(OrganizationGroupMember.group,
                                               peewee.fn.COUNT(OrganizationGroupMember.id))
                .group_by(OrganizationGroupMember.group).tuples())
    people = dict(ContactGroupMember.select(ContactGroupMember.group,
                                            peewee.fn.COUNT(ContactGroupMember.id))
                  .group_by(ContactGroupMember.group).tuples())
    query = ClientGroup.select().order_by(ClientGroup.kind.desc(), ClientGroup.name)
    return [GroupSummary(g.id, g.name, g.kind,
                         (orgs if g.kind == "organization" else people).get(g.id, 0))
            for g in query]


def delete_group(ctx: Context, group_id: int) -> None:
    """Remove a group; its members stay, they only leave the group."""
    access.require(ctx, "delete")
    with write_transaction():
        ClientGroup.delete().where(ClientGroup.id == group_id).execute()
