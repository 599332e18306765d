"""The installed base: what a client has bought or has had installed, with serial numbers,
warranty and service contract; added by hand or from a shipment's invoice lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee
from dateutil.relativedelta import relativedelta

from ectui.db import write_transaction
from ectui.errors import FieldError, NotFound, UserError, ValidationError
from ectui.models import (
    ClientRequest,
    InstalledItem,
    Invoice,
    InvoiceLine,
    Organization,
    Product,
    Shipment,
)
from ectui.services import access
from ectui.services.context import Actor, Context
from ectui.validation import parse_date

# How a warranty stands on a given day.
WARRANTY_STATES = ("active", "ending", "expired", "none")
ENDING_DAYS = 30  # «заканчивается» this many days before the end


@dataclass(frozen=True)
class InstalledRow:
    id: int
    organization_id: int
    name: str
    serial_number: str
    quantity: int
    sold_on: dt.date | None
    installed_on: dt.date | None
    warranty_until: dt.date | None
    warranty_state: str
    service_contract: str
    service_until: dt.date | None
    open_requests: int


def warranty_until(start: dt.date | None, months: int | None,
                   until: dt.date | None) -> dt.date | None:
    """The last day of warranty: given directly, or ``months`` from the start day."""
    if until is not None:
        return until
    if start is None or not months:
        return None
    return start + relativedelta(months=months) - dt.timedelta(days=1)


def warranty_state(until: dt.date | None, today: dt.date) -> str:
    """active, ending (within 30 days), expired or none."""
    if until is None:
        return "none"
    if until < today:
        return "expired"
    if (until - today).days < ENDING_DAYS:
        return "ending"
    return "active"


def _org_owner(org_id: int) -> int | None:
    org = Organization.get_or_none(Organization.id == org_id)
    if org is None:
        raise NotFound()
    return org.responsible_id


def installed_items(actor: Actor, org_id: int, today: dt.date) -> list[InstalledRow]:
    """The client's installed base, newest sale first, with open requests counted."""
    access.require(actor, "view", _org_owner(org_id))
    items = list(InstalledItem.select().where(InstalledItem.organization == org_id)
                 .order_by(InstalledItem.sold_on.desc(nulls="LAST"), InstalledItem.id.desc()))
    counts: dict[int, int] = {}
    if items:
        query = (ClientRequest.select(ClientRequest.item, ClientRequest.id)
                 .where(ClientRequest.item.in_([i.id for i in items]),
                        ClientRequest.is_closed == False).tuples())  # noqa: E712
        for item_id, _request in query:
            counts[item_id] = counts.get(item_id, 0) + 1
    return [InstalledRow(i.id, i.organization_id, i.name, i.serial_number, i.quantity,
                         i.sold_on, i.installed_on, i.warranty_until,
                         warranty_state(i.warranty_until, today), i.service_contract,
                         i.service_until, counts.get(i.id, 0)) for i in items]


def item_values(item_id: int) -> dict[str, str]:
    """An item as the form shows it (dates ДД.ММ.ГГГГ)."""
    item = InstalledItem.get_or_none(InstalledItem.id == item_id)
    if item is None:
        raise NotFound()

    def day(value: dt.date | None) -> str:
        return value.strftime("%d.%m.%Y") if value else ""

    return {"name": item.name, "serial_number": item.serial_number,
            "quantity": str(item.quantity), "sold_on": day(item.sold_on),
            "installed_on": day(item.installed_on),
            "warranty_months": str(item.warranty_months or ""),
            "warranty_until": "" if item.warranty_months else day(item.warranty_until),
            "service_contract": item.service_contract, "service_until": day(item.service_until),
            "notes": item.notes}


def _clean(values: dict[str, object], today: dt.date) -> dict[str, object]:
    errors: dict[str, FieldError] = {}
    clean: dict[str, object] = {}
    name = str(values.get("name") or "").strip()
    if not name:
        errors["name"] = FieldError("validation.required")
    clean["name"] = name[:300]
    clean["serial_number"] = str(values.get("serial_number") or "").strip()[:100]
    clean["service_contract"] = str(values.get("service_contract") or "").strip()[:200]
    clean["notes"] = str(values.get("notes") or "").strip()
    quantity = str(values.get("quantity") or "1").strip()
    if not quantity.isdigit() or not 1 <= int(quantity) <= 1_000_000:
        errors["quantity"] = FieldError("installed.bad_quantity", value=quantity)
    else:
        clean["quantity"] = int(quantity)
    for key in ("sold_on", "installed_on", "warranty_until", "service_until"):
        try:
            clean[key] = parse_date(str(values.get(key) or ""), today=today)
        except FieldError as error:
            errors[key] = error
    months = str(values.get("warranty_months") or "").strip()
    if months and (not months.isdigit() or not 1 <= int(months) <= 600):
        errors["warranty_months"] = FieldError("installed.bad_months", value=months)
    clean["warranty_months"] = int(months) if months.isdigit() and int(months) else None
    if clean["warranty_months"] and clean.get("warranty_until"):
        errors["warranty_until"] = FieldError("installed.months_or_until")
    if clean["warranty_months"] and not (clean.get("installed_on") or clean.get("sold_on")):
        errors["warranty_months"] = FieldError("installed.months_need_date")
    sold, installed = clean.get("sold_on"), clean.get("installed_on")
    if sold and installed and installed < sold:
        errors["installed_on"] = FieldError("installed.installed_before_sold")
    if errors:
        raise ValidationError(errors)
    clean["warranty_until"] = warranty_until(installed or sold, clean["warranty_months"],
                                             clean.get("warranty_until"))
    return clean


def save_item(ctx: Context, org_id: int, item_id: int | None, values: dict[str, object],
              product_id: int | None = None) -> int:
    """Add an item to the client's base or change one; the client's editors may."""
    access.require(ctx, "edit", _org_owner(org_id))
    clean = _clean(values, ctx.now().date())
    now = ctx.now()
    with write_transaction():
        if item_id is None:
            return InstalledItem.insert(organization=org_id, product=product_id,
                                        created_at=now, updated_at=now, **clean).execute()
        updated = (InstalledItem.update(updated_at=now, version=InstalledItem.version + 1,
                                        **clean)
                   .where(InstalledItem.id == item_id, InstalledItem.organization == org_id)
                   .execute())
        if not updated:
            raise NotFound()
        return item_id


def delete_item(ctx: Context, item_id: int) -> None:
    """Remove an item entered by mistake; its requests stay, without the link."""
    item = InstalledItem.get_or_none(InstalledItem.id == item_id)
    if item is None:
        raise NotFound()
    access.require(ctx, "delete", _org_owner(item.organization_id))
    with write_transaction():
        InstalledItem.delete().where(InstalledItem.id == item_id).execute()


@dataclass(frozen=True)
class ShipmentChoice:
    id: int
    date: dt.date
    document: str
    invoice_number: int


def client_shipments(actor: Actor, org_id: int) -> list[ShipmentChoice]:
    """The client's shipments, newest first: what can be put into the installed base."""
    access.require(actor, "view", _org_owner(org_id))
    query = (Shipment.select(Shipment.id, Shipment.date, Shipment.document, Invoice.number)
             .join(Invoice).where(Invoice.organization == org_id)
             .order_by(Shipment.date.desc(), Shipment.id.desc()).tuples())
    return [ShipmentChoice(*row) for row in query]


def items_from_shipment(ctx: Context, shipment_id: int, warranty_months: int | None = 12) -> int:
    """Put the goods of a shipment's invoice into the client's base, dated by the shipment;
    returns how many lines were added. A shipment already taken is refused."""
    shipment = Shipment.get_or_none(Shipment.id == shipment_id)
    if shipment is None:
        raise NotFound()
    invoice = Invoice.get_by_id(shipment.invoice_id)
    access.require(ctx, "edit", _org_owner(invoice.organization_id))
    now = ctx.now()
    with write_transaction():
        if InstalledItem.select().where(InstalledItem.shipment == shipment_id).exists():
            raise UserError("installed.shipment_taken")
        lines = list(InvoiceLine.select(InvoiceLine, Product.kind)
                     .join(Product, peewee.JOIN.LEFT_OUTER, on=(InvoiceLine.product == Product.id))
                     .where(InvoiceLine.invoice == invoice.id)
                     .order_by(InvoiceLine.position).objects())
        # Services rendered are not something the client keeps; goods are.
        goods = [line for line in lines if getattr(line, "kind", None) != "service"]
        for line in goods:
            quantity = max(1, int(line.quantity)) if line.quantity else 1
            InstalledItem.insert(
                organization=invoice.organization_id, product=line.product_id,
                name=line.name[:300], quantity=quantity, sold_on=shipment.date,
                warranty_months=warranty_months,
                warranty_until=warranty_until(shipment.date, warranty_months, None),
                shipment=shipment_id, created_at=now, updated_at=now).execute()
    return len(goods)
