"""Invoices («счет на оплату»): made from a proposal with one key or typed line by line;
making one plans «Оплата счета» in the client's history on the payment date.

The lines of an invoice can change until money arrives against it; after that an invoice
is only cancelled. Payments and shipments are in ``ectui.services.payments``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import peewee

from ectui.db import write_transaction
from ectui.errors import NotFound, UserError
from ectui.models import (
    Employee,
    Invoice,
    InvoiceLine,
    Payment,
    Proposal,
    ProposalLine,
    Shipment,
)
from ectui.names import full_name, short_name
from ectui.pricing import Totals
from ectui.services import access, company, document_lines, document_lists, document_tasks
from ectui.services.context import Actor, Context
from ectui.services.document_lines import LineOwner, LineView
from ectui.services.line_editing import LineEditor
from ectui.services.numbering import next_number
from ectui.services.proposals import clean_header

LINES = LineOwner(Invoice, InvoiceLine, "invoice")
PROPOSAL_LINES = LineOwner(Proposal, ProposalLine, "proposal")
STATUS_FILTERS = ("unpaid", "overdue", "issued", "partly_paid", "paid", "cancelled")


@dataclass(frozen=True)
class InvoiceFilter:
    query: str = ""
    organization_id: int | None = None
    status: str = ""  # one of STATUS_FILTERS, or "" for all
    viewer: Actor | None = None
    today: dt.date | None = None  # for "overdue"


@dataclass(frozen=True)
class InvoiceRow:
    id: int
    number: int
    date: dt.date
    pay_until: dt.date
    organization_id: int
    organization: str
    total: Decimal
    paid: Decimal
    shipped: Decimal
    status: str
    responsible: str

    @property
    def debt(self) -> Decimal:
        return self.total - self.paid if self.status != "cancelled" else Decimal("0.00")


@dataclass(frozen=True)
class MoneyEvent:
    """A payment or a shipment recorded against an invoice."""

    id: int
    date: dt.date
    amount: Decimal
    document: str
    note: str
    author: str


@dataclass(frozen=True)
class InvoiceView:
    id: int
    version: int
    number: int
    date: dt.date
    pay_until: dt.date
    organization_id: int
    organization: str
    contact_id: int | None
    contact: str
    responsible_id: int
    responsible: str
    basis: str
    notes: str
    vat_mode: str
    status: str
    lines: list[LineView]
    totals: Totals
    paid: Decimal
    shipped: Decimal
    payments: list[MoneyEvent]
    shipments: list[MoneyEvent]
    proposal: tuple[int, int, dt.date] | None   # (id, number, date) it was made from
    payment_task_id: int | None

    @property
    def debt(self) -> Decimal:
        return max(Decimal("0.00"), self.totals.total - self.paid)

    @property
    def lines_locked(self) -> bool:
        """Money arrived or the invoice is cancelled: its lines are what the client paid."""
        return self.paid > 0 or self.status == "cancelled"


# ---- reading ----------------------------------------------------------------------------------


def _filtered(flt: InvoiceFilter) -> peewee.ModelSelect:
    query = document_lists.filtered(Invoice, flt.viewer, flt.organization_id, flt.query)
    if flt.status == "unpaid":
        query = query.where(Invoice.status.in_(("issued", "partly_paid")))
    elif flt.status == "overdue":
        query = query.where(Invoice.status.in_(("issued", "partly_paid")),
                            Invoice.pay_until < (flt.today or dt.date.today()))
    elif flt.status:
        query = query.where(Invoice.status == flt.status)
    return query


def count_invoices(flt: InvoiceFilter) -> int:
    return _filtered(flt).count()


def list_invoices(flt: InvoiceFilter, offset: int, limit: int) -> list[InvoiceRow]:
    """One page of invoices, newest first."""
    query = document_lists.page(_filtered(flt), Invoice, offset, limit)
    return [InvoiceRow(r["id"], r["number"], r["date"], r["pay_until"], r["organization"],
                       r["org_name"], r["total"], r["paid"], r["shipped"], r["status"],
                       short_name(r["last_name"], r["first_name"], r["patronymic"]))
            for r in query]


def get_invoice(invoice_id: int) -> Invoice:
    invoice = Invoice.get_or_none(Invoice.id == invoice_id)
    if invoice is None:
        raise NotFound()
    return invoice


def visible_invoice(ctx: Context, invoice_id: int) -> Invoice:
    invoice = get_invoice(invoice_id)
    access.require(ctx, "view", invoice.responsible_id)
    return invoice


def editable_invoice(ctx: Context, invoice_id: int) -> Invoice:
    invoice = visible_invoice(ctx, invoice_id)
    access.require(ctx, "edit", invoice.responsible_id)
    return invoice


def _events(model, invoice_id: int) -> list[MoneyEvent]:
    query = (model.select(model, Employee.last_name, Employee.first_name, Employee.patronymic)
             .join(Employee, on=(model.author == Employee.id))
             .where(model.invoice == invoice_id).order_by(model.date, model.id))
    return [MoneyEvent(e.id, e.date, e.amount, e.document, e.note,
                       short_name(e.author.last_name, e.author.first_name, e.author.patronymic))
            for e in query]


def invoice_view(ctx: Context, invoice_id: int) -> InvoiceView:
    """An invoice with its lines, totals, payments, shipments and its proposal."""
    i = visible_invoice(ctx, invoice_id)
    contact = i.contact if i.contact_id else None
    emp = i.responsible
    proposal = None
    if i.proposal_id:
        p = Proposal.get_or_none(Proposal.id == i.proposal_id)
        proposal = (p.id, p.number, p.date) if p else None
    return InvoiceView(
        i.id, i.version, i.number, i.date, i.pay_until, i.organization_id, i.organization.name,
        i.contact_id,
        full_name(contact.last_name, contact.first_name, contact.patronymic) if contact else "",
        emp.id, short_name(emp.last_name, emp.first_name, emp.patronymic), i.basis, i.notes,
        i.vat_mode, i.status, document_lines.lines_of(LINES, i.id),
        document_lines.compute_totals(LINES, i.id, i.vat_mode), i.paid, i.shipped,
        _events(Payment, i.id), _events(Shipment, i.id), proposal, i.payment_task_id)


def invoice_for_edit(ctx: Context, invoice_id: int) -> tuple[int, dict[str, object],
                                                              dict[str, str]]:
    """(version, values, names of the references) for the header form."""
    i = visible_invoice(ctx, invoice_id)
    names = {"organization_id": i.organization.name}
    if i.contact_id:
        names["contact_id"] = full_name(i.contact.last_name, i.contact.first_name,
                                        i.contact.patronymic)
    return i.version, {
        "organization_id": i.organization_id, "contact_id": i.contact_id,
        "date": i.date.strftime("%d.%m.%Y"), "pay_until": i.pay_until.strftime("%d.%m.%Y"),
        "basis": i.basis, "notes": i.notes, "responsible_id": i.responsible_id}, names


def default_pay_until(day: dt.date) -> dt.date:
    """The payment date a new invoice of ``day`` gets: the settings' number of days later."""
    return day + dt.timedelta(days=company.document_settings().payment_days)


# ---- making an invoice --------------------------------------------------------------------------


def _header(ctx: Context, data: dict[str, object]) -> dict[str, object]:
    values = clean_header(ctx, {**data, "pay_until": data.get("pay_until") or ""})
    if values.get("pay_until") is None:
        values["pay_until"] = default_pay_until(values["date"])  # type: ignore[arg-type]
    return values


def _create(ctx: Context, values: dict[str, object], vat_mode: str,
            proposal_id: int | None) -> Invoice:
    """Store the invoice, numbered in its year (inside the caller's transaction)."""
    now = ctx.now()
    year = values["date"].year  # type: ignore[union-attr]
    return Invoice.create(**values, number=next_number("invoice", year), year=year,
                          proposal=proposal_id, vat_mode=vat_mode, status="issued",
                          created_at=now, updated_at=now)


def _plan_task(ctx: Context, invoice: Invoice, totals: Totals) -> None:
    task_id = document_tasks.plan_payment_task(
        ctx, organization_id=invoice.organization_id, contact_id=invoice.contact_id,
        responsible_id=invoice.responsible_id, number=invoice.number, date=invoice.date,
        pay_until=invoice.pay_until, total=totals.total)
    if task_id is not None:
        Invoice.update(payment_task=task_id).where(Invoice.id == invoice.id).execute()


def create_invoice(ctx: Context, data: dict[str, object]) -> int:
    """A new invoice without lines yet; plans «Оплата счета». Returns its id."""
    values = _header(ctx, data)
    access.require(ctx, "create", values["responsible"])
    _rate, mode = company.company_vat()
    with write_transaction():
        invoice = _create(ctx, values, mode, None)
        _plan_task(ctx, invoice, document_lines.empty_totals(mode))
    return invoice.id


def invoice_from_proposal(ctx: Context, proposal_id: int,
                          data: dict[str, object] | None = None) -> int:
    """The proposal's lines, client and people become an invoice dated today (or as given);
    the proposal is marked «выставлен счет». Returns the invoice's id."""
    proposal = Proposal.get_or_none(Proposal.id == proposal_id)
    if proposal is None:
        raise NotFound()
    access.require(ctx, "view", proposal.responsible_id)
    if not ProposalLine.select().where(ProposalLine.proposal == proposal_id).exists():
        raise UserError("documents.proposal_empty")
    base = {"organization_id": proposal.organization_id, "contact_id": proposal.contact_id,
            "responsible_id": proposal.responsible_id, "date": "", "pay_until": "",
            "basis": "", "notes": ""}
    values = _header(ctx, {**base, **(data or {})})
    access.require(ctx, "create", values["responsible"])
    with write_transaction():
        invoice = _create(ctx, values, proposal.vat_mode, proposal.id)
        document_lines.copy_lines(PROPOSAL_LINES, proposal.id, LINES, invoice.id,
                                  proposal.vat_mode)
        totals = document_lines.store_totals(LINES, invoice.id, proposal.vat_mode)
        Proposal.update(status="invoiced", updated_at=ctx.now(),
                        version=Proposal.version + 1).where(Proposal.id == proposal.id).execute()
        invoice = get_invoice(invoice.id)
        _plan_task(ctx, invoice, totals)
    return invoice.id


def update_invoice(ctx: Context, invoice_id: int, data: dict[str, object], *,
                   expected_version: int | None = None) -> int:
    """Save an edited header; a new payment date moves «Оплата счета» with it."""
    invoice = editable_invoice(ctx, invoice_id)
    values = _header(ctx, data)
    if values["organization"] != invoice.organization_id and invoice.paid > 0:
        raise UserError("documents.invoice_paid_client")
    if values["responsible"] != invoice.responsible_id:
        access.require(ctx, "edit", values["responsible"])
    with write_transaction():
        current = get_invoice(invoice_id)
        if expected_version is not None and current.version != expected_version:
            raise UserError("conflict.changed_elsewhere")
        moved = current.pay_until != values["pay_until"]
        for name, value in values.items():
            setattr(current, name, value)
        current.updated_at = ctx.now()
        current.version += 1
        current.save()
        if moved:
            document_tasks.move_payment_task(ctx, current.payment_task_id,
                                             values["pay_until"])  # type: ignore[arg-type]
    return invoice_id


def cancel_invoice(ctx: Context, invoice_id: int) -> None:
    """The invoice is void («аннулирован»); its «Оплата счета» is cancelled too."""
    invoice = editable_invoice(ctx, invoice_id)
    if invoice.paid > 0:
        raise UserError("documents.invoice_has_payments")
    with write_transaction():
        Invoice.update(status="cancelled", updated_at=ctx.now(),
                       version=Invoice.version + 1).where(Invoice.id == invoice_id).execute()
        document_tasks.cancel_payment_task(ctx, invoice.payment_task_id)


def delete_invoice(ctx: Context, invoice_id: int) -> None:
    """Delete an invoice no money came for, with its «Оплата счета» task."""
    invoice = visible_invoice(ctx, invoice_id)
    access.require(ctx, "delete", invoice.responsible_id)
    if Payment.select().where(Payment.invoice == invoice_id).exists():
        raise UserError("documents.invoice_has_payments")
    with write_transaction():
        document_tasks.cancel_payment_task(ctx, invoice.payment_task_id)
        invoice.delete_instance()


# ---- lines ------------------------------------------------------------------------------------


def _lines_editable(ctx: Context, invoice_id: int) -> Invoice:
    invoice = editable_invoice(ctx, invoice_id)
    if invoice.paid > 0 or invoice.status == "cancelled":
        raise UserError("documents.invoice_locked")
    return invoice


_EDITOR = LineEditor(LINES, _lines_editable, visible_invoice)
add_product = _EDITOR.add_product
save_line = _EDITOR.save_line
line_for_edit = _EDITOR.line_for_edit
delete_line = _EDITOR.delete_line
move_line = _EDITOR.move_line
