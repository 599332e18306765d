"""Mailings («адресная рассылка»): letters by one template to a chosen list, sent by e-mail
through the company's SMTP server or printed as one Word file for post.

A mailing is made in one go: every recipient's letter is rendered and stored in the outbox,
one row per recipient with a unique key, so no one can get two. Sending claims each row
before handing it to the server and records the result after; a row left «sending» by a
crash is shown as «unknown» and is never resent unless a person says so. Every letter that
went out is a task in the recipient's history and, for e-mail, a kept copy.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import peewee

from ectui.db import write_transaction
from ectui.errors import NotFound, UserError
from ectui.exchange import letters, mail
from ectui.exchange.progress import Cancelled, Progress, no_progress
from ectui.i18n import t
from ectui.models import (
    Contact,
    Employee,
    Mailing,
    MailMessage,
    MailMessageTask,
    MailTemplate,
    Organization,
    OutboxMessage,
)
from ectui.names import short_name
from ectui.services import access, history_entries, selection
from ectui.services.client_export import write_atomically
from ectui.services.context import Context
from ectui.services.mail_settings import smtp_settings
from ectui.services.recipients import (
    Recipient,
    recipient_ids,
    recipients_of,
    sender_of,
)

STALE_CLAIM = dt.timedelta(minutes=10)
"""A letter «sending» for longer than this was interrupted (no server takes that long)."""


# ---- rendering ----------------------------------------------------------------------------

@dataclass(frozen=True)
class LetterPreview:
    key: str
    name: str
    email: str
    subject: str
    body: str
    problem: str = ""   # why this one will not be sent, e.g. no e-mail address


class _Renderer:
    """One template, compiled once, filled for each recipient."""

    def __init__(self, ctx: Context, template_id: int) -> None:
        row = MailTemplate.get_or_none(MailTemplate.id == template_id)
        if row is None:
            raise NotFound()
        self.template = row
        self.subject = letters.TextTemplate(row.subject)
        self.body = letters.TextTemplate(row.body) if row.kind == "email" else None
        self.sender = sender_of(ctx)
        self.today = ctx.now().strftime("%d.%m.%Y")

    def fields(self, recipient: Recipient) -> dict[str, str]:
        return letters.context(recipient.addressee, self.sender, self.today)

    def letter(self, recipient: Recipient) -> tuple[str, str, dict[str, str]]:
        values = self.fields(recipient)
        subject = " ".join(self.subject.render(values).split())
        if self.body is not None:
            body = self.body.render(values)
        else:
            body = t("mail.docx_letter", name=self.template.name)
        return subject, body, values


def preview_letters(ctx: Context, template_id: int, sel: selection.Selection,
                    channel: str = "email", offset: int = 0,
                    limit: int = 20) -> list[LetterPreview]:
    """The letters as each recipient will get them, a page at a time."""
    renderer = _Renderer(ctx, template_id)
    ids = recipient_ids(ctx, sel)[offset:offset + limit]
    found = []
    for recipient in recipients_of(sel.kind, ids):
        subject, body, _values = renderer.letter(recipient)
        problem = t("mail.no_email") if channel == "email" and not recipient.email else ""
        found.append(LetterPreview(recipient.key, recipient.name, recipient.email, subject,
                                   body, problem))
    return found


def recipient_count(ctx: Context, sel: selection.Selection) -> int:
    return selection.count(ctx.actor, sel)


# ---- making a mailing ---------------------------------------------------------------------

@dataclass(frozen=True)
class MailingInfo:
    id: int
    title: str
    channel: str
    template: str
    author: str
    created_at: dt.datetime
    campaign_id: int | None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def count(self, status: str) -> int:
        return self.counts.get(status, 0)


def create_mailing(ctx: Context, title: str, template_id: int, sel: selection.Selection, *,
                   channel: str = "email", campaign_id: int | None = None,
                   progress: Progress = no_progress) -> int:
    """Render every recipient's letter into the outbox; returns the mailing's id.

    Recipients the employee may not view are not in it; for e-mail, one without an address
    is kept as «skipped», so the list says who got nothing and why.
    """
    if channel not in ("email", "print"):
        raise UserError("mail.bad_channel", channel=channel)
    title = " ".join((title or "").split())
    if not title:
        raise UserError("mail.title_required")
    renderer = _Renderer(ctx, template_id)
    if channel == "email" and renderer.template.kind != "email":
        raise UserError("mail.docx_for_print_only")
    if channel == "email" and not smtp_settings().sender:
        # Said before the letters are made, not after: no mailing is left half-ready.
        raise UserError("mail.smtp_not_set")
    ids = recipient_ids(ctx, sel)
    if not ids:
        raise UserError("letters.nobody")
    sender = smtp_settings().sender or renderer.sender.email
    total = len(ids)
    progress(0, total)
    with write_transaction():
        mailing = Mailing.create(title=title[:300], channel=channel,
                                       template=template_id, campaign=campaign_id,
                                       author=ctx.actor.employee_id, created_at=ctx.now())
        done = 0
        for start in range(0, total, 200):
            rows = []
            for recipient in recipients_of(sel.kind, ids[start:start + 200]):
                subject, body, values = renderer.letter(recipient)
                status = "skipped" if channel == "email" and not recipient.email else "pending"
                rows.append({
                    "mailing": mailing.id, "recipient_key": recipient.key,
                    "organization": recipient.organization_id,
                    "contact": recipient.contact_id, "name": recipient.name[:300],
                    "email": recipient.email, "subject": subject, "body": body,
                    "fields": json.dumps(values, ensure_ascii=False),
                    "message_id": mail.message_id(mailing.id, recipient.key,
                                                  secrets.token_hex(6), sender),
                    "position": start + len(rows), "status": status})
            if rows:
                OutboxMessage.insert_many(rows).execute()
            done = min(total, start + 200)
            progress(done, total)
        if campaign_id is not None:
            from ectui.services.campaigns import invite_recipients

            invite_recipients(ctx, campaign_id, sel.kind, ids)
    return mailing.id


def _counts(mailing_id: int) -> dict[str, int]:
    query = (OutboxMessage.select(OutboxMessage.status, peewee.fn.COUNT(OutboxMessage.id))
             .where(OutboxMessage.mailing == mailing_id).group_by(OutboxMessage.status).tuples())
    return dict(query)


def _mailing_info(row: Mailing, names: dict[int, str]) -> MailingInfo:
    template_name = ""
    if row.template_id:
        template_name = (MailTemplate.select(MailTemplate.name)
                         .where(MailTemplate.id == row.template_id).scalar() or "")
    return MailingInfo(row.id, row.title, row.channel, template_name,
                       names.get(row.author_id, ""), row.created_at, row.campaign_id,
                       _counts(row.id))


def _names() -> dict[int, str]:
    return {e.id: short_name(e.last_name, e.first_name, e.patronymic) for e in Employee.select()}


def mailing_info(mailing_id: int) -> MailingInfo:
    row = Mailing.get_or_none(Mailing.id == mailing_id)
    if row is None:
        raise NotFound()
    return _mailing_info(row, _names())


def mailings(ctx: Context, offset: int = 0, limit: int = 50) -> list[MailingInfo]:
    """The mailings, newest first: one's own, or all of them for an administrator."""
    query = Mailing.select().order_by(Mailing.created_at.desc(),
                                            Mailing.id.desc())
    if not access.can(ctx, "administer"):
        query = query.where(Mailing.author == ctx.actor.employee_id)
    names = _names()
    return [_mailing_info(row, names) for row in query.offset(offset).limit(limit)]


@dataclass(frozen=True)
class OutboxRow:
    id: int
    key: str
    name: str
    email: str
    subject: str
    body: str
    status: str
    error: str
    attempts: int
    sent_at: dt.datetime | None
    task_id: int | None


def outbox(mailing_id: int, offset: int = 0, limit: int = 100,
           status: str | None = None) -> list[OutboxRow]:
    """A mailing's letters in list order, with each one's result."""
    query = (OutboxMessage.select().where(OutboxMessage.mailing == mailing_id)
             .order_by(OutboxMessage.position, OutboxMessage.id))
    if status:
        query = query.where(OutboxMessage.status == status)
    return [OutboxRow(r.id, r.recipient_key, r.name, r.email, r.subject, r.body, r.status,
                      r.error, r.attempts, r.sent_at, r.task_id)
            for r in query.offset(offset).limit(limit)]


def _own_mailing(ctx: Context, mailing_id: int) -> Mailing:
    row = Mailing.get_or_none(Mailing.id == mailing_id)
    if row is None:
        raise NotFound()
    if row.author_id != ctx.actor.employee_id:
        access.require(ctx, "administer")
    return row


# ---- sending ------------------------------------------------------------------------------

@dataclass(frozen=True)
class SendReport:
    sent: int
    failed: int
    failures: tuple[tuple[str, str, str], ...]   # (name, e-mail, the server's reason)
    stopped: str = ""                            # why the run ended early, if it did
    unknown: int = 0                             # interrupted earlier: check, then decide


def _expire_claims(mailing_id: int, now: dt.datetime) -> int:
    """Letters a crashed session left «sending»: maybe sent, maybe not — never resent blind."""
    with write_transaction():
        return (OutboxMessage.update(status="unknown",
                                     error=t("mail.interrupted"))
                .where(OutboxMessage.mailing == mailing_id, OutboxMessage.status == "sending",
                       OutboxMessage.claimed_at < now - STALE_CLAIM).execute())


def _claim(row_id: int, statuses: tuple[str, ...], now: dt.datetime) -> bool:
    """Take a letter for sending; False when another session took it first."""
    with write_transaction():
        taken = (OutboxMessage.update(status="sending", claimed_at=now,
                                      attempts=OutboxMessage.attempts + 1)
                 .where(OutboxMessage.id == row_id, OutboxMessage.status.in_(statuses))
                 .execute())
    return taken == 1


def _keep_copy(row: OutboxMessage, task_id: int, sender: str, at: dt.datetime) -> None:
    copy = MailMessage.create(
        message_id=row.message_id, direction="out", from_addr=sender, to_addrs=row.email,
        subject=row.subject, body=row.body, sent_at=at, imported_at=at, source="ectui",
        status="assigned")
    MailMessageTask.create(message=copy.id, task=task_id, organization=row.organization_id,
                           contact=row.contact_id)


def _record_sent(ctx: Context, row_id: int, kind: str, sender: str) -> None:
    """The letter went: mark it, put it in the recipient's history, keep its copy."""
    now = ctx.now()
    with write_transaction():
        row = OutboxMessage.get_by_id(row_id)
        organization_id = row.organization_id
        if organization_id and not Organization.select().where(
                Organization.id == organization_id).exists():
            organization_id = None  # deleted since the mailing was made
        contact_id = row.contact_id if row.contact_id and Contact.select().where(
            Contact.id == row.contact_id).exists() else None
        task_id = None
        if organization_id or contact_id:
            task_id = history_entries.record_letter(
                ctx, kind=kind, title=row.subject, text=row.body,
                organization_id=organization_id, contact_id=contact_id, at=now)
        (OutboxMessage.update(status="sent", sent_at=now, error="", task=task_id)
         .where(OutboxMessage.id == row_id).execute())
        if kind == "email" and task_id is not None:
            _keep_copy(row, task_id, sender, now)


def _record_failed(row_id: int, reason: str) -> None:
    with write_transaction():
        (OutboxMessage.update(status="failed", error=reason[:2000])
         .where(OutboxMessage.id == row_id).execute())


def send_mailing(ctx: Context, mailing_id: int, *, retry_failed: bool = True,
                 settings: mail.SmtpSettings | None = None, progress: Progress = no_progress,
                 sleep: Callable[[float], None] = time.sleep) -> SendReport:
    """Send the letters not sent yet (and, with ``retry_failed``, the ones that failed).

    Paced by the settings' pause; a refusal of one letter is recorded and the run goes on,
    a lost connection stops it (the rest stay waiting). ``progress`` may raise ``Cancelled``:
    the letter in hand is finished and recorded first.
    """
    mailing = _own_mailing(ctx, mailing_id)
    if mailing.channel == "print":
        raise UserError("mail.print_not_send")
    settings = settings or smtp_settings()
    if not settings.sender:
        raise UserError("mail.smtp_not_set")
    statuses = ("pending", "failed") if retry_failed else ("pending",)
    _expire_claims(mailing_id, ctx.now())
    ids = [r.id for r in OutboxMessage.select(OutboxMessage.id)
           .where(OutboxMessage.mailing == mailing_id, OutboxMessage.status.in_(statuses))
           .order_by(OutboxMessage.position, OutboxMessage.id)]
    unknown = OutboxMessage.select().where(OutboxMessage.mailing == mailing_id,
                                           OutboxMessage.status == "unknown").count()
    total = len(ids)
    sent = failed = 0
    failures: list[tuple[str, str, str]] = []
    stopped = ""
    progress(0, total)
    if not ids:
        return SendReport(0, 0, (), "", unknown)
    sender_name = settings.sender_name or sender_of(ctx).name
    with mail.SmtpSender(settings) as smtp:
        for done, row_id in enumerate(ids, start=1):
            if not _claim(row_id, statuses, ctx.now()):
                progress(done, total)
                continue  # another session is sending this mailing too
            row = OutboxMessage.get_by_id(row_id)
            message = mail.build_message(
                sender=settings.sender, sender_name=sender_name, to=row.email,
                to_name=row.name if row.contact_id else "", subject=row.subject,
                body=row.body, message_id=row.message_id, date=ctx.now())
            try:
                smtp.send(message, row.email)
            except mail.SendFailed as error:
                _record_failed(row_id, error.reason)
                failed += 1
                failures.append((row.name, row.email, error.reason))
                if error.fatal:
                    stopped = error.reason
                    break
            else:
                _record_sent(ctx, row_id, "email", settings.sender)
                sent += 1
            try:
                progress(done, total)
            except Cancelled:
                stopped = t("exchange.cancelled_mailing")
                break
            if done < total and settings.pause_seconds:
                sleep(settings.pause_seconds)
    return SendReport(sent, failed, tuple(failures), stopped, unknown)


def resolve_unknown(ctx: Context, outbox_id: int, *, was_sent: bool) -> None:
    """A person checked an interrupted letter: it did go (record it) or it did not (send it
    with the next run)."""
    row = OutboxMessage.get_or_none(OutboxMessage.id == outbox_id)
    if row is None:
        raise NotFound()
    mailing = _own_mailing(ctx, row.mailing_id)
    if row.status != "unknown":
        raise UserError("mail.not_unknown")
    if was_sent:
        kind = "letter" if mailing.channel == "print" else "email"
        _record_sent(ctx, row.id, kind, smtp_settings().sender)
    else:
        with write_transaction():
            (OutboxMessage.update(status="pending", error="")
             .where(OutboxMessage.id == row.id, OutboxMessage.status == "unknown").execute())


# ---- printing -----------------------------------------------------------------------------

def print_mailing(ctx: Context, mailing_id: int, path: Path, *, again: bool = False,
                  progress: Progress = no_progress) -> int:
    """Write the letters not printed yet into one .docx (one per page) and put each in its
    recipient's history; ``again`` prints the already printed ones once more, recording
    nothing. Returns how many letters are in the file."""
    mailing = _own_mailing(ctx, mailing_id)
    statuses = ("sent",) if again else ("pending", "failed")
    rows = list(OutboxMessage.select().where(OutboxMessage.mailing == mailing_id,
                                             OutboxMessage.status.in_(statuses))
                .order_by(OutboxMessage.position, OutboxMessage.id))
    if not rows:
        raise UserError("mail.nothing_to_print")
    template = MailTemplate.get_or_none(MailTemplate.id == mailing.template_id) \
        if mailing.template_id else None
    docx = bytes(template.docx) if template is not None and template.kind == "docx" \
        and template.docx else None
    total = len(rows)
    progress(0, total)

    def documents():
        for done, row in enumerate(rows, start=1):
            if docx is not None:
                yield letters.render_docx(docx, json.loads(row.fields or "{}"))
            else:
                yield letters.text_letter(row.subject, row.body)
            progress(done, total)

    data = letters.combine(documents())
    write_atomically(Path(path), lambda out: out.write(data))
    if not again:
        for row in rows:
            _record_sent(ctx, row.id, "letter", "")
    return total


# ---- one e-mail from a client's card ------------------------------------------------------

def send_email(ctx: Context, *, subject: str, body: str, contact_id: int | None = None,
               organization_id: int | None = None, settings: mail.SmtpSettings | None = None
               ) -> tuple[int, SendReport]:
    """Write one e-mail to a contact person or an organization, to the address on its card;
    it is kept in the outbox (and retried from there if the server refuses it), its copy and
    a task go into the client's history. Returns (mailing id, report)."""
    settings = settings or smtp_settings()
    mailing_id = write_email(ctx, subject=subject, body=body, contact_id=contact_id,
                             organization_id=organization_id, settings=settings)
    return mailing_id, send_mailing(ctx, mailing_id, settings=settings)


def email_recipient(ctx: Context, *, contact_id: int | None = None,
                    organization_id: int | None = None) -> tuple[str, str]:
    """Whom an e-mail from this card goes to: (name, the card's e-mail, maybe empty)."""
    if contact_id:
        person = Contact.get_or_none(Contact.id == contact_id)
        if person is None:
            raise NotFound()
        access.require(ctx, "view", person.responsible_id)
        from ectui.names import full_name

        return full_name(person.last_name, person.first_name, person.patronymic), person.email
    org = Organization.get_or_none(Organization.id == organization_id)
    if org is None:
        raise NotFound()
    access.require(ctx, "view", org.responsible_id)
    return org.name, org.email


def write_email(ctx: Context, *, subject: str, body: str, contact_id: int | None = None,
                organization_id: int | None = None,
                settings: mail.SmtpSettings | None = None) -> int:
    """Put one e-mail to a card's address into the outbox, not sent yet; returns the id of
    its one-letter mailing, which ``send_mailing`` sends (and sends again after a failure,
    never twice)."""
    subject = " ".join((subject or "").split())
    if not subject:
        raise UserError("mail.subject_required")
    if not (body or "").strip():
        raise UserError("mail.body_required")
    if contact_id:
        person = Contact.get_or_none(Contact.id == contact_id)
        if person is None:
            raise NotFound()
        access.require(ctx, "view", person.responsible_id)
        from ectui.names import full_name

        name = full_name(person.last_name, person.first_name, person.patronymic)
        email, key = person.email, f"contact:{person.id}"
        organization_id = person.organization_id
    else:
        org = Organization.get_or_none(Organization.id == organization_id)
        if org is None:
            raise NotFound()
        access.require(ctx, "view", org.responsible_id)
        name, email, key = org.name, org.email, f"organization:{org.id}"
    if not email:
        raise UserError("mail.card_has_no_email", name=name)
    settings = settings or smtp_settings()
    if not settings.sender:
        raise UserError("mail.smtp_not_set")
    with write_transaction():
        mailing = Mailing.create(title=subject[:300], channel="single", template=None,
                                       author=ctx.actor.employee_id, created_at=ctx.now())
        OutboxMessage.create(
            mailing=mailing.id, recipient_key=key, organization=organization_id,
            contact=contact_id or None, name=name[:300], email=email, subject=subject,
            body=body, message_id=mail.message_id(mailing.id, key, secrets.token_hex(6),
                                                  settings.sender),
            position=0, status="pending")
    return mailing.id
