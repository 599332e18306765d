"""A throw-away PostgreSQL server for the test session.

It runs on 127.0.0.1 on a free port, out of a temporary directory, with durability switched
off (fsync, synchronous_commit, full_page_writes) because its data dies with the session.
``initdb`` refuses to run as root, so as root the directory is handed to the ``postgres``
user (``nobody`` if there is none) and every server tool runs through ``runuser``.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

SUPERUSER = "ectui_test"
HOST = "127.0.0.1"
START_TIMEOUT = 60  # seconds; a normal start takes well under two


class PostgresUnavailable(RuntimeError):
    """PostgreSQL cannot be found or started on this machine; the message says why."""


def find_bindir() -> Path:
    """The directory holding initdb and pg_ctl.

    ``pg_config --bindir`` first, then the newest ``/usr/lib/postgresql/*/bin`` (Debian keeps
    the server tools off PATH), then whatever PATH has.
    """
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=10, check=True
            ).stdout.strip()
            if out:
                candidates.append(Path(out))
        except (OSError, subprocess.SubprocessError):
            pass

    def version(path: str) -> tuple[int, ...]:
        name = Path(path).parent.name
        return tuple(int(part) for part in re.findall(r"\d+", name)) or (0,)

    for bindir in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        candidates.append(Path(bindir))
    initdb_on_path = shutil.which("initdb")
    if initdb_on_path:
        candidates.append(Path(initdb_on_path).parent)

    for bindir in candidates:
        if all(os.access(bindir / tool, os.X_OK) for tool in ("initdb", "pg_ctl")):
            return bindir
    raise PostgresUnavailable(
        "initdb/pg_ctl not found (looked at `pg_config --bindir`, /usr/lib/postgresql/*/bin "
        "and PATH); install the PostgreSQL server, e.g. `apt-get install postgresql`"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _unprivileged_user() -> pwd.struct_passwd:
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise PostgresUnavailable("running as root, but there is no 'postgres' or 'nobody' user")


def _others_can_enter(path: str) -> bool:
    """Every directory from / down to ``path`` lets other users through (mode o+x)."""
    current = Path(path).resolve()
    for directory in (current, *current.parents):
        try:
            if not directory.stat().st_mode & 0o001:
                return False
        except OSError:
            return False
    return True


class PostgresServer:
    """Start with ``start()``, stop with ``stop()`` (also registered with atexit)."""

    def __init__(self, bindir: Path | None = None) -> None:
        self.bindir = bindir
        self.port: int | None = None
        self.basedir: Path | None = None
        self.datadir: Path | None = None
        self.sockdir: Path | None = None
        self.logfile: Path | None = None
        self.startup_seconds: float | None = None
        self._run_as: pwd.struct_passwd | None = None
        self._running = False
        self._counter = 0

    # -- life cycle -------------------------------------------------------------------------

    def start(self) -> PostgresServer:
        began = time.monotonic()
        self.bindir = self.bindir or find_bindir()
        self._run_as = _unprivileged_user() if os.geteuid() == 0 else None
        parent = tempfile.gettempdir()
        if self._run_as is not None and not _others_can_enter(parent):
            parent = "/tmp"  # e.g. TMPDIR=/root/tmp: the server user could not reach its files
        self.basedir = Path(tempfile.mkdtemp(prefix="ectui-pg-", dir=parent))
        self.datadir = self.basedir / "data"
        self.sockdir = self.basedir / "sock"
        self.logfile = self.basedir / "server.log"
        try:
            self.sockdir.mkdir()
            if self._run_as is not None:
                for path in (self.basedir, self.sockdir):
                    os.chown(path, self._run_as.pw_uid, self._run_as.pw_gid)
            self._tool(
                "initdb",
                "-D",
                str(self.datadir),
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "-A",
                "trust",
                "-U",
                SUPERUSER,
                "--no-sync",
                "--no-instructions",
            )
            self._start_server()
        except BaseException:
            self.stop()
            raise
        atexit.register(self.stop)
        self.startup_seconds = time.monotonic() - began
        return self

    def _start_server(self) -> None:
        options = (
            f"-h {HOST} -p {{port}} -k {self.sockdir} -F "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200 -c shared_buffers=32MB"
        )
        last_error: Exception | None = None
        for _attempt in range(3):  # another process may grab the free port before we do
            self.port = free_port()
            try:
                self._tool(
                    "pg_ctl",
                    "start",
                    "-w",
                    "-t",
                    str(START_TIMEOUT),
                    "-D",
                    str(self.datadir),
                    "-l",
                    str(self.logfile),
                    "-o",
                    options.format(port=self.port),
                )
            except PostgresUnavailable as exc:
                last_error = exc
                continue
            self._running = True
            return
        raise PostgresUnavailable(f"{last_error}\n--- server log ---\n{self._log_tail()}")

    def stop(self) -> None:
        if self._running and self.datadir is not None:
            try:
                self._tool("pg_ctl", "stop", "-w", "-m", "immediate", "-D", str(self.datadir))
            except PostgresUnavailable:
                pass
            self._running = False
        if self.basedir is not None and self.basedir.exists():
            shutil.rmtree(self.basedir, ignore_errors=True)

    # -- databases --------------------------------------------------------------------------

    def url(self, dbname: str) -> str:
        return f"postgresql://{SUPERUSER}@{HOST}:{self.port}/{dbname}"

    def connect(self, dbname: str = "postgres"):
        import psycopg

        return psycopg.connect(self.url(dbname), autocommit=True, connect_timeout=10)

    def unique_name(self, hint: str = "t") -> str:
        """A fresh, valid database name (at most 63 bytes), readable in the server log."""
        self._counter += 1
        slug = re.sub(r"[^a-z0-9]+", "_", hint.lower()).strip("_")[:40] or "t"
        return f"{slug}_{os.getpid()}_{self._counter}"

    def create_database(
        self, name: str, *, collate: str = "C.UTF-8", ctype: str = "C.UTF-8"
    ) -> str:
        """Create an empty UTF-8 database from template0 and return its URL.

        ``ctype='C'`` makes the kind of database ectui must refuse (no Cyrillic case folding).
        """
        from psycopg import sql

        statement = sql.SQL(
            "CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE {} LC_CTYPE {}"
        ).format(sql.Identifier(name), sql.Literal(collate), sql.Literal(ctype))
        with self.connect() as conn:
            if conn.info.server_version >= 150000:
                # PostgreSQL 15 WAL-logs the whole template by default; copying files is faster.
                statement += sql.SQL(" STRATEGY file_copy")
            conn.execute(statement)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop ``name``, disconnecting anyone still on it (e.g. a worker thread's connection)."""
        from psycopg import sql

        with self.connect() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    # -- helpers ----------------------------------------------------------------------------

    def _tool(self, name: str, *args: str) -> str:
        assert self.bindir is not None and self.basedir is not None
        command = [str(self.bindir / name), *args]
        if self._run_as is not None:
            command = ["runuser", "-u", self._run_as.pw_name, "--", *command]
        env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
        env.pop("PGDATA", None)
        try:
            done = subprocess.run(
                command,
                cwd=self.basedir,  # the server user must be able to enter its working directory
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=START_TIMEOUT + 30,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise PostgresUnavailable(f"{' '.join(command)} failed: {exc}") from exc
        if done.returncode != 0:
            raise PostgresUnavailable(
                f"{' '.join(command)} exited with {done.returncode}:\n"
                f"{done.stdout.strip()}\n{done.stderr.strip()}".rstrip()
            )
        return done.stdout

    def _log_tail(self, lines: int = 30) -> str:
        try:
            assert self.logfile is not None
            return "\n".join(self.logfile.read_text(errors="replace").splitlines()[-lines:])
        except (OSError, AssertionError):
            return "(no server log)"


if __name__ == "__main__":  # python tests/pg_server.py: start, report, stop
    server = PostgresServer().start()
    print(
        f"PostgreSQL from {server.bindir} on port {server.port} "
        f"started in {server.startup_seconds:.2f}s"
    )
    print(server.create_database("smoke"))
    server.stop()
