"""Check-digit arithmetic of Russian requisites: INN, OGRN, KPP, BIK and bank accounts.

Pure functions over strings of ASCII digits, no messages: validators in
``ectui.validation`` explain failures to people, and the demo-data and benchmark
generators use the ``complete_*`` functions to make valid numbers.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = [
    "account_key",
    "bik_is_valid",
    "complete_correspondent_account",
    "complete_inn",
    "complete_ogrn",
    "complete_settlement_account",
    "correspondent_account_ends_with_bik",
    "correspondent_account_for",
    "correspondent_account_is_valid",
    "inn_is_valid",
    "is_digits",
    "kpp_is_valid",
    "ogrn_is_valid",
    "settlement_account_is_valid",
]

CORRESPONDENT_PREFIX = "30101"
ACCOUNT_KEY_INDEX = 8  # the key is the 9th digit of a 20-digit account
_KPP = re.compile(r"[0-9]{4}[0-9A-Z]{2}[0-9]{3}")
_ACCOUNT_WEIGHTS = ((7, 1, 3) * 8)[:23]  # 3 digits from the BIK + the 20-digit account


def is_digits(value: str, length: int | None = None) -> bool:
    """True for ASCII digits only (optionally of one length)."""
    # str.isdigit() alone would accept "²" and Arabic-Indic digits, which int() then chokes on.
    ok = bool(value) and value.isascii() and value.isdigit()
    return ok and (length is None or len(value) == length)


@cache
def _stdnum(module: str):
    # Imported on first use: stdnum.util imports pydoc and ssl, ~10 ms of every start-up.
    from importlib import import_module

    return import_module(f"stdnum.ru.{module}")


# --- INN -------------------------------------------------------------------------------


def inn_is_valid(digits: str) -> bool:
    """A 10-digit organization INN or a 12-digit personal INN with correct check digits."""
    if not (is_digits(digits, 10) or is_digits(digits, 12)):
        return False
    return _stdnum("inn").is_valid(digits)


def complete_inn(first_digits: str) -> str:
    """9 digits → the valid 10-digit organization INN; 10 → the valid 12-digit personal INN."""
    if is_digits(first_digits, 9):
        return first_digits + _stdnum("inn").calc_company_check_digit(first_digits)
    if is_digits(first_digits, 10):
        return first_digits + _stdnum("inn").calc_personal_check_digits(first_digits)
    raise ValueError(f"complete_inn needs 9 or 10 digits, got {first_digits!r}")


# --- OGRN / OGRNIP -----------------------------------------------------------------------


def _ogrn_check_digit(first_digits: str) -> str:
    # OGRN (13): first 12 mod 11 mod 10. OGRNIP (15): first 14 mod 13 mod 10 — stdnum forgets
    # the final "mod 10" and so rejects every OGRNIP whose remainder is 10, 11 or 12.
    modulus = 11 if len(first_digits) == 12 else 13
    return str(int(first_digits) % modulus % 10)


def _ogrn_first_digit_ok(digits: str) -> bool:
    # Same rules as stdnum: an OGRN never starts with 0, an OGRNIP starts with 3 (or 4).
    return digits[0] != "0" if len(digits) in (12, 13) else digits[0] in "34"


def ogrn_is_valid(digits: str) -> bool:
    """A 13-digit OGRN or a 15-digit OGRNIP with a correct check digit."""
    if not (is_digits(digits, 13) or is_digits(digits, 15)):
        return False
    if not _ogrn_first_digit_ok(digits):
        return False
    if len(digits) == 13:
        return _stdnum("ogrn").is_valid(digits)
    return digits[-1] == _ogrn_check_digit(digits[:-1])


def complete_ogrn(first_digits: str) -> str:
    """12 digits → the valid 13-digit OGRN; 14 digits → the valid 15-digit OGRNIP."""
    if not (is_digits(first_digits, 12) or is_digits(first_digits, 14)):
        raise ValueError(f"complete_ogrn needs 12 or 14 digits, got {first_digits!r}")
    if not _ogrn_first_digit_ok(first_digits):
        raise ValueError(
            f"an OGRN cannot start with 0, an OGRNIP starts with 3 or 4: {first_digits!r}"
        )
    return first_digits + _ogrn_check_digit(first_digits)


# --- KPP and BIK -------------------------------------------------------------------------


def kpp_is_valid(value: str) -> bool:
    """9 characters: 4 digits, 2 of [0-9A-Z] (the reason code), 3 digits."""
    return _KPP.fullmatch(value) is not None


def bik_is_valid(value: str) -> bool:
    """9 digits starting with "04": the BIK of a bank in Russia."""
    return is_digits(value, 9) and value.startswith("04")


# --- Bank accounts (the CBR key) ------------------------------------------------------------


def _key_sum(prefix: str, account: str) -> int:
    digits = prefix + account
    return sum(w * int(d) % 10 for w, d in zip(_ACCOUNT_WEIGHTS, digits, strict=True)) % 10


def _settlement_prefix(bik: str) -> str:
    return bik[6:9]


def _correspondent_prefix(bik: str) -> str:
    return "0" + bik[4:6]


def settlement_account_is_valid(account: str, bik: str) -> bool:
    """A 20-digit settlement account whose key matches the bank's BIK."""
    if not (is_digits(account, 20) and bik_is_valid(bik)):
        return False
    return _key_sum(_settlement_prefix(bik), account) == 0


def correspondent_account_is_valid(account: str, bik: str) -> bool:
    """A 20-digit correspondent account, starting with 30101, whose key matches the BIK."""
    if not (is_digits(account, 20) and bik_is_valid(bik)):
        return False
    if not account.startswith(CORRESPONDENT_PREFIX):
        return False
    return _key_sum(_correspondent_prefix(bik), account) == 0


def correspondent_account_ends_with_bik(account: str, bik: str) -> bool:
    """True when digits 18–20 of a correspondent account equal digits 7–9 of the bank's BIK."""
    # The key uses only BIK digits 5–6, so it cannot tell apart two banks of one region
    # (044525225 and 044525700 give the same key); these last three digits can.
    return len(account) == 20 and len(bik) == 9 and account[17:] == bik[6:]


def _with_key(prefix: str, account: str) -> str:
    """``account`` with its key digit replaced so that the CBR sum is 0 mod 10."""
    if is_digits(account, 19):
        # The caller left the key out: it goes in as the 9th digit.
        account = account[:ACCOUNT_KEY_INDEX] + "0" + account[ACCOUNT_KEY_INDEX:]
    if not is_digits(account, 20):
        raise ValueError(f"an account has 20 digits (or 19 without the key), got {account!r}")
    for key in "0123456789":
        candidate = account[:ACCOUNT_KEY_INDEX] + key + account[ACCOUNT_KEY_INDEX + 1 :]
        if _key_sum(prefix, candidate) == 0:
            return candidate
    raise AssertionError("unreachable: the key's weight 3 is coprime with 10")


def account_key(account: str) -> str:
    """The key digit (9th digit) of a 20-digit account."""
    return account[ACCOUNT_KEY_INDEX]


def complete_settlement_account(bik: str, account_without_key: str) -> str:
    """The settlement account with the right key for ``bik``.

    ``account_without_key`` is either the 20-digit account whose 9th digit (index 8, the
    key) may be anything — it is replaced — or the 19 other digits, and the key is inserted
    at index 8. Raises ValueError for an invalid BIK or a wrong number of digits.
    """
    if not bik_is_valid(bik):
        raise ValueError(f"not a valid BIK: {bik!r}")
    return _with_key(_settlement_prefix(bik), account_without_key)


def complete_correspondent_account(bik: str, account_without_key: str) -> str:
    """The correspondent account with the right key for ``bik``.

    Takes the same two forms as ``complete_settlement_account`` (20 digits with any key digit
    at index 8, or 19 digits without it); the account must start with 30101.
    """
    if not bik_is_valid(bik):
        raise ValueError(f"not a valid BIK: {bik!r}")
    if not account_without_key.startswith(CORRESPONDENT_PREFIX):
        raise ValueError(f"a correspondent account starts with 30101, got {account_without_key!r}")
    return _with_key(_correspondent_prefix(bik), account_without_key)


def correspondent_account_for(bik: str) -> str:
    """The usual correspondent account of a bank: 30101 810 K 00000000 + BIK digits 7–9."""
    # Most credit institutions' accounts at the CBR follow this pattern, e.g.
    # BIK 044525225 → 30101810400000000225; handy for generated demo data.
    return complete_correspondent_account(bik, "30101810" + "0" + "00000000" + bik[6:9])
