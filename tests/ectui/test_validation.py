"""Requisites arithmetic and field validators: real numbers, typos, normalization, messages."""

from __future__ import annotations

import datetime as dt
import random
import re
import string
from decimal import Decimal
from pathlib import Path

import pytest
from stdnum.ru import inn as stdnum_inn
from stdnum.ru import ogrn as stdnum_ogrn

from ectui import requisites as rq
from ectui import validation as v
from ectui.errors import FieldError
from ectui.i18n import catalog, set_language

TODAY = dt.date(2026, 11, 23)
NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def russian_afterwards():
    yield
    set_language("ru")


@pytest.fixture
def english():
    set_language("en")


def error_of(func, *args, **kwargs) -> FieldError:
    with pytest.raises(FieldError) as info:
        func(*args, **kwargs)
    return info.value


def digits(rng: random.Random, count: int, first: str = string.digits) -> str:
    return rng.choice(first) + "".join(rng.choice(string.digits) for _ in range(count - 1))


def mutations(number: str):
    """Every number that differs from ``number`` in exactly one digit."""
    for i, old in enumerate(number):
        for new in string.digits:
            if new != old:
                yield number[:i] + new + number[i + 1 :]


def reference_account_key(prefix3: str, account: str) -> str:
    """The CBR key written the way the Bank of Russia states it, independent of ectui."""
    weights = [7, 1, 3] * 8
    zeroed = prefix3 + account[:8] + "0" + account[9:]
    total = sum(w * int(d) % 10 for w, d in zip(weights, zeroed, strict=False))
    return str(total % 10 * 3 % 10)


# Real requisites of large Russian companies and banks (public registry data).
REAL_INNS = [
    "7707083893",  # ПАО Сбербанк
    "7736050003",  # ПАО «Газпром»
    "7702070139",  # Банк ВТБ (ПАО)
    "500100732259",  # a personal INN
]
REAL_OGRNS = [
    "1027700132195",  # ПАО Сбербанк
    "1027700070518",  # ПАО «Газпром»
    "1027739609391",  # Банк ВТБ (ПАО)
    "304500116000157",  # an OGRNIP
]
# (BIK, correspondent account, a client's settlement account) from real payment documents.
REAL_BANK_ACCOUNTS = [
    ("044525225", "30101810400000000225", "40702810938000000001"),  # Сбербанк
    ("044525225", "30101810400000000225", "40703810338000004033"),  # Сбербанк
    ("044525700", "30101810200000000700", "40702810800001400002"),  # Райффайзенбанк
    ("044525823", "30101810200000000823", "40702810000000011692"),  # Газпромбанк
]
# An OGRNIP whose first 14 digits give remainder 11 mod 13: stdnum rejects it (TRAPS.md).
OGRNIP_STDNUM_REJECTS = "398386756508891"


# --- requisites.py ------------------------------------------------------------------------


@pytest.mark.parametrize("number", REAL_INNS)
def test_real_inn_is_valid_and_stdnum_agrees(number):
    assert rq.inn_is_valid(number)
    assert stdnum_inn.is_valid(number)


@pytest.mark.parametrize("number", REAL_INNS)
def test_inn_with_a_changed_check_digit_is_invalid(number):
    changed = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert not rq.inn_is_valid(changed)
    assert not stdnum_inn.is_valid(changed)


@pytest.mark.parametrize("number", REAL_INNS)
def test_inn_agrees_with_stdnum_on_every_one_digit_typo(number):
    for typo in mutations(number):
        assert rq.inn_is_valid(typo) == stdnum_inn.is_valid(typo), typo


@pytest.mark.parametrize(
    "value", ["", "770708389", "77070838930", "7707 083893", "77070838９3", "²707083893"]
)
def test_inn_is_valid_refuses_wrong_shapes(value):
    assert not rq.inn_is_valid(value)


def test_complete_inn_round_trips():
    rng = random.Random(20261123)
    for _ in range(500):
        prefix = digits(rng, 9)
        number = rq.complete_inn(prefix)
        assert number[:9] == prefix and len(number) == 10
        assert rq.inn_is_valid(number) and stdnum_inn.is_valid(number)
        personal = rq.complete_inn(digits(rng, 10))
        assert len(personal) == 12
        assert rq.inn_is_valid(personal) and stdnum_inn.is_valid(personal)


def test_complete_inn_of_real_prefixes_gives_the_real_numbers():
    assert rq.complete_inn("770708389") == "7707083893"
    assert rq.complete_inn("5001007322") == "500100732259"


@pytest.mark.parametrize("prefix", ["", "77070838", "77070838933", "77O708389"])
def test_complete_inn_refuses_wrong_lengths(prefix):
    with pytest.raises(ValueError):
        rq.complete_inn(prefix)


@pytest.mark.parametrize("number", REAL_OGRNS)
def test_real_ogrn_is_valid(number):
    assert rq.ogrn_is_valid(number)
    assert stdnum_ogrn.is_valid(number)


@pytest.mark.parametrize("number", REAL_OGRNS)
def test_ogrn_with_a_changed_digit_is_invalid(number):
    changed = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert not rq.ogrn_is_valid(changed)


def test_ogrnip_that_stdnum_wrongly_rejects_is_valid():
    first = OGRNIP_STDNUM_REJECTS[:14]
    assert int(first) % 13 == 11
    assert int(first) % 13 % 10 == int(OGRNIP_STDNUM_REJECTS[-1])
    assert not stdnum_ogrn.is_valid(OGRNIP_STDNUM_REJECTS)  # the stdnum bug, still there
    assert rq.ogrn_is_valid(OGRNIP_STDNUM_REJECTS)


def test_ogrn_13_agrees_with_stdnum_on_typos():
    for number in REAL_OGRNS[:3]:
        for typo in mutations(number):
            assert rq.ogrn_is_valid(typo) == stdnum_ogrn.is_valid(typo), typo


def test_complete_ogrn_round_trips():
    rng = random.Random(7)
    for _ in range(500):
        ogrn = rq.complete_ogrn(digits(rng, 12, first="15"))
        assert rq.ogrn_is_valid(ogrn) and stdnum_ogrn.is_valid(ogrn)
        assert int(ogrn[:12]) % 11 % 10 == int(ogrn[12])
        ogrnip = rq.complete_ogrn(digits(rng, 14, first="3"))
        assert rq.ogrn_is_valid(ogrnip)
        assert int(ogrnip[:14]) % 13 % 10 == int(ogrnip[14])


@pytest.mark.parametrize("prefix", ["102770013219", "30450011600015"])
def test_complete_ogrn_of_real_prefixes_gives_the_real_numbers(prefix):
    assert rq.complete_ogrn(prefix) in REAL_OGRNS


@pytest.mark.parametrize(
    "prefix", ["", "10277001321", "1027700132195", "002770013219", "50450011600015"]
)
def test_complete_ogrn_refuses_what_cannot_be_valid(prefix):
    with pytest.raises(ValueError):
        rq.complete_ogrn(prefix)


@pytest.mark.parametrize("value", ["773601001", "7736AB001", "77360Z001"])
def test_kpp_is_valid(value):
    assert rq.kpp_is_valid(value)


@pytest.mark.parametrize(
    "value", ["", "77360100", "7736010011", "7736ab001", "A73601001", "7736010A1"]
)
def test_kpp_is_invalid(value):
    assert not rq.kpp_is_valid(value)


def test_bik_is_valid():
    assert rq.bik_is_valid("044525225")
    assert not rq.bik_is_valid("144525225")
    assert not rq.bik_is_valid("04452522")
    assert not rq.bik_is_valid("04452522X")


@pytest.mark.parametrize(("bik", "correspondent", "settlement"), REAL_BANK_ACCOUNTS)
def test_real_bank_accounts_are_valid(bik, correspondent, settlement):
    assert rq.settlement_account_is_valid(settlement, bik)
    assert rq.correspondent_account_is_valid(correspondent, bik)
    assert rq.account_key(settlement) == reference_account_key(bik[6:9], settlement)
    assert rq.account_key(correspondent) == reference_account_key("0" + bik[4:6], correspondent)


@pytest.mark.parametrize(("bik", "correspondent", "settlement"), REAL_BANK_ACCOUNTS)
def test_any_one_digit_typo_in_an_account_breaks_the_key(bik, correspondent, settlement):
    # Weights 7, 1, 3 are coprime with 10, so the key catches every single wrong digit.
    assert not any(rq.settlement_account_is_valid(typo, bik) for typo in mutations(settlement))
    assert not any(
        rq.correspondent_account_is_valid(typo, bik) for typo in mutations(correspondent)
    )


def test_account_of_another_bank_does_not_match():
    assert not rq.settlement_account_is_valid("40702810938000000001", "044525700")
    assert not rq.correspondent_account_is_valid("30101810400000000225", "044540000")
    # Banks of one CBR division share the correspondent key: only the last 3 digits differ.
    assert rq.correspondent_account_is_valid("30101810400000000225", "044525700")
    assert not rq.correspondent_account_ends_with_bik("30101810400000000225", "044525700")


@pytest.mark.parametrize(("bik", "correspondent", "_settlement"), REAL_BANK_ACCOUNTS)
def test_real_correspondent_accounts_end_with_the_bik(bik, correspondent, _settlement):
    assert rq.correspondent_account_ends_with_bik(correspondent, bik)


def test_account_checks_refuse_wrong_shapes():
    assert not rq.settlement_account_is_valid("4070281093800000000", "044525225")
    assert not rq.settlement_account_is_valid("40702810938000000001", "")
    assert not rq.correspondent_account_is_valid("30101810400000000225", "144525225")
    # Right key for the BIK, but not a correspondent account.
    assert not rq.correspondent_account_is_valid(
        rq.complete_correspondent_account("044525225", "30101810400000000225").replace(
            "30101", "30102", 1
        ),
        "044525225",
    )


def test_complete_accounts_round_trip():
    rng = random.Random(42)
    for _ in range(500):
        bik = "04" + digits(rng, 7)
        account = digits(rng, 20)
        settlement = rq.complete_settlement_account(bik, account)
        assert settlement[:8] + settlement[9:] == account[:8] + account[9:]
        assert rq.settlement_account_is_valid(settlement, bik)
        assert settlement[8] == reference_account_key(bik[6:9], account)
        correspondent = rq.complete_correspondent_account(bik, "30101" + account[5:])
        assert rq.correspondent_account_is_valid(correspondent, bik)
        assert correspondent[8] == reference_account_key("0" + bik[4:6], correspondent)


def test_complete_account_accepts_19_digits_without_the_key():
    bik, _, settlement = REAL_BANK_ACCOUNTS[0]
    without_key = settlement[:8] + settlement[9:]
    assert rq.complete_settlement_account(bik, without_key) == settlement
    assert rq.complete_settlement_account(bik, settlement[:8] + "7" + settlement[9:]) == settlement


@pytest.mark.parametrize(("bik", "correspondent", "_settlement"), REAL_BANK_ACCOUNTS)
def test_correspondent_account_for_gives_the_real_one(bik, correspondent, _settlement):
    assert rq.correspondent_account_for(bik) == correspondent


@pytest.mark.parametrize(
    ("bik", "account"),
    [("144525225", "40702810938000000001"), ("044525225", "4070281093800000"), ("044525225", "")],
)
def test_complete_settlement_account_refuses_bad_input(bik, account):
    with pytest.raises(ValueError):
        rq.complete_settlement_account(bik, account)


def test_complete_correspondent_account_needs_30101():
    with pytest.raises(ValueError):
        rq.complete_correspondent_account("044525225", "40702810938000000001")


# --- validation.py: normalization -------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (" 7707083893 ", "7707083893"),
        (f"7707{NBSP}083{NBSP}893", "7707083893"),
        ("7707-083-893", "7707083893"),
        ("5001 0073 2259", "500100732259"),
        ("   ", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_inn_normalizes(typed, stored):
    assert v.inn(typed) == stored


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("773601001", "773601001"),
        ("7736 ab 001", "7736AB001"),
        ("7736АВ001", "7736AB001"),  # Cyrillic А and В typed on a Russian layout
        ("", ""),
    ],
)
def test_kpp_normalizes_case_and_cyrillic_lookalikes(typed, stored):
    assert v.kpp(typed) == stored


def test_ogrn_and_bik_normalize():
    assert v.ogrn("1 02 77 00 13219 5") == "1027700132195"
    assert v.ogrn(OGRNIP_STDNUM_REJECTS) == OGRNIP_STDNUM_REJECTS
    assert v.bik(f"04{NBSP}45{NBSP}25{NBSP}225") == "044525225"
    assert v.ogrn("") == v.bik(" ") == ""


def test_accounts_normalize_and_check_the_key_against_the_bik():
    settlement = v.settlement_account("40702 810 9 3800 0000001", " 044525225 ")
    assert settlement == "40702810938000000001"
    correspondent = v.correspondent_account("30101 810 4 0000 0000225", "044525225")
    assert correspondent == "30101810400000000225"
    assert v.settlement_account("", "044525225") == ""
    assert v.correspondent_account("  ", "") == ""


@pytest.mark.parametrize("bik", ["", "   ", "0445252", "144525225", "04452522X"])
def test_accounts_are_not_key_checked_without_a_valid_bik(bik):
    wrong_key = "40702810038000000001"
    assert v.settlement_account(wrong_key, bik) == wrong_key
    assert v.correspondent_account("30101810000000000225", bik) == "30101810000000000225"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("8 (916) 123-45-67", "+79161234567"),
        ("+7 916 1234567", "+79161234567"),
        ("9161234567", "+79161234567"),
        ("7 916 123 45 67", "+79161234567"),
        ("8-800-555-35-35", "+78005553535"),
        ("+8 916 123-45-67", "+79161234567"),
        (f"+7{NBSP}(495){NBSP}123–45–67", "+74951234567"),
        ("+7 (495) 123-45-67 доб. 123", "+74951234567 доб. 123"),
        ("8 495 123 45 67, доб 12", "+74951234567 доб. 12"),
        ("+7 495 1234567 ext. 5", "+74951234567 доб. 5"),
        ("+7 495 1234567 x5", "+74951234567 доб. 5"),
        ("+49 30 1234567", "+49301234567"),
        ("+44 20 7946 0958", "+442079460958"),
        ("+81 3 1234 5678", "+81312345678"),
        ("", ""),
        (None, ""),
    ],
)
def test_phone_normalizes_to_e164(typed, stored):
    assert v.phone(typed) == stored


def test_phones_normalizes_each_and_keeps_extensions():
    typed = "8 916 123-45-67; +7 495 123-45-67, доб. 5, 9161234567,, +49 30 1234567"
    assert v.phones(typed) == "+79161234567, +74951234567 доб. 5, +49301234567"
    assert v.phones("  ") == ""


def test_phones_names_the_bad_number():
    assert error_of(v.phones, "8 916 123-45-67, 123-45-67").params["value"] == "123-45-67"


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+79161234567", "+7 (916) 123-45-67"),
        ("+74951234567 доб. 123", "+7 (495) 123-45-67 доб. 123"),
        ("+49301234567", "+49301234567"),
        ("+749512345678", "+749512345678"),  # not a stored Russian number: left alone
        ("", ""),
    ],
)
def test_format_phone(stored, shown):
    assert v.format_phone(stored) == shown


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Ivan.Petrov@Romashka.RU", "Ivan.Petrov@romashka.ru"),
        ("  sales+crm@mail.romashka.ru ", "sales+crm@mail.romashka.ru"),
        ("почта@Пример.РФ", "почта@пример.рф"),
        ("info@xn--e1afmkfd.xn--p1ai", "info@xn--e1afmkfd.xn--p1ai"),
        ("", ""),
    ],
)
def test_email_lowercases_the_domain(typed, stored):
    assert v.email(typed) == stored


@pytest.mark.parametrize(
    "typed",
    ["ivan@", "@romashka.ru", "ivan@romashka", "ivan..p@romashka.ru", "ivan@-x.ru", "a@b@c.ru"],
)
def test_email_refuses_malformed(typed):
    assert error_of(v.email, typed).key == "validation.email.format"


@pytest.mark.parametrize(
    "typed",
    [
        "example.ru",
        "www.romashka.ru",
        "https://romashka.ru/",
        "HTTP://Example.com:8080/a?b=1",
        "https://пример.рф/контакты",
        "http://192.168.0.10",
    ],
)
def test_website_is_stored_as_typed(typed):
    assert v.website(f"  {typed} ") == typed


@pytest.mark.parametrize("typed", ["romashka", "ftp://romashka.ru", "romashka .ru", "https://"])
def test_website_refuses_malformed(typed):
    assert error_of(v.website, typed).key == "validation.website.format"


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("15.12.1980", dt.date(1980, 12, 15)),
        ("1980-12-15", dt.date(1980, 12, 15)),
        ("15/12/1980", dt.date(1980, 12, 15)),
        ("15-12-1980", dt.date(1980, 12, 15)),
        ("5.1.2026", dt.date(2026, 1, 5)),
        ("15.12.1980 г.", dt.date(1980, 12, 15)),
        ("15. 12. 1980", dt.date(1980, 12, 15)),
        ("15.12.80", dt.date(1980, 12, 15)),
        ("01.03.46", dt.date(2046, 3, 1)),  # up to 20 years ahead: a deadline
        ("01.03.47", dt.date(1947, 3, 1)),
        ("29.02.2024", dt.date(2024, 2, 29)),
    ],
)
def test_parse_date(typed, day):
    assert v.parse_date(typed, today=TODAY) == day


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("15.12.26", dt.date(1926, 12, 15)),  # would be after TODAY: a birthday is in the past
        ("23.11.26", dt.date(2026, 11, 23)),
        ("01.03.46", dt.date(1946, 3, 1)),
        ("15.12.80", dt.date(1980, 12, 15)),
    ],
)
def test_parse_date_two_digit_years_in_the_past(typed, day):
    assert v.parse_date(typed, today=TODAY, past=True) == day


def test_parse_date_empty_is_none():
    assert v.parse_date("") is None
    assert v.parse_date("  ") is None
    assert v.parse_date(None) is None


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("31.02.2020", "validation.date.impossible"),
        ("29.02.2023", "validation.date.impossible"),
        ("15.13.1980", "validation.date.impossible"),
        ("00.12.1980", "validation.date.impossible"),
        ("15 декабря", "validation.date.format"),
        ("15121980", "validation.date.format"),
        ("15.12.198", "validation.date.format"),
        ("15.12.0198", "validation.date.year_range"),
    ],
)
def test_parse_date_refuses(typed, key):
    assert error_of(v.parse_date, typed, today=TODAY).key == key


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("1 234,56", Decimal("1234.56")),
        ("1234.56", Decimal("1234.56")),
        (f"1{NBSP}234{NBSP}567,5", Decimal("1234567.5")),
        ("-12,5", Decimal("-12.5")),
        ("−3", Decimal("-3")),
        (",5", Decimal("0.5")),
        ("100", Decimal("100")),
        ("", None),
        (None, None),
    ],
)
def test_decimal_number(typed, number):
    assert v.decimal_number(typed) == number


@pytest.mark.parametrize("typed", ["1,234.56", "12,5,6", "abc", "1e5", "NaN", "Infinity", "5 руб."])
def test_decimal_number_refuses(typed):
    assert error_of(v.decimal_number, typed).key == "validation.decimal.format"


@pytest.mark.parametrize(("typed", "number"), [("1 000", 1000), ("-7", -7), ("+3", 3), ("", None)])
def test_integer(typed, number):
    assert v.integer(typed) == number


@pytest.mark.parametrize("typed", ["12,0", "1.5", "десять"])
def test_integer_refuses(typed):
    assert error_of(v.integer, typed).key == "validation.integer.format"


def test_required():
    assert v.required(" Ромашка ") == "Ромашка"
    assert v.required(0) == 0
    assert v.required(dt.date(2026, 1, 1)) == dt.date(2026, 1, 1)
    for empty in ("", "  ", None):
        assert error_of(v.required, empty).key == "validation.required"


# --- Messages -------------------------------------------------------------------------------

# One case for every validation.* key: (validator, arguments, the key it must raise).
ERROR_CASES = [
    (v.required, ("",), "validation.required"),
    (v.inn, ("77O7083893",), "validation.inn.not_digits"),
    (v.inn, ("770708389",), "validation.inn.length"),
    (v.inn, ("7707083894",), "validation.inn.checksum"),
    (v.kpp, ("77360100",), "validation.kpp.length"),
    (v.kpp, ("7736Б1001",), "validation.kpp.format"),
    (v.ogrn, ("1О27700132195",), "validation.ogrn.not_digits"),
    (v.ogrn, ("102770013219",), "validation.ogrn.length"),
    (v.ogrn, ("0027700132195",), "validation.ogrn.first_digit"),
    (v.ogrn, ("504500116000157",), "validation.ogrnip.first_digit"),
    (v.ogrn, ("1027700132196",), "validation.ogrn.checksum"),
    (v.ogrn, ("304500116000158",), "validation.ogrnip.checksum"),
    (v.bik, ("04452522б",), "validation.bik.not_digits"),
    (v.bik, ("04452522",), "validation.bik.length"),
    (v.bik, ("144525225",), "validation.bik.prefix"),
    (v.settlement_account, ("40702810938000000OO1", ""), "validation.settlement.not_digits"),
    (v.settlement_account, ("4070281093800000001", ""), "validation.settlement.length"),
    (
        v.settlement_account,
        ("40702810938000000002", "044525225"),
        "validation.settlement.bik_mismatch",
    ),
    (v.correspondent_account, ("3010181040000000022б", ""), "validation.correspondent.not_digits"),
    (v.correspondent_account, ("301018104000000002251", ""), "validation.correspondent.length"),
    (v.correspondent_account, ("40702810938000000001", ""), "validation.correspondent.prefix"),
    (
        v.correspondent_account,
        ("30101810400000000225", "044525700"),
        "validation.correspondent.bik_ending",
    ),
    (
        v.correspondent_account,
        ("30101810500000000225", "044525225"),
        "validation.correspondent.bik_mismatch",
    ),
    (v.email, ("ivan @romashka.ru",), "validation.email.spaces"),
    (v.email, ("ivan.romashka.ru",), "validation.email.no_at"),
    (v.email, ("ivan@romashka",), "validation.email.format"),
    (v.website, ("romashka",), "validation.website.format"),
    (v.phone, ("тел. 8 916 123-45-67",), "validation.phone.characters"),
    (v.phone, ("+7 916 123-45-6",), "validation.phone.russian_length"),
    (v.phone, ("+49 123",), "validation.phone.foreign_length"),
    (v.phone, ("123-45-67",), "validation.phone.area_code"),
    (v.phone, ("8 916 123-45-678",), "validation.phone.length"),
    (v.parse_date, ("15 декабря 1980",), "validation.date.format"),
    (v.parse_date, ("31.02.2020",), "validation.date.impossible"),
    (v.parse_date, ("15.12.0198",), "validation.date.year_range"),
    (v.decimal_number, ("12,5,6",), "validation.decimal.format"),
    (v.integer, ("12,5",), "validation.integer.format"),
]


@pytest.mark.parametrize(("func", "args", "key"), ERROR_CASES, ids=[c[2] for c in ERROR_CASES])
@pytest.mark.parametrize("language", ["ru", "en"])
def test_every_error_renders_in_both_languages(func, args, key, language):
    set_language(language)
    error = error_of(func, *args)
    assert error.key == key
    message = error.message  # formatting with the params raised must not fail
    assert message != key and "{" not in message
    if language == "ru":
        assert re.search("[а-яА-Я]", message)
    else:
        # English texts may quote what was typed, and nothing else in Cyrillic.
        for quoted in [*map(str, args), *map(str, error.params.values())]:
            message = message.replace(quoted, "")
        assert not re.search("[а-яА-Я]", message), message


def validation_keys() -> set[str]:
    return {key for key in catalog() if key.startswith("validation.")}


def test_error_cases_cover_every_validation_message():
    assert {key for _, _, key in ERROR_CASES} == validation_keys()


def test_every_key_named_in_validation_py_is_in_the_catalog():
    source = Path(v.__file__).read_text(encoding="utf-8")
    named = re.findall(r"""["'](validation\.[\w.{}]+)["']""", source)
    assert named
    for key in named:
        # f"validation.{field}.length" stands for several keys: at least one must exist.
        pattern = re.sub(r"\\\{\w+\\\}", "[a-z_]+", re.escape(key))
        assert any(re.fullmatch(pattern, k) for k in validation_keys()), key


def test_russian_and_english_texts_take_the_same_params():
    for key in validation_keys():
        ru, en = catalog()[key]
        assert set(re.findall(r"\{(\w+)\}", ru)) == set(re.findall(r"\{(\w+)\}", en)), key


def test_inn_messages_in_russian():
    assert error_of(v.inn, "770708389").message == (
        "ИНН должен содержать 10 цифр (организация) или 12 цифр (ИП, физическое лицо), введено 9."
    )
    assert error_of(v.inn, "7707083894").message == (
        "Контрольная цифра ИНН не сходится — проверьте, нет ли опечатки."
    )
    assert error_of(v.inn, "77O7083893").message == "ИНН состоит только из цифр, а здесь есть «O»."


def test_inn_messages_in_english(english):
    assert error_of(v.inn, "770708389").message == (
        "An INN has 10 digits (organization) or 12 digits (sole proprietor, individual); 9 entered."
    )
    assert error_of(v.inn, "7707083894").message == (
        "The INN check digit does not match: please check the number for a typo."
    )


def test_account_mismatch_says_it_does_not_match_the_bik():
    error = error_of(v.settlement_account, "40702810938000000002", "044 525 225")
    assert error.message == (
        "Расчетный счет не соответствует БИК 044525225: не сходится контрольный ключ. "
        "Проверьте номер счета и БИК банка."
    )
    set_language("en")
    assert error.message.startswith("The settlement account does not match BIK 044525225")
    error = error_of(v.correspondent_account, "30101810500000000225", "044525225")
    assert error.message.startswith("The correspondent account does not match BIK 044525225")


def test_correspondent_account_of_another_bank_names_the_expected_ending():
    error = error_of(v.correspondent_account, "30101810400000000225", "044525700")
    assert error.message == (
        "Корреспондентский счет не соответствует БИК 044525700: последние три цифры счета "
        "должны совпадать с последними тремя цифрами БИК (700)."
    )


def test_phone_messages_ask_for_what_is_missing():
    assert error_of(v.phone, "123-45-67").message == (
        "В номере «123-45-67» нет кода города: укажите его, например 8 (495) 123-45-67."
    )
    set_language("en")
    assert error_of(v.phone, "123-45-67").message == (
        "The number “123-45-67” has no area code: please add it, e.g. 8 (495) 123-45-67."
    )


def test_date_messages_show_the_expected_format():
    assert error_of(v.parse_date, "31.02.2020").message == (
        "Даты 31.02.2020 не существует — проверьте день и месяц (формат ДД.ММ.ГГГГ)."
    )
    assert "ДД.ММ.ГГГГ" in error_of(v.parse_date, "вчера").message
    set_language("en")
    assert "DD.MM.YYYY" in error_of(v.parse_date, "31.02.2020").message
    assert "DD.MM.YYYY" in error_of(v.parse_date, "yesterday").message


def test_required_message(english):
    assert error_of(v.required, " ").message == "Please fill in this field: it is required."
