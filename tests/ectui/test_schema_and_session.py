"""Migrations build exactly the models' schema; a session knows who works; the CLI commands."""

from __future__ import annotations

from playhouse.schema_diff import diff_models

from ectui.cli import main
from ectui.errors import UserError
from ectui.models import ALL_MODELS
from ectui.schema import pending_migrations
from ectui.session import open_session
from tests.ectui.helpers import NOW


def test_migrations_build_the_models_schema(database):
    assert pending_migrations(database) == []
    diff = diff_models(database, ALL_MODELS)
    # The search indexes differ by engine (PostgreSQL's GIN expressions and the name order by
    # responsible, see ectui/search.py and ectui/search_page.py): only migrations declare them.
    extra = [i.name for i in diff.drop_indexes]
    assert all(name.endswith("_search_idx") for name in extra), extra
    assert not (diff.create_tables or diff.add_columns or diff.drop_columns or diff.add_indexes)


def test_first_login_on_an_empty_base_becomes_admin_then_others_are_refused(db_url):
    from ectui.clock import FixedClock

    session = open_session(db_url, login="ivanov", clock=FixedClock(NOW))
    assert session.actor.login == "ivanov" and session.actor.is_admin
    assert session.migrated[0] == "0001_client_base" and not pending_migrations(session.db)
    try:
        open_session(db_url, login="petrov")
    except UserError as error:
        assert "ectui user add petrov" in error.message
    else:
        raise AssertionError("an unknown login must be refused")
    session.db.close()


def test_user_switch_is_for_admins_only(db_url):
    open_session(db_url, login="admin")
    assert main(["user", "add", "kim", "--name", "Ким Юлия Михайловна", "--db", db_url]) == 2
    session = open_session(db_url, login="admin", user=None)
    from ectui.services.employees import create_employee

    create_employee(session.context, "kim", "Ким", "Юлия", "Михайловна")
    assert open_session(db_url, login="admin", user="kim").actor.login == "kim"
    try:
        open_session(db_url, login="kim", user="admin")
    except UserError as error:
        assert error.key == "session.user_switch_admin_only"
    else:
        raise AssertionError("a non-admin must not switch user")


def test_cli_migrate_and_init(tmp_path, capsys, monkeypatch):
    url = f"sqlite:///{tmp_path / 'base.sqlite3'}"
    monkeypatch.setenv("ECTUI_DB", url)
    assert main(["migrate"]) == 0
    assert "0001_client_base" in capsys.readouterr().out
    assert main(["migrate", "--lang", "en"]) == 0
    assert "up to date" in capsys.readouterr().out
    assert main(["init"]) == 0
    assert "Администратор" in capsys.readouterr().out


def test_cli_reports_a_bad_url_without_a_traceback(capsys):
    assert main(["migrate", "--db", "mysql://x/y"]) == 2
    assert "Неверный адрес базы данных" in capsys.readouterr().err


def test_every_command_and_subcommand_prints_its_help(capsys):
    import argparse

    import pytest

    from ectui.cli import _parser
    from ectui.i18n import set_language

    def commands(parser: argparse.ArgumentParser, path: list[str]):
        yield path
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    yield from commands(sub, [*path, name])

    try:
        for language in ("ru", "en"):
            set_language(language)
            for path in commands(_parser(), []):
                with pytest.raises(SystemExit) as stop:
                    main(["--lang", language, *path, "--help"])
                assert stop.value.code == 0, path
    finally:
        set_language("ru")
    assert "usage: ectui report" in capsys.readouterr().out
