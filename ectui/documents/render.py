"""Filling a Word template (docxtpl) with a context, safely.

Autoescaping is on, so a client called «Рога & Копыта» or a note with «<» cannot break the
file; a field the template names but ectui does not know stops the rendering with the
field's name rather than printing a blank contract.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import jinja2

from ectui.errors import UserError


def _lcfirst(value: object) -> str:
    text = str(value)
    if len(text) > 1 and text[0].isupper() and text[1].isupper():
        return text  # an abbreviation: «ООО», «IT-директор»
    return text[:1].lower() + text[1:]


def _ucfirst(value: object) -> str:
    text = str(value)
    return text[:1].upper() + text[1:]


def jinja_env() -> jinja2.Environment:
    """The environment every template is rendered and inspected with."""
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["lcfirst"] = _lcfirst
    env.filters["ucfirst"] = _ucfirst
    return env


def render_docx(template: Path, context: dict[str, object]) -> bytes:
    """The filled document as .docx bytes; UserError naming the template's fault."""
    from docxtpl import DocxTemplate  # python-docx and lxml load only when a file is made

    try:
        document = DocxTemplate(str(template))
        document.render(context, jinja_env=jinja_env(), autoescape=True)
    except jinja2.UndefinedError as error:
        raise UserError("documents.template_unknown_field", name=template.name,
                        error=str(error)) from error
    except jinja2.TemplateSyntaxError as error:
        raise UserError("documents.template_syntax", name=template.name, line=error.lineno,
                        error=error.message or "") from error
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UserError("documents.template_unreadable", name=template.name,
                        error=str(error)) from error
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
