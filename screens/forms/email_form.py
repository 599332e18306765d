"""An e-mail to a contact person or an organization, written from its card (Ctrl+W).

The address is the card's; Ctrl+S sends it through the company's SMTP server in a worker and
says how it went in a toast. The letter becomes a task in the client's history with its copy
kept; one the server refused stays in the outbox (F9, mailing) to be sent again.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from ectui.errors import UserError
from ectui.i18n import t
from ectui.services import mailings
from screens.db import run_db
from screens.widgets.key_bar import KeyBar


class EmailForm(ModalScreen[bool | None]):
    """Dismisses with True once the letter went out, None when cancelled."""

    BINDINGS = [Binding("ctrl+s", "send", t("key.send_email"), priority=True),
                Binding("escape", "cancel", t("key.cancel"))]
    DEFAULT_CSS = """
    EmailForm { align: center middle; }
    EmailForm > Vertical { width: 100; height: 80%; border: thick $primary;
                           background: $surface; padding: 0 1; }
    EmailForm #email-to { padding: 0 1; }
    EmailForm TextArea { height: 1fr; min-height: 6; }
    EmailForm #email-status { color: $text-muted; }
    EmailForm #email-status.error { color: $error; }
    """

    def __init__(self, *, name: str, email: str, contact_id: int | None = None,
                 organization_id: int | None = None) -> None:
        super().__init__()
        self.recipient_name = name
        self.email = email
        self.contact_id = contact_id
        self.organization_id = organization_id
        self.sending = False
        # Once written, the letter is in the outbox: Ctrl+S after a failure sends that same
        # letter again (its text locked), so it can never go twice.
        self.mailing_id: int | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("email.title"))
            yield Static(Content(t("email.to", name=self.recipient_name,
                                   email=self.email or t("email.no_address"))), id="email-to")
            yield Input(placeholder=t("email.subject"), id="email-subject")
            yield TextArea(id="email-body")
            yield Static(Content(t("email.hint")), id="email-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#email-subject", Input).focus()

    def action_cancel(self) -> None:
        if not self.sending:
            self.dismiss(None)

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#email-status", Static)
        status.set_class(error, "error")
        status.update(Content(text))

    def action_send(self) -> None:
        if self.sending:
            return
        subject = self.query_one("#email-subject", Input).value
        body = self.query_one("#email-body", TextArea).text
        # Checked here first so the message appears at once, where it was typed.
        if self.mailing_id is None and not " ".join(subject.split()):
            self._status(t("mail.subject_required"), error=True)
            self.query_one("#email-subject", Input).focus()
            return
        if self.mailing_id is None and not body.strip():
            self._status(t("mail.body_required"), error=True)
            self.query_one("#email-body", TextArea).focus()
            return
        self.sending = True
        self._status(t("email.sending", email=self.email))
        self._send(subject, body)

    def _lock_text(self) -> None:
        self.query_one("#email-subject", Input).disabled = True
        self.query_one("#email-body", TextArea).read_only = True

    @work(exclusive=True, group="email", exit_on_error=False)
    async def _send(self, subject: str, body: str) -> None:
        context = self.app.context
        try:
            if self.mailing_id is None:
                self.mailing_id = await run_db(
                    mailings.write_email, context, subject=subject, body=body,
                    contact_id=self.contact_id, organization_id=self.organization_id)
                self._lock_text()
            report = await run_db(mailings.send_mailing, context, self.mailing_id)
        except Exception as error:  # refused (a UserError) or a bug: a message, no traceback
            self.sending = False
            text = error.message if isinstance(error, UserError) else t(
                "error.unexpected", error=error)
            if self.mailing_id is not None:
                text = t("email.not_sent", reason=text)
            self._status(text, error=True)
            self.app.report_error(error)
            return
        self.sending = False
        if report.sent:
            self.app.notify(t("email.sent", email=self.email), timeout=5)
            self.dismiss(True)
            return
        reason = report.failures[0][2] if report.failures else report.stopped
        text = t("email.not_sent", reason=reason or "—")
        self._status(text, error=True)
        self.app.notify(text, severity="error", timeout=10)


async def open_email_form(app, *, contact_id: int | None = None,
                          organization_id: int | None = None) -> None:
    """Ctrl+W on a card: the form, or at once why no letter can go (no address, no server)."""
    from ectui.services.mail_settings import smtp_settings

    try:
        name, email = await run_db(mailings.email_recipient, app.context,
                                   contact_id=contact_id, organization_id=organization_id)
        if not email:
            raise UserError("mail.card_has_no_email", name=name)
        if not (await run_db(smtp_settings)).sender:
            raise UserError("mail.smtp_not_set")
    except UserError as error:
        app.report_error(error)
        return
    app.push_screen(EmailForm(name=name, email=email, contact_id=contact_id,
                              organization_id=organization_id))
