"""Field validators: take what a person typed, return the value to store or raise FieldError.

Empty input (after stripping) gives "" (None for dates and numbers): whether a field is
required is checked separately with ``required()``. Every error key is ``validation.*`` in
``ectui/i18n/messages_validation.py`` and says what is wrong and what is expected.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import TypeVar

from ectui import requisites as rq
from ectui.errors import FieldError

T = TypeVar("T")

# Spaces of every kind (incl. NBSP and thin spaces from copied documents) and every dash.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]+")
# KPP letters are Latin, but on a Russian keyboard the same-looking Cyrillic ones get typed.
_CYRILLIC_LOOKALIKES = str.maketrans("АВЕКМНОРСТУХ", "ABEKMHOPCTYX")


def required(value: T) -> T:
    """The value (stripped, if text) unless it is None or blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise FieldError("validation.required")
    return value.strip() if isinstance(value, str) else value  # type: ignore[return-value]


def _compact(value: str | None) -> str:
    return _SEPARATORS.sub("", value or "")


def _digits(value: str | None, field: str) -> str:
    """The digits typed for ``field`` without separators; a clear error for anything else."""
    text = _compact(value)
    bad = next((c for c in text if not "0" <= c <= "9"), None)
    if bad is not None:
        raise FieldError(f"validation.{field}.not_digits", char=bad)
    return text


# --- Requisites ---------------------------------------------------------------------------


def inn(value: str | None) -> str:
    """An organization (10 digits) or personal (12 digits) INN with valid check digits."""
    digits = _digits(value, "inn")
    if not digits:
        return ""
    if len(digits) not in (10, 12):
        raise FieldError("validation.inn.length", count=len(digits))
    if not rq.inn_is_valid(digits):
        raise FieldError("validation.inn.checksum")
    return digits


def kpp(value: str | None) -> str:
    """A KPP: 4 digits, 2 digits or Latin capitals, 3 digits; stored in upper case."""
    text = _compact(value).upper().translate(_CYRILLIC_LOOKALIKES)
    if not text:
        return ""
    if len(text) != 9:
        raise FieldError("validation.kpp.length", count=len(text))
    if not rq.kpp_is_valid(text):
        raise FieldError("validation.kpp.format")
    return text


def ogrn(value: str | None) -> str:
    """A 13-digit OGRN or a 15-digit OGRNIP with a valid check digit."""
    digits = _digits(value, "ogrn")
    if not digits:
        return ""
    if len(digits) not in (13, 15):
        raise FieldError("validation.ogrn.length", count=len(digits))
    if len(digits) == 13 and digits[0] == "0":
        raise FieldError("validation.ogrn.first_digit")
    if len(digits) == 15 and digits[0] not in "34":
        raise FieldError("validation.ogrnip.first_digit", digit=digits[0])
    if not rq.ogrn_is_valid(digits):
        kind = "ogrn" if len(digits) == 13 else "ogrnip"
        raise FieldError(f"validation.{kind}.checksum")
    return digits


def bik(value: str | None) -> str:
    """A BIK of a Russian bank: 9 digits starting with 04."""
    digits = _digits(value, "bik")
    if not digits:
        return ""
    if len(digits) != 9:
        raise FieldError("validation.bik.length", count=len(digits))
    if not rq.bik_is_valid(digits):
        raise FieldError("validation.bik.prefix", start=digits[:2])
    return digits


def _account(value: str | None, field: str) -> str:
    digits = _digits(value, field)
    if digits and len(digits) != 20:
        raise FieldError(f"validation.{field}.length", count=len(digits))
    return digits


def settlement_account(value: str | None, bik: str | None) -> str:
    """A 20-digit settlement account; its key is checked against ``bik`` when that is valid."""
    digits = _account(value, "settlement")
    bank = _compact(bik)
    # An empty or wrong BIK has its own error on its own field: no key verdict without it.
    if digits and rq.bik_is_valid(bank) and not rq.settlement_account_is_valid(digits, bank):
        raise FieldError("validation.settlement.bik_mismatch", bik=bank)
    return digits


def correspondent_account(value: str | None, bik: str | None) -> str:
    """A 20-digit correspondent account starting with 30101, matching ``bik`` when that is valid."""
    digits = _account(value, "correspondent")
    if not digits:
        return ""
    if not digits.startswith(rq.CORRESPONDENT_PREFIX):
        raise FieldError("validation.correspondent.prefix", start=digits[:5])
    bank = _compact(bik)
    if not rq.bik_is_valid(bank):
        return digits
    if not rq.correspondent_account_ends_with_bik(digits, bank):
        raise FieldError("validation.correspondent.bik_ending", bik=bank, ending=bank[6:])
    if not rq.correspondent_account_is_valid(digits, bank):
        raise FieldError("validation.correspondent.bik_mismatch", bik=bank)
    return digits


# --- E-mail and website ----------------------------------------------------------------------

# \w is Unicode-aware, so Cyrillic mailboxes and domains (почта@пример.рф) pass.
_LOCAL_ATOM = r"[\w!#$%&'*+/=?^`{|}~-]+"
_LABEL = r"[^\W_](?:(?:[^\W_]|-){0,61}[^\W_])?"
_TLD = r"(?:[^\W\d_]{2,63}|xn--[a-z0-9-]{1,59})"
_DOMAIN = rf"(?:{_LABEL}\.)+{_TLD}"
_EMAIL = re.compile(rf"{_LOCAL_ATOM}(?:\.{_LOCAL_ATOM})*@{_DOMAIN}", re.IGNORECASE)
_IPV4 = r"(?:\d{1,3}\.){3}\d{1,3}"
_WEBSITE = re.compile(
    rf"(?:https?://)?(?:{_DOMAIN}|{_IPV4})(?::\d{{1,5}})?(?:[/?#]\S*)?", re.IGNORECASE
)


def email(value: str | None) -> str:
    """An e-mail address like имя@домен; the domain is stored in lower case."""
    text = (value or "").strip()
    if not text:
        return ""
    if any(c.isspace() for c in text):
        raise FieldError("validation.email.spaces")
    if "@" not in text:
        raise FieldError("validation.email.no_at")
    if len(text) > 254 or not _EMAIL.fullmatch(text):
        raise FieldError("validation.email.format", value=text)
    local, domain = text.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def website(value: str | None) -> str:
    """A site address such as example.ru or https://example.ru/page, stored as typed."""
    text = (value or "").strip()
    if text and not _WEBSITE.fullmatch(text):
        raise FieldError("validation.website.format", value=text)
    return text


# --- Phones ------------------------------------------------------------------------------

_EXTENSION_WORD = r"(?:доб(?:авочный)?|вн|ext|x)\.?"
_EXTENSION = re.compile(rf"[\s,]*{_EXTENSION_WORD}\s*(\d{{1,6}})\s*$", re.IGNORECASE)
_PHONE_TEXT = re.compile(r"\+?[\d\s().\-\u2010-\u2015\u2212]*")
_STARTS_WITH_EXTENSION = re.compile(rf"\s*{_EXTENSION_WORD}\s*\d", re.IGNORECASE)
_RUSSIAN_E164 = re.compile(r"\+7(\d{3})(\d{3})(\d{2})(\d{2})(?!\d)")


def _e164(text: str, shown: str) -> str:
    """``text`` (no extension) as +<digits>; ``shown`` is what the person typed, for messages."""
    if not _PHONE_TEXT.fullmatch(text):
        raise FieldError("validation.phone.characters", value=shown)
    digits = re.sub(r"\D", "", text)
    if text.startswith("+"):
        if len(digits) == 11 and digits.startswith("89"):
            # "+8 916 …" is a Russian habit (8 written as if it were the country code);
            # no country code starts with 89, so it cannot be a foreign number.
            return "+7" + digits[1:]
        if digits.startswith("7"):
            if len(digits) != 11:
                raise FieldError(
                    "validation.phone.russian_length", value=shown, count=len(digits) - 1
                )
            return "+" + digits
        if not 8 <= len(digits) <= 15:
            raise FieldError("validation.phone.foreign_length", value=shown, count=len(digits))
        return "+" + digits
    if len(digits) == 11 and digits[0] in "78":
        return "+7" + digits[1:]
    if len(digits) == 10:
        return "+7" + digits
    if 5 <= len(digits) <= 7:
        # A city number without its area code: we cannot guess the city.
        raise FieldError("validation.phone.area_code", value=shown)
    raise FieldError("validation.phone.length", value=shown, count=len(digits))


def phone(value: str | None) -> str:
    """A phone in E.164 (+79161234567), a Russian one from any usual spelling; extension kept."""
    text = (value or "").strip()
    if not text:
        return ""
    extension = _EXTENSION.search(text)
    main = text[: extension.start()].strip() if extension else text
    number = _e164(main, text)
    return f"{number} доб. {extension.group(1)}" if extension else number


def phones(value: str | None) -> str:
    """Several phones separated by "," or ";": each normalized, duplicates dropped, ", "-joined."""
    parts: list[str] = []
    for part in re.split(r"[,;]", value or ""):
        if parts and _STARTS_WITH_EXTENSION.match(part):
            # "+7 495 123-45-67, доб. 12": the comma was not between two numbers.
            parts[-1] += " " + part.strip()
        elif part.strip():
            parts.append(part.strip())
    return ", ".join(dict.fromkeys(phone(part) for part in parts))


def format_phone(e164: str) -> str:
    """A stored phone for display: +7 (916) 123-45-67; foreign numbers are shown as stored."""
    match = _RUSSIAN_E164.match(e164)
    if match is None:
        return e164
    area, first, second, third = match.groups()
    return f"+7 ({area}) {first}-{second}-{third}{e164[match.end() :]}"


# --- Dates and numbers ---------------------------------------------------------------------

_DAY_FIRST = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_YEAR_SUFFIX = re.compile(r"\s*г(?:ода?)?\.?$")  # "15.12.1980 г." as in documents
_MIN_YEAR, _MAX_YEAR = 1800, 2200


def _full_year(yy: int, month: int, day: int, today: dt.date, past: bool) -> int:
    year = today.year // 100 * 100 + yy
    if past:
        if (year, month, day) > (today.year, today.month, today.day):
            year -= 100
    elif year > today.year + 20:
        year -= 100
    return year


def parse_date(
    value: str | None, *, today: dt.date | None = None, past: bool = False
) -> dt.date | None:
    """A date typed as ДД.ММ.ГГГГ (also ДД/ММ/ГГГГ, ДД-ММ-ГГГГ, ГГГГ-ММ-ДД, ДД.ММ.ГГ); "" → None.

    A two-digit year is read relative to ``today`` (default: the system date): normally as
    the year within 80 years back and 20 years ahead (in 2026: 47 → 1947, 46 → 2046);
    with ``past=True`` (birthdays, founding dates) as the latest year that puts the date
    not after today (on 23.11.2026: 15.12.26 → 1926, 01.01.26 → 2026).
    """
    shown = (value or "").strip()
    text = re.sub(r"\s*([./-])\s*", r"\1", _YEAR_SUFFIX.sub("", shown))
    if not text:
        return None
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DAY_FIRST.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            year = _full_year(year, month, day, today or dt.date.today(), past)
    else:
        raise FieldError("validation.date.format", value=shown)
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise FieldError(
            "validation.date.year_range", year=year, min_year=_MIN_YEAR, max_year=_MAX_YEAR
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise FieldError("validation.date.impossible", value=shown) from None


# Digit-group separators people type or paste: spaces of all kinds and the apostrophe.
_GROUPING = re.compile(r"[\s']+")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")
_INTEGER = re.compile(r"[+-]?\d+")


def _number_text(value: str | None) -> str:
    return _GROUPING.sub("", (value or "").strip()).replace("\u2212", "-")


def decimal_number(value: str | None) -> Decimal | None:
    """A decimal typed as 1 234,56 or 1234.56 (one decimal separator, spaces group digits)."""
    text = _number_text(value)
    if not text:
        return None
    if not _DECIMAL.fullmatch(text):
        raise FieldError("validation.decimal.format", value=(value or "").strip())
    return Decimal(text.replace(",", "."))


def integer(value: str | None) -> int | None:
    """A whole number, spaces allowed between digit groups (1 000)."""
    text = _number_text(value)
    if not text:
        return None
    if not _INTEGER.fullmatch(text):
        raise FieldError("validation.integer.format", value=(value or "").strip())
    return int(text)
