"""Letter templates: e-mails (a subject and a text with fields) and Word letters (.docx).

A template is tried on a sample addressee when it is saved, so a mistyped field is refused
at once with its name, not discovered in the middle of a mailing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ectui.db import write_transaction
from ectui.errors import FieldError, NotFound, UserError, ValidationError
from ectui.exchange import letters
from ectui.models import MailTemplate
from ectui.models.exchange import TEMPLATE_KINDS
from ectui.services import access
from ectui.services.context import Context


@dataclass(frozen=True)
class TemplateInfo:
    id: int
    name: str
    kind: str          # email or docx
    subject: str
    body: str
    docx_name: str
    is_active: bool


def _info(row: MailTemplate) -> TemplateInfo:
    return TemplateInfo(row.id, row.name, row.kind, row.subject, row.body, row.docx_name,
                        row.is_active)


def templates(active_only: bool = True) -> list[TemplateInfo]:
    """The templates by name."""
    query = MailTemplate.select(MailTemplate.id, MailTemplate.name, MailTemplate.kind,
                                MailTemplate.subject, MailTemplate.body,
                                MailTemplate.docx_name, MailTemplate.is_active
                                ).order_by(MailTemplate.name)
    if active_only:
        query = query.where(MailTemplate.is_active == True)  # noqa: E712
    return [_info(row) for row in query]


def template(template_id: int) -> TemplateInfo:
    row = MailTemplate.get_or_none(MailTemplate.id == template_id)
    if row is None:
        raise NotFound()
    return _info(row)


def template_by_name(name: str) -> TemplateInfo:
    row = MailTemplate.get_or_none(MailTemplate.name == name.strip())
    if row is None:
        raise UserError("letters.no_template", name=name)
    return _info(row)


def docx_of(template_id: int) -> bytes:
    row = MailTemplate.get_or_none(MailTemplate.id == template_id)
    if row is None:
        raise NotFound()
    if not row.docx:
        raise UserError("letters.no_docx", name=row.name)
    return bytes(row.docx)


def save_template(ctx: Context, *, name: str, kind: str = "email", subject: str = "",
                  body: str = "", docx: bytes | None = None, docx_name: str = "",
                  template_id: int | None = None) -> int:
    """Create or change a template; refused with the field and the reason when it would not
    render (a syntax mistake, an unknown field, a file that is no Word document)."""
    access.require(ctx, "create", ctx.actor.employee_id)
    errors: dict[str, FieldError] = {}
    name = (name or "").strip()
    existing = MailTemplate.get_or_none(MailTemplate.id == template_id) if template_id else None
    if template_id and existing is None:
        raise NotFound()
    if not name:
        errors["name"] = FieldError("validation.required")
    elif len(name) > 200:
        errors["name"] = FieldError("exchange.too_long", count=len(name), limit=200)
    elif MailTemplate.select().where(MailTemplate.name == name,
                                     MailTemplate.id != (template_id or 0)).exists():
        errors["name"] = FieldError("letters.name_taken", name=name)
    if kind not in TEMPLATE_KINDS:
        errors["kind"] = FieldError("record.choice", options=", ".join(TEMPLATE_KINDS))
    if kind == "email":
        if not body.strip():
            errors["body"] = FieldError("validation.required")
        for field_name, text in (("subject", subject), ("body", body)):
            try:
                letters.check_text(text)
            except UserError as error:
                errors[field_name] = FieldError("letters.field_problem", message=error.message)
    if kind == "docx":
        data = docx if docx is not None else (bytes(existing.docx) if existing and existing.docx
                                              else None)
        if not data:
            errors["docx"] = FieldError("letters.docx_required")
        else:
            try:
                letters.render_docx(data, letters.context(
                    letters.sample_addressee(), letters.Sender("Орлов Евгений Евгеньевич"),
                    "23.11.2026"))
            except UserError as error:
                errors["docx"] = FieldError("letters.field_problem", message=error.message)
        try:
            letters.check_text(subject)
        except UserError as error:
            errors["subject"] = FieldError("letters.field_problem", message=error.message)
    if errors:
        raise ValidationError(errors)
    now = ctx.now()
    with write_transaction():
        row = existing or MailTemplate(created_at=now)
        row.name, row.kind, row.subject, row.body = name, kind, subject, body
        if kind == "docx" and docx is not None:
            row.docx, row.docx_name = docx, docx_name or f"{name}.docx"
        row.updated_at = now
        row.save()
    return row.id


def load_docx(path: Path) -> bytes:
    """The bytes of a Word template chosen by path."""
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise UserError("exchange.cannot_read", path=str(path), error=error.strerror) from None


def set_template_active(ctx: Context, template_id: int, active: bool) -> None:
    """Retire a template (mailings made from it keep their letters) or bring it back."""
    access.require(ctx, "create", ctx.actor.employee_id)
    with write_transaction():
        MailTemplate.update(is_active=active).where(MailTemplate.id == template_id).execute()
