"""The columns of an exchange file, and organizations and contacts read into them as text.

One list of columns serves every format (CSV, Excel, vCard) in both directions. A value is
written the way a person types it into the form (ДД.ММ.ГГГГ, +7 (916) 123-45-67, «Клиент»),
so the import reads it back through the same validation as typed data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ectui.i18n import catalog, t
from ectui.models import (
    ClientGroup,
    Contact,
    ContactCustomValue,
    ContactGroupMember,
    Employee,
    Organization,
    OrganizationCustomValue,
    OrganizationGroupMember,
    OrgDepartment,
)
from ectui.names import full_name
from ectui.services import custom_fields, selection
from ectui.services.context import Actor
from ectui.services.field_specs import CONTACT_FIELDS, ORGANIZATION_FIELDS, FieldSpec
from ectui.validation import format_phone

CUSTOM_PREFIX = "custom:"
GROUP_SEPARATOR = "; "
PAGE = 500

# Field spec name → exchange key, where a reference is written by name rather than by id.
_RENAMED = {"responsible_id": "responsible", "organization_id": "organization",
            "reports_to_id": "reports_to"}
# Other names a file may give a column (folded); the labels in both languages count too.
_SYNONYMS = {
    "name": ("наименование", "название организации", "организация", "компания", "company",
             "organization", "company name"),
    "last_name": ("surname", "family name", "фамилия"),
    "first_name": ("given name", "имя"),
    "patronymic": ("middle name", "отчество"),
    "email": ("email", "e-mail", "эл. почта", "электронная почта", "почта", "mail",
              "e-mail address", "email address"),
    "phones": ("телефон", "phone", "phone number", "тел"),
    "work_phone": ("телефон", "phone", "рабочий", "business phone", "тел"),
    "mobile_phone": ("мобильный телефон", "сотовый", "mobile", "cell", "cell phone"),
    "home_phone": ("домашний", "home phone"),
    "website": ("сайт", "web", "url", "web site", "веб-сайт"),
    "position": ("должность", "title", "job title"),
    "organization": ("компания", "company", "организация", "место работы"),
    "birthday": ("дата рождения", "birth date", "birthdate", "др"),
    "notes": ("примечание", "комментарий", "comment", "comments", "note"),
    "inn": ("инн", "inn"),
    "groups": ("группа", "group", "группы", "groups", "categories"),
    "responsible": ("менеджер", "manager", "owner"),
}


@dataclass(frozen=True)
class ExchangeColumn:
    key: str            # stable: "inn", "organization", "custom:Размер компании"
    label: str          # what the header says in the current language
    names: tuple[str, ...]  # folded names a file's header may use for it
    spec: FieldSpec | None = None


def fold_header(text: str) -> str:
    """A header as compared: case, «ё», spaces, a trailing «:» or «*» do not matter."""
    folded = text.casefold().replace("ё", "е").strip().rstrip(":*").strip()
    return re.sub(r"\s+", " ", folded)


def _both_labels(key: str) -> tuple[str, ...]:
    pair = catalog().get(key)
    return tuple(fold_header(text) for text in pair) if pair else ()


def _column(key: str, label_key: str, spec: FieldSpec | None = None) -> ExchangeColumn:
    names = (fold_header(key), *_both_labels(label_key), *_SYNONYMS.get(key, ()))
    return ExchangeColumn(key, t(label_key), tuple(dict.fromkeys(names)), spec)


def columns(kind: str) -> list[ExchangeColumn]:
    """Every column of organizations or of contacts, custom fields included, in form order."""
    specs = ORGANIZATION_FIELDS if kind == "organization" else CONTACT_FIELDS
    result: list[ExchangeColumn] = []
    for spec in specs:
        key = _RENAMED.get(spec.name, spec.name)
        result.append(_column(key, spec.label_key, spec))
        if key == "organization":
            result.append(_column("organization_inn", "exchange.col.organization_inn"))
    result.append(_column("groups", "exchange.col.groups"))
    taken = {c.label.casefold() for c in result}
    for info in custom_fields.custom_fields(kind):
        label = info.name if info.name.casefold() not in taken else t(
            "exchange.col.custom", name=info.name)
        result.append(ExchangeColumn(CUSTOM_PREFIX + info.name, label,
                                     (fold_header(info.name), fold_header(label),
                                      fold_header(CUSTOM_PREFIX + info.name))))
    return result


def choice_text(spec: FieldSpec, code: str, style: str) -> str:
    """A choice as a file carries it: its label (tables) or its code (vCard)."""
    if not code or style == "code":
        return code
    return t(f"choice.{spec.name}.{code}")


# ---- reading records out ------------------------------------------------------------------

@dataclass
class _Lookups:
    """Names the records of one page refer to, loaded once per page."""

    logins: dict[int, str]
    groups: dict[int, list[str]]
    custom: dict[int, dict[str, str]]
    orgs: dict[int, tuple[str, str]]
    departments: dict[int, str]
    bosses: dict[int, str]


def _page_lookups(kind: str, ids: list[int], records: list) -> _Lookups:
    logins = {e.id: e.login for e in Employee.select(Employee.id, Employee.login)}
    if kind == "organization":
        member, owner = OrganizationGroupMember, OrganizationGroupMember.organization
    else:
        member, owner = ContactGroupMember, ContactGroupMember.contact
    groups: dict[int, list[str]] = {}
    query = (member.select(owner, ClientGroup.name).join(ClientGroup)
             .where(owner.in_(ids)).order_by(ClientGroup.name).tuples())
    for owner_id, name in query:
        groups.setdefault(owner_id, []).append(name)
    # Values of a deactivated custom field stay in the database; the files carry active ones.
    infos = {f.id: f for f in custom_fields.custom_fields(kind)}
    custom: dict[int, dict[str, str]] = {}
    model = OrganizationCustomValue if kind == "organization" else ContactCustomValue
    owner_col = model.organization if kind == "organization" else model.contact
    for owner_id, field_id, value in model.select(owner_col, model.field, model.value) \
            .where(owner_col.in_(ids)).tuples():
        info = infos.get(field_id)
        if info is not None:
            custom.setdefault(owner_id, {})[CUSTOM_PREFIX + info.name] = \
                custom_fields.edit_value(info, value)
    orgs: dict[int, tuple[str, str]] = {}
    departments: dict[int, str] = {}
    bosses: dict[int, str] = {}
    if kind == "contact":
        org_ids = {r.organization_id for r in records if r.organization_id}
        if org_ids:
            orgs = {o.id: (o.name, o.inn) for o in Organization.select(
                Organization.id, Organization.name, Organization.inn)
                .where(Organization.id.in_(org_ids))}
        dept_ids = {r.department_id for r in records if r.department_id}
        if dept_ids:
            departments = {d.id: d.name for d in OrgDepartment.select()
                           .where(OrgDepartment.id.in_(dept_ids))}
        boss_ids = {r.reports_to_id for r in records if r.reports_to_id}
        if boss_ids:
            bosses = {c.id: full_name(c.last_name, c.first_name, c.patronymic)
                      for c in Contact.select(Contact.id, Contact.last_name, Contact.first_name,
                                              Contact.patronymic)
                      .where(Contact.id.in_(boss_ids))}
    return _Lookups(logins, groups, custom, orgs, departments, bosses)


def _phones_text(raw: str) -> str:
    return ", ".join(format_phone(p) for p in raw.split(", ")) if raw else ""


def _organization_record(org: Organization, look: _Lookups, style: str) -> dict[str, str]:
    record: dict[str, str] = {}
    for spec in ORGANIZATION_FIELDS:
        if spec.name == "responsible_id":
            record["responsible"] = look.logins.get(org.responsible_id, "")
        elif spec.name in ("phones", "fax"):
            record[spec.name] = _phones_text(getattr(org, spec.name))
        elif spec.kind == "choice":
            record[spec.name] = choice_text(spec, getattr(org, spec.name), style)
        else:
            record[spec.name] = str(getattr(org, spec.name) or "")
    record["groups"] = GROUP_SEPARATOR.join(look.groups.get(org.id, []))
    record.update(look.custom.get(org.id, {}))
    return record


def _contact_record(person: Contact, look: _Lookups, style: str) -> dict[str, str]:
    record: dict[str, str] = {}
    for spec in CONTACT_FIELDS:
        name = spec.name
        if name == "organization_id":
            org_name, org_inn = look.orgs.get(person.organization_id, ("", ""))
            record["organization"], record["organization_inn"] = org_name, org_inn
        elif name == "responsible_id":
            record["responsible"] = look.logins.get(person.responsible_id, "")
        elif name == "reports_to_id":
            record["reports_to"] = look.bosses.get(person.reports_to_id, "")
        elif name == "department":
            record[name] = look.departments.get(person.department_id, "")
        elif name == "birthday":
            record[name] = person.birthday.strftime("%d.%m.%Y") if person.birthday else ""
        elif name in ("work_phone", "mobile_phone", "home_phone", "fax"):
            record[name] = format_phone(getattr(person, name))
        elif spec.kind == "choice":
            record[name] = choice_text(spec, getattr(person, name), style)
        else:
            record[name] = str(getattr(person, name) or "")
    record["groups"] = GROUP_SEPARATOR.join(look.groups.get(person.id, []))
    record.update(look.custom.get(person.id, {}))
    return record


def records(viewer: Actor | None, sel: selection.Selection, *,
            choice_style: str = "label") -> Iterator[dict[str, str]]:
    """The selected organizations or contacts as exchange records, page by page, by name."""
    ids = selection.ordered_ids(viewer, sel)
    model = selection.model_of(sel.kind)
    for start in range(0, len(ids), PAGE):
        page_ids = ids[start:start + PAGE]
        rows = {r.id: r for r in model.select().where(model.id.in_(page_ids))}
        present = [rows[i] for i in page_ids if i in rows]
        look = _page_lookups(sel.kind, page_ids, present)
        for row in present:
            if sel.kind == "organization":
                yield _organization_record(row, look, choice_style)
            else:
                yield _contact_record(row, look, choice_style)


def record_count(viewer: Actor | None, sel: selection.Selection) -> int:
    return selection.count(viewer, sel)
