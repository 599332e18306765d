"""A selection of clients: who a mailing goes to, what an export holds, whom a campaign invites.

Built from a group, a search, the category, segment or responsible employee, a custom field's
value, birthdays in a period, or an ABC class (computed by the ABC analysis of the reports,
over the clients the employee may report on); always limited to what the employee may view.
A selection can be kept under a name (a saved filter) and used again.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field, replace

import peewee

from ectui import search
from ectui.db import is_sqlite, write_transaction
from ectui.errors import FieldError, NotFound, UserError, ValidationError
from ectui.models import (
    Contact,
    ContactCustomValue,
    ContactGroupMember,
    CustomField,
    Organization,
    OrganizationCustomValue,
    OrganizationGroupMember,
    SavedFilter,
)
from ectui.models.grouping import ENTITY_KINDS
from ectui.services import access, custom_fields
from ectui.services.context import Actor, Context


@dataclass(frozen=True)
class Selection:
    kind: str = "contact"                   # contact or organization
    group_id: int | None = None
    query: str = ""                         # as typed in the Directory's search box
    category: str = ""                      # a contact's is its organization's
    segment: str = ""
    responsible_id: int | None = None
    organization_id: int | None = None      # contacts of one organization
    custom_field_id: int | None = None
    custom_value: str = ""                  # as typed; compared with the stored value
    birthday_from: dt.date | None = None    # day and month within [from, to], any year
    birthday_to: dt.date | None = None
    ids: tuple[int, ...] = field(default_factory=tuple)  # picked by hand
    abc_class: str = ""                     # "A", "B", "C" or several: "AB"; a contact's is
    abc_basis: str = "invoiced"             # its organization's; by invoices or payments
    abc_from: dt.date | None = None         # the period of the sales the classes rank
    abc_to: dt.date | None = None

    def to_json(self) -> str:
        data = asdict(self)
        for key in DATE_FIELDS:
            data[key] = data[key].isoformat() if data[key] else None
        data["ids"] = list(self.ids)
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Selection:
        data = json.loads(text or "{}")
        known = {f for f in cls.__dataclass_fields__}
        data = {k: v for k, v in data.items() if k in known}
        for key in DATE_FIELDS:
            if data.get(key):
                data[key] = dt.date.fromisoformat(data[key])
        data["ids"] = tuple(data.get("ids") or ())
        return cls(**data)


DATE_FIELDS = ("birthday_from", "birthday_to", "abc_from", "abc_to")
ABC_CLASSES = "ABC"
# Without a viewer (a whole-base export) nothing is hidden, the ABC ranking included.
_EVERYONE = Actor(employee_id=0, login="", name="", is_admin=True)


def model_of(kind: str) -> type[peewee.Model]:
    if kind not in ENTITY_KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    return Organization if kind == "organization" else Contact


def _month_day(column) -> peewee.Node:
    if is_sqlite():
        return peewee.fn.strftime("%m%d", column)
    return peewee.fn.to_char(column, "MMDD")


def birthday_condition(column, start: dt.date, end: dt.date) -> peewee.Expression:
    """Birthdays whose day and month fall in [start, end], whatever the year of birth."""
    if (end - start).days >= 365:
        return column.is_null(False)
    low, high = start.strftime("%m%d"), end.strftime("%m%d")
    md = _month_day(column)
    if low <= high:
        return column.is_null(False) & (md >= low) & (md <= high)
    # Over the new year: 28.12 – 03.01.
    return column.is_null(False) & ((md >= low) | (md <= high))


def _custom_condition(kind: str, sel: Selection) -> peewee.Expression:
    info = next((f for f in custom_fields.all_custom_fields(kind)
                 if f.id == sel.custom_field_id), None)
    if info is None:
        raise ValidationError({"custom_field_id": FieldError("record.reference_missing")})
    try:
        wanted = custom_fields.canonical_value(info, sel.custom_value)
    except FieldError as error:
        raise ValidationError({"custom_value": error}) from None
    if kind == "organization":
        values = (OrganizationCustomValue.select(OrganizationCustomValue.organization)
                  .where(OrganizationCustomValue.field == info.id,
                         OrganizationCustomValue.value == wanted))
        return Organization.id.in_(values)
    values = (ContactCustomValue.select(ContactCustomValue.contact)
              .where(ContactCustomValue.field == info.id, ContactCustomValue.value == wanted))
    return Contact.id.in_(values)


def abc_classes(text: str) -> str:
    """The classes asked for, checked: «a», «A, B», «ab» → "A" / "AB"; empty for none."""
    letters = "".join(ch for ch in (text or "").upper() if ch not in " ,+;/")
    # Russian «А», «В», «С» look the same as the Latin letters and are typed by mistake.
    letters = letters.translate(str.maketrans("АВС", "ABC"))
    if any(ch not in ABC_CLASSES for ch in letters):
        raise UserError("selection.error.abc_class", text=text)
    return "".join(ch for ch in ABC_CLASSES if ch in letters)


def abc_organization_ids(viewer: Actor | None, sel: Selection) -> list[int]:
    """The organizations of the selection's ABC classes, as the ABC report ranks them."""
    from ectui.services.reports.abc import BASES, abc_analysis
    from ectui.services.reports.filters import ReportFilter

    classes = abc_classes(sel.abc_class)
    if sel.abc_basis not in BASES:
        raise UserError("selection.error.abc_basis", options=", ".join(BASES))
    if sel.abc_from and sel.abc_to and sel.abc_to < sel.abc_from:
        raise UserError("selection.error.abc_period")
    ctx = Context(actor=viewer or _EVERYONE)
    report = abc_analysis(ctx, ReportFilter(date_from=sel.abc_from, date_to=sel.abc_to),
                          subject="clients", basis=sel.abc_basis)
    return [row.key for row in report.rows if row.klass in classes]


def query_of(viewer: Actor | None, sel: Selection) -> peewee.ModelSelect:
    """The matching organizations or contacts (ids and all columns), not ordered."""
    model = model_of(sel.kind)
    query = model.select()
    if viewer is not None:
        query = query.where(access.visible_to(viewer, model))
    condition = search.matches(model, sel.query)
    if condition is not None:
        query = query.where(condition)
    if sel.responsible_id:
        query = query.where(model.responsible == sel.responsible_id)
    if sel.ids:
        query = query.where(model.id.in_(list(sel.ids)))
    if sel.custom_field_id:
        query = query.where(_custom_condition(sel.kind, sel))
    if sel.abc_class:
        in_class = abc_organization_ids(viewer, sel)
        column = Organization.id if model is Organization else Contact.organization
        query = query.where(column.in_(in_class) if in_class else peewee.SQL("1 = 0"))
    if model is Organization:
        if sel.category:
            query = query.where(Organization.category == sel.category)
        if sel.segment:
            query = query.where(Organization.segment == sel.segment)
        if sel.group_id:
            query = query.where(Organization.id.in_(
                OrganizationGroupMember.select(OrganizationGroupMember.organization)
                .where(OrganizationGroupMember.group == sel.group_id)))
        return query
    if sel.organization_id:
        query = query.where(Contact.organization == sel.organization_id)
    if sel.category or sel.segment:
        orgs = Organization.select(Organization.id)
        if sel.category:
            orgs = orgs.where(Organization.category == sel.category)
        if sel.segment:
            orgs = orgs.where(Organization.segment == sel.segment)
        query = query.where(Contact.organization.in_(orgs))
    if sel.group_id:
        query = query.where(Contact.id.in_(
            ContactGroupMember.select(ContactGroupMember.contact)
            .where(ContactGroupMember.group == sel.group_id)))
    if sel.birthday_from or sel.birthday_to:
        start = sel.birthday_from or sel.birthday_to
        end = sel.birthday_to or sel.birthday_from
        query = query.where(birthday_condition(Contact.birthday, start, end))
    return query


def ordered_ids(viewer: Actor | None, sel: Selection) -> list[int]:
    """Ids of the selection in the Directory's order (by name)."""
    model = model_of(sel.kind)
    query = query_of(viewer, sel).select(model.id).order_by(model.sort_key, model.id)
    return [row[0] for row in query.tuples()]


def count(viewer: Actor | None, sel: Selection) -> int:
    """How many clients the selection holds."""
    return query_of(viewer, sel).count()


def this_week(today: dt.date) -> tuple[dt.date, dt.date]:
    """Monday to Sunday of the week of ``today``: «день рождения на этой неделе»."""
    monday = today - dt.timedelta(days=today.weekday())
    return monday, monday + dt.timedelta(days=6)


# ---- saved filters ------------------------------------------------------------------------

@dataclass(frozen=True)
class SavedFilterInfo:
    id: int
    name: str
    kind: str
    selection: Selection


def saved_filters(kind: str | None = None) -> list[SavedFilterInfo]:
    """The saved selections, by name."""
    query = SavedFilter.select().order_by(SavedFilter.name)
    if kind:
        query = query.where(SavedFilter.kind == kind)
    return [SavedFilterInfo(f.id, f.name, f.kind, replace(Selection.from_json(f.criteria),
                                                            kind=f.kind)) for f in query]


def save_filter(ctx: Context, name: str, sel: Selection) -> int:
    """Keep a selection under a name (a new name, or the same name to replace it)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": FieldError("validation.required")})
    if sel.custom_field_id and not CustomField.get_or_none(CustomField.id == sel.custom_field_id):
        raise ValidationError({"custom_field_id": FieldError("record.reference_missing")})
    with write_transaction():
        existing = SavedFilter.get_or_none(SavedFilter.kind == sel.kind, SavedFilter.name == name)
        if existing is not None:
            existing.criteria = sel.to_json()
            existing.save()
            return existing.id
        return SavedFilter.create(name=name, kind=sel.kind, criteria=sel.to_json(),
                                  owner=ctx.actor.employee_id, created_at=ctx.now()).id


def saved_filter(filter_id: int) -> SavedFilterInfo:
    found = SavedFilter.get_or_none(SavedFilter.id == filter_id)
    if found is None:
        raise NotFound()
    return SavedFilterInfo(found.id, found.name, found.kind,
                           replace(Selection.from_json(found.criteria), kind=found.kind))


def delete_filter(ctx: Context, filter_id: int) -> None:
    """Forget a saved filter (its author or an administrator)."""
    found = SavedFilter.get_or_none(SavedFilter.id == filter_id)
    if found is None:
        raise NotFound()
    if found.owner_id != ctx.actor.employee_id:
        access.require(ctx, "administer")
    with write_transaction():
        found.delete_instance()
