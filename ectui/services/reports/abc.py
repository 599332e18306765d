"""ABC analysis: clients (or products, or directions) ranked by sales, split where the running
total crosses the thresholds (A: the first 75 % of sales, B: the next 20 %, C: the last 5 %).

A client belongs to A while the sales of the clients ranked above it are below the A
threshold — so the client that carries the total across 75 % is still A, and one that starts
exactly at 75 % is B. Sales are invoice totals (not cancelled) dated in the period, or
payments received in the period (``basis="paid"``). Sums are grouped in the database; the
running total is Decimal arithmetic over one row per client.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from peewee import JOIN, Case, fn

from ectui.db import write_transaction
from ectui.errors import FieldError, ValidationError
from ectui.models import (
    ClientGroup,
    Invoice,
    InvoiceLine,
    Organization,
    OrganizationGroupMember,
    Payment,
    Product,
    ProductGroup,
    Setting,
)
from ectui.services import access
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

BASES = ("invoiced", "paid")
SUBJECTS = ("clients", "products", "directions")
THRESHOLDS_KEY = "reports.abc_thresholds"
DEFAULT_THRESHOLDS = (Decimal(75), Decimal(95))


@dataclass(frozen=True)
class AbcRow:
    rank: int
    # Organization id, product id or product group id; None for a line typed by hand (a
    # product) or for the lines without a direction.
    key: int | None
    name: str
    amount: Decimal
    share: Decimal         # % of the total, one decimal
    cumulative: Decimal    # running % including this row
    klass: str             # "A", "B" or "C"


@dataclass(frozen=True)
class AbcClassTotal:
    klass: str
    count: int
    amount: Decimal
    share: Decimal | None


@dataclass(frozen=True)
class AbcReport:
    subject: str
    basis: str
    thresholds: tuple[Decimal, Decimal]
    total: Decimal
    rows: tuple[AbcRow, ...]
    classes: tuple[AbcClassTotal, ...]


def abc_thresholds() -> tuple[Decimal, Decimal]:
    """The configured cumulative % limits of A and of A+B (75 and 95 by default)."""
    raw = Setting.select(Setting.value).where(Setting.key == THRESHOLDS_KEY).scalar()
    if not raw:
        return DEFAULT_THRESHOLDS
    a, b = raw.split(",")
    return Decimal(a), Decimal(b)


def check_thresholds(a: Decimal, b: Decimal) -> None:
    if not (Decimal(0) < a < b < Decimal(100)):
        raise ValidationError({"thresholds": FieldError("report.error.abc_thresholds")})


def save_abc_thresholds(ctx: Context, a: Decimal, b: Decimal) -> None:
    """Set the A and A+B limits for everyone (administrators only)."""
    access.require(ctx, "administer")
    check_thresholds(a, b)
    value = f"{a},{b}"
    with write_transaction():
        Setting.insert(key=THRESHOLDS_KEY, value=value).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: value}).execute()


def _client_sales(ctx: Context, f: ReportFilter, basis: str):
    cond = client_condition(ctx, f)
    if basis == "paid":
        total = fn.SUM(Payment.amount)
        return (Payment.select(Organization.id, Organization.name, total)
                .join(Invoice).join(Organization)
                .where(date_in_period(Payment.date, f), cond)
                .group_by(Organization.id, Organization.name))
    total = fn.SUM(Invoice.total)
    return (Invoice.select(Organization.id, Organization.name, total)
            .join(Organization)
            .where(Invoice.status != "cancelled", date_in_period(Invoice.date, f), cond)
            .group_by(Organization.id, Organization.name))


def _product_sales(ctx: Context, f: ReportFilter):
    # A product sums by its id (its lines keep the name they were sold under, so a renamed
    # product stays one row); a line typed by hand, with no product, sums by its name.
    by_name = Case(None, ((InvoiceLine.product.is_null(), InvoiceLine.name),), "")
    return (InvoiceLine.select(InvoiceLine.product, fn.MIN(InvoiceLine.name),
                               fn.SUM(InvoiceLine.total))
            .join(Invoice).join(Organization)
            .where(Invoice.status != "cancelled", date_in_period(Invoice.date, f),
                   client_condition(ctx, f))
            .group_by(InvoiceLine.product, by_name))


def _direction_sales(ctx: Context, f: ReportFilter):
    # Invoice lines by their product's group: the same money as the sales report's
    # directions; lines without one make the row «без направления» (key None, name "").
    return (InvoiceLine.select(ProductGroup.id, ProductGroup.name, fn.SUM(InvoiceLine.total))
            .join(Invoice).join(Organization)
            .switch(InvoiceLine).join(Product, JOIN.LEFT_OUTER)
            .join(ProductGroup, JOIN.LEFT_OUTER)
            .where(Invoice.status != "cancelled", date_in_period(Invoice.date, f),
                   client_condition(ctx, f))
            .group_by(ProductGroup.id, ProductGroup.name))


def classify(amounts: list[tuple[int | None, str, Decimal]],
             thresholds: tuple[Decimal, Decimal]) -> tuple[AbcRow, ...]:
    """Rank by amount (largest first, then by name) and give each row its class."""
    ranked = sorted((row for row in amounts if row[2] > 0), key=lambda r: (-r[2], r[1]))
    total = sum((r[2] for r in ranked), Decimal(0))
    rows = []
    before = Decimal(0)
    for rank, (key, name, amount) in enumerate(ranked, 1):
        share_before = before * 100 / total
        klass = "A" if share_before < thresholds[0] else "B" if share_before < thresholds[1] \
            else "C"
        before += amount
        rows.append(AbcRow(rank, key, name, amount, percent(amount, total),
                           percent(before, total), klass))
    return tuple(rows)


def abc_analysis(ctx: Context, f: ReportFilter = EVERYTHING, subject: str = "clients",
                 basis: str = "invoiced",
                 thresholds: tuple[Decimal, Decimal] | None = None) -> AbcReport:
    """ABC classes of clients (by invoiced or paid), or of products or directions (by
    invoiced lines)."""
    require_reports(ctx)
    check_filter(f)
    if subject not in SUBJECTS:
        raise ValidationError({"subject": FieldError("record.choice",
                                                     options=", ".join(SUBJECTS))})
    if basis not in BASES:
        raise ValidationError({"basis": FieldError("record.choice",
                                                   options=", ".join(BASES))})
    limits = thresholds or abc_thresholds()
    check_thresholds(*limits)
    if subject == "products":
        basis = "invoiced"
        query = _product_sales(ctx, f)
    elif subject == "directions":
        basis = "invoiced"
        query = _direction_sales(ctx, f)
    else:
        query = _client_sales(ctx, f, basis)
    amounts = [(key, name or "", money(total)) for key, name, total in query.tuples()]
    rows = classify(amounts, limits)
    total = sum((r.amount for r in rows), Decimal("0.00"))
    classes = []
    for klass in "ABC":
        members = [r for r in rows if r.klass == klass]
        amount = sum((r.amount for r in members), Decimal("0.00"))
        classes.append(AbcClassTotal(klass, len(members), amount, percent(amount, total)))
    return AbcReport(subject, basis, limits, total, rows, tuple(classes))


def save_as_groups(ctx: Context, report: AbcReport) -> dict[str, int]:
    """Put the analysed clients into the organization groups «ABC: A», «ABC: B», «ABC: C»,
    replacing their members; returns each group's id. For mailings and segmentation."""
    access.require(ctx, "create")
    if report.subject != "clients":
        raise ValidationError({"subject": FieldError("report.error.abc_groups_clients")})
    ids: dict[str, int] = {}
    with write_transaction():
        for klass in "ABC":
            name = f"ABC: {klass}"  # the same in every language: one group per class
            group, _ = ClientGroup.get_or_create(kind="organization", name=name)
            OrganizationGroupMember.delete().where(
                OrganizationGroupMember.group == group.id).execute()
            members = [{"group": group.id, "organization": r.key}
                       for r in report.rows if r.klass == klass]
            if members:
                OrganizationGroupMember.insert_many(members).execute()
            ids[klass] = group.id
    return ids
