"""Page sources: the bridge between a PagedTable and the list services."""

from __future__ import annotations

from dataclasses import dataclass

from ectui.services.contacts import ContactFilter, count_contacts, list_contacts
from ectui.services.organizations import (
    OrganizationFilter,
    count_organizations,
    list_organizations,
)


@dataclass(frozen=True)
class OrganizationSource:
    filter: OrganizationFilter

    def count(self) -> int:
        return count_organizations(self.filter)

    def fetch(self, offset: int, limit: int):
        return list_organizations(self.filter, offset, limit)


@dataclass(frozen=True)
class ContactSource:
    filter: ContactFilter

    def count(self) -> int:
        return count_contacts(self.filter)

    def fetch(self, offset: int, limit: int):
        return list_contacts(self.filter, offset, limit)
