"""All models, in creation order."""

from ectui.models.client_base import Contact, Organization, OrgDepartment
from ectui.models.grouping import (
    ClientGroup,
    ContactCustomValue,
    ContactGroupMember,
    CustomField,
    Link,
    OrganizationCustomValue,
    OrganizationGroupMember,
    Setting,
)
from ectui.models.people import Department, Employee

ALL_MODELS = [
    Department, Employee, Organization, OrgDepartment, Contact, ClientGroup,
    OrganizationGroupMember, ContactGroupMember, CustomField, OrganizationCustomValue,
    ContactCustomValue, Link, Setting,
]

__all__ = [m.__name__ for m in ALL_MODELS] + ["ALL_MODELS"]
