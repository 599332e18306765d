"""Custom fields («дополнительные реквизиты»): typed extra fields the admin adds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ectui import validation
from ectui.db import write_transaction
from ectui.errors import FieldError, ValidationError
from ectui.i18n import t
from ectui.models import ContactCustomValue, CustomField, OrganizationCustomValue
from ectui.models.grouping import ENTITY_KINDS, FIELD_TYPES
from ectui.services import access
from ectui.services.context import Context

TRUE_WORDS = {"да", "д", "yes", "y", "true", "1", "+"}
FALSE_WORDS = {"нет", "н", "no", "n", "false", "0", "-"}


@dataclass(frozen=True)
class CustomFieldInfo:
    id: int
    applies_to: str
    name: str
    field_type: str
    choices: tuple[str, ...]


def _info(field: CustomField) -> CustomFieldInfo:
    choices = tuple(line for line in field.choices.splitlines() if line.strip())
    return CustomFieldInfo(field.id, field.applies_to, field.name, field.field_type, choices)


def custom_fields(applies_to: str) -> list[CustomFieldInfo]:
    """The active custom fields of organizations or of contacts, in form order."""
    query = (CustomField.select()
             .where(CustomField.applies_to == applies_to, CustomField.is_active == True)  # noqa: E712
             .order_by(CustomField.position, CustomField.id))
    return [_info(field) for field in query]


def all_custom_fields(applies_to: str) -> list[CustomFieldInfo]:
    """Every custom field of organizations or of contacts, deactivated ones too."""
    query = (CustomField.select().where(CustomField.applies_to == applies_to)
             .order_by(CustomField.position, CustomField.id))
    return [_info(field) for field in query]


def create_custom_field(ctx: Context, applies_to: str, name: str, field_type: str,
                        choices: list[str] = ()) -> CustomFieldInfo:
    """Add a custom field to organizations or contacts (administrators only)."""
    access.require(ctx, "administer")
    errors: dict[str, FieldError] = {}
    name = name.strip()
    if applies_to not in ENTITY_KINDS:
        errors["applies_to"] = FieldError("record.choice", options=", ".join(ENTITY_KINDS))
    if field_type not in FIELD_TYPES:
        errors["field_type"] = FieldError("record.choice", options=", ".join(FIELD_TYPES))
    if not name:
        errors["name"] = FieldError("validation.required")
    elif CustomField.select().where(CustomField.applies_to == applies_to,
                                    CustomField.name == name).exists():
        errors["name"] = FieldError("custom.name_taken", name=name)
    options = [c.strip() for c in choices if c.strip()]
    if field_type == "choice" and not options:
        errors["choices"] = FieldError("custom.choices_required")
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        position = CustomField.select().where(CustomField.applies_to == applies_to).count()
        field = CustomField.create(applies_to=applies_to, name=name, field_type=field_type,
                                   choices="\n".join(options), position=position)
    return _info(field)


def canonical_value(field: CustomFieldInfo, raw: str) -> str:
    """The stored text for what was typed into a custom field ("" clears it)."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    if field.field_type == "number":
        number = validation.decimal_number(raw)
        return "" if number is None else format(number.normalize(), "f")
    if field.field_type == "date":
        day = validation.parse_date(raw)
        return "" if day is None else day.isoformat()
    if field.field_type == "bool":
        word = raw.casefold()
        if word in TRUE_WORDS:
            return "true"
        if word in FALSE_WORDS:
            return "false"
        raise FieldError("custom.bool_expected")
    if field.field_type == "choice":
        if raw not in field.choices:
            raise FieldError("record.choice", options=", ".join(field.choices))
    return raw


def display_value(field: CustomFieldInfo, stored: str) -> str:
    """A stored value as a person reads it."""
    if not stored:
        return ""
    if field.field_type == "date":
        return date.fromisoformat(stored).strftime("%d.%m.%Y")
    if field.field_type == "bool":
        return t("common.yes") if stored == "true" else t("common.no")
    if field.field_type == "number":
        return format(Decimal(stored), "f").replace(".", ",")
    return stored


def edit_value(field: CustomFieldInfo, stored: str) -> str:
    """A stored value as it appears in an edit form, typed back the same way."""
    if field.field_type == "bool":
        return display_value(field, stored).lower() if stored else ""
    return display_value(field, stored)


def clean_custom_values(applies_to: str, raw: dict[int, str]) -> dict[int, str]:
    """Canonical values for the typed ones, or ValidationError keyed ``custom.<id>``."""
    fields = {f.id: f for f in custom_fields(applies_to)}
    cleaned: dict[int, str] = {}
    errors: dict[str, FieldError] = {}
    for field_id, value in raw.items():
        field = fields.get(int(field_id))
        if field is None:
            continue  # a field deactivated while the form was open: nothing to save
        try:
            cleaned[field.id] = canonical_value(field, value)
        except FieldError as error:
            errors[f"custom.{field.id}"] = error
    if errors:
        raise ValidationError(errors)
    return cleaned


def store_custom_values(owner_kind: str, owner_id: int, values: dict[int, str]) -> None:
    """Write cleaned values inside the caller's transaction; "" deletes the value."""
    model = OrganizationCustomValue if owner_kind == "organization" else ContactCustomValue
    owner = model.organization if owner_kind == "organization" else model.contact
    for field_id, value in values.items():
        model.delete().where(owner == owner_id, model.field == field_id).execute()
        if value:
            model.insert({owner: owner_id, model.field: field_id, model.value: value}).execute()


def custom_values_of(owner_kind: str, owner_id: int) -> dict[int, str]:
    """Stored values of one organization or contact, by field id."""
    model = OrganizationCustomValue if owner_kind == "organization" else ContactCustomValue
    owner = model.organization if owner_kind == "organization" else model.contact
    return {row.field_id: row.value for row in model.select().where(owner == owner_id)}


def set_custom_field_active(ctx: Context, field_id: int, active: bool) -> None:
    """Hide a custom field from forms and cards (its values are kept) or bring it back."""
    access.require(ctx, "administer")
    with write_transaction():
        CustomField.update(is_active=active).where(CustomField.id == field_id).execute()
