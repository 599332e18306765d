"""Validation of a whole record against its field specs: all errors at once, nothing half-saved."""

from __future__ import annotations

from typing import Any

from ectui.errors import FieldError, ValidationError
from ectui.models import Contact, Employee, Organization
from ectui.services.field_specs import FieldSpec

_REFERENCES = {"employee": Employee, "organization": Organization, "contact": Contact}


def _reference(kind: str, raw: object) -> int | None:
    if raw in (None, "", 0):
        return None
    try:
        ident = int(raw)
    except (TypeError, ValueError):
        raise FieldError("record.reference_missing") from None
    model = _REFERENCES[kind]
    query = model.select(model.id).where(model.id == ident)
    if kind == "employee":
        query = query.where(Employee.is_active == True)  # noqa: E712 (peewee expression)
    if not query.exists():
        raise FieldError("record.reference_missing")
    return ident


def clean_record(specs: tuple[FieldSpec, ...], data: dict[str, Any]) -> dict[str, Any]:
    """Every field's stored value, or ValidationError naming each bad field."""
    cleaned: dict[str, Any] = {}
    errors: dict[str, FieldError] = {}
    as_text = {k: "" if v is None else str(v) for k, v in data.items()}
    for spec in specs:
        raw = data.get(spec.name)
        try:
            if spec.required and not as_text.get(spec.name, "").strip():
                raise FieldError("validation.required")
            if spec.kind in _REFERENCES:
                cleaned[spec.name] = _reference(spec.kind, raw)
            else:
                cleaned[spec.name] = spec.validate(as_text.get(spec.name, ""), as_text)
        except FieldError as error:
            errors[spec.name] = error
    if errors:
        raise ValidationError(errors)
    return cleaned
