"""Reports written to files: CSV (every table, a blank line between) and XLSX (a sheet per
table, numbers as numbers). What the Reports screen's export keys write."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from ectui.errors import FieldError, ValidationError
from ectui.services.reports.tables import Table

FORMATS = ("csv", "xlsx")


def write_csv(tables: tuple[Table, ...] | list[Table], out) -> None:
    writer = csv.writer(out, lineterminator="\n")
    for i, table in enumerate(tables):
        if i:
            writer.writerow([])
        writer.writerow(table.columns)
        writer.writerows([["" if v is None else str(v) for v in row] for row in table.rows])


def _xlsx_value(value: object) -> object:
    if value is None or isinstance(value, (int, Decimal)):
        return value
    text = str(value)
    if text.startswith("+"):  # a delta shown with its sign («+0.5») is still a number
        try:
            return Decimal(text)
        except ArithmeticError:
            return text
    return text


def write_xlsx(tables: tuple[Table, ...] | list[Table], path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for i, table in enumerate(tables, 1):
        # Sheet names: at most 31 characters, no []:*?/\ .
        name = "".join(c for c in table.title if c not in "[]:*?/\\")[:28] or f"{i}"
        sheet = book.create_sheet(f"{i} {name}"[:31])
        sheet.append(list(table.columns))
        for row in table.rows:
            sheet.append([_xlsx_value(v) for v in row])
    book.save(path)


def export_tables(tables: tuple[Table, ...] | list[Table], path_text: str) -> Path:
    """Write the tables to ``path_text`` as CSV or XLSX, chosen by its extension."""
    path = Path(path_text.strip()).expanduser()
    if not path_text.strip():
        raise ValidationError({"path": FieldError("validation.required")})
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ValidationError({"path": FieldError("report.error.export_format")})
    if not path.parent.is_dir():
        raise ValidationError({"path": FieldError("report.error.export_folder",
                                                  folder=str(path.parent))})
    try:
        if suffix == "csv":
            with path.open("w", encoding="utf-8-sig", newline="") as out:
                write_csv(tables, out)
        else:
            write_xlsx(tables, path)
    except OSError as error:
        raise ValidationError({"path": FieldError("report.error.export_failed",
                                                  error=str(error))}) from None
    return path
