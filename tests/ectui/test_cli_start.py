"""`ectui` with only the app's options opens the app without building the commands' parser."""

from __future__ import annotations

import pytest

from ectui import cli


@pytest.mark.parametrize(("argv", "opens"), [
    ([], True),
    (["--db", "sqlite:////tmp/x.sqlite3"], True),
    (["--db=sqlite:////tmp/x.sqlite3", "--lang", "en", "--user", "kim"], True),
    (["--lang=ru", "--user=kim"], True),
    (["demo"], False),
    (["--db", "sqlite:////tmp/x.sqlite3", "backup", "out.json"], False),
    (["--help"], False),
    (["--db"], False),  # the full parser says what is missing
])
def test_which_command_lines_only_open_the_app(argv, opens):
    assert cli._opens_the_app(argv) is opens


def test_the_app_opens_with_the_database_and_login_given(monkeypatch):
    opened = []
    monkeypatch.setattr(cli, "_open_app", lambda url, user: opened.append((url, user)) or 0)
    assert cli.main(["--db", "sqlite:////tmp/x.sqlite3", "--user", "kim"]) == 0
    assert opened == [("sqlite:////tmp/x.sqlite3", "kim")]


def test_a_bad_option_value_is_refused_as_before(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["--lang", "de"])
    assert stop.value.code == 2
    assert "--lang" in capsys.readouterr().err


def test_help_still_lists_the_commands(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert "demo" in out and "migrate" in out and "backup" in out
