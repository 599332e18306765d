"""Made documents on disk: the folder they go to, their names, opening them, and PDF.

ectui often runs over SSH on a shared server, where there is no screen to open a file on:
``open_file`` then says so instead of failing, and the screens show the file's path.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from platformdirs import user_documents_path

from ectui.errors import UserError

PDF_TIMEOUT_SECONDS = 120
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def output_dir(setting: str = "") -> Path:
    """The folder made documents go to: the admin's setting, else ~/Documents/ectui."""
    folder = Path(setting).expanduser() if setting else user_documents_path() / "ectui"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError("documents.folder_unwritable", folder=str(folder),
                        error=error.strerror or str(error)) from error
    return folder


def safe_file_name(text: str) -> str:
    """A file name any system accepts: «Счет № 12 от 23.11.2026 ООО «Ромашка».docx»."""
    name = _UNSAFE.sub("_", text).strip(" .")
    return re.sub(r"\s+", " ", name)[:180] or "document"


def write_document(folder: Path, file_name: str, data: bytes) -> Path:
    """Write ``data`` as ``file_name`` in ``folder``; an older file of the same name is
    replaced (a document printed again is the same document, brought up to date)."""
    path = folder / file_name
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, PermissionError) and path.exists():
            # Word on Windows keeps an open file locked; say which one.
            raise UserError("documents.file_busy", path=str(path)) from error
        raise UserError("documents.folder_unwritable", folder=str(folder),
                        error=error.strerror or str(error)) from error
    return path


def _opener() -> str | None:
    if sys.platform == "darwin":
        return shutil.which("open")
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return None  # an SSH session without a screen: nothing could show the file
    return shutil.which("xdg-open")


def can_open_files() -> bool:
    """Whether this session can show a file on the user's screen."""
    return _opener() is not None


def open_file(path: Path) -> bool:
    """Open ``path`` in the desktop's program for it; False when this session cannot."""
    opener = _opener()
    if opener is None:
        return False
    try:
        subprocess.Popen([opener, str(path)], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    except OSError:
        return False
    return True


def soffice_path() -> str | None:
    """LibreOffice's command, when it is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx: Path, timeout: int = PDF_TIMEOUT_SECONDS) -> Path:
    """A PDF beside the .docx, made by LibreOffice; UserError when it is absent or fails."""
    command = soffice_path()
    if command is None:
        raise UserError("documents.no_libreoffice")
    # Each call gets its own profile: calls sharing one fail when they overlap.
    with tempfile.TemporaryDirectory(prefix="ectui-soffice-") as profile:
        try:
            finished = subprocess.run(
                [command, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                 "--norestore", "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)],
                capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as error:
            raise UserError("documents.pdf_timeout", seconds=timeout) from error
        except OSError as error:
            raise UserError("documents.pdf_failed", error=str(error)) from error
    pdf = docx.with_suffix(".pdf")
    if finished.returncode != 0 or not pdf.exists():
        detail = (finished.stderr or finished.stdout or "").strip().splitlines()
        raise UserError("documents.pdf_failed", error=detail[-1] if detail else
                        f"exit {finished.returncode}")
    return pdf
