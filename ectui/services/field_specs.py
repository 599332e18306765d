"""What each field of an organization or contact person is: its label, kind and validator.

Services validate with these specs; forms are drawn from them, so the two never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ectui import validation
from ectui.errors import FieldError
from ectui.models.client_base import CATEGORIES, DECISION_ROLES, GENDERS

Validator = Callable[[str, dict[str, str]], Any]


def _plain(value: str, _data: dict[str, str]) -> str:
    return value.strip()


def _one(check: Callable[[str], Any]) -> Validator:
    return lambda value, _data: check(value)


def _choice(options: tuple[str, ...]) -> Validator:
    def check(value: str, _data: dict[str, str]) -> str:
        value = value.strip()
        if value and value not in options:
            raise FieldError("record.choice", options=", ".join(options))
        return value
    return check


def _bik_of(data: dict[str, str]) -> str:
    try:
        return validation.bik(data.get("bik", ""))
    except FieldError:
        return ""


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label_key: str
    section: str
    kind: str = "text"           # text, multiline, choice, date, employee, organization, contact
    required: bool = False
    validate: Validator = _plain
    # For kind "choice": the stored codes; each label is t("choice.<name>.<code>").
    choices: tuple[str, ...] = ()
    placeholder_key: str = ""


ORGANIZATION_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "org.name", "main", required=True, placeholder_key="org.name.hint"),
    FieldSpec("full_name", "org.full_name", "main"),
    FieldSpec("legal_form", "org.legal_form", "main", placeholder_key="org.legal_form.hint"),
    FieldSpec("category", "org.category", "main", kind="choice", choices=CATEGORIES,
              validate=_choice(CATEGORIES)),
    FieldSpec("segment", "org.segment", "main"),
    FieldSpec("source_channel", "org.source_channel", "main"),
    FieldSpec("responsible_id", "org.responsible", "main", kind="employee"),
    FieldSpec("phones", "org.phones", "contacts", validate=_one(validation.phones),
              placeholder_key="org.phones.hint"),
    FieldSpec("fax", "org.fax", "contacts", validate=_one(validation.phone)),
    FieldSpec("email", "org.email", "contacts", validate=_one(validation.email)),
    FieldSpec("website", "org.website", "contacts", validate=_one(validation.website)),
    FieldSpec("legal_address", "org.legal_address", "addresses"),
    FieldSpec("postal_address", "org.postal_address", "addresses"),
    FieldSpec("actual_address", "org.actual_address", "addresses"),
    FieldSpec("inn", "org.inn", "requisites", validate=_one(validation.inn)),
    FieldSpec("kpp", "org.kpp", "requisites", validate=_one(validation.kpp)),
    FieldSpec("ogrn", "org.ogrn", "requisites", validate=_one(validation.ogrn)),
    FieldSpec("bank_name", "org.bank_name", "requisites"),
    FieldSpec("bik", "org.bik", "requisites", validate=_one(validation.bik)),
    FieldSpec("settlement_account", "org.settlement_account", "requisites",
              validate=lambda v, d: validation.settlement_account(v, _bik_of(d))),
    FieldSpec("correspondent_account", "org.correspondent_account", "requisites",
              validate=lambda v, d: validation.correspondent_account(v, _bik_of(d))),
    FieldSpec("notes", "org.notes", "notes", kind="multiline"),
)

CONTACT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("last_name", "contact.last_name", "main", required=True),
    FieldSpec("first_name", "contact.first_name", "main"),
    FieldSpec("patronymic", "contact.patronymic", "main"),
    FieldSpec("gender", "contact.gender", "main", kind="choice", choices=GENDERS,
              validate=_choice(GENDERS)),
    FieldSpec("organization_id", "contact.organization", "main", kind="organization"),
    FieldSpec("department", "contact.department", "main",
              placeholder_key="contact.department.hint"),
    FieldSpec("position", "contact.position", "main"),
    FieldSpec("decision_role", "contact.decision_role", "main", kind="choice",
              choices=DECISION_ROLES, validate=_choice(DECISION_ROLES)),
    FieldSpec("reports_to_id", "contact.reports_to", "main", kind="contact"),
    FieldSpec("responsible_id", "contact.responsible", "main", kind="employee"),
    FieldSpec("work_phone", "contact.work_phone", "contacts", validate=_one(validation.phone)),
    FieldSpec("mobile_phone", "contact.mobile_phone", "contacts", validate=_one(validation.phone)),
    FieldSpec("home_phone", "contact.home_phone", "contacts", validate=_one(validation.phone)),
    FieldSpec("fax", "contact.fax", "contacts", validate=_one(validation.phone)),
    FieldSpec("email", "contact.email", "contacts", validate=_one(validation.email)),
    FieldSpec("website", "contact.website", "contacts", validate=_one(validation.website)),
    FieldSpec("address", "contact.address", "contacts"),
    FieldSpec("birthday", "contact.birthday", "personal", kind="date",
              validate=_one(validation.parse_date), placeholder_key="common.date.hint"),
    FieldSpec("id_document", "contact.id_document", "personal"),
    FieldSpec("hobbies", "contact.hobbies", "personal", kind="multiline"),
    FieldSpec("likes", "contact.likes", "personal", kind="multiline"),
    FieldSpec("dislikes", "contact.dislikes", "personal", kind="multiline"),
    FieldSpec("family", "contact.family", "personal", kind="multiline"),
    FieldSpec("education", "contact.education", "personal", kind="multiline"),
    FieldSpec("career", "contact.career", "personal", kind="multiline"),
    FieldSpec("life_events", "contact.life_events", "personal", kind="multiline"),
    FieldSpec("notes", "contact.notes", "personal", kind="multiline"),
)
