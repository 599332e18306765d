"""One SQLite file for many logins on a shared server.

Every login must be able to write the database file, its ``-wal`` and ``-shm`` companions
and the folder (SQLite creates and deletes the companions there), or the second user gets
"attempt to write a readonly database". ``setup_shared`` prepares that once: a folder owned
by a group every employee belongs to, setgid so new files join the group, mode 2770; the
database file created and migrated in it, mode 0660. ectui runs with umask 007 (see
``ectui.cli``), and SQLite gives ``-wal`` and ``-shm`` the database file's mode, so files
created later stay group-writable.

``check_writable`` runs when a session opens an SQLite file: instead of failing at the first
save, it says which file cannot be written and what the administrator should run.
"""

from __future__ import annotations

import grp
import os
import pwd
import stat
from datetime import UTC, datetime
from pathlib import Path

from ectui.errors import DatabaseSetupError, UserError
from ectui.i18n import t

DB_NAME = "ectui.sqlite3"
COMPANIONS = ("-wal", "-shm")


def _group_name(gid: int) -> str:
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


def _owner_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def setup_shared(path: str, group: str, admin: str | None = None) -> list[str]:
    """Prepare ``path`` (a folder) for a shared base of ``group``; returns what to tell the admin.

    On a base with nobody in it yet, ``admin`` (default: the login that ran sudo, else the
    current one) becomes its administrator. Safe to run again: it only fixes owners and
    modes, and migrates the base.
    """
    from ectui.services import employees
    from ectui.session import connect, os_login

    try:
        gid = grp.getgrnam(group).gr_gid
    except KeyError:
        raise UserError("shared.unknown_group", group=group) from None
    folder = Path(path).expanduser().resolve()
    if folder.suffix in (".sqlite3", ".sqlite", ".db"):
        raise UserError("shared.path_is_folder", path=str(folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.chown(folder, -1, gid)
        os.chmod(folder, 0o2770)
    except PermissionError as error:
        raise DatabaseSetupError("shared.cannot_prepare", path=str(folder), group=group,
                                 error=error.strerror) from error
    database = folder / DB_NAME
    url = f"sqlite:///{database}"
    old_umask = os.umask(0o007)
    try:
        db, applied = connect(url)
        admin = admin or os.environ.get("SUDO_USER") or os_login()
        created_admin = not employees.has_employees()
        if created_admin:
            employees.create_employee(None, admin, admin, is_admin=True,
                                      now=datetime.now(UTC))
        db.close()
    finally:
        os.umask(old_umask)
    for name in [database.name] + [database.name + s for s in COMPANIONS]:
        file = folder / name
        if file.exists():
            try:
                os.chown(file, -1, gid)
                os.chmod(file, 0o660)
            except PermissionError as error:
                raise DatabaseSetupError("shared.cannot_prepare", path=str(file), group=group,
                                         error=error.strerror) from error
    members = sorted(set(grp.getgrgid(gid).gr_mem)
                     | {p.pw_name for p in pwd.getpwall() if p.pw_gid == gid})
    lines = [t("shared.ready", path=str(database), group=group),
             t("shared.members", group=group, members=", ".join(members) or "—"),
             t("shared.how_to_add", group=group),
             t("shared.how_to_use", url=url)]
    if applied:
        lines.insert(1, t("db.migrated", names=", ".join(applied)))
    if created_admin:
        lines.insert(1, t("shared.admin_created", login=admin))
    return lines


def problems(database: Path) -> list[str]:
    """Why this process could not write the base at ``database``; empty when it can."""
    folder = database.parent
    if not os.path.exists(folder):
        return []  # a new base: its folder is created when it is opened
    if not os.access(folder, os.W_OK | os.X_OK):
        return [_problem(folder, is_folder=True)]  # what is inside cannot even be looked at
    found = []
    for file in [database] + [Path(f"{database}{s}") for s in COMPANIONS]:
        if os.path.lexists(file) and not os.access(file, os.R_OK | os.W_OK):
            found.append(_problem(file, is_folder=False))
    return found


def _problem(path: Path, *, is_folder: bool) -> str:
    info = path.stat()
    group = _group_name(info.st_gid)
    mode = stat.filemode(info.st_mode)
    if info.st_gid not in os.getgroups() and info.st_gid != os.getgid():
        fix = t("shared.fix_join", group=group, login=_owner_name(os.getuid()))
    else:
        fix = t("shared.fix_folder" if is_folder else "shared.fix_file", path=str(path),
                group=group, folder=str(path if is_folder else path.parent))
    return t("shared.cannot_write", path=str(path), owner=_owner_name(info.st_uid), group=group,
             mode=mode, fix=fix)


def check_writable(database: Path) -> None:
    """Refuse to open a base this login cannot write, saying which file and what to fix."""
    found = problems(database)
    if found:
        raise DatabaseSetupError("shared.not_writable", details="\n".join(found))
