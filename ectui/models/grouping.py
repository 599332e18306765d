"""Groups, custom fields and links: the ways the admin and users organize the client base."""

from __future__ import annotations

import peewee

from ectui.models.base import BaseModel
from ectui.models.client_base import Contact, Organization
from ectui.models.fields import UtcDateTimeField

ENTITY_KINDS = ("organization", "contact")
FIELD_TYPES = ("text", "number", "date", "bool", "choice")


class ClientGroup(BaseModel):
    name = peewee.CharField(max_length=200)
    kind = peewee.CharField(max_length=20)  # organization or contact

    class Meta:
        indexes = ((("kind", "name"), True),)


class OrganizationGroupMember(BaseModel):
    group = peewee.ForeignKeyField(ClientGroup, backref="organization_members", on_delete="CASCADE")
    organization = peewee.ForeignKeyField(Organization, backref="group_memberships",
                                          on_delete="CASCADE")

    class Meta:
        indexes = ((("group", "organization"), True),)


class ContactGroupMember(BaseModel):
    group = peewee.ForeignKeyField(ClientGroup, backref="contact_members", on_delete="CASCADE")
    contact = peewee.ForeignKeyField(Contact, backref="group_memberships", on_delete="CASCADE")

    class Meta:
        indexes = ((("group", "contact"), True),)


class CustomField(BaseModel):
    applies_to = peewee.CharField(max_length=20)  # organization or contact
    name = peewee.CharField(max_length=200)
    field_type = peewee.CharField(max_length=20)
    choices = peewee.TextField(default="")  # one option per line, for choice fields
    position = peewee.IntegerField(default=0)
    is_active = peewee.BooleanField(default=True)

    class Meta:
        indexes = ((("applies_to", "name"), True),)


class OrganizationCustomValue(BaseModel):
    field = peewee.ForeignKeyField(CustomField, backref="organization_values", on_delete="CASCADE")
    organization = peewee.ForeignKeyField(Organization, backref="custom_values",
                                          on_delete="CASCADE")
    value = peewee.TextField()  # canonical text: 12.5, 2026-11-23, true, an option

    class Meta:
        indexes = ((("organization", "field"), True),)


class ContactCustomValue(BaseModel):
    field = peewee.ForeignKeyField(CustomField, backref="contact_values", on_delete="CASCADE")
    contact = peewee.ForeignKeyField(Contact, backref="custom_values", on_delete="CASCADE")
    value = peewee.TextField()

    class Meta:
        indexes = ((("contact", "field"), True),)


class Link(BaseModel):
    """A labelled relation between two entries; each end is an organization or a contact."""

    label = peewee.CharField(max_length=200)
    from_organization = peewee.ForeignKeyField(Organization, null=True, backref="links_out",
                                               on_delete="CASCADE")
    from_contact = peewee.ForeignKeyField(Contact, null=True, backref="links_out",
                                          on_delete="CASCADE")
    to_organization = peewee.ForeignKeyField(Organization, null=True, backref="links_in",
                                             on_delete="CASCADE")
    to_contact = peewee.ForeignKeyField(Contact, null=True, backref="links_in", on_delete="CASCADE")
    created_at = UtcDateTimeField()


class Setting(BaseModel):
    key = peewee.CharField(max_length=100, primary_key=True)
    value = peewee.TextField(default="")
