"""vCard (.vcf): contact persons and organizations as address books and phones know them.

Cards are written as vCard 3.0, which every address book reads. What vCard has no property
for (patronymic aside, which is N's "additional names") travels in ``X-ECTUI-…`` properties,
so a file ectui wrote comes back whole. Reading turns each card into a row keyed by the
exchange keys of ``ectui.services.exchange_fields``; a property we do not know becomes a
column of its own name, so the import can say it was not imported.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from urllib.parse import unquote

from ectui.errors import UserError
from ectui.exchange.tables import SourceTable, decode_text

CUSTOM_PREFIX = "custom:"
GROUP_SEPARATOR = "; "

# Exchange key → X- property, for values vCard has no property of its own for.
_CONTACT_X = ("organization_inn", "decision_role", "reports_to", "responsible", "id_document",
              "hobbies", "likes", "dislikes", "family", "education", "career", "life_events")
_ORG_X = ("full_name", "legal_form", "category", "segment", "source_channel", "responsible",
          "legal_address", "inn", "kpp", "ogrn", "bank_name", "bik", "settlement_account",
          "correspondent_account")
_CONTACT_TEL = {"work_phone": ["WORK", "VOICE"], "mobile_phone": ["CELL"],
                "home_phone": ["HOME", "VOICE"], "fax": ["WORK", "FAX"]}
# Properties that say what the card is, not what it holds: nothing to import from them.
_FRAME = {"VERSION", "PRODID", "FN", "UID", "REV", "KIND", "X-ABSHOWAS", "X-ECTUI-KIND",
          "X-ADDRESSBOOKSERVER-KIND"}


def _x_name(key: str) -> str:
    return "X-ECTUI-" + key.upper().replace("_", "-")


def _x_key(name: str) -> str:
    return name[len("X-ECTUI-"):].lower().replace("-", "_")


def _iso_date(text: str) -> str:
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text.strip())
    if match:
        day, month, year = (int(g) for g in match.groups())
        return f"{year:04d}-{month:02d}-{day:02d}"
    return text.strip()


def _russian_date(value: object) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?", text)
    if match:
        year, month, day = match.groups()
        return f"{day}.{month}.{year}"
    return text  # «--12-15» (no year): the import says why it cannot take it


# ---- writing ------------------------------------------------------------------------------

def _add(card, name: str, value, types: list[str] | None = None):
    prop = card.add(name.lower())
    prop.value = value
    if types:
        prop.params["TYPE"] = types
    return prop


def _param_safe(name: str) -> str:
    # Parameter values may not hold double quotes: those (and %) are %-encoded.
    return name.replace("%", "%25").replace('"', "%22")


def _add_custom(card, record: dict[str, str]) -> None:
    for key, value in record.items():
        if key.startswith(CUSTOM_PREFIX) and value:
            prop = _add(card, "X-ECTUI-CUSTOM", value)
            prop.params["X-NAME"] = [_param_safe(key[len(CUSTOM_PREFIX):])]


def contact_card(record: dict[str, str]):
    """A vCard of a contact person from an exchange record (texts keyed by exchange key)."""
    import vobject

    card = vobject.vCard()
    get = record.get
    _add(card, "N", vobject.vcard.Name(family=get("last_name", ""), given=get("first_name", ""),
                                       additional=get("patronymic", "")))
    full = " ".join(p for p in (get("last_name"), get("first_name"), get("patronymic")) if p)
    _add(card, "FN", full)
    if get("organization") or get("department"):
        _add(card, "ORG", [get("organization", ""), *([get("department")] if get("department")
                                                      else [])])
    if get("position"):
        _add(card, "TITLE", get("position"))
    for key, types in _CONTACT_TEL.items():
        if get(key):
            _add(card, "TEL", get(key), types)
    if get("email"):
        _add(card, "EMAIL", get("email"), ["INTERNET"])
    if get("website"):
        _add(card, "URL", get("website"))
    if get("address"):
        _add(card, "ADR", vobject.vcard.Address(street=get("address")))
    if get("birthday"):
        _add(card, "BDAY", _iso_date(get("birthday")))
    if get("gender"):
        _add(card, "X-GENDER", get("gender").upper())
    if get("notes"):
        _add(card, "NOTE", get("notes"))
    if get("groups"):
        _add(card, "CATEGORIES", [g for g in get("groups").split(GROUP_SEPARATOR) if g])
    for key in _CONTACT_X:
        # Written even when empty: «nobody is responsible» differs from «the file does not say».
        if get(key) or key == "responsible":
            _add(card, _x_name(key), get(key, ""))
    _add_custom(card, record)
    return card


def organization_card(record: dict[str, str]):
    """A vCard of an organization (KIND:org) from an exchange record."""
    import vobject

    card = vobject.vCard()
    get = record.get
    _add(card, "N", vobject.vcard.Name())
    _add(card, "FN", get("name", ""))
    _add(card, "ORG", [get("name", "")])
    # vCard 4 says KIND:org; Apple's address book reads X-ABShowAs.
    _add(card, "KIND", "org")
    _add(card, "X-ABSHOWAS", "COMPANY")
    for phone in (p.strip() for p in get("phones", "").split(",")):
        if phone:
            _add(card, "TEL", phone, ["WORK", "VOICE"])
    if get("fax"):
        _add(card, "TEL", get("fax"), ["WORK", "FAX"])
    if get("email"):
        _add(card, "EMAIL", get("email"), ["INTERNET"])
    if get("website"):
        _add(card, "URL", get("website"))
    if get("actual_address"):
        _add(card, "ADR", vobject.vcard.Address(street=get("actual_address")), ["WORK"])
    if get("postal_address"):
        _add(card, "ADR", vobject.vcard.Address(street=get("postal_address")), ["POSTAL"])
    if get("notes"):
        _add(card, "NOTE", get("notes"))
    if get("groups"):
        _add(card, "CATEGORIES", [g for g in get("groups").split(GROUP_SEPARATOR) if g])
    for key in _ORG_X:
        # Written even when empty: «nobody is responsible» differs from «the file does not say».
        if get(key) or key == "responsible":
            _add(card, _x_name(key), get(key, ""))
    _add_custom(card, record)
    return card


def write_vcards(out, kind: str, records: Iterable[dict[str, str]]) -> int:
    """Write the records as vCards into a binary file; returns how many."""
    make = organization_card if kind == "organization" else contact_card
    count = 0
    for record in records:
        out.write(make(record).serialize().encode("utf-8"))
        count += 1
    return count


# ---- reading ------------------------------------------------------------------------------

def _types(prop) -> set[str]:
    found = set()
    for value in prop.params.get("TYPE", []):
        found.update(part.strip().upper() for part in value.split(","))
    # vCard 2.1 writes the types as bare parameters: TEL;WORK;FAX:…
    found.update(str(p).upper() for p in getattr(prop, "singletonparams", []))
    return found


def _text(value) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v)
    return str(value).strip()


def _address_text(value) -> str:
    if isinstance(value, str):
        return value.strip()
    parts = (value.code, value.country, value.region, value.city, value.street, value.extended,
             value.box)
    texts = [_text(p) for p in parts]
    # Ours carry the whole address in the street part; others' are joined the Russian way.
    return ", ".join(t for t in texts if t)


def _gender(text: str) -> str:
    code = text.split(";")[0].strip().upper()
    return {"M": "m", "F": "f", "М": "m", "Ж": "f"}.get(code, text.strip())


def _put(row: dict[str, str], key: str, value: str, prop_name: str) -> None:
    """Fill a field once; a second value for it becomes a column of its own (e.g. «EMAIL 2»),
    which the import then reports as not imported rather than losing it unseen."""
    if not value:
        return
    if not row.get(key):
        row[key] = value
        return
    number = 2
    while f"{prop_name} {number}" in row:
        number += 1
    row[f"{prop_name} {number}"] = value


def _contact_row(card) -> dict[str, str]:
    row: dict[str, str] = {}
    for prop in card.getChildren():
        name = prop.name.upper()
        value = prop.value
        if name == "N":
            row["last_name"] = _text(value.family)
            row["first_name"] = _text(value.given)
            row["patronymic"] = _text(value.additional)
        elif name == "ORG":
            parts = value if isinstance(value, list) else [value]
            row["organization"] = str(parts[0]).strip() if parts else ""
            if len(parts) > 1:
                row["department"] = ", ".join(str(p).strip() for p in parts[1:] if p)
        elif name == "TITLE":
            _put(row, "position", _text(value), name)
        elif name == "TEL":
            types = _types(prop)
            key = ("fax" if "FAX" in types else "mobile_phone" if "CELL" in types
                   else "home_phone" if "HOME" in types else "work_phone")
            if row.get(key):
                # A second number of the same kind: the next free phone field takes it.
                key = next((k for k in ("work_phone", "mobile_phone", "home_phone")
                            if not row.get(k)), key)
            _put(row, key, _text(value), name)
        elif name == "EMAIL":
            _put(row, "email", _text(value), name)
        elif name == "URL":
            _put(row, "website", _text(value), name)
        elif name == "ADR":
            _put(row, "address", _address_text(value), name)
        elif name == "BDAY":
            row["birthday"] = _russian_date(value)
        elif name in ("GENDER", "X-GENDER"):
            row["gender"] = _gender(_text(value))
        elif name == "NOTE":
            _put(row, "notes", _text(value), name)
        elif name == "CATEGORIES":
            row["groups"] = GROUP_SEPARATOR.join(str(v).strip() for v in value if str(v).strip())
        elif name.startswith("X-ECTUI-") and _x_key(name) in _CONTACT_X:
            row[_x_key(name)] = _text(value)
        else:
            _other(row, prop, name)
    if not row.get("last_name") and card.contents.get("fn"):
        # A card with a formatted name only: «Фамилия Имя Отчество» is split into its parts.
        parts = _text(card.fn.value).split()
        if len(parts) > 3:
            parts = [parts[0], parts[1], " ".join(parts[2:])]
        row["last_name"], row["first_name"], row["patronymic"] = [*parts, "", "", ""][:3]
    return row


def _org_row(card) -> dict[str, str]:
    row: dict[str, str] = {}
    phones: list[str] = []
    for prop in card.getChildren():
        name = prop.name.upper()
        value = prop.value
        if name == "ORG":
            parts = value if isinstance(value, list) else [value]
            row["name"] = str(parts[0]).strip() if parts else ""
        elif name == "N":
            continue  # an organization's card has an empty name of a person
        elif name == "TEL":
            if "FAX" in _types(prop):
                _put(row, "fax", _text(value), name)
            else:
                phones.append(_text(value))
        elif name == "EMAIL":
            _put(row, "email", _text(value), name)
        elif name == "URL":
            _put(row, "website", _text(value), name)
        elif name == "ADR":
            key = "postal_address" if "POSTAL" in _types(prop) else "actual_address"
            _put(row, key, _address_text(value), name)
        elif name == "NOTE":
            _put(row, "notes", _text(value), name)
        elif name == "CATEGORIES":
            row["groups"] = GROUP_SEPARATOR.join(str(v).strip() for v in value if str(v).strip())
        elif name.startswith("X-ECTUI-") and _x_key(name) in _ORG_X:
            row[_x_key(name)] = _text(value)
        else:
            _other(row, prop, name)
    if phones:
        row["phones"] = ", ".join(phones)
    if not row.get("name") and card.contents.get("fn"):
        row["name"] = _text(card.fn.value)
    return row


def _other(row: dict[str, str], prop, name: str) -> None:
    if name == "X-ECTUI-CUSTOM":
        field = unquote(prop.params.get("X-NAME", [""])[0])
        if field:
            row[CUSTOM_PREFIX + field] = _text(prop.value)
        return
    if name in _FRAME:
        return
    value = prop.value
    text = "…" if isinstance(value, bytes) else _text(value)
    if text and name not in row:
        row[name] = text


def read_vcards(data: bytes, kind: str) -> SourceTable:
    """Every card of a .vcf file as a row: contact persons or organizations, as ``kind`` says."""
    import vobject

    text = decode_text(data)
    if not text.strip():
        raise UserError("exchange.empty_file")
    records: list[dict[str, str]] = []
    try:
        for component in vobject.readComponents(text, ignoreUnreadable=False):
            if component.name.upper() != "VCARD":
                continue
            records.append(_org_row(component) if kind == "organization"
                           else _contact_row(component))
    except Exception as error:  # vobject raises ParseError and plain ValueErrors alike
        raise UserError("exchange.bad_vcard", card=len(records) + 1, error=error) from None
    if not records:
        raise UserError("exchange.no_cards")
    headers: dict[str, None] = {}
    for record in records:
        headers.update(dict.fromkeys(record))
    table = SourceTable("vcf", list(headers))
    for number, record in enumerate(records, start=1):
        table.add(number, [record.get(h, "") for h in table.headers])
    return table
