"""Export of organizations and contact persons to CSV, Excel and vCard.

Only what the employee may view goes out. The file is written beside its destination and
moved into place when complete, so a failed export never leaves half a file under its name.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from ectui.errors import UserError
from ectui.exchange import tables, vcard
from ectui.exchange.progress import Progress, no_progress
from ectui.i18n import t
from ectui.services import selection
from ectui.services.context import Context
from ectui.services.exchange_fields import columns, record_count, records


def _counted(items: Iterable, total: int, progress: Progress) -> Iterator:
    done = 0
    progress(0, total)
    for item in items:
        yield item
        done += 1
        progress(done, total)


def write_atomically(path: Path, write) -> None:
    """Call ``write(binary_file)`` on a temporary file, then put it at ``path``."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:
        raise UserError("exchange.cannot_write", path=str(path), error=error.strerror) from None
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
        os.replace(temp, path)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise UserError("exchange.cannot_write", path=str(path), error=error.strerror) from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def export_clients(ctx: Context, sel: selection.Selection, path: Path, fmt: str | None = None,
                   progress: Progress = no_progress) -> int:
    """Write the selected clients the employee may view; returns how many were written."""
    fmt = tables.format_of(Path(path), fmt)
    if fmt not in ("csv", "xlsx", "vcf"):
        raise UserError("exchange.format_not_for_clients", fmt=fmt)
    total = record_count(ctx.actor, sel)
    style = "code" if fmt == "vcf" else "label"
    rows = _counted(records(ctx.actor, sel, choice_style=style), total, progress)
    written = 0

    def write(out) -> None:
        nonlocal written
        if fmt == "vcf":
            written = vcard.write_vcards(out, sel.kind, rows)
            return
        cols = columns(sel.kind)
        lines = ([record.get(col.key, "") for col in cols] for record in rows)
        headers = [col.label for col in cols]
        if fmt == "csv":
            written = tables.write_csv(out, headers, lines)
        else:
            title = t("org.plural") if sel.kind == "organization" else t("contact.plural")
            written = tables.write_xlsx(out, headers, lines, title)

    write_atomically(Path(path), write)
    return written
