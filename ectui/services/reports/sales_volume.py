"""Sales volumes and money: invoiced, paid and shipped month by month, by direction (the
product group of the price list) and by the source channel that brought the client. Sums are
grouped in the database.

Invoiced is the total of invoices (not cancelled) by invoice date; paid, the payments by
payment date; shipped, the shipments by shipment date. By direction is the invoiced money
again, split by invoice line: a line goes to its product's direction, a line typed by hand or
of a product without a direction to «без направления» — so the directions add up to the
invoiced total.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import peewee
from peewee import fn

from ectui.db import is_sqlite
from ectui.models import (
    Invoice,
    InvoiceLine,
    Organization,
    Payment,
    Product,
    ProductGroup,
    Shipment,
)
from ectui.services.context import Context
from ectui.services.reports.filters import (
    EVERYTHING,
    ReportFilter,
    check_filter,
    client_condition,
    date_in_period,
    require_reports,
)
from ectui.services.reports.numbers import money, percent


@dataclass(frozen=True)
class MonthVolume:
    month: str            # YYYY-MM
    invoiced: Decimal
    invoices: int
    paid: Decimal
    shipped: Decimal


@dataclass(frozen=True)
class ChannelVolume:
    channel: str          # "" when the client's source channel is not known
    clients: int          # clients with an invoice in the period
    invoiced: Decimal
    paid: Decimal


@dataclass(frozen=True)
class DirectionVolume:
    direction: str        # the product group's name; "" for lines without one
    invoices: int         # invoices with a line of this direction
    invoiced: Decimal     # the lines' totals (with VAT, after discounts)
    share: Decimal | None  # % of the invoiced total


@dataclass(frozen=True)
class SalesVolume:
    months: tuple[MonthVolume, ...]
    channels: tuple[ChannelVolume, ...]
    invoiced: Decimal
    paid: Decimal
    shipped: Decimal
    directions: tuple[DirectionVolume, ...] = ()


def _month(column: peewee.Field) -> peewee.Node:
    # SQLite keeps a date as 'YYYY-MM-DD' text; PostgreSQL as a date. The format is inlined:
    # psycopg binds each parameter separately, and PostgreSQL would not see that the GROUP BY
    # expression is the selected one.
    if is_sqlite():
        return fn.substr(column, 1, 7)
    return fn.to_char(column, peewee.SQL("'YYYY-MM'"))


def _month_range(keys: set[str]) -> list[str]:
    """Every month from the first to the last of ``keys`` (YYYY-MM), quiet months included:
    the dynamics must show a month with no sales as zero, not skip it."""
    if not keys:
        return []
    year, month = map(int, min(keys).split("-"))
    last = max(keys)
    out = []
    while (key := f"{year:04d}-{month:02d}") <= last:
        out.append(key)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _by_month(query) -> dict[str, tuple]:
    return {month: rest for month, *rest in query.tuples()}


def sales_volume(ctx: Context, f: ReportFilter = EVERYTHING) -> SalesVolume:
    """Invoiced, paid and shipped by month and by source channel, for the filtered clients."""
    require_reports(ctx)
    check_filter(f)
    cond = client_condition(ctx, f)
    live = Invoice.status != "cancelled"
    month = _month(Invoice.date)
    invoiced = _by_month(Invoice.select(month, fn.SUM(Invoice.total), fn.COUNT(Invoice.id))
                         .join(Organization)
                         .where(live, date_in_period(Invoice.date, f), cond).group_by(month))
    month = _month(Payment.date)
    paid = _by_month(Payment.select(month, fn.SUM(Payment.amount)).join(Invoice)
                     .join(Organization).where(date_in_period(Payment.date, f), cond)
                     .group_by(month))
    month = _month(Shipment.date)
    shipped = _by_month(Shipment.select(month, fn.SUM(Shipment.amount)).join(Invoice)
                        .join(Organization).where(date_in_period(Shipment.date, f), cond)
                        .group_by(month))
    months = []
    for key in _month_range(set(invoiced) | set(paid) | set(shipped)):
        inv = invoiced.get(key, (None, 0))
        months.append(MonthVolume(key, money(inv[0]), int(inv[1]),
                                  money(paid.get(key, (None,))[0]),
                                  money(shipped.get(key, (None,))[0])))
    channel = Organization.source_channel
    by_channel_invoiced = {
        ch: (int(n), money(total)) for ch, n, total in
        Invoice.select(channel, fn.COUNT(Invoice.organization.distinct()), fn.SUM(Invoice.total))
        .join(Organization).where(live, date_in_period(Invoice.date, f), cond)
        .group_by(channel).tuples()}
    by_channel_paid = {
        ch: money(total) for ch, total in
        Payment.select(channel, fn.SUM(Payment.amount)).join(Invoice).join(Organization)
        .where(date_in_period(Payment.date, f), cond).group_by(channel).tuples()}
    channels = [ChannelVolume(ch or "", *by_channel_invoiced.get(ch, (0, money(0))),
                              by_channel_paid.get(ch, money(0)))
                for ch in set(by_channel_invoiced) | set(by_channel_paid)]
    channels.sort(key=lambda c: (-c.invoiced, -c.paid, c.channel))
    return SalesVolume(tuple(months), tuple(channels),
                       sum((m.invoiced for m in months), money(0)),
                       sum((m.paid for m in months), money(0)),
                       sum((m.shipped for m in months), money(0)),
                       _directions(ctx, f))


def _directions(ctx: Context, f: ReportFilter) -> tuple[DirectionVolume, ...]:
    query = (InvoiceLine.select(ProductGroup.name, fn.COUNT(Invoice.id.distinct()),
                                fn.SUM(InvoiceLine.total))
             .join(Invoice).join(Organization)
             .switch(InvoiceLine).join(Product, peewee.JOIN.LEFT_OUTER)
             .join(ProductGroup, peewee.JOIN.LEFT_OUTER)
             .where(Invoice.status != "cancelled", date_in_period(Invoice.date, f),
                    client_condition(ctx, f))
             .group_by(ProductGroup.id, ProductGroup.name))
    sums = [(name or "", int(n), money(total)) for name, n, total in query.tuples()]
    whole = sum((amount for _, _, amount in sums), money(0))
    rows = [DirectionVolume(name, n, amount, percent(amount, whole))
            for name, n, amount in sums]
    # The largest first; «без направления» last whatever its size, it is not a direction.
    rows.sort(key=lambda d: (d.direction == "", -d.invoiced, d.direction))
    return tuple(rows)
