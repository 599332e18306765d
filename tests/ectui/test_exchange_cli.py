"""The exchange and mail commands, as an administrator types them."""

from __future__ import annotations

from ectui.cli import main
from ectui.models import Contact, MailTemplate
from tests.ectui.exchange_helpers import write_csv


def test_import_with_a_dry_run_then_for_real_and_export(sqlite_only_url, tmp_path, capsys):
    path = write_csv(tmp_path / "people.csv", ["Фамилия", "Имя", "E-mail", "Заметка"],
                     [["Петров", "Иван", "petrov@x.ru", "звонить"],
                      ["Сидоров", "Олег", "bad@@x", ""]])
    db = ["--db", sqlite_only_url]
    assert main([*db, "import", "contacts", str(path), "--show-mapping"]) == 0
    shown = capsys.readouterr().out
    assert "Фамилия (last_name)" in shown and "Заметка" in shown and "не импортируется" in shown

    assert main([*db, "import", "contacts", str(path), "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "Строка 3 отклонена" in out and "Пробный прогон" in out
    assert Contact.select().count() == 0

    assert main([*db, "import", "contacts", str(path), "--map", "Заметка=Примечания",
                 "--map", "E-mail=-"]) == 0
    assert "Импорт завершён: строк 2; создано 2" in capsys.readouterr().out
    assert Contact.get(Contact.last_name == "Петров").notes == "звонить"

    assert main([*db, "export", "contacts", str(tmp_path / "out.vcf")]) == 0
    assert "Записано 2" in capsys.readouterr().out
    assert (tmp_path / "out.vcf").read_text(encoding="utf-8").count("BEGIN:VCARD") == 2


def test_a_mail_template_is_added_and_a_mailing_previewed(sqlite_only_url, tmp_path, capsys):
    db = ["--db", sqlite_only_url]
    body = tmp_path / "body.txt"
    body.write_text("{{ обращение }}!\nЖдём вас.", encoding="utf-8")
    assert main([*db, "mail", "template", "add", "Приглашение", "--subject",
                 "Для {{ фио }}", "--body-file", str(body)]) == 0
    assert MailTemplate.get(MailTemplate.name == "Приглашение").subject == "Для {{ фио }}"
    write_csv(tmp_path / "p.csv", ["Фамилия", "Имя", "Отчество", "E-mail"],
              [["Иванова", "Юлия", "Михайловна", "ivanova@romashka.ru"]])
    assert main([*db, "import", "contacts", str(tmp_path / "p.csv")]) == 0
    capsys.readouterr()
    assert main([*db, "mail", "send", "--template", "Приглашение", "--preview"]) == 0
    out = capsys.readouterr().out
    assert "Тема: Для Иванова Юлия Михайловна" in out and "Уважаемая Юлия Михайловна!" in out
    assert main([*db, "mail", "send", "--template", "Приглашение"]) == 2  # no SMTP set up
    assert "ectui mail smtp" in capsys.readouterr().err


def test_a_campaign_is_run_from_the_command_line(sqlite_only_url, tmp_path, capsys):
    db = ["--db", sqlite_only_url]
    write_csv(tmp_path / "o.csv", ["Название", "ИНН"],
              [["ООО «Ромашка»", "7707083893"], ["ООО «Лютик»", "7728168971"]])
    assert main([*db, "import", "organizations", str(tmp_path / "o.csv")]) == 0
    assert main([*db, "campaign", "add", "Стройэкспо", "--channel", "Выставки",
                 "--cost", "100 000", "--from", "10.11.2026"]) == 0
    assert main([*db, "campaign", "invite", "Стройэкспо", "--organizations"]) == 0
    assert main([*db, "campaign", "respond", "Стройэкспо", "7707083893", "came"]) == 0
    assert main([*db, "campaign", "lead", "Стройэкспо", "ООО «Ромашка»", "--deal",
                 "250 000"]) == 0
    assert main([*db, "campaign", "respond", "Стройэкспо", "nobody@x.ru", "came"]) == 2
    capsys.readouterr()
    assert main([*db, "campaign", "report"]) == 0
    out = capsys.readouterr().out
    assert "приглашено 2, отклик 50.0 %" in out and "окупаемость 150.0 %" in out
