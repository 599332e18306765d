"""The client base: organizations, their departments and contact persons."""

from __future__ import annotations

import peewee

from ectui.models.base import BaseModel
from ectui.models.fields import UtcDateTimeField
from ectui.models.people import Employee

CATEGORIES = ("prospect", "client", "partner", "competitor", "supplier")
GENDERS = ("m", "f")
DECISION_ROLES = ("decision_maker", "influencer", "user")


class Organization(BaseModel):
    name = peewee.CharField(max_length=300)          # as people write it: ООО «Ромашка»
    full_name = peewee.CharField(max_length=500, default="")
    legal_form = peewee.CharField(max_length=50, default="")
    inn = peewee.CharField(max_length=12, default="", index=True)
    kpp = peewee.CharField(max_length=9, default="")
    ogrn = peewee.CharField(max_length=15, default="")
    phones = peewee.CharField(max_length=300, default="")   # normalized, ", "-separated
    fax = peewee.CharField(max_length=100, default="")
    email = peewee.CharField(max_length=254, default="", index=True)
    website = peewee.CharField(max_length=300, default="")
    legal_address = peewee.TextField(default="")
    postal_address = peewee.TextField(default="")
    actual_address = peewee.TextField(default="")
    bank_name = peewee.CharField(max_length=300, default="")
    bik = peewee.CharField(max_length=9, default="")
    settlement_account = peewee.CharField(max_length=20, default="")
    correspondent_account = peewee.CharField(max_length=20, default="")
    segment = peewee.CharField(max_length=200, default="", index=True)
    category = peewee.CharField(max_length=20, default="prospect", index=True)
    source_channel = peewee.CharField(max_length=200, default="", index=True)
    responsible = peewee.ForeignKeyField(Employee, null=True, backref="organizations",
                                         on_delete="SET NULL")
    notes = peewee.TextField(default="")
    created_at = UtcDateTimeField()
    updated_at = UtcDateTimeField()
    # Optimistic locking: bumped on every save, so concurrent edits are detected.
    version = peewee.IntegerField(default=1)
    # Case-folded, ё→е text of every searchable field; what search matches.
    search_text = peewee.TextField(default="")
    # The name folded and stripped of legal form and quotes, so «Ромашка» sorts under Р.
    sort_key = peewee.CharField(max_length=300, default="", index=True)


class OrgDepartment(BaseModel):
    """A department inside a client organization (its org structure)."""

    organization = peewee.ForeignKeyField(Organization, backref="departments", on_delete="CASCADE")
    name = peewee.CharField(max_length=200)
    parent = peewee.ForeignKeyField("self", null=True, backref="children", on_delete="SET NULL")


class Contact(BaseModel):
    last_name = peewee.CharField(max_length=100)
    first_name = peewee.CharField(max_length=100, default="")
    patronymic = peewee.CharField(max_length=100, default="")
    gender = peewee.CharField(max_length=1, default="")
    organization = peewee.ForeignKeyField(Organization, null=True, backref="contacts",
                                          on_delete="CASCADE")
    department = peewee.ForeignKeyField(OrgDepartment, null=True, backref="contacts",
                                        on_delete="SET NULL")
    position = peewee.CharField(max_length=200, default="")
    work_phone = peewee.CharField(max_length=100, default="")
    mobile_phone = peewee.CharField(max_length=100, default="")
    home_phone = peewee.CharField(max_length=100, default="")
    fax = peewee.CharField(max_length=100, default="")
    email = peewee.CharField(max_length=254, default="", index=True)
    website = peewee.CharField(max_length=300, default="")
    address = peewee.TextField(default="")
    birthday = peewee.DateField(null=True)
    id_document = peewee.CharField(max_length=300, default="")
    career = peewee.TextField(default="")
    education = peewee.TextField(default="")
    hobbies = peewee.TextField(default="")
    likes = peewee.TextField(default="")
    dislikes = peewee.TextField(default="")
    family = peewee.TextField(default="")
    life_events = peewee.TextField(default="")
    notes = peewee.TextField(default="")
    decision_role = peewee.CharField(max_length=20, default="")
    reports_to = peewee.ForeignKeyField("self", null=True, backref="subordinates",
                                        on_delete="SET NULL")
    responsible = peewee.ForeignKeyField(Employee, null=True, backref="contacts",
                                         on_delete="SET NULL")
    created_at = UtcDateTimeField()
    updated_at = UtcDateTimeField()
    version = peewee.IntegerField(default=1)
    search_text = peewee.TextField(default="")
    sort_key = peewee.CharField(max_length=300, default="", index=True)
