"""Money the way Russian documents write it: Decimal rubles rounded half up to kopecks,
«1 234,56» in tables, «Одна тысяча двести тридцать четыре рубля 56 копеек» in words.

Floats never touch money: every amount is a ``Decimal`` and every rounding is explicit.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from num2words import num2words

from ectui.errors import FieldError
from ectui.validation import decimal_number

KOPECK = Decimal("0.01")
QUANTITY_STEP = Decimal("0.001")
HUNDRED = Decimal(100)
ZERO = Decimal("0.00")
MAX_AMOUNT = Decimal("999999999999.99")  # what a NUMERIC(14, 2) column holds
MAX_QUANTITY = Decimal("99999999.999")

_NBSP = "\u00a0"


def to_kopecks(value: Decimal | int | str) -> Decimal:
    """Rounded half up to whole kopecks, the rule of Russian accounting."""
    return Decimal(value).quantize(KOPECK, rounding=ROUND_HALF_UP)


def plural_ru(count: int, one: str, few: str, many: str) -> str:
    """The form of a noun after a number: 1 рубль, 2 рубля, 5 рублей, 11 рублей, 21 рубль."""
    count = abs(count)
    if count % 10 == 1 and count % 100 != 11:
        return one
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return few
    return many


def amount_in_words(amount: Decimal) -> str:
    """«Сто двадцать три рубля 45 копеек»: rubles in words, kopecks in digits, as invoices
    and acts write the sum («Сумма прописью»)."""
    amount = to_kopecks(amount)
    if amount < 0:
        raise ValueError("a negative amount has no words on an invoice")
    rubles = int(amount)
    kopecks = int((amount - rubles) * 100)
    words = num2words(rubles, lang="ru")
    text = (f"{words} {plural_ru(rubles, 'рубль', 'рубля', 'рублей')} "
            f"{kopecks:02d} {plural_ru(kopecks, 'копейка', 'копейки', 'копеек')}")
    return text[0].upper() + text[1:]


def format_money(amount: Decimal | None, *, nbsp: bool = False) -> str:
    """«1 234 567,89»: groups of three digits, a comma before kopecks."""
    if amount is None:
        return ""
    amount = to_kopecks(amount)
    sign = "-" if amount < 0 else ""
    whole, _, fraction = f"{abs(amount):.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    space = _NBSP if nbsp else " "
    return f"{sign}{space.join(groups)},{fraction}"


def format_quantity(quantity: Decimal) -> str:
    """«2», «1,5», «0,125»: no trailing zeros, a comma as the decimal separator."""
    normalized = quantity.normalize()
    text = format(normalized, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def format_percent(value: Decimal) -> str:
    return format_quantity(value)


def _parse(text: str | None, *, step: Decimal, limit: Decimal, key: str) -> Decimal | None:
    value = decimal_number(text)
    if value is None:
        return None
    if value < 0:
        raise FieldError(f"pricing.{key}_negative")
    if value > limit:
        raise FieldError(f"pricing.{key}_too_big")
    if value != value.quantize(step, rounding=ROUND_HALF_UP):
        raise FieldError(f"pricing.{key}_too_precise")
    try:
        return value.quantize(step)
    except InvalidOperation:
        raise FieldError(f"pricing.{key}_too_big") from None


def parse_money(text: str | None) -> Decimal | None:
    """A sum typed as «1 234,56», «1234.5» or «1234»; at most kopecks; "" → None."""
    return _parse(text, step=KOPECK, limit=MAX_AMOUNT, key="money")


def parse_quantity(text: str | None) -> Decimal | None:
    """A quantity: «3», «1,5», «0,125» (to thousandths: kilograms, metres, hours)."""
    return _parse(text, step=QUANTITY_STEP, limit=MAX_QUANTITY, key="quantity")


def parse_percent(text: str | None) -> Decimal | None:
    """A discount in percent, 0 to 100, to hundredths; «%» may be typed."""
    value = _parse((text or "").replace("%", ""), step=KOPECK, limit=HUNDRED, key="percent")
    return value
