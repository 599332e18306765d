"""Page sources of the Sales screen: the price list, proposals, invoices and the contract
register, each read page by page in the table's worker threads."""

from __future__ import annotations

from dataclasses import dataclass

from ectui.services import contracts, invoices, products, proposals


@dataclass(frozen=True)
class ProductSource:
    filter: products.ProductFilter

    def count(self) -> int:
        return products.count_products(self.filter)

    def fetch(self, offset: int, limit: int):
        return products.list_products(self.filter, offset, limit)


@dataclass(frozen=True)
class ProposalSource:
    filter: proposals.ProposalFilter

    def count(self) -> int:
        return proposals.count_proposals(self.filter)

    def fetch(self, offset: int, limit: int):
        return proposals.list_proposals(self.filter, offset, limit)


@dataclass(frozen=True)
class InvoiceSource:
    filter: invoices.InvoiceFilter

    def count(self) -> int:
        return invoices.count_invoices(self.filter)

    def fetch(self, offset: int, limit: int):
        return invoices.list_invoices(self.filter, offset, limit)


@dataclass(frozen=True)
class ContractSource:
    filter: contracts.ContractFilter

    def count(self) -> int:
        return contracts.count_contracts(self.filter)

    def fetch(self, offset: int, limit: int):
        return contracts.list_contracts(self.filter, offset, limit)
