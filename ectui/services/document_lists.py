"""The lists of proposals and invoices: the same filters and paging for both documents."""

from __future__ import annotations

import peewee

from ectui import search
from ectui.models import Employee, Organization
from ectui.services import access
from ectui.services.context import Actor


def filtered(model: type[peewee.Model], viewer: Actor | None, organization_id: int | None,
             text: str) -> peewee.ModelSelect:
    """Documents the viewer may see, of one client, matching a typed number or client name."""
    query = model.select().join(Organization, on=(model.organization == Organization.id))
    if viewer is not None:
        query = query.where(access.visible_to(viewer, model))
    if organization_id:
        query = query.where(model.organization == organization_id)
    text = text.strip()
    if text.isdigit():
        query = query.where(model.number == int(text))
    elif text:
        condition = search.matches(Organization, text)
        if condition is not None:
            query = query.where(condition)
    return query


def page(query: peewee.ModelSelect, model: type[peewee.Model], offset: int,
         limit: int) -> peewee.ModelSelect:
    """One page, newest first, as dicts with the client's name and the responsible's names."""
    return (query.select(model, Organization.name.alias("org_name"), Employee.last_name,
                         Employee.first_name, Employee.patronymic)
            .join_from(model, Employee, on=(model.responsible == Employee.id))
            .order_by(model.date.desc(), model.year.desc(), model.number.desc())
            .offset(offset).limit(limit).dicts())
