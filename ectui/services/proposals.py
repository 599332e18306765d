"""Commercial proposals («предложение клиенту»): goods and services from the price list with
quantities, prices and discounts, the totals, and the people involved on both sides.

A client may have several proposals at once; one becomes an invoice with one key
(``ectui.services.invoices.invoice_from_proposal``). The responsible manager owns a proposal:
who may see and change it follows their role's scope, as for clients.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import peewee

from ectui.db import write_transaction
from ectui.errors import FieldError, NotFound, UserError, ValidationError
from ectui.models import (
    Contact,
    Employee,
    Invoice,
    Organization,
    Proposal,
    ProposalLine,
    ProposalPerson,
)
from ectui.models.documents import PERSON_SIDES, PROPOSAL_STATUSES
from ectui.names import full_name, short_name
from ectui.pricing import Totals
from ectui.services import access, company, document_lines, document_lists
from ectui.services.context import Actor, Context
from ectui.services.document_lines import LineOwner, LineView
from ectui.services.line_editing import LineEditor
from ectui.services.numbering import next_number
from ectui.validation import parse_date

LINES = LineOwner(Proposal, ProposalLine, "proposal")

HEADER_FIELDS = ("organization_id", "contact_id", "date", "valid_until", "subject", "notes",
                 "responsible_id")


@dataclass(frozen=True)
class ProposalFilter:
    query: str = ""
    organization_id: int | None = None
    status: str = ""
    viewer: Actor | None = None


@dataclass(frozen=True)
class ProposalRow:
    id: int
    number: int
    date: dt.date
    organization_id: int
    organization: str
    subject: str
    status: str
    total: Decimal
    responsible: str


@dataclass(frozen=True)
class PersonView:
    id: int
    side: str          # ours, client
    employee_id: int | None
    contact_id: int | None
    name: str
    position: str
    role: str


@dataclass(frozen=True)
class ProposalView:
    id: int
    version: int
    number: int
    date: dt.date
    valid_until: dt.date | None
    organization_id: int
    organization: str
    contact_id: int | None
    contact: str
    responsible_id: int
    responsible: str
    subject: str
    notes: str
    vat_mode: str
    status: str
    lines: list[LineView]
    totals: Totals
    people: list[PersonView]
    invoices: list[tuple[int, int, dt.date]]  # (id, number, date) of invoices made from it


# ---- reading --------------------------------------------------------------------------------


def _filtered(flt: ProposalFilter) -> peewee.ModelSelect:
    query = document_lists.filtered(Proposal, flt.viewer, flt.organization_id, flt.query)
    if flt.status:
        query = query.where(Proposal.status == flt.status)
    return query


def count_proposals(flt: ProposalFilter) -> int:
    return _filtered(flt).count()


def list_proposals(flt: ProposalFilter, offset: int, limit: int) -> list[ProposalRow]:
    """One page of proposals, newest first."""
    query = document_lists.page(_filtered(flt), Proposal, offset, limit)
    return [ProposalRow(r["id"], r["number"], r["date"], r["organization"], r["org_name"],
                        r["subject"], r["status"], r["total"],
                        short_name(r["last_name"], r["first_name"], r["patronymic"]))
            for r in query]


def get_proposal(proposal_id: int) -> Proposal:
    proposal = Proposal.get_or_none(Proposal.id == proposal_id)
    if proposal is None:
        raise NotFound()
    return proposal


def _visible(ctx: Context, proposal_id: int) -> Proposal:
    proposal = get_proposal(proposal_id)
    access.require(ctx, "view", proposal.responsible_id)
    return proposal


def _editable(ctx: Context, proposal_id: int) -> Proposal:
    proposal = _visible(ctx, proposal_id)
    access.require(ctx, "edit", proposal.responsible_id)
    return proposal


def _people(proposal_id: int) -> list[PersonView]:
    out = []
    query = (ProposalPerson.select().where(ProposalPerson.proposal == proposal_id)
             .order_by(ProposalPerson.side.desc(), ProposalPerson.id))
    for person in query:
        if person.employee_id:
            emp = person.employee
            out.append(PersonView(person.id, person.side, emp.id, None,
                                  full_name(emp.last_name, emp.first_name, emp.patronymic),
                                  emp.position, person.role))
        elif person.contact_id:
            c = person.contact
            out.append(PersonView(person.id, person.side, None, c.id,
                                  full_name(c.last_name, c.first_name, c.patronymic),
                                  c.position, person.role))
    return out


def proposal_view(ctx: Context, proposal_id: int) -> ProposalView:
    """A proposal with its lines, totals, people and the invoices made from it."""
    p = _visible(ctx, proposal_id)
    contact = p.contact if p.contact_id else None
    emp = p.responsible
    invoices = [(i.id, i.number, i.date) for i in
                Invoice.select(Invoice.id, Invoice.number, Invoice.date)
                .where(Invoice.proposal == p.id).order_by(Invoice.date, Invoice.id)]
    return ProposalView(
        p.id, p.version, p.number, p.date, p.valid_until, p.organization_id,
        p.organization.name, p.contact_id,
        full_name(contact.last_name, contact.first_name, contact.patronymic) if contact else "",
        emp.id, short_name(emp.last_name, emp.first_name, emp.patronymic), p.subject, p.notes,
        p.vat_mode, p.status, document_lines.lines_of(LINES, p.id),
        document_lines.compute_totals(LINES, p.id, p.vat_mode), _people(p.id), invoices)


def proposal_for_edit(ctx: Context, proposal_id: int) -> tuple[int, dict[str, object],
                                                                dict[str, str]]:
    """(version, values, names of the references) for the header form."""
    p = _visible(ctx, proposal_id)
    names = {"organization_id": p.organization.name}
    if p.contact_id:
        names["contact_id"] = full_name(p.contact.last_name, p.contact.first_name,
                                        p.contact.patronymic)
    return p.version, {
        "organization_id": p.organization_id, "contact_id": p.contact_id,
        "date": p.date.strftime("%d.%m.%Y"),
        "valid_until": p.valid_until.strftime("%d.%m.%Y") if p.valid_until else "",
        "subject": p.subject, "notes": p.notes, "responsible_id": p.responsible_id}, names


# ---- the header -------------------------------------------------------------------------------


def _reference_id(raw: object) -> int | None:
    if raw in (None, "", 0, "0"):
        return None
    try:
        return int(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise FieldError("record.reference_missing") from None


def clean_header(ctx: Context, data: dict[str, object]) -> dict[str, object]:
    """The header of a proposal or an invoice as typed → stored values, all errors at once."""
    errors: dict[str, FieldError] = {}
    values: dict[str, object] = {}
    today = ctx.now().date()

    def check(name, fn):
        try:
            return fn()
        except FieldError as error:
            errors[name] = error
            return None

    org_id = check("organization_id", lambda: _reference_id(data.get("organization_id")))
    if org_id is None and "organization_id" not in errors:
        errors["organization_id"] = FieldError("validation.required")
    elif org_id is not None:
        org = Organization.get_or_none(Organization.id == org_id)
        if org is None:
            errors["organization_id"] = FieldError("record.reference_missing")
        else:
            access.require(ctx, "view", org.responsible_id)  # only clients one may see
    values["organization"] = org_id
    contact_id = check("contact_id", lambda: _reference_id(data.get("contact_id")))
    if contact_id is not None:
        contact = Contact.get_or_none(Contact.id == contact_id)
        if contact is None:
            errors["contact_id"] = FieldError("record.reference_missing")
        elif org_id and contact.organization_id != org_id:
            errors["contact_id"] = FieldError("documents.contact_of_other_org")
    values["contact"] = contact_id
    day = check("date", lambda: parse_date(str(data.get("date") or ""), today=today))
    values["date"] = day or today
    for name in ("valid_until", "pay_until"):
        if name in data:
            values[name] = check(name, lambda n=name: parse_date(str(data.get(n) or ""),
                                                                  today=today))
            if values[name] and values[name] < values["date"]:
                errors[name] = FieldError("documents.before_date")
    for name, limit in (("subject", 300), ("basis", 300)):
        if name in data:
            text = str(data.get(name) or "").strip()
            if len(text) > limit:
                errors[name] = FieldError("documents.too_long", limit=limit)
            values[name] = text
    values["notes"] = str(data.get("notes") or "").strip()
    responsible = check("responsible_id", lambda: _reference_id(data.get("responsible_id")))
    if responsible is not None and not Employee.select().where(
            Employee.id == responsible, Employee.is_active == True).exists():  # noqa: E712
        errors["responsible_id"] = FieldError("record.reference_missing")
    values["responsible"] = responsible or ctx.actor.employee_id
    if errors:
        raise ValidationError(errors)
    return values


def create_proposal(ctx: Context, data: dict[str, object]) -> int:
    """A new proposal (no lines yet), numbered in its year; returns its id."""
    values = clean_header(ctx, data)
    access.require(ctx, "create", values["responsible"])
    _rate, mode = company.company_vat()
    now = ctx.now()
    with write_transaction():
        year = values["date"].year  # type: ignore[union-attr]
        proposal = Proposal.create(**values, number=next_number("proposal", year), year=year,
                                   vat_mode=mode, status="draft", created_at=now,
                                   updated_at=now)
        ProposalPerson.create(proposal=proposal.id, side="ours",
                              employee=values["responsible"], role="")
        if values["contact"]:
            ProposalPerson.create(proposal=proposal.id, side="client",
                                  contact=values["contact"], role="")
    return proposal.id


def update_proposal(ctx: Context, proposal_id: int, data: dict[str, object], *,
                    expected_version: int | None = None) -> int:
    """Save an edited header; the number stays, a new year of the date does not renumber."""
    proposal = _editable(ctx, proposal_id)
    values = clean_header(ctx, data)
    if values["responsible"] != proposal.responsible_id:
        access.require(ctx, "edit", values["responsible"])
    with write_transaction():
        current = get_proposal(proposal_id)
        if expected_version is not None and current.version != expected_version:
            raise UserError("conflict.changed_elsewhere")
        for name, value in values.items():
            setattr(current, name, value)
        current.updated_at = ctx.now()
        current.version += 1
        current.save()
    return proposal_id


def set_status(ctx: Context, proposal_id: int, status: str) -> None:
    """Sent to the client, accepted, rejected, or back to a draft."""
    if status not in PROPOSAL_STATUSES:
        raise UserError("documents.bad_status")
    _editable(ctx, proposal_id)
    with write_transaction():
        Proposal.update(status=status, updated_at=ctx.now(), version=Proposal.version + 1) \
            .where(Proposal.id == proposal_id).execute()


def delete_proposal(ctx: Context, proposal_id: int) -> None:
    """Delete a proposal with its lines; its invoices stay (they no longer point to it)."""
    proposal = _visible(ctx, proposal_id)
    access.require(ctx, "delete", proposal.responsible_id)
    with write_transaction():
        proposal.delete_instance()


# ---- lines ------------------------------------------------------------------------------------


_EDITOR = LineEditor(LINES, _editable, _visible)
add_product = _EDITOR.add_product
save_line = _EDITOR.save_line
line_for_edit = _EDITOR.line_for_edit
delete_line = _EDITOR.delete_line
move_line = _EDITOR.move_line


# ---- people on both sides -----------------------------------------------------------------------


def add_person(ctx: Context, proposal_id: int, side: str, person_id: int,
               role: str = "") -> int:
    """Our employee (side "ours") or the client's contact person (side "client") who takes
    part, with their part in it; returns the row's id."""
    if side not in PERSON_SIDES:
        raise UserError("documents.bad_side")
    proposal = _editable(ctx, proposal_id)
    role = role.strip()[:200]
    with write_transaction():
        if side == "ours":
            if not Employee.select().where(Employee.id == person_id).exists():
                raise NotFound()
            existing = ProposalPerson.get_or_none(ProposalPerson.proposal == proposal.id,
                                                  ProposalPerson.employee == person_id)
        else:
            contact = Contact.get_or_none(Contact.id == person_id)
            if contact is None:
                raise NotFound()
            if contact.organization_id != proposal.organization_id:
                raise UserError("documents.contact_of_other_org")
            existing = ProposalPerson.get_or_none(ProposalPerson.proposal == proposal.id,
                                                  ProposalPerson.contact == person_id)
        if existing is not None:
            existing.role = role or existing.role
            existing.save()
            return existing.id
        row = ProposalPerson.create(proposal=proposal.id, side=side, role=role,
                                    employee=person_id if side == "ours" else None,
                                    contact=person_id if side == "client" else None)
    return row.id


def remove_person(ctx: Context, proposal_id: int, person_row_id: int) -> None:
    proposal = _editable(ctx, proposal_id)
    with write_transaction():
        ProposalPerson.delete().where(ProposalPerson.id == person_row_id,
                                      ProposalPerson.proposal == proposal.id).execute()
