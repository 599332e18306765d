"""The audit trail: who changed which field of a client, contact or task, when, from what to what.

Services take a ``snapshot`` of a record before and after a write and call ``record`` with
the difference, inside the write transaction; ``record`` also notes the change in the change
log, so other sessions refresh. Cards read it back with ``trail``.

Another area adds its table by putting its field specs in ``FIELD_SPECS`` (labels and choice
codes are read from them) and calling ``record`` from its services, e.g.

    audit.FIELD_SPECS["task"] = TASK_FIELDS
    before = audit.snapshot(TASK_FIELDS, task)
    ...  # write the task
    audit.record(ctx, "task", task.id, "update", audit.diff(before, audit.snapshot(...)))
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ectui.i18n import catalog, t
from ectui.models import AuditEntry, Contact, CustomField, Employee, Organization
from ectui.names import full_name, short_name
from ectui.services import changes
from ectui.services.context import Context
from ectui.services.field_specs import CONTACT_FIELDS, ORGANIZATION_FIELDS, FieldSpec
from ectui.validation import format_phone

FIELD_SPECS: dict[str, tuple[FieldSpec, ...]] = {
    "organization": ORGANIZATION_FIELDS,
    "contact": CONTACT_FIELDS,
}
"""Field specs of each audited table, for labels and choice names when the trail is shown."""

GROUPS = "groups"
CUSTOM_PREFIX = "custom."
PHONE_FIELDS = {"phones", "fax", "work_phone", "mobile_phone", "home_phone"}

Diff = list[tuple[str, str, str]]
"""(field key, old text, new text) for each field that changed."""


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    employee: str
    action: str       # create, update, delete, reassign
    field: str        # the field's label as the user reads it; "" for the record as a whole
    old: str
    new: str


def employee_name(emp_id: int | None) -> str:
    if not emp_id:
        return ""
    emp = Employee.get_or_none(Employee.id == emp_id)
    return short_name(emp.last_name, emp.first_name, emp.patronymic) if emp else ""


def reference_text(kind: str, ident: int | None) -> str:
    if not ident:
        return ""
    if kind == "employee":
        return employee_name(ident)
    if kind == "organization":
        return Organization.select(Organization.name).where(Organization.id == ident).scalar() or ""
    row = Contact.get_or_none(Contact.id == ident)
    return full_name(row.last_name, row.first_name, row.patronymic) if row else ""


def value_text(value: object) -> str:
    """A stored value as text: dates the Russian way, nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def field_text(spec: FieldSpec, record) -> str:
    """What the trail keeps for a field: names for references, codes for choices."""
    if spec.kind in ("employee", "organization", "contact"):
        return reference_text(spec.kind, getattr(record, spec.name))
    if spec.name == "department" and hasattr(record, "department_id"):
        return record.department.name if record.department_id else ""
    value = getattr(record, spec.name)
    if spec.name in PHONE_FIELDS and value:
        return ", ".join(format_phone(p) for p in str(value).split(", "))
    return value_text(value)


def snapshot(specs: tuple[FieldSpec, ...], record, custom: dict[str, str] | None = None,
             group_names: list[str] | None = None) -> dict[str, str]:
    """A record's fields as the trail keeps them; ``custom`` is keyed ``custom.<id>``."""
    shot = {spec.name: field_text(spec, record) for spec in specs}
    shot.update(custom or {})
    if group_names is not None:
        shot[GROUPS] = ", ".join(sorted(group_names))
    return shot


def entry_snapshot(kind: str, specs: tuple[FieldSpec, ...], record) -> dict[str, str]:
    """An organization or contact with its custom values and groups, as the trail keeps it."""
    from ectui.services import custom_fields, groups

    infos = {info.id: info for info in custom_fields.all_custom_fields(kind)}
    custom = {f"{CUSTOM_PREFIX}{fid}": (custom_fields.display_value(infos[fid], value)
                                        if fid in infos else value)
              for fid, value in custom_fields.custom_values_of(kind, record.id).items()}
    return snapshot(specs, record, custom, groups.group_names_of(kind, record.id))


def diff(before: dict[str, str], after: dict[str, str]) -> Diff:
    """The fields whose text differs, in the order of ``after``."""
    keys = list(after) + [k for k in before if k not in after]
    return [(k, before.get(k, ""), after.get(k, "")) for k in keys
            if before.get(k, "") != after.get(k, "")]


def record(ctx: Context, table: str, record_id: int, action: str, changed: Diff,
           *, title: str = "") -> None:
    """Write the trail of one write and note it in the change log; inside the transaction.

    ``title`` (the record's name) is kept for creations and deletions, so the trail of a
    deleted record still says what it was.
    """
    now = ctx.now()
    rows = [{"table_name": table, "record_id": record_id, "action": action,
             "employee": ctx.actor.employee_id, "at": now, "field": key,
             "old_value": old, "new_value": new} for key, old, new in changed]
    if action in ("create", "delete"):
        old, new = (title, "") if action == "delete" else ("", title)
        rows.insert(0, {"table_name": table, "record_id": record_id, "action": action,
                        "employee": ctx.actor.employee_id, "at": now, "field": "",
                        "old_value": old, "new_value": new})
    if rows:
        AuditEntry.insert_many(rows).execute()
    changes.note(ctx, table, record_id, action)


def _custom_label(key: str) -> str:
    ident = key[len(CUSTOM_PREFIX):]
    name = (CustomField.select(CustomField.name).where(CustomField.id == int(ident)).scalar()
            if ident.isdigit() else None)
    return name or t("audit.field.unknown_custom", id=ident)


def field_label(table: str, key: str) -> str:
    """The label a person reads for a field key of the trail."""
    if not key:
        return ""
    if key.startswith(CUSTOM_PREFIX):
        return _custom_label(key)
    if key.startswith("permission."):
        return t("audit.field.permission", action=t(f"action.{key.split('.', 1)[1]}"))
    for spec in FIELD_SPECS.get(table, ()):
        if spec.name == key:
            return t(spec.label_key)
    audit_key = f"audit.field.{key}"
    return t(audit_key) if audit_key in catalog() else key


def _shown_value(table: str, key: str, value: str) -> str:
    for spec in FIELD_SPECS.get(table, ()):
        if spec.name == key and spec.kind == "choice" and value:
            label = f"choice.{key}.{value}"
            return t(label) if label in catalog() else value
    if key == "is_active" and value in ("true", "false"):
        return t("common.yes") if value == "true" else t("common.no")
    return value


def trail(table: str, record_id: int, offset: int = 0, limit: int = 500) -> list[AuditRow]:
    """The trail of one record, newest first."""
    query = (AuditEntry.select()
             .where(AuditEntry.table_name == table, AuditEntry.record_id == record_id)
             .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
             .offset(offset).limit(limit))
    names: dict[int | None, str] = {}
    rows = []
    for entry in query:
        if entry.employee_id not in names:
            names[entry.employee_id] = employee_name(entry.employee_id)
        rows.append(AuditRow(entry.at, names[entry.employee_id], entry.action,
                             field_label(table, entry.field),
                             _shown_value(table, entry.field, entry.old_value),
                             _shown_value(table, entry.field, entry.new_value)))
    return rows


def trail_count(table: str, record_id: int) -> int:
    return (AuditEntry.select()
            .where(AuditEntry.table_name == table, AuditEntry.record_id == record_id).count())


def last_author(table: str, record_id: int) -> tuple[str, datetime | None]:
    """Who wrote the record last and when, as the trail knows it."""
    entry = (AuditEntry.select().where(AuditEntry.table_name == table,
                                       AuditEntry.record_id == record_id)
             .order_by(AuditEntry.id.desc()).first())
    if entry is None:
        return "", None
    return employee_name(entry.employee_id), entry.at
