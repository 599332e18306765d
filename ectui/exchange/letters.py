"""Letters by template: the salutation by gender, the fields a template may use, and rendering
an e-mail's text or a Word letter (docxtpl) for one recipient.

Templates are Jinja: ``{{ обращение }}!`` gives «Уважаемая Юлия Михайловна!». Every field has
an English and a Russian name (``FIELDS``). Templates run sandboxed: a template typed by a
user can read the fields and nothing else.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

from ectui.errors import UserError

# (English name, Russian name, what it holds) — shown to whoever writes a template.
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("salutation", "обращение", "letters.field.salutation"),
    ("dear", "уважаемый", "letters.field.dear"),
    ("name_patronymic", "имя_отчество", "letters.field.name_patronymic"),
    ("last_name", "фамилия", "letters.field.last_name"),
    ("first_name", "имя", "letters.field.first_name"),
    ("patronymic", "отчество", "letters.field.patronymic"),
    ("full_name", "фио", "letters.field.full_name"),
    ("short_name", "фамилия_инициалы", "letters.field.short_name"),
    ("to_whom", "кому", "letters.field.to_whom"),
    ("position", "должность", "letters.field.position"),
    ("organization", "организация", "letters.field.organization"),
    ("department", "подразделение", "letters.field.department"),
    ("email", "email", "letters.field.email"),
    ("address", "адрес", "letters.field.address"),
    ("birthday", "день_рождения", "letters.field.birthday"),
    ("sender", "отправитель", "letters.field.sender"),
    ("sender_position", "должность_отправителя", "letters.field.sender_position"),
    ("sender_phone", "телефон_отправителя", "letters.field.sender_phone"),
    ("sender_email", "email_отправителя", "letters.field.sender_email"),
    ("our_company", "наша_компания", "letters.field.our_company"),
    ("today", "сегодня", "letters.field.today"),
)


@dataclass(frozen=True)
class Addressee:
    """Whom a letter is to, as its fields need it (a person, or an organization as a whole)."""

    last_name: str = ""
    first_name: str = ""
    patronymic: str = ""
    gender: str = ""           # m, f or "" (then guessed from the name)
    position: str = ""
    organization: str = ""
    department: str = ""
    email: str = ""
    address: str = ""
    birthday: str = ""         # ДД.ММ.ГГГГ
    is_organization: bool = False


@dataclass(frozen=True)
class Sender:
    name: str = ""
    position: str = ""
    phone: str = ""
    email: str = ""
    company: str = ""


def gender_of(person: Addressee) -> str:
    """The addressee's gender as recorded, else as the name says; "" when it cannot say."""
    if person.gender in ("m", "f"):
        return person.gender
    patronymic = person.patronymic.strip().casefold()
    # The patronymic tells for certain; the dictionary only where it is missing.
    if patronymic.endswith(("вич", "ич", "оглы", "улы")):
        return "m"
    if patronymic.endswith(("вна", "чна", "кызы", "гызы")):
        return "f"
    if person.first_name or person.last_name:
        from ectui.declension import detect_gender

        return detect_gender(person.first_name, person.patronymic, person.last_name)
    return ""


def salutation(person: Addressee) -> tuple[str, str]:
    """(«Уважаемая Юлия Михайловна», «Уважаемая»): how a Russian business letter opens."""
    if person.is_organization or not (person.first_name or person.last_name):
        return "Уважаемые господа", "Уважаемые"
    gender = gender_of(person)
    dear = {"m": "Уважаемый", "f": "Уважаемая"}.get(gender, "Уважаемый(ая)")
    if person.first_name:
        name = " ".join(p for p in (person.first_name, person.patronymic) if p)
    else:
        title = {"m": "господин", "f": "госпожа"}.get(gender, "")
        name = " ".join(p for p in (title, person.last_name) if p)
    return f"{dear} {name}", dear


def to_whom(person: Addressee) -> str:
    """«Ивановой Юлии Михайловне»: the «кому» line of a letter, in the dative."""
    if person.is_organization or not person.last_name:
        return person.organization
    from ectui.declension import decline_name

    gender = gender_of(person)
    name = decline_name(person.last_name, person.first_name, person.patronymic, "datv",
                        gender=gender)
    return name.full


def context(person: Addressee, sender: Sender, today: str) -> dict[str, str]:
    """Every field of ``FIELDS`` for one letter, under both its names."""
    greeting, dear = salutation(person)
    full = " ".join(p for p in (person.last_name, person.first_name, person.patronymic) if p)
    initials = " ".join(f"{p[0]}." for p in (person.first_name, person.patronymic) if p)
    values = {
        "salutation": greeting, "dear": dear,
        "name_patronymic": " ".join(p for p in (person.first_name, person.patronymic) if p),
        "last_name": person.last_name, "first_name": person.first_name,
        "patronymic": person.patronymic, "full_name": full or person.organization,
        "short_name": f"{person.last_name} {initials}".strip(), "to_whom": to_whom(person),
        "position": person.position, "organization": person.organization,
        "department": person.department, "email": person.email, "address": person.address,
        "birthday": person.birthday, "sender": sender.name,
        "sender_position": sender.position, "sender_phone": sender.phone,
        "sender_email": sender.email, "our_company": sender.company, "today": today,
    }
    result = dict(values)
    for english, russian, _help in FIELDS:
        result[russian] = values[english]
    return result


def sample_addressee() -> Addressee:
    """Whom a template is tried on before it is saved."""
    return Addressee("Иванова", "Юлия", "Михайловна", "f", "Главный бухгалтер",
                     "ООО «Ромашка»", "Бухгалтерия", "ivanova@romashka.ru", "Москва",
                     "15.12.1980")


# ---- text templates -----------------------------------------------------------------------

def _environment():
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                                keep_trailing_newline=True)


def render_text(template: str, values: dict[str, str]) -> str:
    """A subject or body for one addressee; a mistake in the template is a UserError."""
    return TextTemplate(template).render(values)


class TextTemplate:
    """A text template compiled once, rendered for each addressee of a mailing."""

    def __init__(self, source: str) -> None:
        from jinja2 import TemplateError

        try:
            self._template = _environment().from_string(source)
        except TemplateError as error:
            raise UserError("letters.template_error", error=_template_message(error)) from None

    def render(self, values: dict[str, str]) -> str:
        from jinja2 import TemplateError

        try:
            return self._template.render(**values)
        except TemplateError as error:
            raise UserError("letters.template_error", error=_template_message(error)) from None


def _template_message(error) -> str:
    from jinja2 import TemplateSyntaxError, UndefinedError

    if isinstance(error, UndefinedError):
        name = str(error.message or "").split("'")[1] if "'" in str(error.message) else ""
        from ectui.i18n import t

        return t("letters.unknown_field", name=name)
    if isinstance(error, TemplateSyntaxError):
        from ectui.i18n import t

        return t("letters.syntax", line=error.lineno, message=error.message)
    return str(error)


def check_text(template: str) -> None:
    """Refuse a template with a syntax mistake or a field that does not exist."""
    render_text(template, context(sample_addressee(), Sender("Орлов Евгений Евгеньевич"),
                                  "23.11.2026"))


# ---- Word letters -------------------------------------------------------------------------

def render_docx(template: bytes, values: dict[str, str]):
    """One Word letter (a python-docx Document) from a docxtpl template."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    try:
        document = DocxTemplate(io.BytesIO(template))
        # autoescape: «&» and «<» in a client's name must not break the file's XML.
        document.render(values, jinja_env=_environment_for_docx(), autoescape=True)
    except TemplateError as error:
        raise UserError("letters.template_error", error=_template_message(error)) from None
    except Exception as error:  # a file that is no .docx at all
        raise UserError("letters.bad_docx", error=error) from None
    return document


def _environment_for_docx():
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


def text_letter(subject: str, body: str):
    """A plain Word letter from a text template's result: subject in bold, then paragraphs."""
    from docx import Document

    document = Document()
    if subject:
        document.add_paragraph().add_run(subject).bold = True
    for paragraph in body.split("\n"):
        document.add_paragraph(paragraph)
    return document


def combine(documents: Iterable) -> bytes:
    """One .docx with each letter on its own page, for printing them all at once.

    Every letter comes from the same template, so the relationships (pictures, styles) the
    body refers to are the first letter's too and the bodies can simply follow each other.
    """
    from docx.enum.text import WD_BREAK

    combined = None
    for document in documents:
        if combined is None:
            combined = document.docx if hasattr(document, "docx") else document
            continue
        doc = document.docx if hasattr(document, "docx") else document
        combined.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        body = combined.element.body
        sect = body.sectPr
        for element in list(doc.element.body):
            if element.tag.endswith("}sectPr"):
                continue
            if sect is not None:
                sect.addprevious(element)
            else:
                body.append(element)
    if combined is None:
        raise UserError("letters.nobody")
    out = io.BytesIO()
    combined.save(out)
    return out.getvalue()
