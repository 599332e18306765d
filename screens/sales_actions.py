"""What a person does with sales documents from any screen: the price list, proposals,
invoices, payments and shipments, contracts, our company's settings, and the made files.

The Sales screen, the document screens and the client's card share these, so a key does
the same thing wherever it is pressed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import App

from ectui.documents import files
from ectui.errors import FieldError, UserError, ValidationError
from ectui.i18n import t
from ectui.models.documents import PRODUCT_KINDS
from ectui.money import format_money
from ectui.pricing import VAT_MODES
from ectui.services import (
    company,
    contracts,
    employees,
    invoices,
    payments,
    printing,
    products,
    proposals,
)
from screens.db import run_db
from screens.forms.contract_form import ContractForm, dotted_key, form_key
from screens.forms.field_form import FieldDef, FieldForm

Done = Callable[[object], None]


async def guard(app: App, work):
    """Run a database call; a refusal becomes a toast and None."""
    try:
        return await work
    except UserError as error:
        app.report_error(error)
        return None


def _dotted(save: Callable[[dict], object]) -> Callable[[dict], object]:
    """A form's values with «client__last_name» keys → the service's «client.last_name»,
    and the service's field errors back to the form's keys."""
    def wrapped(values: dict) -> object:
        try:
            return save({dotted_key(k): v for k, v in values.items()})
        except ValidationError as error:
            raise ValidationError({form_key(k): e for k, e in error.errors.items()}) from error
    return wrapped


def _finished(app: App, done: Done | None, message: str = "") -> Callable[[object], None]:
    def finished(result: object) -> None:
        if result is None:
            return
        if message:
            app.notify(message, timeout=4)
        if done is not None:
            done(result)
    return finished


# ---- made files ----------------------------------------------------------------------------


def show_file(app: App, path: str, pdf_path: str = "", pdf_error: str = "") -> None:
    """Open the made file on the user's screen, or say where it is when this session cannot
    show it (over SSH there is no screen to open it on)."""
    shown = pdf_path or path
    if files.open_file(Path(shown)):
        app.notify(t("sales.file_opened", path=shown), timeout=8)
    else:
        app.notify(t("sales.file_saved_no_opener", path=shown), timeout=12)
    if pdf_error:
        app.notify(pdf_error, severity="warning", timeout=10)


async def print_document(app: App, kind: str, doc_id: int, *, pdf: bool = False) -> None:
    """Fill the Word template of an invoice or a proposal and open the file."""
    fn = printing.print_invoice if kind == "invoice" else printing.print_proposal
    app.notify(t("sales.making_file"), timeout=3)
    made = await guard(app, run_db(fn, app.context, doc_id, pdf=pdf))
    if made is not None:
        show_file(app, made.path, made.pdf_path, made.pdf_error)


def can_make_pdf() -> bool:
    return files.soffice_path() is not None


# ---- our company ---------------------------------------------------------------------------


async def edit_company(app: App, done: Done | None = None) -> None:
    """Our company's requisites, signatories, VAT and the documents' folders (admin)."""
    values = await guard(app, run_db(company.settings_for_edit))
    if values is None:
        return
    gender = ((t("choice.gender.m"), "m"), (t("choice.gender.f"), "f"))
    fields: list[FieldDef] = []
    for key, required in company.COMPANY_FIELDS:
        label = t(f"company.field.{key}")
        if key.endswith(".gender"):
            fields.append(FieldDef(form_key(key), label, "select", values[key] or None, gender))
        elif key == "vat_mode":
            fields.append(FieldDef(key, label, "select", values[key],
                                   tuple((t(f"pricing.mode.{m}"), m) for m in VAT_MODES),
                                   allow_blank=False, required=True))
        else:
            hint = t(f"company.hint.{key}") if key in ("vat_rate", "director.basis") else ""
            fields.append(FieldDef(form_key(key), label, value=values[key], required=required,
                                   hint=hint))
    fields += [
        FieldDef("payment_days", t("company.field.payment_days"), value=values["payment_days"],
                 required=True, hint=t("company.hint.payment_days")),
        FieldDef("output_dir", t("company.field.output_dir"), value=values["output_dir"],
                 hint=t("company.hint.output_dir")),
        FieldDef("templates_dir", t("company.field.templates_dir"),
                 value=values["templates_dir"], hint=t("company.hint.templates_dir")),
    ]
    ctx = app.context

    def save(data: dict) -> bool:
        company.save_settings(ctx, data)
        return True

    app.push_screen(FieldForm(t("company.title"), fields, _dotted(save),
                              subtitle=t("company.subtitle")),
                    _finished(app, done, t("common.saved")))


# ---- the price list --------------------------------------------------------------------------


def _product_fields(values: dict[str, str],
                    groups: list[products.ProductGroupRow]) -> list[FieldDef]:
    return [
        FieldDef("kind", t("product.kind"), "select", values.get("kind") or "goods",
                 tuple((t(f"product.kind.{k}"), k) for k in PRODUCT_KINDS), allow_blank=False),
        FieldDef("group", t("product.group"), "select", values.get("group", ""),
                 tuple((g.name, str(g.id)) for g in groups),
                 hint=t("product.group_hint") if not groups else ""),
        FieldDef("name", t("product.name"), value=values.get("name", ""), required=True),
        FieldDef("article", t("product.article"), value=values.get("article", "")),
        FieldDef("unit", t("product.unit"), value=values.get("unit", "шт"), required=True,
                 hint=t("product.unit_hint")),
        FieldDef("price", t("product.price"), value=values.get("price", ""), required=True,
                 hint=t("product.price_hint")),
        FieldDef("vat_rate", t("product.vat_rate"), value=values.get("vat_rate", ""),
                 hint=t("product.vat_hint")),
        FieldDef("description", t("product.description"), "textarea",
                 values.get("description", "")),
    ]


async def new_product(app: App, done: Done | None = None) -> None:
    groups = await guard(app, run_db(products.product_groups))
    if groups is None:
        return
    ctx = app.context
    app.push_screen(FieldForm(t("product.new"), _product_fields({}, groups),
                              lambda values: products.save_product(ctx, values)),
                    _finished(app, done, t("common.saved")))


async def edit_product(app: App, product_id: int, done: Done | None = None) -> None:
    record = await guard(app, run_db(products.product_for_edit, product_id))
    groups = await guard(app, run_db(products.product_groups))
    if record is None or groups is None:
        return
    ctx = app.context
    app.push_screen(FieldForm(t("product.edit", name=record.values["name"]),
                              _product_fields(record.values, groups),
                              lambda values: products.save_product(
                                  ctx, values, product_id=product_id,
                                  expected_version=record.version)),
                    _finished(app, done, t("common.saved")))


async def delete_product(app: App, product_id: int, name: str, done: Done | None = None) -> None:
    from screens.forms.confirm import ConfirmDialog

    async def answered(yes: bool | None) -> None:
        if not yes:
            return
        outcome = await guard(app, run_db(products.delete_product, app.context, product_id))
        if outcome is None:
            return
        app.notify(t("product.archived" if outcome == "archived" else "common.deleted"),
                   timeout=5)
        if done is not None:
            done(outcome)

    app.push_screen(ConfirmDialog(t("common.confirm_delete", name=name)), answered)


# ---- proposals and invoices -------------------------------------------------------------------


def open_proposal(app: App, proposal_id: int) -> None:
    from screens.proposal_card import ProposalScreen

    app.push_screen(ProposalScreen(proposal_id))


def open_invoice(app: App, invoice_id: int) -> None:
    from screens.invoice_card import InvoiceScreen

    app.push_screen(InvoiceScreen(invoice_id))


async def _people_options():
    people = await run_db(employees.employees)
    return tuple((p.short, p.id) for p in people)


async def _header_fields(app: App, kind: str, values: dict, names: dict) -> list[FieldDef]:
    people = await _people_options()
    fields = [
        FieldDef("organization_id", t("sales.field.organization"), "organization",
                 values.get("organization_id"), reference_name=names.get("organization_id", ""),
                 required=True),
        FieldDef("contact_id", t("sales.field.contact"), "contact", values.get("contact_id"),
                 reference_name=names.get("contact_id", "")),
        FieldDef("date", t("sales.field.date"), value=values.get("date", ""),
                 hint=t("sales.date_hint")),
    ]
    if kind == "proposal":
        fields += [
            FieldDef("valid_until", t("sales.field.valid_until"),
                     value=values.get("valid_until", ""), hint=t("common.date.hint")),
            FieldDef("subject", t("sales.field.subject"), value=values.get("subject", "")),
        ]
    else:
        fields += [
            FieldDef("pay_until", t("sales.field.pay_until"), value=values.get("pay_until", ""),
                     hint=t("sales.pay_until_hint")),
            FieldDef("basis", t("sales.field.basis"), value=values.get("basis", ""),
                     hint=t("sales.basis_hint")),
        ]
    fields += [
        FieldDef("notes", t("sales.field.notes"), "textarea", values.get("notes", "")),
        FieldDef("responsible_id", t("sales.field.responsible"), "select",
                 values.get("responsible_id") or app.context.actor.employee_id, people,
                 allow_blank=False),
    ]
    return fields


async def _pick_organization(app: App, then: Callable[[int, str], object]) -> None:
    from screens.forms.entry_picker import EntryPicker

    async def picked(choice: tuple[int, str] | None) -> None:
        if choice is not None:
            await then(*choice)

    app.push_screen(EntryPicker("organization"), picked)


async def _new_document(app: App, kind: str, organization_id: int, org_name: str,
                        create, opener, done: Done | None, **form_options) -> None:
    """The header of a new proposal or invoice; saved, the document opens for adding lines."""
    fields = await _header_fields(app, kind, {"organization_id": organization_id},
                                  {"organization_id": org_name})

    def opened(result: object) -> None:
        if result is None:
            return
        if done is not None:
            done(result)
        opener(app, int(result))  # type: ignore[arg-type]

    app.push_screen(FieldForm(t(f"{kind}.new"), fields, create, **form_options), opened)


async def new_proposal(app: App, organization_id: int | None = None, org_name: str = "",
                       done: Done | None = None) -> None:
    """The header of a new proposal; saved, it opens for adding lines."""
    if organization_id is None:
        await _pick_organization(app, lambda oid, name: new_proposal(app, oid, name, done))
        return
    ctx = app.context
    await _new_document(app, "proposal", organization_id, org_name,
                        lambda values: proposals.create_proposal(ctx, values), open_proposal,
                        done)


async def edit_proposal(app: App, proposal_id: int, done: Done | None = None) -> None:
    loaded = await guard(app, run_db(proposals.proposal_for_edit, app.context, proposal_id))
    if loaded is None:
        return
    version, values, names = loaded
    ctx = app.context
    fields = await _header_fields(app, "proposal", values, names)
    app.push_screen(FieldForm(t("proposal.edit"), fields,
                              lambda data: proposals.update_proposal(
                                  ctx, proposal_id, data, expected_version=version)),
                    _finished(app, done, t("common.saved")))


async def new_invoice(app: App, organization_id: int | None = None, org_name: str = "",
                      done: Done | None = None) -> None:
    """The header of a new invoice; saved, it opens for adding lines."""
    if organization_id is None:
        await _pick_organization(app, lambda oid, name: new_invoice(app, oid, name, done))
        return
    ctx = app.context
    await _new_document(app, "invoice", organization_id, org_name,
                        lambda values: invoices.create_invoice(ctx, values), open_invoice,
                        done, subtitle=t("invoice.new_subtitle"))


async def edit_invoice(app: App, invoice_id: int, done: Done | None = None) -> None:
    loaded = await guard(app, run_db(invoices.invoice_for_edit, app.context, invoice_id))
    if loaded is None:
        return
    version, values, names = loaded
    ctx = app.context
    fields = await _header_fields(app, "invoice", values, names)
    app.push_screen(FieldForm(t("invoice.edit"), fields,
                              lambda data: invoices.update_invoice(
                                  ctx, invoice_id, data, expected_version=version)),
                    _finished(app, done, t("common.saved")))


async def invoice_from_proposal(app: App, proposal_id: int, done: Done | None = None) -> None:
    """One key: the proposal becomes an invoice, which opens; «Оплата счета» is planned."""
    ctx = app.context
    invoice_id = await guard(app, run_db(invoices.invoice_from_proposal, ctx, proposal_id))
    if invoice_id is None:
        return
    view = await guard(app, run_db(invoices.invoice_view, ctx, invoice_id))
    if view is not None:
        app.notify(t("invoice.made", number=view.number,
                     date=view.pay_until.strftime("%d.%m.%Y")), timeout=8)
    if done is not None:
        done(invoice_id)
    open_invoice(app, invoice_id)


# ---- lines ------------------------------------------------------------------------------------


def line_service(kind: str):
    return proposals if kind == "proposal" else invoices


def _line_fields(values: dict[str, str]) -> list[FieldDef]:
    return [
        FieldDef("name", t("line.name"), value=values.get("name", ""), required=True),
        FieldDef("quantity", t("line.quantity"), value=values.get("quantity", "1"),
                 required=True),
        FieldDef("unit", t("line.unit"), value=values.get("unit", "шт"), required=True),
        FieldDef("price", t("line.price"), value=values.get("price", ""), required=True,
                 hint=t("product.price_hint")),
        FieldDef("discount_percent", t("line.discount"),
                 value=values.get("discount_percent", ""), hint=t("line.discount_hint")),
        FieldDef("vat_rate", t("line.vat_rate"), value=values.get("vat_rate", ""),
                 hint=t("product.vat_hint")),
    ]


async def add_product_line(app: App, kind: str, doc_id: int, done: Done | None = None) -> None:
    """Pick from the price list, then the quantity and discount."""
    from screens.forms.product_picker import ProductPicker

    ctx = app.context
    service = line_service(kind)

    def picked(product) -> None:
        if product is None:
            return
        fields = [
            FieldDef("quantity", t("line.quantity"), value="1", required=True,
                     hint=product.unit),
            FieldDef("discount", t("line.discount"), hint=t("line.discount_hint")),
        ]

        def save(values: dict) -> int:
            try:
                return service.add_product(ctx, doc_id, product.id,
                                           str(values.get("quantity") or ""),
                                           str(values.get("discount") or ""))
            except ValidationError as error:
                # The line's own field names → this small form's.
                renamed = {"discount" if k == "discount_percent" else k: e
                           for k, e in error.errors.items()}
                raise ValidationError(renamed) from error

        app.push_screen(FieldForm(t("line.add_title"), fields, save,
                                  subtitle=f"{product.name} · {format_money(product.price)}",
                                  submit_on_enter=True),
                        _finished(app, done))

    app.push_screen(ProductPicker(), picked)


async def new_line(app: App, kind: str, doc_id: int, done: Done | None = None) -> None:
    """A line typed by hand: goods or a service not in the price list."""
    ctx = app.context
    service = line_service(kind)
    app.push_screen(FieldForm(t("line.new_title"), _line_fields({}),
                              lambda values: service.save_line(ctx, doc_id, values)),
                    _finished(app, done))


async def edit_line(app: App, kind: str, doc_id: int, line_id: int,
                    done: Done | None = None) -> None:
    ctx = app.context
    service = line_service(kind)
    values = await guard(app, run_db(service.line_for_edit, ctx, doc_id, line_id))
    if values is None:
        return
    app.push_screen(FieldForm(t("line.edit_title"), _line_fields(values),
                              lambda data: service.save_line(ctx, doc_id, data,
                                                             line_id=line_id)),
                    _finished(app, done))


async def confirm_then(app: App, question: str, work, done: Done | None = None,
                       message: str = "") -> None:
    """Ask; on yes run ``work`` (a no-argument function) on a database thread."""
    from screens.forms.confirm import ConfirmDialog

    async def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            await run_db(work)
        except UserError as error:
            app.report_error(error)
            return
        if message:
            app.notify(message, timeout=4)
        if done is not None:
            done(True)

    app.push_screen(ConfirmDialog(question), answered)


# ---- payments and shipments -------------------------------------------------------------------


async def record_money(app: App, what: str, invoice_id: int, left: str,
                       done: Done | None = None) -> None:
    """A payment («оплата») or a shipment («отгрузка»): date, sum, document, note."""
    ctx = app.context
    today = ctx.now().date().strftime("%d.%m.%Y")
    fields = [
        FieldDef("date", t("money.date"), value=today, required=True,
                 hint=t("common.date.hint")),
        FieldDef("amount", t("money.amount"), value=left, required=True,
                 hint=t("money.amount_hint", left=left)),
        FieldDef("document", t(f"{what}.document"), hint=t(f"{what}.document_hint")),
        FieldDef("note", t("money.note")),
    ]
    fn = payments.record_payment if what == "payment" else payments.record_shipment
    app.push_screen(FieldForm(t(f"{what}.title"), fields,
                              lambda values: fn(ctx, invoice_id, values)),
                    _finished(app, done, t(f"{what}.recorded")))


# ---- contracts -------------------------------------------------------------------------------


async def new_contract(app: App, organization_id: int | None = None, org_name: str = "",
                       *, invoice_id: int | None = None, proposal_id: int | None = None,
                       done: Done | None = None) -> None:
    """The contract form for a client (for an invoice or a proposal when given); saved, the
    contract is in the register and its file opens."""
    if organization_id is None:
        await _pick_organization(app, lambda oid, name: new_contract(app, oid, name,
                                                                     done=done))
        return
    ctx = app.context
    draft = await guard(app, run_db(contracts.contract_draft, ctx, organization_id,
                                    invoice_id=invoice_id, proposal_id=proposal_id))
    if draft is None:
        return
    if not draft.templates:
        app.report_error(UserError("documents.no_contract_templates"))
        return

    def save(values: dict):
        values = {**values, "organization_id": organization_id, "proposal_id": proposal_id}
        if values.get("template") is None:
            raise ValidationError({"template": FieldError("validation.required")})
        return contracts.create_contract(ctx, values, pdf=False)

    def made(result) -> None:
        if result is None:
            return
        app.notify(t("contract.registered"), timeout=5)
        show_file(app, result.path, result.pdf_path, result.pdf_error)
        if done is not None:
            done(result.id)

    subtitle = draft.names.get("organization_id", org_name)
    app.push_screen(ContractForm(t("contract.new"), draft, _dotted(save), subtitle=subtitle),
                    made)


async def open_contract(app: App, contract_id: int) -> None:
    path = await guard(app, run_db(contracts.contract_file, app.context, contract_id))
    if path is not None:
        show_file(app, path)


async def contract_to_pdf(app: App, contract_id: int) -> None:
    path = await guard(app, run_db(contracts.contract_file, app.context, contract_id))
    if path is None:
        return
    pdf_path, error = await run_db(printing.make_pdf, Path(path))
    if error:
        app.notify(error, severity="warning", timeout=10)
    else:
        show_file(app, pdf_path)
