"""Incoming mail into the history: messages from a Maildir, an mbox file or an IMAP mailbox.

A message whose sender or recipient is the e-mail of a contact person or an organization
becomes a task in that client's history — subject, text, date and attachments kept. One that
matches no client waits in the list of unmatched messages for someone to assign it. A message
is known by its Message-ID, so importing the same mailbox again adds nothing twice (and the
copies of letters ectui sent itself are recognised too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import peewee

from ectui.db import write_transaction
from ectui.errors import NotFound, UserError
from ectui.exchange import mail
from ectui.exchange.progress import Progress, no_progress
from ectui.i18n import t
from ectui.models import (
    Contact,
    Employee,
    MailAttachment,
    MailMessage,
    MailMessageTask,
    Organization,
)
from ectui.names import full_name
from ectui.services import history_entries, task_rights
from ectui.services.context import Context
from ectui.services.mail_settings import smtp_settings


@dataclass(frozen=True)
class MailImportReport:
    source: str
    total: int
    imported: int          # new messages stored
    duplicates: int        # already in ectui: skipped
    unmatched: int         # stored, waiting to be assigned to a client
    history_entries: int   # tasks created in clients' histories
    errors: tuple[tuple[int, str], ...] = field(default_factory=tuple)  # (message №, reason)


@dataclass(frozen=True)
class _Client:
    organization_id: int | None
    contact_id: int | None
    responsible_id: int | None


def _our_addresses() -> set[str]:
    """Our own people's addresses: a message between colleagues is no client's."""
    ours = {e.email.lower() for e in Employee.select(Employee.email) if e.email}
    sender = smtp_settings().sender
    if sender:
        ours.add(sender.lower())
    return ours


def _clients_of(addresses: list[str]) -> list[_Client]:
    """The clients these addresses belong to, one entry per organization (with the person,
    when a person matched)."""
    if not addresses:
        return []
    found: dict[tuple, _Client] = {}
    people = (Contact.select(Contact.id, Contact.organization, Contact.responsible,
                             Contact.email)
              .where(peewee.fn.LOWER(Contact.email).in_(addresses)).order_by(Contact.id))
    for person in people:
        key = ("org", person.organization_id) if person.organization_id else \
            ("person", person.id)
        if key not in found:
            responsible = person.responsible_id
            if person.organization_id:
                responsible = Organization.select(Organization.responsible).where(
                    Organization.id == person.organization_id).scalar() or responsible
            found[key] = _Client(person.organization_id, person.id, responsible)
    orgs = (Organization.select(Organization.id, Organization.responsible)
            .where(peewee.fn.LOWER(Organization.email).in_(addresses)).order_by(Organization.id))
    for org in orgs:
        found.setdefault(("org", org.id), _Client(org.id, None, org.responsible_id))
    return list(found.values())


def _responsible(ctx: Context, wanted: int | None) -> int:
    """The client's manager gets the entry when the importer may give them tasks."""
    if wanted and Employee.select().where(Employee.id == wanted,
                                          Employee.is_active == True).exists() \
            and task_rights.can_assign(ctx.actor, wanted):  # noqa: E712
        return wanted
    return ctx.actor.employee_id


def _history_text(parsed: mail.ParsedMail) -> str:
    lines = [t("mailbox.from", who=parsed.sender_text)]
    if parsed.recipients_text:
        lines.append(t("mailbox.to", who=parsed.recipients_text))
    if parsed.attachments:
        lines.append(t("mailbox.attachments", names=", ".join(a.filename
                                                             for a in parsed.attachments)))
    return "\n".join(lines) + "\n\n" + parsed.body


def _add_to_history(ctx: Context, message: MailMessage, parsed: mail.ParsedMail,
                    client: _Client, direction: str) -> int:
    at = parsed.date or message.imported_at
    task_id = history_entries.record_letter(
        ctx, kind="email", title=parsed.subject or t("mailbox.no_subject"),
        text=_history_text(parsed), organization_id=client.organization_id,
        contact_id=client.contact_id, at=at,
        result="sent" if direction == "out" else "answered",
        responsible_id=_responsible(ctx, client.responsible_id))
    MailMessageTask.create(message=message.id, task=task_id,
                           organization=client.organization_id, contact=client.contact_id)
    return task_id


def _store(ctx: Context, parsed: mail.ParsedMail, source: str, ours: set[str]) -> int | None:
    """Store one new message and its history entries; None when it is already in ectui."""
    if MailMessage.select().where(MailMessage.message_id == parsed.message_id).exists():
        return None
    direction = "out" if parsed.sender in ours else "in"
    addresses = [a for a in (parsed.sender, *parsed.recipients) if a and a not in ours]
    clients = _clients_of(addresses)
    now = ctx.now()
    message = MailMessage.create(
        message_id=parsed.message_id, direction=direction, from_addr=parsed.sender_text,
        to_addrs=parsed.recipients_text, subject=parsed.subject, body=parsed.body,
        sent_at=parsed.date, imported_at=now, source=source[:300],
        status="assigned" if clients else "unmatched")
    for attachment in parsed.attachments:
        MailAttachment.create(message=message.id, filename=attachment.filename[:300],
                              content_type=attachment.content_type[:200],
                              size=len(attachment.data), data=attachment.data)
    for client in clients:
        _add_to_history(ctx, message, parsed, client, direction)
    return len(clients)


def import_messages(ctx: Context, messages: Iterable[bytes], source: str, *,
                    total: int = 0, progress: Progress = no_progress) -> MailImportReport:
    """Import raw messages one by one, each in its own transaction (a broken one is reported
    and the rest go on; importing again skips what is in)."""
    ours = _our_addresses()
    imported = duplicates = unmatched = entries = 0
    errors: list[tuple[int, str]] = []
    number = 0
    progress(0, total)
    for number, raw in enumerate(messages, start=1):
        try:
            parsed = mail.parse_message(raw)
            with write_transaction():
                stored = _store(ctx, parsed, source, ours)
        except peewee.IntegrityError:
            stored = None  # another session imported it in the meantime
        except (UserError, ValueError, LookupError) as error:
            errors.append((number, str(error)))
            progress(number, max(total, number))
            continue
        if stored is None:
            duplicates += 1
        else:
            imported += 1
            entries += stored
            unmatched += stored == 0
        progress(number, max(total, number))
    return MailImportReport(source, number, imported, duplicates, unmatched, entries,
                            tuple(errors))


def import_maildir(ctx: Context, path: Path, progress: Progress = no_progress
                   ) -> MailImportReport:
    """Import every message of a Maildir folder."""
    messages = list(mail.read_maildir(Path(path)))
    return import_messages(ctx, messages, f"maildir:{path}", total=len(messages),
                           progress=progress)


def import_mbox(ctx: Context, path: Path, progress: Progress = no_progress) -> MailImportReport:
    """Import every message of an mbox file."""
    messages = list(mail.read_mbox(Path(path)))
    return import_messages(ctx, messages, f"mbox:{path}", total=len(messages),
                           progress=progress)


def import_imap(ctx: Context, url: str, password: str,
                progress: Progress = no_progress) -> MailImportReport:
    """Import every message of one IMAP folder (imaps://login@server/INBOX)."""
    source = mail.parse_imap_url(url)
    return import_messages(ctx, mail.read_imap(source, password),
                           f"imap:{source.user}@{source.host}/{source.folder}",
                           progress=progress)


# ---- unmatched messages and attachments ---------------------------------------------------

@dataclass(frozen=True)
class MessageRow:
    id: int
    date: dt.datetime | None
    sender: str
    recipients: str
    subject: str
    attachments: int
    status: str


@dataclass(frozen=True)
class MessageDetail:
    row: MessageRow
    body: str
    attachments: tuple[tuple[int, str, int], ...]   # (id, filename, size)
    clients: tuple[str, ...]                        # whose history it is in


def _row(message: MailMessage, count: int) -> MessageRow:
    return MessageRow(message.id, message.sent_at or message.imported_at, message.from_addr,
                      message.to_addrs, message.subject, count, message.status)


def _attachment_counts(ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    query = (MailAttachment.select(MailAttachment.message, peewee.fn.COUNT(MailAttachment.id))
             .where(MailAttachment.message.in_(ids)).group_by(MailAttachment.message).tuples())
    return dict(query)


def unmatched_count() -> int:
    return MailMessage.select().where(MailMessage.status == "unmatched").count()


def unmatched_messages(offset: int = 0, limit: int = 100) -> list[MessageRow]:
    """Messages no client's address matched, newest first: waiting to be assigned."""
    query = (MailMessage.select(MailMessage.id, MailMessage.sent_at, MailMessage.imported_at,
                                MailMessage.from_addr, MailMessage.to_addrs,
                                MailMessage.subject, MailMessage.status)
             .where(MailMessage.status == "unmatched")
             .order_by(MailMessage.sent_at.desc(nulls="LAST"), MailMessage.id.desc())
             .offset(offset).limit(limit))
    rows = list(query)
    counts = _attachment_counts([m.id for m in rows])
    return [_row(m, counts.get(m.id, 0)) for m in rows]


def message_detail(message_id: int) -> MessageDetail:
    """One message with its text, attachments and the clients whose history holds it."""
    message = MailMessage.get_or_none(MailMessage.id == message_id)
    if message is None:
        raise NotFound()
    files = tuple((a.id, a.filename, a.size) for a in MailAttachment.select(
        MailAttachment.id, MailAttachment.filename, MailAttachment.size)
        .where(MailAttachment.message == message_id).order_by(MailAttachment.id))
    clients = []
    for link in MailMessageTask.select().where(MailMessageTask.message == message_id):
        if link.contact_id:
            c = Contact.get_or_none(Contact.id == link.contact_id)
            clients.append(full_name(c.last_name, c.first_name, c.patronymic) if c else "")
        elif link.organization_id:
            clients.append(Organization.select(Organization.name).where(
                Organization.id == link.organization_id).scalar() or "")
    return MessageDetail(_row(message, len(files)), message.body, files, tuple(clients))


def mail_of_task(task_id: int) -> MessageDetail | None:
    """The e-mail a history entry shows (its text and attachments), if it is one."""
    link = MailMessageTask.get_or_none(MailMessageTask.task == task_id)
    return message_detail(link.message_id) if link is not None else None


def assign_message(ctx: Context, message_id: int, *, organization_id: int | None = None,
                   contact_id: int | None = None) -> int:
    """Put an unmatched message into a client's history by hand; returns the task's id."""
    message = MailMessage.get_or_none(MailMessage.id == message_id)
    if message is None:
        raise NotFound()
    if message.status != "unmatched":
        raise UserError("mailbox.already_assigned")
    responsible = None
    if contact_id:
        person = Contact.get_or_none(Contact.id == contact_id)
        if person is None:
            raise NotFound()
        organization_id = person.organization_id or organization_id
        responsible = person.responsible_id
    if organization_id:
        org = Organization.get_or_none(Organization.id == organization_id)
        if org is None:
            raise NotFound()
        responsible = org.responsible_id or responsible
    if not organization_id and not contact_id:
        raise UserError("mailbox.choose_client")
    attachments = tuple(mail.Attachment(a.filename, a.content_type, b"")
                        for a in MailAttachment.select(MailAttachment.filename,
                                                       MailAttachment.content_type)
                        .where(MailAttachment.message == message_id))
    parsed = mail.ParsedMail(message.message_id, message.subject, "", message.from_addr, (),
                             message.to_addrs, message.sent_at, message.body, attachments)
    with write_transaction():
        claimed = (MailMessage.update(status="assigned")
                   .where(MailMessage.id == message_id, MailMessage.status == "unmatched")
                   .execute())
        if not claimed:
            raise UserError("mailbox.already_assigned")
        return _add_to_history(ctx, message, parsed,
                               _Client(organization_id, contact_id, responsible),
                               message.direction)


def ignore_message(ctx: Context, message_id: int) -> None:
    """Take a message that is no client's business off the unmatched list."""
    with write_transaction():
        (MailMessage.update(status="ignored")
         .where(MailMessage.id == message_id, MailMessage.status == "unmatched").execute())


def save_attachment(attachment_id: int, folder: Path) -> Path:
    """Write an attachment into ``folder`` under its own name (numbered if taken)."""
    attachment = MailAttachment.get_or_none(MailAttachment.id == attachment_id)
    if attachment is None:
        raise NotFound()
    folder = Path(folder).expanduser()
    name = Path(attachment.filename).name or f"attachment-{attachment.id}"
    target = folder / name
    number = 1
    while target.exists():
        target = folder / f"{Path(name).stem} ({number}){Path(name).suffix}"
        number += 1
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target.write_bytes(bytes(attachment.data))
    except OSError as error:
        raise UserError("exchange.cannot_write", path=str(target), error=error.strerror) from None
    return target
