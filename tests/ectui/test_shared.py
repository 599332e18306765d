"""One SQLite file for many logins: the admin's setup, and a clear message (which file, what to
fix) for a login that cannot write — checked with real other logins when run as root."""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from ectui.cli import main
from ectui.errors import DatabaseSetupError, UserError
from ectui.shared import check_writable, setup_shared

ROOT = Path(__file__).resolve().parents[2]
SITE = next((ROOT / ".venv" / "lib").glob("python3*/site-packages"), None)


def own_group() -> str:
    return grp.getgrgid(os.getgid()).gr_name


def test_setup_prepares_a_group_folder_and_group_writable_files(tmp_path):
    folder = tmp_path / "ectui"
    lines = setup_shared(str(folder), own_group())
    info = folder.stat()
    assert stat.S_IMODE(info.st_mode) == 0o2770 and info.st_gid == os.getgid()
    base = folder / "ectui.sqlite3"
    assert stat.S_IMODE(base.stat().st_mode) == 0o660
    assert any(f"sqlite:///{base}" in line for line in lines)
    assert any("usermod -aG" in line for line in lines)
    setup_shared(str(folder), own_group())  # again: only fixes modes, keeps the data


def test_setup_names_a_missing_group(tmp_path):
    with pytest.raises(UserError) as caught:
        setup_shared(str(tmp_path / "x"), "no-such-group-ectui")
    assert "groupadd no-such-group-ectui" in caught.value.message


def test_a_file_one_cannot_write_is_named_with_the_fix(tmp_path, monkeypatch):
    folder = tmp_path / "shared"
    setup_shared(str(folder), own_group())
    base = folder / "ectui.sqlite3"
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if Path(path) == base
                        else real_access(path, mode))
    with pytest.raises(DatabaseSetupError) as caught:
        check_writable(base)
    message = caught.value.message
    assert str(base) in message and "-rw-rw----" in message
    assert f"chgrp {own_group()} {base}" in message and "chmod 660" in message
    group = own_group()
    monkeypatch.setattr(os, "getgroups", lambda: [])
    monkeypatch.setattr(os, "getgid", lambda: -1)
    with pytest.raises(DatabaseSetupError) as caught:
        check_writable(base)
    assert f"usermod -aG {group}" in caught.value.message


def test_cli_reports_the_unwritable_file_without_a_traceback(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "shared"
    setup_shared(str(folder), own_group())
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    assert main(["user", "list", "--db", f"sqlite:///{folder / 'ectui.sqlite3'}"]) == 2
    err = capsys.readouterr().err
    assert "Нет права записи в общую базу" in err and "Traceback" not in err


def _as(user: str, code: str, cwd: str) -> subprocess.CompletedProcess:
    """Run Python ``code`` as another OS login (the system Python, with our packages)."""
    return subprocess.run(
        ["runuser", "-u", user, "--", "env", f"PYTHONPATH={ROOT}:{SITE}", "LANG=ru_RU.UTF-8",
         "/usr/bin/python3", "-c", code], capture_output=True, text=True, timeout=60, cwd=cwd)


@pytest.mark.skipif(os.geteuid() != 0 or SITE is None or not Path("/usr/bin/python3").exists()
                    or not shutil.which("runuser"), reason="needs root to act as other logins")
def test_two_real_logins_share_one_file_and_an_outsider_is_told_why():
    try:
        member = pwd.getpwnam("postgres")
        outsider = pwd.getpwnam("nobody")
        group = grp.getgrnam("ssl-cert")
    except KeyError:
        pytest.skip("needs the postgres and nobody logins and the ssl-cert group")
    if member.pw_name not in group.gr_mem or outsider.pw_name in group.gr_mem:
        pytest.skip("postgres must be in ssl-cert and nobody must not")
    top = Path(tempfile.mkdtemp(prefix="ectui-shared-"))
    os.chmod(top, 0o755)
    try:
        folder = top / "base"
        setup_shared(str(folder), group.gr_name)
        url = f"sqlite:///{folder / 'ectui.sqlite3'}"
        from ectui.services.employees import create_employee
        from ectui.session import open_session

        session = open_session(url, login="root")
        create_employee(session.context, "postgres", "Постгресов", role="admin")
        create_employee(session.context, "nobody", "Никтов", role="manager")
        session.db.close()
        # A member of the group writes: a new employee, through the same CLI the admin uses.
        done = _as("postgres", "import sys; from ectui.cli import main; sys.exit(main(["
                   f"'user', 'add', 'kim', '--name', 'Ким Денис', '--db', '{url}']))",
                   str(top))
        assert done.returncode == 0, done.stderr
        for name in ("ectui.sqlite3", "ectui.sqlite3-wal", "ectui.sqlite3-shm"):
            path = folder / name
            if path.exists():
                assert path.stat().st_gid == group.gr_gid, name
                assert stat.S_IMODE(path.stat().st_mode) & 0o060 == 0o060, name
        # Someone outside the group is told which file and what to do, not a traceback.
        refused = _as("nobody", "import sys; from ectui.cli import main; sys.exit(main(["
                      f"'user', 'list', '--db', '{url}']))", str(top))
        assert refused.returncode == 2
        assert "Traceback" not in refused.stderr
        assert str(folder) in refused.stderr and "usermod -aG ssl-cert nobody" in refused.stderr
    finally:
        shutil.rmtree(top, ignore_errors=True)
