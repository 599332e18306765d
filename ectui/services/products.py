"""The price list: goods and services with their unit, price and VAT rate.

Changing the price list is the administrator's; everyone picks from it. A product that a
proposal or an invoice already uses is archived instead of deleted: the documents keep
their own copy of its name and price anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import peewee

from ectui import search
from ectui.db import write_transaction
from ectui.errors import FieldError, NotFound, UserError, ValidationError
from ectui.models import InvoiceLine, Product, ProposalLine
from ectui.models.documents import PRODUCT_KINDS
from ectui.money import format_money, parse_money
from ectui.pricing import clean_vat_rate
from ectui.services import access
from ectui.services.context import Context

PRODUCT_FIELDS = ("kind", "name", "article", "unit", "price", "vat_rate", "description")


@dataclass(frozen=True)
class ProductRow:
    id: int
    kind: str
    name: str
    article: str
    unit: str
    price: Decimal
    vat_rate: str     # "" = our company's rate
    is_active: bool


@dataclass(frozen=True)
class ProductFilter:
    query: str = ""
    kind: str = ""
    include_archived: bool = False


@dataclass(frozen=True)
class EditableProduct:
    id: int | None
    version: int
    values: dict[str, str]


def _row(p: Product) -> ProductRow:
    return ProductRow(p.id, p.kind, p.name, p.article, p.unit, p.price, p.vat_rate, p.is_active)


def _filtered(flt: ProductFilter) -> peewee.ModelSelect:
    query = Product.select()
    if not flt.include_archived:
        query = query.where(Product.is_active == True)  # noqa: E712
    if flt.kind:
        query = query.where(Product.kind == flt.kind)
    for word in search.words(flt.query):
        query = query.where(Product.search_text.contains(word))
    return query


def count_products(flt: ProductFilter) -> int:
    """How many products match."""
    return _filtered(flt).count()


def list_products(flt: ProductFilter, offset: int, limit: int) -> list[ProductRow]:
    """One page of the price list, by name."""
    query = _filtered(flt).order_by(Product.is_active.desc(), Product.sort_key, Product.id)
    return [_row(p) for p in query.offset(offset).limit(limit)]


def get_product(product_id: int) -> ProductRow:
    product = Product.get_or_none(Product.id == product_id)
    if product is None:
        raise NotFound()
    return _row(product)


def product_for_edit(product_id: int) -> EditableProduct:
    """The stored product as its form shows it (money typed the Russian way)."""
    p = Product.get_or_none(Product.id == product_id)
    if p is None:
        raise NotFound()
    return EditableProduct(p.id, p.version, {
        "kind": p.kind, "name": p.name, "article": p.article, "unit": p.unit,
        "price": format_money(p.price), "vat_rate": p.vat_rate, "description": p.description})


def clean_product(values: dict[str, object]) -> dict[str, object]:
    """Stored values of a product, or ValidationError naming every bad field."""
    text = {name: str(values.get(name) or "").strip() for name in PRODUCT_FIELDS}
    errors: dict[str, FieldError] = {}
    cleaned: dict[str, object] = {}
    kind = text["kind"] or "goods"
    if kind not in PRODUCT_KINDS:
        errors["kind"] = FieldError("record.choice", options=", ".join(PRODUCT_KINDS))
    cleaned["kind"] = kind
    for name, limit in (("name", 300), ("unit", 20), ("article", 50)):
        if name != "article" and not text[name]:
            errors[name] = FieldError("validation.required")
        elif len(text[name]) > limit:
            errors[name] = FieldError("documents.too_long", limit=limit)
        cleaned[name] = text[name]
    try:
        price = parse_money(text["price"])
        if price is None:
            raise FieldError("validation.required")
        cleaned["price"] = price
    except FieldError as error:
        errors["price"] = error
    try:
        cleaned["vat_rate"] = clean_vat_rate(text["vat_rate"], allow_default=True)
    except FieldError as error:
        errors["vat_rate"] = error
    cleaned["description"] = text["description"]
    if errors:
        raise ValidationError(errors)
    return cleaned


def save_product(ctx: Context, values: dict[str, object], *, product_id: int | None = None,
                 expected_version: int | None = None) -> int:
    """Create (no ``product_id``) or update a product of the price list; returns its id."""
    access.require(ctx, "administer")
    cleaned = clean_product(values)
    now = ctx.now()
    with write_transaction():
        if product_id is None:
            product = Product(created_at=now, version=0)
        else:
            product = Product.get_or_none(Product.id == product_id)
            if product is None:
                raise NotFound()
            if expected_version is not None and product.version != expected_version:
                raise UserError("conflict.changed_elsewhere")
        for name, value in cleaned.items():
            setattr(product, name, value)
        product.search_text = search.build_search_text([product.name, product.article])
        product.sort_key = search.fold(product.name)
        product.updated_at = now
        product.version += 1
        product.save()
    return product.id


def product_is_used(product_id: int) -> bool:
    return (ProposalLine.select().where(ProposalLine.product == product_id).exists()
            or InvoiceLine.select().where(InvoiceLine.product == product_id).exists())


def delete_product(ctx: Context, product_id: int) -> str:
    """Delete a product, or archive it when documents use it; returns "deleted" or
    "archived"."""
    access.require(ctx, "administer")
    with write_transaction():
        product = Product.get_or_none(Product.id == product_id)
        if product is None:
            raise NotFound()
        if product_is_used(product_id):
            Product.update(is_active=False, updated_at=ctx.now(),
                           version=Product.version + 1).where(Product.id == product_id).execute()
            return "archived"
        product.delete_instance()
    return "deleted"


def restore_product(ctx: Context, product_id: int) -> None:
    """Bring an archived product back into the price list."""
    access.require(ctx, "administer")
    with write_transaction():
        Product.update(is_active=True, updated_at=ctx.now(),
                       version=Product.version + 1).where(Product.id == product_id).execute()
