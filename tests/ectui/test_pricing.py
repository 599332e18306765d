"""Money in Decimal: parsing as typed, rounding half up to kopecks line by line, VAT included
or on top, and the amount in words as Russian invoices write it."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ectui.errors import FieldError
from ectui.money import (
    amount_in_words,
    format_money,
    format_quantity,
    parse_money,
    parse_percent,
    parse_quantity,
    plural_ru,
    to_kopecks,
)
from ectui.pricing import NO_VAT, clean_vat_rate, line_amounts, totals, vat_summary


@pytest.mark.parametrize(("amount", "words"), [
    ("123.45", "Сто двадцать три рубля 45 копеек"),
    ("1", "Один рубль 00 копеек"),
    ("2.02", "Два рубля 02 копейки"),
    ("5.01", "Пять рублей 01 копейка"),
    ("11.11", "Одиннадцать рублей 11 копеек"),
    ("21.21", "Двадцать один рубль 21 копейка"),
    ("112.12", "Сто двенадцать рублей 12 копеек"),
    ("1000", "Одна тысяча рублей 00 копеек"),
    ("2000", "Две тысячи рублей 00 копеек"),
    ("1002.03", "Одна тысяча два рубля 03 копейки"),
    ("1000000", "Один миллион рублей 00 копеек"),
    ("0.99", "Ноль рублей 99 копеек"),
    ("176930.40", "Сто семьдесят шесть тысяч девятьсот тридцать рублей 40 копеек"),
])
def test_amount_in_words(amount, words):
    assert amount_in_words(D(amount)) == words


def test_amount_in_words_rounds_to_kopecks_first():
    assert amount_in_words(D("10.005")) == "Десять рублей 01 копейка"


def test_plural_forms():
    assert [plural_ru(n, "рубль", "рубля", "рублей") for n in (1, 2, 5, 11, 14, 21, 104, 111)] \
        == ["рубль", "рубля", "рублей", "рублей", "рублей", "рубль", "рубля", "рублей"]


def test_rounding_is_half_up_not_bankers():
    assert to_kopecks(D("0.125")) == D("0.13")
    assert to_kopecks(D("0.135")) == D("0.14")
    assert to_kopecks(D("2.675")) == D("2.68")  # a float would give 2.67


def test_money_is_typed_the_russian_way():
    assert parse_money("1 234,56") == D("1234.56")
    assert parse_money("1234.5") == D("1234.50")
    assert parse_money("") is None
    for bad, key in (("12,345", "pricing.money_too_precise"), ("-5", "pricing.money_negative"),
                     ("abc", "validation.decimal.format")):
        with pytest.raises(FieldError) as caught:
            parse_money(bad)
        assert caught.value.key == key
    assert parse_quantity("1,5") == D("1.500")
    assert parse_percent("7,5 %") == D("7.50")
    with pytest.raises(FieldError):
        parse_percent("120")


def test_money_is_shown_the_russian_way():
    assert format_money(D("1234567.8")) == "1 234 567,80"
    assert format_money(D("0")) == "0,00"
    assert format_quantity(D("2.000")) == "2"
    assert format_quantity(D("1.250")) == "1,25"
    assert format_quantity(D("100")) == "100"


def test_vat_rates_as_typed():
    assert clean_vat_rate("22%", allow_default=False) == "22"
    assert clean_vat_rate("10", allow_default=False) == "10"
    assert clean_vat_rate("0", allow_default=False) == "0"
    assert clean_vat_rate("без НДС", allow_default=False) == NO_VAT
    assert clean_vat_rate("", allow_default=True) == ""
    with pytest.raises(FieldError):
        clean_vat_rate("", allow_default=False)
    with pytest.raises(FieldError):
        clean_vat_rate("двадцать", allow_default=False)


def test_vat_included_in_the_price():
    line = line_amounts(D("3"), D("1000.00"), D("5"), "22", "included")
    assert line.gross == D("3000.00")
    assert line.discount == D("150.00")
    assert line.amount == D("2850.00")
    assert line.vat == D("513.93")  # 2850 × 22 / 122 = 513.934…
    assert line.total == D("2850.00")


def test_vat_on_top_of_the_price():
    line = line_amounts(D("3"), D("1000.00"), D("5"), "22", "on_top")
    assert line.amount == D("2850.00")
    assert line.vat == D("627.00")
    assert line.total == D("3477.00")


def test_totals_add_rounded_lines_not_unrounded_ones():
    # Three lines of 0.407 VAT each: per line 0.41 × 3 = 1.23; once on the sum it would be 1.22.
    lines = [line_amounts(D("1"), D("1.85"), D("0"), "22", "on_top") for _ in range(3)]
    assert all(line.vat == D("0.41") for line in lines)
    result = totals([("22", line) for line in lines], "on_top")
    assert result.vat == D("1.23")
    assert result.amount == D("5.55")
    assert result.total == D("6.78")


def test_mixed_rates_are_shown_separately():
    result = totals([("22", line_amounts(D("1"), D("122"), D("0"), "22", "included")),
                     ("10", line_amounts(D("1"), D("110"), D("0"), "10", "included")),
                     (NO_VAT, line_amounts(D("1"), D("50"), D("0"), NO_VAT, "included"))],
                    "included")
    assert result.vat == D("32.00")
    assert result.total == D("282.00")
    assert vat_summary(result) == [("В том числе НДС 22%", D("22.00")),
                                   ("В том числе НДС 10%", D("10.00"))]


def test_without_vat_says_so():
    result = totals([(NO_VAT, line_amounts(D("2"), D("500"), D("0"), NO_VAT, "included"))],
                    "included")
    assert result.vat == D("0.00")
    assert vat_summary(result) == [("Без НДС", None)]
