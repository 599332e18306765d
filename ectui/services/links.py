"""Labelled links between any two entries (subsidiary of, recommended by, competitor of…)."""

from __future__ import annotations

from dataclasses import dataclass

from ectui.db import write_transaction
from ectui.errors import FieldError, NotFound, ValidationError
from ectui.models import Contact, Link, Organization
from ectui.names import full_name
from ectui.services import access, audit
from ectui.services.context import Context


@dataclass(frozen=True)
class EntryRef:
    kind: str  # organization or contact
    id: int


@dataclass(frozen=True)
class LinkView:
    id: int
    label: str
    outgoing: bool      # True: this entry → other; False: other → this entry
    other: EntryRef
    other_name: str


def _columns(end: str, ref: EntryRef):
    if ref.kind == "organization":
        return {f"{end}_organization": ref.id, f"{end}_contact": None}
    return {f"{end}_organization": None, f"{end}_contact": ref.id}


def _exists(ref: EntryRef) -> bool:
    model = Organization if ref.kind == "organization" else Contact
    return model.select().where(model.id == ref.id).exists()


def _owner(ref: EntryRef) -> int | None:
    model = Organization if ref.kind == "organization" else Contact
    return model.select(model.responsible).where(model.id == ref.id).scalar()


def _ref(link: Link, end: str) -> EntryRef:
    org_id = getattr(link, f"{end}_organization_id")
    return (EntryRef("organization", org_id) if org_id
            else EntryRef("contact", getattr(link, f"{end}_contact_id")))


def create_link(ctx: Context, source: EntryRef, target: EntryRef, label: str) -> int:
    """Link two entries with a label."""
    label = label.strip()
    errors = {}
    if not label:
        errors["label"] = FieldError("validation.required")
    if source == target:
        errors["target"] = FieldError("link.to_itself")
    elif not _exists(target):
        errors["target"] = FieldError("record.reference_missing")
    if errors:
        raise ValidationError(errors)
    if not _exists(source):
        raise NotFound()
    # A link is a change to the entry it starts from, and shows the other one's name.
    access.require(ctx, "edit", _owner(source))
    access.require(ctx, "view", _owner(target))
    with write_transaction():
        link = Link.create(label=label, created_at=ctx.now(),
                           **_columns("from", source), **_columns("to", target))
        audit.record(ctx, source.kind, source.id, "update",
                     [("link", "", f"{label}: {_name(target.kind, target.id)}")])
    return link.id


def delete_link(ctx: Context, link_id: int) -> None:
    """Remove a link; one may, if one may edit either of its ends."""
    with write_transaction():
        link = Link.get_or_none(Link.id == link_id)
        if link is None:
            return
        source, target = _ref(link, "from"), _ref(link, "to")
        if not access.can(ctx, "edit", _owner(target)):
            access.require(ctx, "edit", _owner(source))
        audit.record(ctx, source.kind, source.id, "update",
                     [("link", f"{link.label}: {_name(target.kind, target.id)}", "")])
        link.delete_instance()


def _name(kind: str, ident: int) -> str:
    if kind == "organization":
        return Organization.select(Organization.name).where(Organization.id == ident).scalar() or ""
    row = Contact.get_or_none(Contact.id == ident)
    return full_name(row.last_name, row.first_name, row.patronymic) if row else ""


def links_of(ref: EntryRef) -> list[LinkView]:
    """Every link from or to an entry, with the name of the other end."""
    mine_from = Link.from_organization if ref.kind == "organization" else Link.from_contact
    mine_to = Link.to_organization if ref.kind == "organization" else Link.to_contact
    views = []
    for link in Link.select().where((mine_from == ref.id) | (mine_to == ref.id)).order_by(Link.id):
        outgoing = getattr(link, mine_from.name + "_id") == ref.id
        other = _ref(link, "to" if outgoing else "from")
        views.append(LinkView(link.id, link.label, outgoing, other, _name(other.kind, other.id)))
    return views
