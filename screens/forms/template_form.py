"""A letter template: an e-mail (subject and text with fields) or a Word file (.docx).

Ctrl+S saves (a mistake in the template is shown at its field), Esc cancels. The fields a
template may use are listed under the text.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static, TextArea

from ectui.errors import UserError, ValidationError
from ectui.exchange.letters import FIELDS
from ectui.i18n import t
from ectui.services import mail_templates
from screens.db import run_db
from screens.widgets.key_bar import KeyBar


class TemplateForm(ModalScreen[int | None]):
    BINDINGS = [Binding("ctrl+s", "save", t("key.save"), priority=True),
                Binding("escape", "cancel", t("key.cancel"))]
    DEFAULT_CSS = """
    TemplateForm { align: center middle; }
    TemplateForm > Vertical { width: 100; height: 90%; border: thick $primary;
                              background: $surface; padding: 0 1; }
    TemplateForm TextArea { height: 1fr; min-height: 8; }
    TemplateForm .field-error { color: $error; }
    TemplateForm #template-fields { height: 6; color: $text-muted; }
    """

    def __init__(self, template: mail_templates.TemplateInfo | None = None) -> None:
        super().__init__()
        self.template = template

    def compose(self) -> ComposeResult:
        tpl = self.template
        with Vertical():
            yield Label(t("template.title.edit" if tpl else "template.title.new"))
            yield Input(tpl.name if tpl else "", placeholder=t("template.name"),
                        id="template-name")
            yield Select[str]([(t("template.kind.email"), "email"),
                               (t("template.kind.docx"), "docx")],
                              value=tpl.kind if tpl else "email", allow_blank=False,
                              id="template-kind")
            yield Input(tpl.subject if tpl else "", placeholder=t("template.subject"),
                        id="template-subject")
            yield TextArea(tpl.body if tpl else "", id="template-body")
            yield Input(placeholder=t("template.docx_path"), id="template-docx")
            yield Static("", classes="field-error", id="template-error")
            fields = "  ".join(f"{{{{ {russian} }}}} — {t(help_key)}"
                               for _en, russian, help_key in FIELDS)
            yield VerticalScroll(Static(Content(fields)), id="template-fields")
        yield KeyBar()

    def action_cancel(self) -> None:
        self.dismiss(None)

    async def action_save(self) -> None:
        kind = str(self.query_one("#template-kind", Select).value)
        docx_path = self.query_one("#template-docx", Input).value.strip()
        docx = None
        try:
            if docx_path:
                docx = await run_db(mail_templates.load_docx, Path(docx_path).expanduser())
            template_id = await run_db(
                mail_templates.save_template, self.app.context,
                name=self.query_one("#template-name", Input).value,
                kind=kind, subject=self.query_one("#template-subject", Input).value,
                body=self.query_one("#template-body", TextArea).text, docx=docx,
                docx_name=Path(docx_path).name if docx_path else "",
                template_id=self.template.id if self.template else None)
        except ValidationError as error:
            lines = [f"{t('template.' + name)}: {problem.message}"
                     for name, problem in error.errors.items()]
            self.query_one("#template-error", Static).update(Content("\n".join(lines)))
            return
        except UserError as error:
            self.app.report_error(error)
            return
        self.app.notify(t("common.saved"), timeout=3)
        self.dismiss(template_id)
