"""Lines of a proposal or an invoice: added from the price list or typed, edited, moved,
deleted; each change recomputes the line and the document's totals in the same transaction.

Callers check the rights on the document first; these functions only keep the numbers right.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import peewee

from ectui.errors import FieldError, NotFound, ValidationError
from ectui.models import Product
from ectui.money import (
    ZERO,
    format_money,
    format_percent,
    format_quantity,
    parse_money,
    parse_percent,
    parse_quantity,
)
from ectui.pricing import LineAmounts, Totals, clean_vat_rate, line_amounts, totals

LINE_FIELDS = ("name", "unit", "quantity", "price", "discount_percent", "vat_rate")


@dataclass(frozen=True)
class LineView:
    id: int
    position: int
    product_id: int | None
    name: str
    unit: str
    quantity: Decimal
    price: Decimal
    discount_percent: Decimal
    vat_rate: str
    amount: Decimal
    discount: Decimal
    vat: Decimal
    total: Decimal


@dataclass(frozen=True)
class LineOwner:
    """Which document model owns which line model, through which field."""

    doc_model: type[peewee.Model]
    line_model: type[peewee.Model]
    fk_name: str

    @property
    def fk(self) -> peewee.ForeignKeyField:
        return getattr(self.line_model, self.fk_name)


def line_view(line) -> LineView:
    return LineView(line.id, line.position, line.product_id, line.name, line.unit,
                    line.quantity, line.price, line.discount_percent, line.vat_rate,
                    line.amount, line.discount, line.vat, line.total)


def lines_of(owner: LineOwner, doc_id: int) -> list[LineView]:
    """The document's lines in their order."""
    query = (owner.line_model.select().where(owner.fk == doc_id)
             .order_by(owner.line_model.position, owner.line_model.id))
    return [line_view(line) for line in query]


def line_for_edit(owner: LineOwner, doc_id: int, line_id: int) -> dict[str, str]:
    line = _line(owner, doc_id, line_id)
    return {"name": line.name, "unit": line.unit, "quantity": format_quantity(line.quantity),
            "price": format_money(line.price),
            "discount_percent": format_percent(line.discount_percent) if line.discount_percent
            else "", "vat_rate": line.vat_rate}


def clean_line(values: dict[str, object], default_rate: str) -> dict[str, object]:
    """A line as typed → stored values; every bad field at once. A blank VAT rate takes
    ``default_rate`` (our company's)."""
    text = {name: str(values.get(name) or "").strip() for name in LINE_FIELDS}
    errors: dict[str, FieldError] = {}
    cleaned: dict[str, object] = {}
    if not text["name"]:
        errors["name"] = FieldError("validation.required")
    elif len(text["name"]) > 500:
        errors["name"] = FieldError("documents.too_long", limit=500)
    cleaned["name"] = text["name"]
    if not text["unit"]:
        errors["unit"] = FieldError("validation.required")
    elif len(text["unit"]) > 20:
        errors["unit"] = FieldError("documents.too_long", limit=20)
    cleaned["unit"] = text["unit"]
    try:
        quantity = parse_quantity(text["quantity"])
        if quantity is None:
            raise FieldError("validation.required")
        if quantity == 0:
            raise FieldError("pricing.quantity_zero")
        cleaned["quantity"] = quantity
    except FieldError as error:
        errors["quantity"] = error
    try:
        price = parse_money(text["price"])
        if price is None:
            raise FieldError("validation.required")
        cleaned["price"] = price
    except FieldError as error:
        errors["price"] = error
    try:
        cleaned["discount_percent"] = parse_percent(text["discount_percent"]) or Decimal("0.00")
    except FieldError as error:
        errors["discount_percent"] = error
    try:
        cleaned["vat_rate"] = clean_vat_rate(text["vat_rate"], allow_default=True) or default_rate
    except FieldError as error:
        errors["vat_rate"] = error
    if errors:
        raise ValidationError(errors)
    return cleaned


def product_line_values(product_id: int, quantity: str, discount: str,
                        default_rate: str) -> dict[str, object]:
    """A line for a product of the price list, its price and rate copied into the line."""
    product = Product.get_or_none(Product.id == product_id)
    if product is None:
        raise NotFound()
    return clean_line({"name": product.name, "unit": product.unit, "quantity": quantity,
                       "price": format_money(product.price), "discount_percent": discount,
                       "vat_rate": product.vat_rate}, default_rate) | {"product": product.id}


def _amounts(values: dict[str, object], vat_mode: str) -> LineAmounts:
    return line_amounts(values["quantity"], values["price"],  # type: ignore[arg-type]
                        values["discount_percent"], str(values["vat_rate"]), vat_mode)


def _line(owner: LineOwner, doc_id: int, line_id: int):
    line = owner.line_model.get_or_none(owner.line_model.id == line_id, owner.fk == doc_id)
    if line is None:
        raise NotFound()
    return line


def insert_line(owner: LineOwner, doc_id: int, values: dict[str, object],
                vat_mode: str) -> int:
    """Append a line (inside the caller's write transaction); returns its id."""
    amounts = _amounts(values, vat_mode)
    position = owner.line_model.select().where(owner.fk == doc_id).count()
    line = owner.line_model.create(
        **{owner.fk_name: doc_id}, position=position, **values,
        amount=amounts.amount, discount=amounts.discount, vat=amounts.vat, total=amounts.total)
    return line.id


def change_line(owner: LineOwner, doc_id: int, line_id: int, values: dict[str, object],
                vat_mode: str) -> None:
    line = _line(owner, doc_id, line_id)
    amounts = _amounts(values, vat_mode)
    for name, value in values.items():
        setattr(line, name, value)
    line.amount, line.discount = amounts.amount, amounts.discount
    line.vat, line.total = amounts.vat, amounts.total
    line.save()


def remove_line(owner: LineOwner, doc_id: int, line_id: int) -> None:
    _line(owner, doc_id, line_id).delete_instance()
    _renumber(owner, doc_id)


def shift_line(owner: LineOwner, doc_id: int, line_id: int, delta: int) -> None:
    """Move a line up (−1) or down (+1)."""
    ids = [line.id for line in lines_of(owner, doc_id)]
    if line_id not in ids:
        raise NotFound()
    index = ids.index(line_id)
    target = max(0, min(len(ids) - 1, index + delta))
    ids.insert(target, ids.pop(index))
    _renumber(owner, doc_id, ids)


def _renumber(owner: LineOwner, doc_id: int, ids: list[int] | None = None) -> None:
    ids = ids if ids is not None else [line.id for line in lines_of(owner, doc_id)]
    for position, ident in enumerate(ids):
        owner.line_model.update(position=position).where(owner.line_model.id == ident).execute()


def copy_lines(source: LineOwner, source_id: int, target: LineOwner, target_id: int,
               vat_mode: str) -> None:
    """Every line of one document into another (a proposal becomes an invoice)."""
    for line in lines_of(source, source_id):
        insert_line(target, target_id, {
            "product": line.product_id, "name": line.name, "unit": line.unit,
            "quantity": line.quantity, "price": line.price,
            "discount_percent": line.discount_percent, "vat_rate": line.vat_rate}, vat_mode)


def compute_totals(owner: LineOwner, doc_id: int, vat_mode: str) -> Totals:
    """The totals from the stored lines (each already rounded)."""
    views = lines_of(owner, doc_id)
    return totals(((v.vat_rate, LineAmounts(v.amount + v.discount, v.discount, v.amount, v.vat,
                                             v.total)) for v in views), vat_mode)


def store_totals(owner: LineOwner, doc_id: int, vat_mode: str) -> Totals:
    """Recompute the totals and write them on the document (for lists and the chain)."""
    result = compute_totals(owner, doc_id, vat_mode)
    doc = owner.doc_model
    (doc.update(amount=result.amount, discount=result.discount, vat=result.vat,
                total=result.total)
     .where(doc.id == doc_id).execute())
    return result


def empty_totals(vat_mode: str) -> Totals:
    return Totals(ZERO, ZERO, ZERO, ZERO, vat_mode, ())
