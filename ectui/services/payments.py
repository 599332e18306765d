"""Payments and shipments recorded against an invoice, full or partial.

The invoice's paid and shipped sums and its status follow: «выставлен», «оплачен частично»,
«оплачен». Paying in full closes the invoice's «Оплата счета» task; taking a payment back
reopens it.
"""

from __future__ import annotations

from decimal import Decimal

from ectui.db import write_transaction
from ectui.errors import FieldError, NotFound, UserError, ValidationError
from ectui.i18n import t
from ectui.models import Invoice, Payment, Shipment
from ectui.money import ZERO, format_money, parse_money, to_kopecks
from ectui.services import document_tasks
from ectui.services.context import Context
from ectui.services.invoices import editable_invoice, get_invoice
from ectui.validation import parse_date


def _clean(ctx: Context, data: dict[str, object], limit: Decimal | None) -> dict[str, object]:
    """Date, amount (not above ``limit`` when given), document and note of a payment or a
    shipment."""
    errors: dict[str, FieldError] = {}
    values: dict[str, object] = {}
    today = ctx.now().date()
    try:
        values["date"] = parse_date(str(data.get("date") or ""), today=today) or today
        if values["date"] > today:
            raise FieldError("documents.date_in_future")
    except FieldError as error:
        errors["date"] = error
    try:
        amount = parse_money(str(data.get("amount") or ""))
        if amount is None:
            raise FieldError("validation.required")
        if amount == 0:
            raise FieldError("pricing.money_zero")
        if limit is not None and amount > limit:
            raise FieldError("documents.amount_above_debt", amount=format_money(limit))
        values["amount"] = amount
    except FieldError as error:
        errors["amount"] = error
    document = str(data.get("document") or "").strip()
    if len(document) > 100:
        errors["document"] = FieldError("documents.too_long", limit=100)
    values["document"] = document
    values["note"] = str(data.get("note") or "").strip()
    if errors:
        raise ValidationError(errors)
    return values


def _sum(model, invoice_id: int) -> Decimal:
    # Summed in Python: SQLite would add NUMERIC values as floats.
    return to_kopecks(sum((row.amount for row in model.select(model.amount)
                           .where(model.invoice == invoice_id)), ZERO))


def _status(total: Decimal, paid: Decimal, current: str) -> str:
    if current == "cancelled":
        return current
    if paid <= 0:
        return "issued"
    return "paid" if paid >= total else "partly_paid"


def _refresh(invoice_id: int, ctx: Context) -> Invoice:
    invoice = get_invoice(invoice_id)
    paid = _sum(Payment, invoice_id)
    shipped = _sum(Shipment, invoice_id)
    status = _status(invoice.total, paid, invoice.status)
    Invoice.update(paid=paid, shipped=shipped, status=status, updated_at=ctx.now(),
                   version=Invoice.version + 1).where(Invoice.id == invoice_id).execute()
    return get_invoice(invoice_id)


def record_payment(ctx: Context, invoice_id: int, data: dict[str, object]) -> int:
    """Money received against an invoice (not more than it still owes); returns its id.
    Paid in full, the invoice's «Оплата счета» is done."""
    invoice = editable_invoice(ctx, invoice_id)
    if invoice.status == "cancelled":
        raise UserError("documents.invoice_cancelled")
    debt = invoice.total - invoice.paid
    if debt <= 0:
        raise UserError("documents.invoice_already_paid")
    values = _clean(ctx, data, debt)
    with write_transaction():
        payment = Payment.create(invoice=invoice_id, author=ctx.actor.employee_id,
                                 created_at=ctx.now(), **values)
        refreshed = _refresh(invoice_id, ctx)
    if refreshed.status == "paid":
        note = t("documents.paid_note", date=values["date"].strftime("%d.%m.%Y"),  # type: ignore[union-attr]
                 amount=format_money(refreshed.paid))
        document_tasks.close_payment_task(ctx, refreshed.payment_task_id, note)
    return payment.id


def delete_payment(ctx: Context, invoice_id: int, payment_id: int) -> None:
    """Take back a payment recorded by mistake; an invoice no longer paid waits again."""
    editable_invoice(ctx, invoice_id)
    with write_transaction():
        deleted = Payment.delete().where(Payment.id == payment_id,
                                         Payment.invoice == invoice_id).execute()
        if not deleted:
            raise NotFound()
        refreshed = _refresh(invoice_id, ctx)
    if refreshed.status != "paid":
        document_tasks.reopen_payment_task(ctx, refreshed.payment_task_id)


def record_shipment(ctx: Context, invoice_id: int, data: dict[str, object]) -> int:
    """Goods shipped or services rendered against an invoice (up to its total)."""
    invoice = editable_invoice(ctx, invoice_id)
    if invoice.status == "cancelled":
        raise UserError("documents.invoice_cancelled")
    left = invoice.total - invoice.shipped
    if left <= 0:
        raise UserError("documents.invoice_already_shipped")
    values = _clean(ctx, data, left)
    with write_transaction():
        shipment = Shipment.create(invoice=invoice_id, author=ctx.actor.employee_id,
                                   created_at=ctx.now(), **values)
        _refresh(invoice_id, ctx)
    return shipment.id


def delete_shipment(ctx: Context, invoice_id: int, shipment_id: int) -> None:
    editable_invoice(ctx, invoice_id)
    with write_transaction():
        deleted = Shipment.delete().where(Shipment.id == shipment_id,
                                          Shipment.invoice == invoice_id).execute()
        if not deleted:
            raise NotFound()
        _refresh(invoice_id, ctx)
