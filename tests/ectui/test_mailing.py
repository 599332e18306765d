"""Mailings: letters by template to a chosen list, sent to a real SMTP server on loopback.

Each letter lands once — never twice, whatever fails — and every letter that went out is a
task in the recipient's history with the e-mail's copy kept.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from ectui.errors import UserError, ValidationError
from ectui.exchange import letters
from ectui.exchange.progress import Cancelled
from ectui.models import MailMessage, MailMessageTask, OutboxMessage, Task, TaskType
from ectui.services import mail_templates, mailings
from ectui.services.contacts import save_contact
from ectui.services.groups import create_group
from ectui.services.mail_settings import save_smtp_settings
from ectui.services.organizations import save_organization
from ectui.services.selection import Selection, this_week
from tests.ectui.helpers import ROMASHKA, admin_context
from tests.ectui.smtp_helpers import local_smtp

BIRTHDAY_SUBJECT = "С днём рождения, {{ имя_отчество }}!"
BIRTHDAY_BODY = ("{{ обращение }}!\n\nКоллектив {{ наша_компания or 'нашей компании' }} "
                 "поздравляет вас с днём рождения.\n\nС уважением,\n{{ отправитель }}")

@pytest.fixture
def smtp_server():
    yield from local_smtp()



def _people(ctx):
    """«Очень важные лица»: three with a birthday this week (one without e-mail), one not."""
    # The stored server; each test sends through the local one it started.
    save_smtp_settings(ctx, {"host": "127.0.0.1", "port": "25", "security": "none",
                             "sender": "sales@romashka-crm.ru"})
    org = save_organization(ctx, ROMASHKA)
    vip = create_group(ctx, "Очень важные лица", "contact")
    monday, _sunday = this_week(ctx.now().date())  # the clock says Monday 23.11.2026

    def person(last, first, patronymic, gender, email, birthday, groups=(vip.id,)):
        return save_contact(ctx, {"last_name": last, "first_name": first,
                                  "patronymic": patronymic, "gender": gender,
                                  "organization_id": org, "email": email,
                                  "birthday": birthday.strftime("%d.%m.%Y")},
                            group_ids=list(groups))

    ids = {
        "ivanova": person("Иванова", "Юлия", "Михайловна", "f", "ivanova@romashka.ru",
                          monday.replace(year=1980) + dt.timedelta(days=2)),
        "petrov": person("Петров", "Иван", "Петрович", "", "petrov@romashka.ru",
                         monday.replace(year=1975) + dt.timedelta(days=6)),
        "nomail": person("Кузнецова", "Анна", "Сергеевна", "f", "",
                         monday.replace(year=1990)),
        "later": person("Сидоров", "Олег", "Игоревич", "m", "sidorov@romashka.ru",
                        monday.replace(year=1970) + dt.timedelta(days=10)),
        "outsider": person("Смирнов", "Пётр", "Ильич", "m", "smirnov@romashka.ru",
                           monday.replace(year=1970), groups=()),
    }
    return org, vip.id, ids


def _birthday_mailing(ctx, vip_id, channel="email"):
    template_id = mail_templates.save_template(ctx, name="С днём рождения",
                                               subject=BIRTHDAY_SUBJECT, body=BIRTHDAY_BODY)
    monday, sunday = this_week(ctx.now().date())
    sel = Selection(kind="contact", group_id=vip_id, birthday_from=monday, birthday_to=sunday)
    return template_id, sel


def test_a_birthday_mailing_to_a_group_reaches_the_server_with_the_right_salutations(
        database, smtp_server):
    ctx = admin_context()
    _org, vip, ids = _people(ctx)
    template_id, sel = _birthday_mailing(ctx, vip)

    previews = mailings.preview_letters(ctx, template_id, sel)
    assert [(p.name, p.body.split("!")[0], p.problem) for p in previews] == [
        ("Иванова Юлия Михайловна", "Уважаемая Юлия Михайловна", ""),
        ("Кузнецова Анна Сергеевна", "Уважаемая Анна Сергеевна", "нет адреса e-mail"),
        ("Петров Иван Петрович", "Уважаемый Иван Петрович", ""),  # gender from the patronymic
    ]
    assert previews[0].subject == "С днём рождения, Юлия Михайловна!"

    mailing_id = mailings.create_mailing(ctx, "Дни рождения 23–29 ноября", template_id, sel)
    info = mailings.mailing_info(mailing_id)
    assert (info.total, info.count("pending"), info.count("skipped")) == (3, 2, 1)

    settings = smtp_server.settings()
    report = mailings.send_mailing(ctx, mailing_id, settings=settings)
    assert (report.sent, report.failed, report.stopped) == (2, 0, "")
    got = {r.recipients[0]: r.message for r in smtp_server.recorder.received}
    assert set(got) == {"ivanova@romashka.ru", "petrov@romashka.ru"}
    assert got["ivanova@romashka.ru"]["Subject"] == "С днём рождения, Юлия Михайловна!"
    assert got["ivanova@romashka.ru"].get_content().startswith("Уважаемая Юлия Михайловна!")
    assert got["petrov@romashka.ru"].get_content().startswith("Уважаемый Иван Петрович!")
    assert "Орлов Евгений Евгеньевич" in got["petrov@romashka.ru"].get_content()
    assert "Отдел продаж" in got["petrov@romashka.ru"]["From"]

    email_type = TaskType.get(TaskType.code == "email").id
    for key in ("ivanova", "petrov"):
        task = Task.get(Task.contact == ids[key])
        assert (task.task_type_id, task.status, task.result.code) == (email_type, "done", "sent")
        assert task.title.startswith("С днём рождения")
        copy = MailMessageTask.get(MailMessageTask.task == task.id).message
        assert copy.direction == "out" and copy.message_id == got[
            f"{'ivanova' if key == 'ivanova' else 'petrov'}@romashka.ru"]["Message-ID"]
    assert not Task.select().where(Task.contact.in_([ids["nomail"], ids["later"]])).exists()

    again = mailings.send_mailing(ctx, mailing_id, settings=settings)
    assert (again.sent, again.failed) == (0, 0)
    assert len(smtp_server.recorder.received) == 2  # nothing is sent twice
    assert Task.select().count() == 2


def test_a_refused_letter_is_reported_and_sent_on_retry_without_repeating_the_others(
        database, smtp_server):
    ctx = admin_context()
    _org, vip, _ids = _people(ctx)
    template_id, sel = _birthday_mailing(ctx, vip)
    mailing_id = mailings.create_mailing(ctx, "ДР", template_id, sel)
    smtp_server.recorder.refuse = {"petrov@romashka.ru"}
    report = mailings.send_mailing(ctx, mailing_id, settings=smtp_server.settings())
    assert (report.sent, report.failed) == (1, 1)
    assert report.failures[0][:2] == ("Петров Иван Петрович", "petrov@romashka.ru")
    assert "550" in report.failures[0][2] and "no such mailbox" in report.failures[0][2]
    failed = mailings.outbox(mailing_id, status="failed")
    assert len(failed) == 1 and "550" in failed[0].error

    smtp_server.recorder.refuse = set()
    retry = mailings.send_mailing(ctx, mailing_id, settings=smtp_server.settings())
    assert (retry.sent, retry.failed) == (1, 0)
    assert sorted(r.recipients[0] for r in smtp_server.recorder.received) == [
        "ivanova@romashka.ru", "petrov@romashka.ru"]
    assert mailings.mailing_info(mailing_id).count("sent") == 2


def test_login_on_the_server_and_a_wrong_password(database, smtp_server):
    ctx = admin_context()
    _org, vip, _ids = _people(ctx)
    template_id, sel = _birthday_mailing(ctx, vip)
    mailing_id = mailings.create_mailing(ctx, "ДР", template_id, sel)
    with pytest.raises(UserError, match="не принял логин"):
        mailings.send_mailing(ctx, mailing_id,
                              settings=smtp_server.settings(login="sales", password="wrong"))
    assert mailings.mailing_info(mailing_id).count("pending") == 2
    report = mailings.send_mailing(ctx, mailing_id,
                                   settings=smtp_server.settings(login="sales",
                                                                 password="secret"))
    assert report.sent == 2 and ("sales", "secret") in smtp_server.logins


def test_an_unreachable_server_sends_nothing_and_marks_nothing(database):
    from tests.ectui.smtp_helpers import free_port

    ctx = admin_context()
    _org, vip, _ids = _people(ctx)
    template_id, sel = _birthday_mailing(ctx, vip)
    mailing_id = mailings.create_mailing(ctx, "ДР", template_id, sel)
    dead = letters_settings(free_port())
    with pytest.raises(UserError, match=r"Нет связи с сервером почты 127\.0\.0\.1"):
        mailings.send_mailing(ctx, mailing_id, settings=dead)
    assert mailings.mailing_info(mailing_id).count("pending") == 2


def letters_settings(port: int):
    from ectui.exchange.mail import SmtpSettings

    return SmtpSettings(host="127.0.0.1", port=port, security="none", sender="a@b.ru",
                        pause_seconds=0)


def test_a_letter_left_sending_by_a_crash_is_never_resent_blindly(database, smtp_server):
    ctx = admin_context()
    _org, vip, ids = _people(ctx)
    template_id, sel = _birthday_mailing(ctx, vip)
    mailing_id = mailings.create_mailing(ctx, "ДР", template_id, sel)
    # A session took Иванова's letter an hour ago and died before recording the result.
    (OutboxMessage.update(status="sending", claimed_at=ctx.now() - dt.timedelta(hours=1))
     .where(OutboxMessage.contact == ids["ivanova"]).execute())
    report = mailings.send_mailing(ctx, mailing_id, settings=smtp_server.settings())
    assert (report.sent, report.unknown) == (1, 1)
    assert [r.recipients[0] for r in smtp_server.recorder.received] == ["petrov@romashka.ru"]
    unknown = mailings.outbox(mailing_id, status="unknown")
    assert [u.email for u in unknown] == ["ivanova@romashka.ru"]

    mailings.resolve_unknown(ctx, unknown[0].id, was_sent=False)  # checked: it did not go
    report = mailings.send_mailing(ctx, mailing_id, settings=smtp_server.settings())
    assert report.sent == 1 and len(smtp_server.recorder.received) == 2


def test_letters_are_paced_and_a_stop_keeps_the_rest_waiting(database, smtp_server):
    ctx = admin_context()
    _org, vip, _ids = _people(ctx)
    template_id, _sel = _birthday_mailing(ctx, vip)
    everyone = Selection(kind="contact")
    mailing_id = mailings.create_mailing(ctx, "Всем", template_id, everyone)
    pauses = []
    report = mailings.send_mailing(ctx, mailing_id,
                                   settings=smtp_server.settings(pause_seconds=2.5),
                                   sleep=pauses.append)
    assert report.sent == 4 and pauses == [2.5, 2.5, 2.5]

    second = mailings.create_mailing(ctx, "Ещё раз всем", template_id, everyone)

    def stop_after_two(done, total):
        if done == 2:
            raise Cancelled()

    report = mailings.send_mailing(ctx, second, settings=smtp_server.settings(),
                                   progress=stop_after_two)
    assert report.sent == 2 and report.stopped
    assert mailings.mailing_info(second).count("pending") == 2


def test_a_mailing_for_post_is_one_word_file_and_each_letter_is_in_the_history(database,
                                                                               tmp_path):
    ctx = admin_context()
    _org, vip, ids = _people(ctx)
    template = Document()
    template.add_paragraph("{{ кому }}")
    template.add_paragraph("{{ адрес }}")
    template.add_paragraph("{{ обращение }}!")
    template.add_paragraph("Приглашаем вас на выставку «Мир & Дом» <2026>.")
    buffer = io.BytesIO()
    template.save(buffer)
    template_id = mail_templates.save_template(ctx, name="Приглашение", kind="docx",
                                               subject="Приглашение на выставку",
                                               docx=buffer.getvalue())
    sel = Selection(kind="contact", group_id=vip)
    mailing_id = mailings.create_mailing(ctx, "Приглашения почтой", template_id, sel,
                                         channel="print")
    path = tmp_path / "letters.docx"
    assert mailings.print_mailing(ctx, mailing_id, path) == 4
    printed = Document(str(path))
    texts = [p.text for p in printed.paragraphs]
    assert "Ивановой Юлии Михайловне" in texts and "Уважаемая Юлия Михайловна!" in texts
    assert "Уважаемый Иван Петрович!" in texts
    assert texts.count("Приглашаем вас на выставку «Мир & Дом» <2026>.") == 4
    letter = TaskType.get(TaskType.code == "letter").id
    assert Task.select().where(Task.task_type == letter).count() == 4
    assert Task.get(Task.contact == ids["nomail"]).status == "done"  # post needs no e-mail
    with pytest.raises(UserError, match="уже напечатаны"):
        mailings.print_mailing(ctx, mailing_id, path)
    assert mailings.print_mailing(ctx, mailing_id, tmp_path / "again.docx", again=True) == 4
    assert Task.select().count() == 4


def test_an_email_written_in_ectui_goes_to_the_cards_address_and_is_kept(database,
                                                                         smtp_server):
    ctx = admin_context()
    _org, _vip, ids = _people(ctx)
    _mailing_id, report = mailings.send_email(
        ctx, contact_id=ids["ivanova"], subject="Счёт за ноябрь",
        body="Юлия Михайловна, счёт во вложении пришлю отдельно.",
        settings=smtp_server.settings())
    assert report.sent == 1
    (received,) = smtp_server.recorder.received
    assert received.recipients == ["ivanova@romashka.ru"]
    task = Task.get(Task.contact == ids["ivanova"])
    assert task.title == "Счёт за ноябрь" and task.organization_id is not None
    copy = MailMessage.get(MailMessage.message_id == received.message["Message-ID"])
    assert copy.body.startswith("Юлия Михайловна")
    with pytest.raises(UserError, match="нет адреса e-mail"):
        mailings.send_email(ctx, contact_id=ids["nomail"], subject="Тема", body="Текст",
                            settings=smtp_server.settings())


def test_a_template_with_a_mistake_is_refused_at_its_field(database):
    ctx = admin_context()
    with pytest.raises(ValidationError) as caught:
        mail_templates.save_template(ctx, name="Кривой", subject="{{ тема",
                                     body="{{ обращение }}! {{ имяя }}")
    assert "нет поля «имяя»" in caught.value.errors["body"].message
    assert "subject" in caught.value.errors
    with pytest.raises(ValidationError) as caught:
        mail_templates.save_template(ctx, name="Без файла", kind="docx", docx=b"not a docx")
    assert "docx" in caught.value.errors["docx"].message.lower()


@pytest.mark.parametrize(("person", "expected"), [
    (letters.Addressee("Иванова", "Юлия", "Михайловна", "f"), "Уважаемая Юлия Михайловна"),
    (letters.Addressee("Петров", "Иван", "Петрович"), "Уважаемый Иван Петрович"),
    (letters.Addressee("Алиева", "Лейла", "Рашид кызы"), "Уважаемая Лейла Рашид кызы"),
    (letters.Addressee("Ким", "", "", "m"), "Уважаемый господин Ким"),
    (letters.Addressee(organization="ООО «Ромашка»", is_organization=True), "Уважаемые господа"),
])
def test_the_salutation_follows_the_gender(person, expected):
    assert letters.salutation(person)[0] == expected
