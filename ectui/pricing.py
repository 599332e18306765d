"""Totals of a proposal or an invoice: each line rounded to kopecks, then summed.

VAT is either included in the prices («в том числе НДС», the usual way of selling to
companies) or added on top («НДС сверху»); our company's settings say which, and every
document keeps the mode and the rates it was made with, so a later change of the law or of
the settings never changes an issued invoice.

A VAT rate is kept as text: a whole percent («22», «10», «0») or ``NO_VAT`` («без НДС», for
sellers on the simplified system and for exempt goods). A product may leave it blank to take
our company's rate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ectui.errors import FieldError
from ectui.i18n import t
from ectui.money import HUNDRED, ZERO, to_kopecks

NO_VAT = "none"
VAT_MODES = ("included", "on_top")
_NO_VAT_WORDS = {"none", "без ндс", "без", "нет", "no", "no vat", "-", "—"}


@dataclass(frozen=True)
class LineAmounts:
    gross: Decimal     # quantity × price
    discount: Decimal  # the discount, in rubles
    amount: Decimal    # after the discount: the line's «Сумма»
    vat: Decimal       # the line's VAT (included in ``amount`` or on top of it)
    total: Decimal     # what the line costs the client, VAT included


@dataclass(frozen=True)
class Totals:
    amount: Decimal    # the lines' «Сумма» added up
    discount: Decimal
    vat: Decimal
    total: Decimal     # «Всего к оплате»
    vat_mode: str
    vat_by_rate: tuple[tuple[str, Decimal], ...]  # (rate code, VAT) in order of first use

    @property
    def without_vat(self) -> bool:
        return all(code == NO_VAT for code, _vat in self.vat_by_rate)


def clean_vat_rate(text: str | None, *, allow_default: bool) -> str:
    """A typed rate as stored: «22», «22%», «10», «0», «без НДС» → "none"; blank → ""
    (our company's rate) when ``allow_default``."""
    shown = (text or "").strip()
    folded = shown.casefold()
    if not folded:
        if allow_default:
            return ""
        raise FieldError("validation.required")
    if folded in _NO_VAT_WORDS:
        return NO_VAT
    digits = folded.replace("%", "").replace("ндс", "").strip()
    if not digits.isdigit() or int(digits) > 99:
        raise FieldError("pricing.bad_vat_rate", value=shown)
    return str(int(digits))


def vat_percent(code: str) -> Decimal | None:
    """The rate as a number; None for «без НДС»."""
    if code == NO_VAT:
        return None
    return Decimal(code)


def vat_label(code: str) -> str:
    """«22%» or «Без НДС», as a line or a total shows it."""
    if not code:
        return t("pricing.vat_default")
    return t("pricing.no_vat") if code == NO_VAT else f"{code}%"


def line_amounts(quantity: Decimal, price: Decimal, discount_percent: Decimal,
                 vat_code: str, vat_mode: str) -> LineAmounts:
    """One line, each sum rounded half up to kopecks."""
    if vat_mode not in VAT_MODES:
        raise ValueError(f"unknown VAT mode {vat_mode!r}")
    gross = to_kopecks(quantity * price)
    discount = to_kopecks(gross * discount_percent / HUNDRED)
    amount = gross - discount
    rate = vat_percent(vat_code)
    if rate is None or rate == 0:
        vat = ZERO
    elif vat_mode == "included":
        vat = to_kopecks(amount * rate / (HUNDRED + rate))
    else:
        vat = to_kopecks(amount * rate / HUNDRED)
    total = amount if vat_mode == "included" else amount + vat
    return LineAmounts(gross, discount, amount, vat, total)


def totals(lines: Iterable[tuple[str, LineAmounts]], vat_mode: str) -> Totals:
    """The document's totals from its lines' (rate code, amounts): sums of rounded lines."""
    amount = discount = vat = total = ZERO
    by_rate: dict[str, Decimal] = {}
    for code, line in lines:
        amount += line.amount
        discount += line.discount
        vat += line.vat
        total += line.total
        by_rate[code] = by_rate.get(code, ZERO) + line.vat
    return Totals(amount, discount, vat, total, vat_mode, tuple(by_rate.items()))


def vat_summary(totals_: Totals) -> list[tuple[str, Decimal | None]]:
    """The VAT lines under a table: («В том числе НДС 22%», 1 234,56) or («Без НДС», None)."""
    if totals_.without_vat or not totals_.vat_by_rate:
        return [(t("pricing.no_vat"), None)]
    key = "pricing.vat_included" if totals_.vat_mode == "included" else "pricing.vat_on_top"
    return [(t(key, rate=vat_label(code)), vat)
            for code, vat in totals_.vat_by_rate if code != NO_VAT]
