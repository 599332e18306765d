"""Our company: its requisites, signatories and VAT settings (on every invoice and contract),
and where documents are made and kept.

Both live in the ``setting`` table as JSON: ``our_company`` (what the demo loads from
``data/demo/our_company.json``) and ``documents``. The VAT rate is a setting, never a
constant: the law changes it, and a company on the simplified system has none.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ectui import validation
from ectui.db import write_transaction
from ectui.errors import FieldError, UserError, ValidationError
from ectui.models import Setting
from ectui.pricing import VAT_MODES, clean_vat_rate
from ectui.services import access
from ectui.services.context import Context

COMPANY_KEY = "our_company"
DOCUMENTS_KEY = "documents"
DEFAULT_PAYMENT_DAYS = 5
"""Days from an invoice to its «Оплата счета» task, until the admin sets their own."""

PERSON_PARTS = ("last_name", "first_name", "patronymic", "position", "basis", "gender")

# The flat fields of the company form, in order: (key, required).
COMPANY_FIELDS = (
    ("name", True), ("full_name", True), ("inn", True), ("kpp", False), ("ogrn", False),
    ("legal_address", True), ("postal_address", False), ("actual_address", False),
    ("warehouse_address", False), ("phones", False), ("email", False), ("website", False),
    ("bank_name", True), ("bik", True), ("settlement_account", True),
    ("correspondent_account", True),
    ("director.last_name", True), ("director.first_name", False),
    ("director.patronymic", False), ("director.gender", False), ("director.position", True),
    ("director.basis", True),
    ("chief_accountant.last_name", False), ("chief_accountant.first_name", False),
    ("chief_accountant.patronymic", False), ("chief_accountant.gender", False),
    ("vat_rate", True), ("vat_mode", True),
)


@dataclass(frozen=True)
class Signatory:
    last_name: str = ""
    first_name: str = ""
    patronymic: str = ""
    position: str = ""
    basis: str = ""
    gender: str = ""

    @property
    def is_set(self) -> bool:
        return bool(self.last_name)


@dataclass(frozen=True)
class CompanyInfo:
    """Our company as the documents print it."""

    name: str
    full_name: str = ""
    inn: str = ""
    kpp: str = ""
    ogrn: str = ""
    legal_address: str = ""
    postal_address: str = ""
    actual_address: str = ""
    warehouse_address: str = ""
    phones: str = ""
    email: str = ""
    website: str = ""
    bank_name: str = ""
    bik: str = ""
    settlement_account: str = ""
    correspondent_account: str = ""
    director: Signatory = field(default_factory=Signatory)
    chief_accountant: Signatory = field(default_factory=Signatory)
    vat_rate: str = ""     # "22", "10", "0" or "none" (без НДС)
    vat_mode: str = "included"


@dataclass(frozen=True)
class DocumentSettings:
    payment_days: int = DEFAULT_PAYMENT_DAYS
    output_dir: str = ""      # "" → the user's documents folder
    templates_dir: str = ""   # "" → the templates shipped with ectui


def _read(key: str) -> dict:
    row = Setting.get_or_none(Setting.key == key)
    if row is None or not row.value:
        return {}
    try:
        data = json.loads(row.value)
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def _write(key: str, data: dict) -> None:
    value = json.dumps(data, ensure_ascii=False, indent=1)
    # An upsert both engines speak (PostgreSQL has no REPLACE).
    (Setting.insert(key=key, value=value)
     .on_conflict(conflict_target=[Setting.key], update={Setting.value: value}).execute())


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value).strip()


def _signatory(data: object) -> Signatory:
    data = data if isinstance(data, dict) else {}
    return Signatory(**{part: _text(data.get(part)) for part in PERSON_PARTS})


def _vat_code(value: object) -> str:
    try:
        return clean_vat_rate(_text(value), allow_default=True)
    except FieldError:
        return ""


def company_is_set() -> bool:
    return bool(_read(COMPANY_KEY).get("name"))


def our_company() -> CompanyInfo:
    """Our company's requisites; UserError when the admin has not filled them in yet."""
    data = _read(COMPANY_KEY)
    if not data.get("name"):
        raise UserError("company.not_set")
    plain = {name: _text(data.get(name)) for name in (
        "name", "full_name", "inn", "kpp", "ogrn", "legal_address", "postal_address",
        "actual_address", "warehouse_address", "phones", "email", "website", "bank_name",
        "bik", "settlement_account", "correspondent_account")}
    mode = _text(data.get("vat_mode")) or "included"
    return CompanyInfo(**plain, director=_signatory(data.get("director")),
                       chief_accountant=_signatory(data.get("chief_accountant")),
                       vat_rate=_vat_code(data.get("vat_rate")),
                       vat_mode=mode if mode in VAT_MODES else "included")


def company_vat() -> tuple[str, str]:
    """(rate code, mode) that new documents take; UserError when no rate is set."""
    company = our_company()
    if not company.vat_rate:
        raise UserError("company.no_vat_rate")
    return company.vat_rate, company.vat_mode


def company_for_edit() -> dict[str, str]:
    """The company form's values, flat: ``director.last_name`` and the like."""
    data = _read(COMPANY_KEY)
    values: dict[str, str] = {}
    for key, _required in COMPANY_FIELDS:
        if "." in key:
            person, part = key.split(".", 1)
            block = data.get(person) if isinstance(data.get(person), dict) else {}
            values[key] = _text(block.get(part))
        else:
            values[key] = _text(data.get(key))
    values["vat_rate"] = _vat_code(data.get("vat_rate")) if data.get("vat_rate") is not None \
        else ""
    values["vat_mode"] = values["vat_mode"] or "included"
    return values


def _clean_company(values: dict[str, object]) -> dict[str, str]:
    errors: dict[str, FieldError] = {}
    cleaned: dict[str, str] = {}
    text = {key: _text(values.get(key)) for key, _required in COMPANY_FIELDS}
    checks = {
        "inn": validation.inn, "kpp": validation.kpp, "ogrn": validation.ogrn,
        "bik": validation.bik, "email": validation.email, "website": validation.website,
        "phones": lambda v: validation.phones(v),
    }
    for key, required in COMPANY_FIELDS:
        raw = text[key]
        try:
            if required and not raw:
                raise FieldError("validation.required")
            if key in checks and raw:
                cleaned[key] = checks[key](raw) or ""
            elif key == "settlement_account" and raw:
                cleaned[key] = validation.settlement_account(raw, text["bik"])
            elif key == "correspondent_account" and raw:
                cleaned[key] = validation.correspondent_account(raw, text["bik"])
            elif key == "vat_rate":
                cleaned[key] = clean_vat_rate(raw, allow_default=False)
            elif key == "vat_mode":
                if raw not in VAT_MODES:
                    raise FieldError("record.choice", options=", ".join(VAT_MODES))
                cleaned[key] = raw
            elif key.endswith(".gender"):
                if raw and raw not in ("m", "f"):
                    raise FieldError("record.choice", options="m, f")
                cleaned[key] = raw
            else:
                cleaned[key] = raw
        except FieldError as error:
            errors[key] = error
    if errors:
        raise ValidationError(errors)
    return cleaned


def save_our_company(ctx: Context, values: dict[str, object]) -> None:
    """Store our company's requisites (administrators only); every bad field at once."""
    access.require(ctx, "administer")
    cleaned = _clean_company(values)
    with write_transaction():
        _store_company(cleaned)


def _store_company(cleaned: dict[str, str]) -> None:
    data = _read(COMPANY_KEY)
    for key, value in cleaned.items():
        if "." in key:
            person, part = key.split(".", 1)
            block = data.get(person) if isinstance(data.get(person), dict) else {}
            block[part] = value
            data[person] = block
        else:
            data[key] = value
    _write(COMPANY_KEY, data)


def store_company_data(data: dict) -> None:
    """Store a whole company block as given (the demo's file); inside the caller's work."""
    _write(COMPANY_KEY, data)


# ---- where documents are made --------------------------------------------------------------


def document_settings() -> DocumentSettings:
    data = _read(DOCUMENTS_KEY)
    try:
        days = int(data.get("payment_days", DEFAULT_PAYMENT_DAYS))
    except (TypeError, ValueError):
        days = DEFAULT_PAYMENT_DAYS
    return DocumentSettings(payment_days=max(0, days),
                            output_dir=_text(data.get("output_dir")),
                            templates_dir=_text(data.get("templates_dir")))


def document_settings_for_edit() -> dict[str, str]:
    settings = document_settings()
    return {"payment_days": str(settings.payment_days), "output_dir": settings.output_dir,
            "templates_dir": settings.templates_dir}


def _clean_documents(values: dict[str, object]) -> dict[str, object]:
    errors: dict[str, FieldError] = {}
    days = None
    try:
        days = validation.integer(_text(values.get("payment_days")))
        if days is None:
            raise FieldError("validation.required")
        if not 0 <= days <= 365:
            raise FieldError("company.payment_days_range")
    except FieldError as error:
        errors["payment_days"] = error
    folders = {}
    for key in ("output_dir", "templates_dir"):
        raw = _text(values.get(key))
        if raw and not Path(raw).expanduser().is_absolute():
            errors[key] = FieldError("company.folder_absolute")
        folders[key] = raw
    if folders["templates_dir"] and not Path(folders["templates_dir"]).expanduser().is_dir():
        errors.setdefault("templates_dir", FieldError("company.folder_missing"))
    if errors:
        raise ValidationError(errors)
    return {"payment_days": days, **folders}


def save_document_settings(ctx: Context, values: dict[str, object]) -> None:
    """Days to the payment task, the folder for made documents and for templates."""
    access.require(ctx, "administer")
    cleaned = _clean_documents(values)
    with write_transaction():
        _write(DOCUMENTS_KEY, cleaned)


def settings_for_edit() -> dict[str, str]:
    """The company form: requisites, signatories, VAT and the documents' settings."""
    return {**company_for_edit(), **document_settings_for_edit()}


def save_settings(ctx: Context, values: dict[str, object]) -> None:
    """Save the whole company form at once; every bad field of both parts is named."""
    access.require(ctx, "administer")
    errors: dict[str, FieldError] = {}
    company_values: dict[str, str] = {}
    documents: dict[str, object] = {}
    try:
        company_values = _clean_company(values)
    except ValidationError as error:
        errors.update(error.errors)
    try:
        documents = _clean_documents(values)
    except ValidationError as error:
        errors.update(error.errors)
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        _store_company(company_values)
        _write(DOCUMENTS_KEY, documents)
