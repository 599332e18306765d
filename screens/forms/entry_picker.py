"""Choose one organization or contact person among any number: type to search, Enter picks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ectui.i18n import t
from ectui.services.contacts import ContactFilter, ContactRow, count_contacts, list_contacts
from ectui.services.organizations import (
    OrganizationFilter,
    OrganizationRow,
    count_organizations,
    list_organizations,
)
from screens.forms.search_picker import SearchPicker
from screens.widgets.paged_table import Column

PickerKind = Literal["organization", "contact"]


@dataclass(frozen=True)
class OrganizationSource:
    """Organizations matching a typed query; called in the table's worker threads."""

    query: str

    def count(self) -> int:
        return count_organizations(OrganizationFilter(query=self.query))

    def fetch(self, offset: int, limit: int) -> list[OrganizationRow]:
        return list_organizations(OrganizationFilter(query=self.query), offset, limit)


@dataclass(frozen=True)
class ContactSource:
    """Contact persons matching a typed query, of one organization when it is given."""

    query: str
    organization_id: int | None = None

    def _filter(self) -> ContactFilter:
        return ContactFilter(query=self.query, organization_id=self.organization_id)

    def count(self) -> int:
        return count_contacts(self._filter())

    def fetch(self, offset: int, limit: int) -> list[ContactRow]:
        return list_contacts(self._filter(), offset, limit)


class EntryPicker(SearchPicker):
    """Dismisses with ``(id, name)`` of the chosen entry, or None on Esc.

    Args:
        kind: "organization" or "contact".
        organization_id: For contacts: show only the people of this organization.
        query: The search text to start with.
    """

    def __init__(
        self, kind: PickerKind, organization_id: int | None = None, *, query: str = ""
    ) -> None:
        if kind not in ("organization", "contact"):
            raise ValueError(f"unknown picker kind {kind!r}")
        super().__init__(query)
        self.kind = kind
        self.organization_id = organization_id
        self.heading = t(f"form.picker.{kind}")
        self.placeholder = t(f"form.picker.{kind}.search")
        self.empty_text = t("form.picker.nothing")
        if kind == "organization":
            self.columns = [
                Column("name", t("form.col.name")),
                Column("inn", t("form.col.inn"), width=12),
                Column("phone", t("form.col.phone"), width=18),
            ]
        else:
            self.columns = [
                Column("name", t("form.col.full_name")),
                Column("organization", t("form.col.organization")),
                Column("position", t("form.col.position")),
            ]

    def cell(self, row: OrganizationRow | ContactRow, key: str) -> str:
        value = getattr(row, key)
        return "" if value is None else str(value)

    def source(self, query: str) -> OrganizationSource | ContactSource:
        if self.kind == "organization":
            return OrganizationSource(query)
        return ContactSource(query, self.organization_id)

    def answer(self, row: OrganizationRow | ContactRow) -> tuple[int, str]:
        return row.id, row.name
