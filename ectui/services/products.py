"""The price list: goods and services with their unit, price and VAT rate.

Changing the price list is the administrator's; everyone picks from it. A product that a
proposal or an invoice already uses is archived instead of deleted: the documents keep
their own copy of its name and price anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import peewee
from peewee import fn

from ectui import search
from ectui.db import write_transaction
from ectui.errors import FieldError, NotFound, UserError, ValidationError
from ectui.models import InvoiceLine, Product, ProductGroup, ProposalLine
from ectui.models.documents import PRODUCT_KINDS
from ectui.money import format_money, parse_money
from ectui.pricing import clean_vat_rate
from ectui.services import access
from ectui.services.context import Context

PRODUCT_FIELDS = ("kind", "group", "name", "article", "unit", "price", "vat_rate",
                  "description")
GROUP_NAME_LIMIT = 100


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
    group: str = ""   # the direction's name; "" when the product has none


@dataclass(frozen=True)
class ProductGroupRow:
    id: int
    name: str
    products: int     # products of the price list (archived too) in this direction


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
    group = p.group.name if p.group_id is not None else ""
    return ProductRow(p.id, p.kind, p.name, p.article, p.unit, p.price, p.vat_rate, p.is_active,
                      group)


def _filtered(flt: ProductFilter) -> peewee.ModelSelect:
    query = (Product.select(Product, ProductGroup)
             .join(ProductGroup, peewee.JOIN.LEFT_OUTER))
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
    product = _filtered(ProductFilter(include_archived=True)).where(
        Product.id == product_id).first()
    if product is None:
        raise NotFound()
    return _row(product)


def product_for_edit(product_id: int) -> EditableProduct:
    """The stored product as its form shows it (money typed the Russian way)."""
    p = Product.get_or_none(Product.id == product_id)
    if p is None:
        raise NotFound()
    return EditableProduct(p.id, p.version, {
        "kind": p.kind, "group": str(p.group_id or ""), "name": p.name, "article": p.article,
        "unit": p.unit,
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
    cleaned["group"] = None
    if text["group"]:
        group_id = int(text["group"]) if text["group"].isdigit() else None
        if group_id is None or not ProductGroup.select().where(
                ProductGroup.id == group_id).exists():
            errors["group"] = FieldError("product_group.missing")
        cleaned["group"] = group_id
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


# ---- directions (product groups) -----------------------------------------------------------


def product_groups() -> list[ProductGroupRow]:
    """The directions in the administrator's order, with how many products each holds."""
    count = fn.COUNT(Product.id)
    query = (ProductGroup.select(ProductGroup.id, ProductGroup.name, count)
             .join(Product, peewee.JOIN.LEFT_OUTER)
             .group_by(ProductGroup.id, ProductGroup.name, ProductGroup.position)
             .order_by(ProductGroup.position, ProductGroup.name))
    return [ProductGroupRow(gid, name, int(n)) for gid, name, n in query.tuples()]


def clean_group_name(name: object, group_id: int | None = None) -> str:
    """The trimmed name of a direction, or ValidationError: empty, too long or taken."""
    text = " ".join(str(name or "").split())
    if not text:
        raise ValidationError({"name": FieldError("validation.required")})
    if len(text) > GROUP_NAME_LIMIT:
        raise ValidationError({"name": FieldError("documents.too_long",
                                                  limit=GROUP_NAME_LIMIT)})
    folded = search.fold(text)
    for other_id, other in ProductGroup.select(ProductGroup.id, ProductGroup.name).tuples():
        if other_id != group_id and search.fold(other) == folded:
            raise ValidationError({"name": FieldError("product_group.exists", name=other)})
    return text


def save_product_group(ctx: Context, name: object, group_id: int | None = None) -> int:
    """Add a direction (no ``group_id``) or rename one; returns its id. Administrators only."""
    access.require(ctx, "administer")
    with write_transaction():
        text = clean_group_name(name, group_id)
        if group_id is None:
            last = ProductGroup.select(fn.MAX(ProductGroup.position)).scalar() or 0
            return ProductGroup.insert(name=text, position=last + 1).execute()
        if not ProductGroup.update(name=text).where(ProductGroup.id == group_id).execute():
            raise NotFound()
    return group_id


def delete_product_group(ctx: Context, group_id: int) -> int:
    """Delete a direction; its products stay in the price list without one. Returns how many
    products lost it. Administrators only."""
    access.require(ctx, "administer")
    with write_transaction():
        if not ProductGroup.select().where(ProductGroup.id == group_id).exists():
            raise NotFound()
        moved = (Product.update(group=None, updated_at=ctx.now(), version=Product.version + 1)
                 .where(Product.group == group_id).execute())
        ProductGroup.delete().where(ProductGroup.id == group_id).execute()
    return moved
