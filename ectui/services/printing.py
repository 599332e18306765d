"""Printing an invoice or a proposal: fill its Word template, save the .docx into the
documents folder (and a PDF beside it when LibreOffice is installed and one is asked for)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ectui.documents import builders, files
from ectui.documents.render import render_docx
from ectui.documents.templates import find_template
from ectui.errors import UserError
from ectui.i18n import t
from ectui.services import company, invoices, proposals
from ectui.services.context import Context

FOLDERS = {"invoice": "Счета", "proposal": "Предложения", "contract": "Договоры"}


@dataclass(frozen=True)
class MadeDocument:
    """Where the made document is; ``pdf_error`` says why there is no PDF when one was
    asked for (no LibreOffice here, or it failed) — the .docx is there all the same."""

    path: str
    pdf_path: str = ""
    pdf_error: str = ""


def documents_folder(kind: str) -> Path:
    """The folder for documents of ``kind`` inside the documents folder of the settings."""
    root = files.output_dir(company.document_settings().output_dir)
    folder = root / FOLDERS[kind]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError("documents.folder_unwritable", folder=str(folder),
                        error=error.strerror or str(error)) from error
    return folder


def make_pdf(path: Path) -> tuple[str, str]:
    """(pdf path, "") or ("", why not)."""
    try:
        return str(files.convert_to_pdf(path)), ""
    except UserError as error:
        return "", error.message


def _make(kind: str, template: str, context: dict[str, object], file_name: str,
          pdf: bool) -> MadeDocument:
    info = find_template(template, company.document_settings().templates_dir)
    if info.kind != kind:
        raise UserError("documents.template_wrong_kind", name=info.name,
                        kind=t(f"documents.kind.{kind}"))
    data = render_docx(info.path, context)
    path = files.write_document(documents_folder(kind), files.safe_file_name(file_name), data)
    pdf_path, pdf_error = make_pdf(path) if pdf else ("", "")
    return MadeDocument(str(path), pdf_path, pdf_error)


def print_invoice(ctx: Context, invoice_id: int, *, pdf: bool = False,
                  template: str = "invoice") -> MadeDocument:
    """«Счет на оплату № N от …» as .docx (and PDF)."""
    view = invoices.invoice_view(ctx, invoice_id)
    if not view.lines:
        raise UserError("documents.invoice_empty")
    context = builders.invoice_context(company.our_company(), view)
    name = f"Счет № {view.number} от {view.date:%d.%m.%Y} {view.organization}.docx"
    return _make("invoice", template, context, name, pdf)


def print_proposal(ctx: Context, proposal_id: int, *, pdf: bool = False,
                   template: str = "proposal") -> MadeDocument:
    """The commercial proposal as .docx (and PDF)."""
    view = proposals.proposal_view(ctx, proposal_id)
    if not view.lines:
        raise UserError("documents.proposal_empty_print")
    context = builders.proposal_context(company.our_company(), view)
    name = f"КП № {view.number} от {view.date:%d.%m.%Y} {view.organization}.docx"
    return _make("proposal", template, context, name, pdf)
