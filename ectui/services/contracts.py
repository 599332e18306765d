"""The contract register: a contract is made from a Word template of its type (supply,
services, sale… — one template each), filled with both parties' requisites and signatories
in the right grammatical case, stored with its file, and opened again at any time.

The generated .docx is kept in the database too, so another employee's session (or a new
server) reopens the same file even when the documents folder was elsewhere.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import peewee

from ectui import search
from ectui.db import write_transaction
from ectui.documents import builders, files
from ectui.documents.people import make_person
from ectui.documents.render import render_docx
from ectui.documents.templates import TemplateInfo, find_template, list_templates
from ectui.errors import FieldError, NotFound, UserError, ValidationError
from ectui.models import Contact, Contract, Employee, Invoice, Organization, Proposal
from ectui.money import format_money, parse_money
from ectui.names import short_name
from ectui.services import access, company, invoices, proposals
from ectui.services.context import Actor, Context
from ectui.services.numbering import next_number, peek_number
from ectui.services.printing import documents_folder, make_pdf
from ectui.validation import parse_date

SIDES = ("our", "client")
SIGNATORY_PARTS = ("last_name", "first_name", "patronymic", "gender", "position", "basis")
DEFAULT_BASIS = "Устав"


@dataclass(frozen=True)
class ContractDraft:
    """What the contract form starts from."""

    values: dict[str, object]
    names: dict[str, str]                 # names of the preset references
    templates: list[tuple[str, str]]      # (file name, title)
    invoices: list[tuple[int, str]]       # the client's invoices: (id, «Счет № 3 от …»)
    suggested_number: str


@dataclass(frozen=True)
class ContractRow:
    id: int
    number: str
    date: dt.date
    title: str
    organization_id: int
    organization: str
    amount: Decimal | None
    client_signatory: str
    responsible: str
    file_path: str


@dataclass(frozen=True)
class ContractFilter:
    query: str = ""
    organization_id: int | None = None
    template: str = ""
    viewer: Actor | None = None


@dataclass(frozen=True)
class MadeContract:
    id: int
    path: str
    pdf_path: str = ""
    pdf_error: str = ""


# ---- the form -----------------------------------------------------------------------------


def contract_templates() -> list[TemplateInfo]:
    return list_templates(company.document_settings().templates_dir, kind="contract")


def signatory_of_contact(contact_id: int) -> dict[str, str]:
    """A contact person as the client's signatory: their name, gender and position."""
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        raise NotFound()
    return {"last_name": contact.last_name, "first_name": contact.first_name,
            "patronymic": contact.patronymic, "gender": contact.gender,
            "position": contact.position, "basis": DEFAULT_BASIS}


def _likely_signatory(org_id: int) -> Contact | None:
    """The client's director or decision maker: who usually signs."""
    people = list(Contact.select().where(Contact.organization == org_id).order_by(Contact.id))
    for test in (lambda c: "директор" in c.position.casefold()
                 and "заместитель" not in c.position.casefold(),
                 lambda c: c.decision_role == "decision_maker"):
        for person in people:
            if test(person):
                return person
    return None


def _invoice_choices(org_id: int) -> list[tuple[int, str]]:
    query = (Invoice.select().where(Invoice.organization == org_id, Invoice.status != "cancelled")
             .order_by(Invoice.date.desc(), Invoice.id.desc()).limit(50))
    return [(i.id, f"Счет № {i.number} от {i.date:%d.%m.%Y} — {format_money(i.total)} руб.")
            for i in query]


def contract_draft(ctx: Context, org_id: int, *, invoice_id: int | None = None,
                   proposal_id: int | None = None) -> ContractDraft:
    """The form's start: the next number, today, our director, the client's director,
    the price and subject of the invoice or proposal it is made for."""
    org = Organization.get_or_none(Organization.id == org_id)
    if org is None:
        raise NotFound()
    access.require(ctx, "view", org.responsible_id)
    ours = company.our_company().director
    today = ctx.now().date()
    suggested = str(peek_number("contract", today.year))
    values: dict[str, object] = {
        "template": "contract_supply.docx", "number": suggested,
        "date": today.strftime("%d.%m.%Y"), "organization_id": org_id,
        "invoice_id": invoice_id, "proposal_id": proposal_id, "subject": "", "amount": "",
        "our.last_name": ours.last_name, "our.first_name": ours.first_name,
        "our.patronymic": ours.patronymic, "our.gender": ours.gender,
        "our.position": ours.position, "our.basis": ours.basis or DEFAULT_BASIS,
        "client.contact_id": None,
    }
    for part in SIGNATORY_PARTS:
        values[f"client.{part}"] = DEFAULT_BASIS if part == "basis" else ""
    names = {"organization_id": org.name}
    signer = _likely_signatory(org_id)
    if signer is not None:
        values["client.contact_id"] = signer.id
        names["client.contact_id"] = short_name(signer.last_name, signer.first_name,
                                                signer.patronymic)
        for part, value in signatory_of_contact(signer.id).items():
            values[f"client.{part}"] = value
    if invoice_id:
        invoice = invoices.invoice_view(ctx, invoice_id)
        values["amount"] = format_money(invoice.totals.total)
    elif proposal_id:
        proposal = proposals.proposal_view(ctx, proposal_id)
        values["amount"] = format_money(proposal.totals.total)
        values["subject"] = proposal.subject
    templates = [(info.name, info.title) for info in contract_templates()]
    if templates and values["template"] not in {name for name, _title in templates}:
        values["template"] = templates[0][0]
    return ContractDraft(values, names, templates, _invoice_choices(org_id), suggested)


# ---- making a contract ----------------------------------------------------------------------


def _text(data: dict[str, object], key: str) -> str:
    value = data.get(key)
    return "" if value is None else str(value).strip()


def _id(raw: object) -> int | None:
    if raw in (None, "", 0, "0"):
        return None
    try:
        return int(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _clean(ctx: Context, data: dict[str, object]) -> dict[str, object]:
    errors: dict[str, FieldError] = {}
    values: dict[str, object] = {}
    today = ctx.now().date()
    name = _text(data, "template")
    try:
        info = find_template(name, company.document_settings().templates_dir) if name else None
        if info is None:
            raise FieldError("validation.required")
        if info.kind != "contract":
            raise FieldError("documents.not_a_contract_template")
        values["template"] = info
    except UserError as error:
        errors["template"] = error if isinstance(error, FieldError) else FieldError(
            "documents.template_missing_short")
    number = _text(data, "number")
    if not number:
        errors["number"] = FieldError("validation.required")
    elif len(number) > 50:
        errors["number"] = FieldError("documents.too_long", limit=50)
    values["number"] = number
    try:
        values["date"] = parse_date(_text(data, "date"), today=today) or today
    except FieldError as error:
        errors["date"] = error
    org_id = _id(data.get("organization_id"))
    org = Organization.get_or_none(Organization.id == org_id) if org_id else None
    if org is None:
        errors["organization_id"] = FieldError("validation.required")
    values["organization"] = org
    values["invoice"] = _id(data.get("invoice_id"))
    values["proposal"] = _id(data.get("proposal_id"))
    if values["invoice"] and not Invoice.select().where(
            Invoice.id == values["invoice"], Invoice.organization == org_id).exists():
        errors["invoice_id"] = FieldError("documents.invoice_of_other_org")
    if values["proposal"] and not Proposal.select().where(
            Proposal.id == values["proposal"], Proposal.organization == org_id).exists():
        errors["proposal_id"] = FieldError("documents.invoice_of_other_org")
    values["subject"] = _text(data, "subject")
    try:
        values["amount"] = parse_money(_text(data, "amount"))
    except FieldError as error:
        errors["amount"] = error
    contact_id = _id(data.get("client.contact_id"))
    if contact_id and not Contact.select().where(Contact.id == contact_id,
                                                 Contact.organization == org_id).exists():
        errors["client.contact_id"] = FieldError("documents.contact_of_other_org")
    values["client_contact"] = contact_id
    signatories: dict[str, dict[str, str]] = {}
    for side in SIDES:
        block = {part: _text(data, f"{side}.{part}") for part in SIGNATORY_PARTS}
        for part in ("last_name", "position", "basis"):
            if not block[part]:
                errors[f"{side}.{part}"] = FieldError("validation.required")
        if block["gender"] not in ("", "m", "f"):
            errors[f"{side}.gender"] = FieldError("record.choice", options="m, f")
        signatories[side] = block
    values["signatories"] = signatories
    if errors:
        raise ValidationError(errors)
    return values


def _person(block: dict[str, str]):
    return make_person(block["last_name"], block["first_name"], block["patronymic"],
                       gender=block["gender"], position=block["position"], basis=block["basis"])


def _document_lines(ctx: Context, values: dict[str, object]):
    """(lines, totals, (invoice number, date)) of the invoice or proposal it is made for."""
    if values["invoice"]:
        view = invoices.invoice_view(ctx, values["invoice"])  # type: ignore[arg-type]
        return view.lines, view.totals, (view.number, view.date)
    if values["proposal"]:
        view = proposals.proposal_view(ctx, values["proposal"])  # type: ignore[arg-type]
        return view.lines, view.totals, None
    return [], None, None


def create_contract(ctx: Context, data: dict[str, object], *, pdf: bool = False) -> MadeContract:
    """Fill the chosen template, save the file and register the contract; returns where the
    file is. A PDF is made too when asked and LibreOffice is installed."""
    values = _clean(ctx, data)
    org: Organization = values["organization"]  # type: ignore[assignment]
    access.require(ctx, "view", org.responsible_id)
    info: TemplateInfo = values["template"]  # type: ignore[assignment]
    lines, totals, invoice = _document_lines(ctx, values)
    amount = values["amount"]
    if amount is None and totals is not None:
        amount = totals.total
    signatories = values["signatories"]
    day: dt.date = values["date"]  # type: ignore[assignment]
    suggested = str(peek_number("contract", day.year))
    with write_transaction():
        number = str(values["number"])
        if number == suggested:
            number = str(next_number("contract", day.year))
        if Contract.select().where(Contract.year == day.year, Contract.number == number).exists():
            raise ValidationError({"number": FieldError("documents.contract_number_taken",
                                                        number=number, year=day.year)})
        context = builders.contract_context(
            company.our_company(), number=number, day=day, title=info.title,
            organization_id=org.id, our_signatory=_person(signatories["our"]),  # type: ignore[index]
            client_signatory=_person(signatories["client"]),  # type: ignore[index]
            subject=str(values["subject"]), amount=amount, lines=lines,  # type: ignore[arg-type]
            totals=totals, invoice=invoice, manager_id=org.responsible_id or ctx.actor.employee_id)
        document = render_docx(info.path, context)
        file_name = files.safe_file_name(
            f"{info.title} № {number} от {day:%d.%m.%Y} {org.name}.docx")
        path = files.write_document(documents_folder("contract"), file_name, document)
        contract = Contract.create(
            number=number, year=day.year, date=day, template=info.name, title=info.title,
            organization=org.id, invoice=values["invoice"], proposal=values["proposal"],
            client_contact=values["client_contact"],
            responsible=org.responsible_id or ctx.actor.employee_id,
            subject=values["subject"], amount=amount,
            signatories=json.dumps(signatories, ensure_ascii=False), file_name=file_name,
            file_path=str(path), document=document, author=ctx.actor.employee_id,
            created_at=ctx.now())
    pdf_path, pdf_error = make_pdf(path) if pdf else ("", "")
    if pdf_path:
        with write_transaction():
            Contract.update(pdf_path=pdf_path).where(Contract.id == contract.id).execute()
    return MadeContract(contract.id, str(path), pdf_path, pdf_error)


# ---- the register ---------------------------------------------------------------------------


def _filtered(flt: ContractFilter) -> peewee.ModelSelect:
    query = Contract.select().join(Organization, on=(Contract.organization == Organization.id))
    if flt.viewer is not None:
        query = query.where(access.visible_to(flt.viewer, Contract))
    if flt.organization_id:
        query = query.where(Contract.organization == flt.organization_id)
    if flt.template:
        query = query.where(Contract.template == flt.template)
    text = flt.query.strip()
    if text:
        by_name = search.matches(Organization, text)
        by_number = Contract.number.contains(text)
        query = query.where(by_number | by_name if by_name is not None else by_number)
    return query


def count_contracts(flt: ContractFilter) -> int:
    return _filtered(flt).count()


def _signer(raw: str) -> str:
    try:
        block = json.loads(raw or "{}").get("client", {})
    except (json.JSONDecodeError, AttributeError):
        return ""
    return short_name(block.get("last_name", ""), block.get("first_name", ""),
                      block.get("patronymic", ""))


def list_contracts(flt: ContractFilter, offset: int, limit: int) -> list[ContractRow]:
    """One page of the register, newest first (the files themselves are not read)."""
    query = (_filtered(flt)
             .select(Contract.id, Contract.number, Contract.date, Contract.title,
                     Contract.organization, Contract.amount, Contract.signatories,
                     Contract.file_path, Organization.name.alias("org_name"),
                     Employee.last_name, Employee.first_name, Employee.patronymic)
             .join_from(Contract, Employee, on=(Contract.responsible == Employee.id))
             .order_by(Contract.date.desc(), Contract.id.desc())
             .offset(offset).limit(limit).dicts())
    return [ContractRow(r["id"], r["number"], r["date"], r["title"], r["organization"],
                        r["org_name"], r["amount"], _signer(r["signatories"]),
                        short_name(r["last_name"], r["first_name"], r["patronymic"]),
                        r["file_path"]) for r in query]


def contract_file(ctx: Context, contract_id: int) -> str:
    """The contract's file, written again from the register when it is no longer on disk
    (another server, a cleaned folder); returns its path."""
    contract = Contract.get_or_none(Contract.id == contract_id)
    if contract is None:
        raise NotFound()
    access.require(ctx, "view", contract.responsible_id)
    path = Path(contract.file_path) if contract.file_path else None
    if path is not None and path.is_file():
        return str(path)
    folder = documents_folder("contract")
    restored = files.write_document(folder, contract.file_name, bytes(contract.document))
    with write_transaction():
        Contract.update(file_path=str(restored)).where(Contract.id == contract_id).execute()
    return str(restored)


def delete_contract(ctx: Context, contract_id: int) -> None:
    """Remove a contract from the register (a mistaken one); its file stays on disk."""
    contract = Contract.get_or_none(Contract.id == contract_id)
    if contract is None:
        raise NotFound()
    access.require(ctx, "delete", contract.responsible_id)
    with write_transaction():
        contract.delete_instance()
