"""The mailing and incoming-mail panes of «Обмен и рассылки» (F9).

Mailing: a list (group, search, birthdays this week, ABC class) → a template → a preview of each
letter → send with a progress bar (or print to one Word file). A second Ctrl+S on the same
list and template sends what is left of that mailing, never a second copy.
Incoming mail: import a Maildir or mbox; messages matched to no client are listed here to be
put into a client's history (Ctrl+L) or set aside (Delete).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Checkbox, Input, Label, Select, Static

from ectui.errors import UserError
from ectui.i18n import t
from ectui.services import campaigns, groups, mail_import, mail_templates, mailings
from ectui.services.selection import Selection, this_week
from screens.db import run_db, run_db_sync
from screens.exchange_files import KINDS, abc_select
from screens.widgets.operation import Operation
from screens.widgets.paged_table import Column, PagedTable

PREVIEW_LETTERS = 20


class MailingPane(Vertical):
    def __init__(self, operation: Operation) -> None:
        super().__init__(id="mailing-pane")
        self.operation = operation
        self.mailing_id: int | None = None
        self.mailing_for: tuple | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="exchange-row"):
            yield Select[int]([], prompt=t("exchange.ui.template"), id="mail-template")
            yield Select[str]([(t(label), kind) for kind, label in KINDS], value="contact",
                              allow_blank=False, id="mail-kind")
            yield Select[int]([], prompt=t("directory.all_groups"), id="mail-group")
        with Horizontal(classes="exchange-row"):
            yield Input(placeholder=t("exchange.ui.mail_search"), id="mail-search")
            yield Checkbox(t("exchange.ui.birthdays"), id="mail-birthdays")
            yield abc_select("mail-abc")
        with Horizontal(classes="exchange-row"):
            yield Select[str]([(t("exchange.ui.by_email"), "email"),
                               (t("exchange.ui.to_print"), "print")], value="email",
                              allow_blank=False, id="mail-channel")
            yield Input(placeholder=t("exchange.ui.mail_title"), id="mail-title")
            yield Input(placeholder=t("exchange.ui.print_path"), id="mail-print-path")
            yield Select[int]([], prompt=t("exchange.ui.no_campaign"), id="mail-campaign")
        yield Label(t("exchange.ui.mail_hint"), classes="exchange-hint")
        yield VerticalScroll(Static("", id="mail-report"), id="mail-report-box")

    async def on_mount(self) -> None:
        await self._load_templates()
        await self._load_groups()
        found = await run_db(campaigns.campaigns)
        self.query_one("#mail-campaign", Select).set_options([(c.name, c.id) for c in found])

    async def _load_templates(self, chosen: int | None = None) -> None:
        found = await run_db(mail_templates.templates)
        select = self.query_one("#mail-template", Select)
        select.set_options([(f"{tpl.name} ({'Word' if tpl.kind == 'docx' else 'e-mail'})",
                             tpl.id) for tpl in found])
        if chosen is not None:
            select.value = chosen

    async def edit_template(self, *, new: bool) -> None:
        """Ctrl+N: a new template; F4: the chosen one."""
        from screens.forms.template_form import TemplateForm

        template = None
        value = self.query_one("#mail-template", Select).value
        if not new:
            if value is Select.NULL:
                self.app.report_error(UserError("exchange.ui.template_required"))
                return
            template = await run_db(mail_templates.template, int(value))

        async def saved(template_id: int | None) -> None:
            if template_id is not None:
                await self._load_templates(template_id)

        self.app.push_screen(TemplateForm(template), saved)

    async def _load_groups(self) -> None:
        kind = str(self.query_one("#mail-kind", Select).value)
        found = await run_db(groups.groups, kind)
        self.query_one("#mail-group", Select).set_options([(g.name, g.id) for g in found])

    async def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "mail-kind":
            await self._load_groups()

    def _selection(self) -> Selection:
        kind = str(self.query_one("#mail-kind", Select).value)
        group = self.query_one("#mail-group", Select).value
        start = end = None
        if self.query_one("#mail-birthdays", Checkbox).value:
            start, end = this_week(self.app.context.now().date())
        return Selection(kind=kind, group_id=None if group is Select.NULL else int(group),
                         query=self.query_one("#mail-search", Input).value,
                         birthday_from=start, birthday_to=end,
                         abc_class=str(self.query_one("#mail-abc", Select).value))

    def _template_id(self) -> int | None:
        value = self.query_one("#mail-template", Select).value
        if value is Select.NULL:
            self.app.report_error(UserError("exchange.ui.template_required"))
            self.query_one("#mail-template", Select).focus()
            return None
        return int(value)

    def _show(self, lines: list[str]) -> None:
        self.query_one("#mail-report", Static).update(Content("\n".join(lines)))

    async def check(self) -> None:
        """Ctrl+R: each recipient's letter as it will go."""
        template_id = self._template_id()
        if template_id is None:
            return
        sel = self._selection()
        channel = str(self.query_one("#mail-channel", Select).value)
        try:
            total = await run_db(mailings.recipient_count, self.app.context, sel)
            letters = await run_db(mailings.preview_letters, self.app.context, template_id, sel,
                                   channel, 0, PREVIEW_LETTERS)
        except UserError as error:
            self.app.report_error(error)
            return
        lines = [t("exchange.ui.preview_head", count=total, shown=len(letters)), ""]
        for letter in letters:
            head = f"── {letter.name} <{letter.email or '—'}>"
            lines.append(head + (f"  ⚠ {letter.problem}" if letter.problem else ""))
            lines.append(t("mail.cli.subject", subject=letter.subject))
            lines.extend(letter.body.rstrip().splitlines())
            lines.append("")
        self._show(lines)

    async def execute(self) -> None:
        """Ctrl+S: make the mailing (after a yes) and send it, or send what is left of it."""
        template_id = self._template_id()
        if template_id is None:
            return
        sel = self._selection()
        channel = str(self.query_one("#mail-channel", Select).value)
        key = (template_id, sel, channel)
        if self.mailing_id is not None and self.mailing_for == key:
            self._deliver(self.mailing_id, channel)
            return
        count = await run_db(mailings.recipient_count, self.app.context, sel)
        from screens.forms.confirm import ConfirmDialog

        async def answered(yes: bool | None) -> None:
            if yes:
                self._create(template_id, sel, channel, key)

        question = t("exchange.ui.confirm_send" if channel == "email"
                     else "exchange.ui.confirm_print", count=count)
        self.app.push_screen(ConfirmDialog(question, default=True), answered)

    def _create(self, template_id: int, sel: Selection, channel: str, key: tuple) -> None:
        title = self.query_one("#mail-title", Input).value.strip() or t(
            "exchange.ui.default_title", date=self.app.context.now().strftime("%d.%m.%Y"))
        context = self.app.context
        campaign = self.query_one("#mail-campaign", Select).value
        campaign_id = None if campaign is Select.NULL else int(campaign)

        def work(progress):
            return mailings.create_mailing(context, title, template_id, sel, channel=channel,
                                           campaign_id=campaign_id, progress=progress)

        def done(mailing_id: int) -> None:
            self.mailing_id, self.mailing_for = mailing_id, key
            self._deliver(mailing_id, channel)

        self.operation.start(t("mail.cli.progress.prepare"), work, done)

    def _deliver(self, mailing_id: int, channel: str) -> None:
        context = self.app.context
        if channel == "print":
            raw = self.query_one("#mail-print-path", Input).value.strip() or "letters.docx"
            path = Path(raw).expanduser()

            def work(progress):
                return mailings.print_mailing(context, mailing_id, path, progress=progress)

            def done(count: int) -> None:
                self._show([t("mail.cli.printed", count=count, path=path)])
                self.app.notify(t("mail.cli.printed", count=count, path=path))

            self.operation.start(t("mail.cli.progress.print"), work, done)
            return

        def send(progress):
            return mailings.send_mailing(context, mailing_id, progress=progress)

        def sent(report: mailings.SendReport) -> None:
            lines = [t("mail.cli.sent", sent=report.sent, failed=report.failed, id=mailing_id)]
            lines += [t("mail.cli.failed", name=n, email=e, reason=r)
                      for n, e, r in report.failures]
            if report.stopped:
                lines.append(t("mail.cli.stopped", reason=report.stopped))
            if report.unknown:
                lines.append(t("mail.cli.unknown", count=report.unknown))
            if report.failed or report.stopped:
                lines.append(t("exchange.ui.send_rest"))
            self._show(lines)
            self.app.notify(lines[0], severity="warning" if report.failed else "information")

        self.operation.start(t("exchange.cli.progress.send"), send, sent)


@dataclass(frozen=True)
class UnmatchedSource:
    def count(self) -> int:
        return mail_import.unmatched_count()

    def fetch(self, offset: int, limit: int):
        return mail_import.unmatched_messages(offset, limit)


def _inbox_cell(row: mail_import.MessageRow, key: str) -> str:
    if key == "date":
        return row.date.astimezone().strftime("%d.%m.%Y %H:%M") if row.date else ""
    if key == "attachments":
        return str(row.attachments) if row.attachments else ""
    return getattr(row, key)


class InboxPane(Vertical):
    def __init__(self, operation: Operation) -> None:
        super().__init__(id="inbox-pane")
        self.operation = operation

    def compose(self) -> ComposeResult:
        yield Input(placeholder=t("exchange.ui.mailbox_path"), id="inbox-path")
        yield Label(t("exchange.ui.inbox_hint"), classes="exchange-hint")
        yield PagedTable([Column("date", t("exchange.ui.col.date"), 16),
                          Column("sender", t("exchange.ui.col.from"), 30),
                          Column("subject", t("exchange.ui.col.subject")),
                          Column("attachments", "📎", 3)], _inbox_cell,
                         empty_text=t("exchange.ui.no_unmatched"),
                         run_in_context=run_db_sync, id="inbox-table")
        yield VerticalScroll(Static("", id="inbox-detail"), id="inbox-detail-box")

    def on_mount(self) -> None:
        self.query_one("#inbox-table", PagedTable).set_source(UnmatchedSource())

    def _table(self) -> PagedTable:
        return self.query_one("#inbox-table", PagedTable)

    @on(PagedTable.RowHighlighted, "#inbox-table")
    async def _highlighted(self, event: PagedTable.RowHighlighted) -> None:
        if event.row is None:
            self.query_one("#inbox-detail", Static).update("")
            return
        detail = await run_db(mail_import.message_detail, event.row.id)
        lines = [t("mailbox.from", who=detail.row.sender),
                 t("mailbox.to", who=detail.row.recipients), ""]
        if detail.attachments:
            lines.insert(2, t("mailbox.attachments",
                              names=", ".join(name for _i, name, _s in detail.attachments)))
        lines.append(detail.body)
        self.query_one("#inbox-detail", Static).update(Content("\n".join(lines)))

    async def check(self) -> None:
        self._table().reload()

    async def execute(self) -> None:
        """Ctrl+S: import the Maildir folder or mbox file typed above."""
        raw = self.query_one("#inbox-path", Input).value.strip()
        if not raw:
            self.app.report_error(UserError("exchange.ui.path_required"))
            self.query_one("#inbox-path", Input).focus()
            return
        path = Path(raw).expanduser()
        context = self.app.context

        def work(progress):
            if path.is_dir():
                return mail_import.import_maildir(context, path, progress=progress)
            return mail_import.import_mbox(context, path, progress=progress)

        def done(report: mail_import.MailImportReport) -> None:
            text = t("mail.cli.import_done", total=report.total, imported=report.imported,
                     duplicates=report.duplicates, entries=report.history_entries,
                     unmatched=report.unmatched)
            self.app.notify(text, timeout=8)
            self._table().reload()

        self.operation.start(t("mail.cli.progress.import"), work, done)

    async def assign(self) -> None:
        """Ctrl+L: put the highlighted message into an organization's history."""
        row = self._table().current_row
        if row is None:
            return
        from screens.forms.entry_picker import EntryPicker

        async def picked(choice) -> None:
            if choice is None:
                return
            try:
                await run_db(mail_import.assign_message, self.app.context, row.id,
                             organization_id=choice[0])
            except UserError as error:
                self.app.report_error(error)
                return
            self.app.notify(t("exchange.ui.assigned", name=choice[1]))
            self._table().reload()

        self.app.push_screen(EntryPicker("organization"), picked)

    async def ignore(self) -> None:
        """Delete: this message is no client's business."""
        row = self._table().current_row
        if row is None:
            return
        await run_db(mail_import.ignore_message, self.app.context, row.id)
        self._table().reload()
