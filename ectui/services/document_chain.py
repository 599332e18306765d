"""The chain of a client's sales documents, as the client's card shows it:
proposal → invoice → payments → shipments, and the contracts.

    КП № 3 от 20.11.2026            382 000,00   выставлен счет
      Счет № 1 от 23.11.2026        382 000,00   оплачен частично
        Оплата 25.11.2026           200 000,00   п/п 17
        Отгрузка 26.11.2026         100 000,00   УПД № 45
    Договор поставки № 1 от 23.11.2026
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ectui.models import Contract, Invoice, Payment, Proposal, Shipment
from ectui.services import access
from ectui.services.context import Actor

CHAIN_LIMIT = 30  # proposals and invoices each; the Sales screen lists them all


@dataclass(frozen=True)
class ChainRow:
    kind: str            # proposal, invoice, payment, shipment, contract
    id: int
    depth: int           # 0 for a proposal, an invoice without one, a contract
    number: str
    date: dt.date
    amount: Decimal | None
    status: str          # the document's status code ("" for payments and shipments)
    note: str            # a payment's or shipment's document, a contract's title
    open_id: int         # what Enter opens: the proposal, the invoice, the contract
    open_kind: str


def _invoice_rows(invoice: Invoice, depth: int, events: list[Payment | Shipment]
                  ) -> list[ChainRow]:
    rows = [ChainRow("invoice", invoice.id, depth, str(invoice.number), invoice.date,
                     invoice.total, invoice.status, "", invoice.id, "invoice")]
    for event in events:
        kind = "payment" if isinstance(event, Payment) else "shipment"
        rows.append(ChainRow(kind, event.id, depth + 1, "", event.date, event.amount, "",
                             event.document, invoice.id, "invoice"))
    return rows


def _events_by_invoice(invoice_ids: list[int]) -> dict[int, list[Payment | Shipment]]:
    """Each invoice's payments and shipments by date (a payment first on the same day), in
    two queries: one pair per invoice made a card with many invoices slow to open."""
    events: dict[int, list[Payment | Shipment]] = {}
    if invoice_ids:
        for model in (Payment, Shipment):
            for event in model.select().where(model.invoice.in_(invoice_ids)):
                events.setdefault(event.invoice_id, []).append(event)
    for listed in events.values():
        listed.sort(key=lambda event: (event.date, isinstance(event, Shipment), event.id))
    return events


def client_chain(organization_id: int, viewer: Actor | None = None) -> list[ChainRow]:
    """The client's proposals (newest first) each with its invoices, payments and shipments;
    then invoices made without a proposal; then contracts."""
    proposals = Proposal.select().where(Proposal.organization == organization_id)
    invoices = Invoice.select().where(Invoice.organization == organization_id)
    contracts = Contract.select(Contract.id, Contract.number, Contract.date, Contract.title,
                                Contract.amount).where(Contract.organization == organization_id)
    if viewer is not None:
        proposals = proposals.where(access.visible_to(viewer, Proposal))
        invoices = invoices.where(access.visible_to(viewer, Invoice))
        contracts = contracts.where(access.visible_to(viewer, Contract))
    all_invoices = list(invoices.order_by(Invoice.date.desc(), Invoice.id.desc())
                        .limit(CHAIN_LIMIT * 2))
    by_proposal: dict[int, list[Invoice]] = {}
    for invoice in all_invoices:
        if invoice.proposal_id:
            by_proposal.setdefault(invoice.proposal_id, []).append(invoice)
    listed = list(proposals.order_by(Proposal.date.desc(), Proposal.id.desc())
                  .limit(CHAIN_LIMIT))
    under_proposals = [invoice for proposal in listed
                       for invoice in reversed(by_proposal.get(proposal.id, []))]
    shown = {invoice.id for invoice in under_proposals}
    alone = [invoice for invoice in all_invoices[:CHAIN_LIMIT] if invoice.id not in shown]
    events = _events_by_invoice([invoice.id for invoice in under_proposals + alone])
    rows: list[ChainRow] = []
    for proposal in listed:
        rows.append(ChainRow("proposal", proposal.id, 0, str(proposal.number), proposal.date,
                             proposal.total, proposal.status, proposal.subject, proposal.id,
                             "proposal"))
        for invoice in reversed(by_proposal.get(proposal.id, [])):
            rows.extend(_invoice_rows(invoice, 1, events.get(invoice.id, [])))
    for invoice in alone:
        rows.extend(_invoice_rows(invoice, 0, events.get(invoice.id, [])))
    for contract in contracts.order_by(Contract.date.desc(), Contract.id.desc()).limit(
            CHAIN_LIMIT):
        rows.append(ChainRow("contract", contract.id, 0, contract.number, contract.date,
                             contract.amount, "", contract.title, contract.id, "contract"))
    return rows
