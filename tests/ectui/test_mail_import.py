"""Incoming mail into the clients' history: a sample Maildir and mbox built here, imported
twice — each message lands once, in the right client's history, attachments kept."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest

from ectui.errors import UserError
from ectui.models import MailAttachment, MailMessage, Task
from ectui.services import mail_import
from ectui.services.contacts import save_contact
from ectui.services.employees import create_employee
from ectui.services.organizations import save_organization
from tests.ectui.helpers import ROMASHKA, admin_context


def _message(sender, to, subject, body, when, message_id=None, attachment=None, cc=None):
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    if cc:
        message["Cc"] = cc
    message["Subject"] = subject
    message["Date"] = format_datetime(when)
    if message_id:
        message["Message-ID"] = message_id
    message.set_content(body)
    if attachment:
        name, data = attachment
        message.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    return message


def _sample(ctx):
    """Клиенты: «Ромашка» (info@romashka.ru) with Иванова; «Лютик» with no person."""
    import datetime as dt

    romashka = save_organization(ctx, ROMASHKA)
    lutik = save_organization(ctx, {"name": "ООО «Лютик»", "email": "office@lutik.ru"})
    ivanova = save_contact(ctx, {"last_name": "Иванова", "first_name": "Юлия",
                                 "organization_id": romashka, "email": "Ivanova@Romashka.ru"})
    create_employee(ctx, "kim", "Ким", "Денис", email="kim@our-company.ru")
    base = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
    messages = [
        _message("Иванова Юлия <ivanova@romashka.ru>", "Ким Денис <kim@our-company.ru>",
                 "Re: Коммерческое предложение", "Юлия: согласны, присылайте договор.",
                 base, "<reply-1@romashka.ru>", ("Реквизиты.pdf", b"%PDF-1.4 fake")),
        _message("Ким Денис <kim@our-company.ru>", "office@lutik.ru",
                 "Счёт № 15", "Добрый день! Счёт во вложении.", base + dt.timedelta(hours=1),
                 "<invoice-15@our-company.ru>"),
        _message("spam@unknown.example", "kim@our-company.ru", "Выгодное предложение",
                 "Купите слона", base + dt.timedelta(hours=2), "<spam-1@unknown.example>"),
        # No Message-ID at all: known by its content, so a second import skips it too.
        _message("office@lutik.ru", "kim@our-company.ru", "Вопрос",
                 "Когда доставка?", base + dt.timedelta(hours=3)),
        # Both clients in one letter: it goes into both histories.
        _message("kim@our-company.ru", "info@romashka.ru", "Совместная встреча",
                 "Приглашаем обе компании.", base + dt.timedelta(hours=4), "<meet@our.ru>",
                 cc="office@lutik.ru"),
    ]
    return romashka, lutik, ivanova, messages


def _maildir(path: Path, messages) -> Path:
    box = mailbox.Maildir(str(path), create=True)
    for message in messages:
        box.add(mailbox.MaildirMessage(message))
    box.close()
    return path


def _mbox(path: Path, messages) -> Path:
    box = mailbox.mbox(str(path), create=True)
    for message in messages:
        box.add(mailbox.mboxMessage(message))
    box.flush()
    box.close()
    return path


@pytest.mark.parametrize("kind", ["maildir", "mbox"])
def test_a_mailbox_imported_twice_puts_each_message_once_into_the_right_history(
        database, tmp_path, kind):
    ctx = admin_context()
    romashka, lutik, ivanova, messages = _sample(ctx)
    if kind == "maildir":
        source = _maildir(tmp_path / "Maildir", messages)
        run = mail_import.import_maildir
    else:
        source = _mbox(tmp_path / "inbox.mbox", messages)
        run = mail_import.import_mbox

    first = run(ctx, source)
    assert (first.total, first.imported, first.duplicates, first.unmatched,
            first.history_entries, first.errors) == (5, 5, 0, 1, 5, ())

    reply = Task.get(Task.title == "Re: Коммерческое предложение")
    assert (reply.organization_id, reply.contact_id, reply.status) == (romashka, ivanova, "done")
    assert reply.result.code == "answered"
    assert "согласны, присылайте договор" in reply.description
    assert reply.finished_at.isoformat().startswith("2026-11-20T10:00")
    detail = mail_import.mail_of_task(reply.id)
    assert [(name, size) for _id, name, size in detail.attachments] == [("Реквизиты.pdf", 13)]
    saved = mail_import.save_attachment(detail.attachments[0][0], tmp_path / "out")
    assert saved.read_bytes() == b"%PDF-1.4 fake"

    invoice = Task.get(Task.title == "Счёт № 15")
    assert (invoice.organization_id, invoice.contact_id, invoice.result.code) == (
        lutik, None, "sent")  # from our employee to the client: outgoing
    assert Task.get(Task.title == "Вопрос").organization_id == lutik
    meeting = {t.organization_id for t in Task.select().where(Task.title == "Совместная встреча")}
    assert meeting == {romashka, lutik}

    unmatched = mail_import.unmatched_messages()
    assert [m.subject for m in unmatched] == ["Выгодное предложение"]

    second = run(ctx, source)
    assert (second.imported, second.duplicates, second.history_entries) == (0, 5, 0)
    assert MailMessage.select().count() == 5 and Task.select().count() == 5
    assert MailAttachment.select().count() == 1


def test_an_unmatched_message_is_assigned_by_hand_or_ignored(database, tmp_path):
    ctx = admin_context()
    romashka, _lutik, _ivanova, messages = _sample(ctx)
    mail_import.import_mbox(ctx, _mbox(tmp_path / "in.mbox", messages))
    (spam,) = mail_import.unmatched_messages()
    task_id = mail_import.assign_message(ctx, spam.id, organization_id=romashka)
    assert Task.get_by_id(task_id).organization_id == romashka
    assert mail_import.unmatched_messages() == []
    with pytest.raises(UserError, match="уже в истории"):
        mail_import.assign_message(ctx, spam.id, organization_id=romashka)

    other = _message("someone@else.example", "kim@our-company.ru", "Реклама", "…",
                     messages[0]["Date"].datetime, "<ad@else.example>")
    mail_import.import_mbox(ctx, _mbox(tmp_path / "more.mbox", [other]))
    (ad,) = mail_import.unmatched_messages()
    mail_import.ignore_message(ctx, ad.id)
    assert mail_import.unmatched_count() == 0


def test_a_letter_ectui_sent_itself_is_not_imported_again_from_the_sent_folder(database,
                                                                                tmp_path):
    import datetime as dt

    ctx = admin_context()
    _sample(ctx)
    MailMessage.create(message_id="<ectui.1.contact-1.abc@our.ru>", direction="out",
                       subject="Поздравление", imported_at=ctx.now(), source="ectui")
    sent = _message("kim@our-company.ru", "ivanova@romashka.ru", "Поздравление", "…",
                    dt.datetime(2026, 11, 20, tzinfo=dt.UTC), "<ectui.1.contact-1.abc@our.ru>")
    report = mail_import.import_mbox(ctx, _mbox(tmp_path / "sent.mbox", [sent]))
    assert (report.imported, report.duplicates) == (0, 1)


def test_a_folder_that_is_no_mailbox_is_refused(database, tmp_path):
    ctx = admin_context()
    with pytest.raises(UserError, match="не папка Maildir"):
        mail_import.import_maildir(ctx, tmp_path)
    with pytest.raises(UserError, match="Нет файла mbox"):
        mail_import.import_mbox(ctx, tmp_path / "nothing.mbox")


def test_an_imap_folder_is_read_without_marking_messages_seen(database):
    from tests.ectui.imap_helpers import Mailbox, local_imap

    ctx = admin_context()
    _romashka, _lutik, _ivanova, messages = _sample(ctx)
    box = Mailbox(messages=[m.as_bytes() for m in messages])
    served = local_imap(box)
    port = next(served)
    try:
        url = f"imap://kim@127.0.0.1:{port}/INBOX"
        first = mail_import.import_imap(ctx, url, "secret")
        assert (first.total, first.imported, first.history_entries) == (5, 5, 5)
        assert not box.seen_flags_set
        again = mail_import.import_imap(ctx, url, "secret")
        assert (again.imported, again.duplicates) == (0, 5)
        with pytest.raises(UserError, match="AUTHENTICATIONFAILED"):
            mail_import.import_imap(ctx, url, "wrong")
        with pytest.raises(UserError, match="нет папки «Archive»"):
            mail_import.import_imap(ctx, f"imap://kim@127.0.0.1:{port}/Archive", "secret")
        with pytest.raises(UserError, match="imaps://"):
            mail_import.import_imap(ctx, "ftp://somewhere", "x")
    finally:
        served.close()
