"""Exact report arithmetic: money and ratios as Decimal, rounded the way people read them.

SQLite sums NUMERIC columns as floats; every sum goes through ``money`` so both engines give
the same Decimal to the kopeck.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

KOPECK = Decimal("0.01")
TENTH = Decimal("0.1")


def money(value) -> Decimal:
    """A database sum as Decimal rubles with kopecks (None → 0)."""
    if value is None:
        return Decimal("0.00")
    return Decimal(str(value)).quantize(KOPECK, ROUND_HALF_UP)


def percent(part, whole) -> Decimal | None:
    """part / whole in percent with one decimal; None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(TENTH, ROUND_HALF_UP)


def average(total, count: int, places: Decimal = TENTH) -> Decimal | None:
    """total / count rounded half up; None for no items."""
    if not count:
        return None
    return (Decimal(total) / Decimal(count)).quantize(places, ROUND_HALF_UP)
