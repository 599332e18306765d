"""Recipient lists by ABC class, and imports from another SQL database (SQLite file and the
test PostgreSQL server) through the same mapping step and dry run as a file."""

from __future__ import annotations

import datetime as dt
import getpass
import sqlite3

import pytest

from ectui.cli import main
from ectui.errors import UserError
from ectui.exchange.sql_source import is_database_url, safe_url, statement_of
from ectui.models import Contact, Organization
from ectui.services import client_import, mail_templates, mailings
from ectui.services.contacts import save_contact
from ectui.services.organizations import save_organization
from ectui.services.selection import Selection, abc_classes, count, ordered_ids
from tests.ectui.helpers import admin_context
from tests.ectui.report_helpers import add_invoice

# ---- ABC class --------------------------------------------------------------------------


def _abc_clients(ctx) -> dict[str, int]:
    """Three clients with invoices of 800, 150 and 50 (A, B, C), one with none; a contact
    person in each."""
    ids = {}
    for name, total in (("Альфа", "800000.00"), ("Бета", "150000.00"), ("Гамма", "50000.00"),
                        ("Дельта", None)):
        org = save_organization(ctx, {"name": f"ООО «{name}»", "category": "client"})
        ids[name] = org
        if total:
            add_invoice(ctx, org, ctx.actor.employee_id, dt.date(2026, 10, 1), total)
        save_contact(ctx, {"last_name": f"{name}ов", "first_name": "Иван",
                           "organization_id": org, "email": f"{name}@x.ru"})
    return ids


def _contact_names(ctx, sel: Selection) -> list[str]:
    ids = ordered_ids(ctx.actor, sel)
    return [Contact.get_by_id(i).last_name for i in ids]


def test_a_selection_by_abc_class_takes_the_classes_of_the_abc_report(database):
    ctx = admin_context()
    ids = _abc_clients(ctx)
    assert ordered_ids(ctx.actor, Selection(kind="organization", abc_class="A")) == [
        ids["Альфа"]]
    assert set(ordered_ids(ctx.actor, Selection(kind="organization", abc_class="BC"))) == {
        ids["Бета"], ids["Гамма"]}
    assert _contact_names(ctx, Selection(kind="contact", abc_class="A")) == ["Альфаов"]
    assert _contact_names(ctx, Selection(kind="contact", abc_class="C")) == ["Гаммаов"]
    # Combined with the other criteria; a period with no sales gives nobody.
    assert count(ctx.actor, Selection(kind="contact", abc_class="AB", query="Бета")) == 1
    assert count(ctx.actor, Selection(kind="contact", abc_class="A",
                                      abc_from=dt.date(2026, 11, 1))) == 0
    # A saved filter keeps the criterion.
    sel = Selection(kind="contact", abc_class="B", abc_basis="paid",
                    abc_from=dt.date(2026, 1, 1), abc_to=dt.date(2026, 12, 31))
    assert Selection.from_json(sel.to_json()) == sel


def test_abc_classes_are_checked_as_typed():
    assert abc_classes("a, b") == "AB" and abc_classes("С") == "C" and abc_classes("") == ""
    with pytest.raises(UserError, match="Класс ABC «D»"):
        abc_classes("D")
    with pytest.raises(UserError, match="раньше"):
        ordered_ids(None, Selection(abc_class="A", abc_from=dt.date(2026, 2, 1),
                                    abc_to=dt.date(2026, 1, 1)))


def test_a_mailing_preview_and_an_export_by_abc_class(sqlite_only_url, tmp_path, capsys):
    db = ["--db", sqlite_only_url]
    body = tmp_path / "body.txt"
    body.write_text("{{ обращение }}!", encoding="utf-8")
    assert main([*db, "mail", "template", "add", "Благодарность", "--subject",
                 "Спасибо, {{ фио }}", "--body-file", str(body)]) == 0
    capsys.readouterr()
    ctx = admin_context(getpass.getuser())  # the first employee: who ran the command
    _abc_clients(ctx)
    template_id = mail_templates.template_by_name("Благодарность").id
    letters = mailings.preview_letters(ctx, template_id, Selection(abc_class="A"), "email",
                                       0, 10)
    assert [letter.name for letter in letters] == ["Альфаов Иван"]
    out = tmp_path / "a.csv"
    assert main([*db, "export", "organizations", str(out), "--abc", "a"]) == 0
    text = out.read_text(encoding="utf-8-sig")
    assert "Альфа" in text and "Бета" not in text
    assert main([*db, "mail", "send", "--template", "Благодарность", "--abc", "BC",
                 "--preview"]) == 0
    shown = capsys.readouterr().out
    assert "Бетаов" in shown and "Гаммаов" in shown and "Альфаов" not in shown
    assert main([*db, "export", "contacts", str(out), "--abc", "X"]) == 2
    assert "Класс ABC «X»" in capsys.readouterr().err


# ---- import from SQL databases ----------------------------------------------------------

PEOPLE = [("Петров", "Иван", "petrov@x.ru", "7707083893", dt.date(1980, 5, 1)),
          ("Сидорова", "Анна", "sidorova@@x", None, None),
          ("Кузнецов", "Олег", "kuz@x.ru", "7728168971", dt.date(1975, 12, 31))]


def _sqlite_source(path) -> str:
    with sqlite3.connect(path) as conn:
        conn.execute('CREATE TABLE "Клиенты" ("Фамилия" TEXT, "Имя" TEXT, "E-mail" TEXT, '
                     '"ИНН" TEXT, "День рождения" DATE, "Сумма" NUMERIC)')
        conn.executemany('INSERT INTO "Клиенты" VALUES (?, ?, ?, ?, ?, 10.5)',
                         [(a, b, c, d, e.isoformat() if e else None) for a, b, c, d, e in PEOPLE])
    return f"sqlite:///{path}"


def test_the_source_is_a_url_and_the_query_a_select_or_a_table():
    assert is_database_url("sqlite:///tmp/a.db") and is_database_url("postgresql://u@h/d")
    assert is_database_url("odbc://Клиенты1С") and not is_database_url("/tmp/a.csv")
    assert statement_of("Клиенты") == 'SELECT * FROM "Клиенты"'
    assert statement_of('public."Клиенты";') == 'SELECT * FROM "public"."Клиенты"'
    assert statement_of("select * from t where x = 1") == "select * from t where x = 1"
    assert safe_url("postgresql://user:secret@db.local:5433/crm") == \
        "postgresql://user:***@db.local:5433/crm"
    with pytest.raises(UserError, match="запрос SELECT или имя таблицы"):
        statement_of("  ")


def test_rows_of_an_sqlite_database_go_through_the_same_mapping_and_dry_run(database,
                                                                           tmp_path):
    ctx = admin_context()
    url = _sqlite_source(tmp_path / "source.db")
    table = client_import.read_database(url, "Клиенты")
    assert table.headers == ["Фамилия", "Имя", "E-mail", "ИНН", "День рождения", "Сумма"]
    assert table.rows[0][:3] == ["Петров", "Иван", "petrov@x.ru"]
    assert table.row_numbers == [1, 2, 3]
    mapping = client_import.suggest_mapping("contact", table.headers)
    assert mapping[:3] == ["last_name", "first_name", "email"]
    mapping = client_import.parse_mapping("contact", table.headers, ["ИНН=-", "Сумма=-"],
                                          mapping)

    dry = client_import.run_import(ctx, "contact", table, mapping, dry_run=True)
    assert [p.row for p in dry.rejected] == [2] and "E-mail" in dry.rejected[0].messages[0]
    refused = client_import.run_import(ctx, "contact", table, mapping, dry_run=False)
    assert not refused.committed and Contact.select().count() == 0  # all or nothing

    query = ('SELECT "Фамилия", "Имя", "E-mail", "День рождения" FROM "Клиенты" '
             "WHERE \"E-mail\" NOT LIKE '%@@%'")
    table = client_import.read_database(url, query)
    mapping = client_import.suggest_mapping("contact", table.headers)
    report = client_import.run_import(ctx, "contact", table, mapping, dry_run=False)
    assert report.committed and report.created == 2
    assert Contact.get(Contact.last_name == "Кузнецов").birthday == dt.date(1975, 12, 31)


def test_a_bad_source_is_a_message_not_a_traceback(tmp_path):
    url = _sqlite_source(tmp_path / "source.db")
    with pytest.raises(UserError, match="Нет файла базы SQLite"):
        client_import.read_database(f"sqlite:///{tmp_path / 'none.db'}", "t")
    with pytest.raises(UserError, match="Запрос не выполнился: no such table"):
        client_import.read_database(url, "Поставщики")
    with pytest.raises(UserError, match="не вернул ни одной строки"):
        client_import.read_database(url, 'SELECT * FROM "Клиенты" WHERE 1 = 0')
    with pytest.raises(UserError, match="Запрос не выполнился"):
        client_import.read_database(url, 'DELETE FROM "Клиенты"')  # opened read-only
    with sqlite3.connect(tmp_path / "source.db") as conn:
        assert conn.execute('SELECT count(*) FROM "Клиенты"').fetchone()[0] == 3
    with pytest.raises(UserError, match="Адрес базы «mysql://u:\\*\\*\\*@h/d» не понятен"):
        client_import.read_database("mysql://u:pw@h/d", "t")


@pytest.mark.postgres
def test_rows_of_a_postgresql_database_are_imported(pg_server, sqlite_database):
    name = pg_server.unique_name("source")
    url = pg_server.create_database(name)
    try:
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute('CREATE TABLE clients (name text, inn text, created date, '
                         'turnover numeric(12, 2), vip boolean)')
            conn.execute("INSERT INTO clients VALUES ('ООО «Ромашка»', '7707083893', "
                         "'2020-01-15', 1500.50, true), ('ООО «Лютик»', '7707083894', NULL, "
                         "NULL, false), ('ООО «Кактус»', '7728168971', NULL, NULL, NULL)")
        ctx = admin_context()
        table = client_import.read_database(url, "SELECT name AS \"Название\", inn AS \"ИНН\", "
                                                 "turnover, created, vip FROM clients "
                                                 "ORDER BY name DESC")
        assert table.headers == ["Название", "ИНН", "turnover", "created", "vip"]
        assert table.rows[0] == ["ООО «Ромашка»", "7707083893", "1500.50", "15.01.2020", "да"]
        mapping = client_import.parse_mapping(
            "organization", table.headers, ["turnover=-", "created=-", "vip=-"],
            client_import.suggest_mapping("organization", table.headers))
        dry = client_import.run_import(ctx, "organization", table, mapping, dry_run=True)
        assert [p.row for p in dry.rejected] == [2]  # Лютик: the INN check digit is wrong
        assert "ИНН" in dry.rejected[0].messages[0]
        table = client_import.read_database(url, "SELECT name AS \"Название\", inn AS \"ИНН\" "
                                                 "FROM clients WHERE inn <> '7707083894'")
        mapping = client_import.suggest_mapping("organization", table.headers)
        report = client_import.run_import(ctx, "organization", table, mapping, dry_run=False)
        assert report.committed and report.created == 2
        assert Organization.get(Organization.inn == "7728168971").name == "ООО «Кактус»"
        with pytest.raises(UserError, match="Не получается подключиться"):
            client_import.read_database(pg_server.url("no_such_db"), "clients")
    finally:
        pg_server.drop_database(name)


def test_import_from_a_database_on_the_command_line(sqlite_only_url, tmp_path, capsys):
    url = _sqlite_source(tmp_path / "source.db")
    db = ["--db", sqlite_only_url]
    assert main([*db, "import", "contacts", url, "--query", "Клиенты", "--show-mapping"]) == 0
    assert "Фамилия (last_name)" in capsys.readouterr().out
    assert main([*db, "import", "contacts", url, "--query", "Клиенты", "--map", "ИНН=-",
                 "--map", "Сумма=-", "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "Строка 2 отклонена" in out and "Пробный прогон" in out
    assert main([*db, "import", "contacts", url, "--query",
                 "SELECT \"Фамилия\", \"Имя\" FROM \"Клиенты\""]) == 0
    assert "создано 3" in capsys.readouterr().out
    assert main([*db, "import", "contacts", str(tmp_path / "x.csv"), "--query", "t"]) == 2
    assert "--query" in capsys.readouterr().err
