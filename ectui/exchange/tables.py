"""Tables in files: CSV and Excel (.xlsx) read into headers and rows of text, and written back.

Everything is text here: the services parse dates, phones and numbers exactly as they parse
what a person types, so a file and a form accept the same values.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ectui.errors import UserError

CSV_DELIMITERS = (";", ",", "\t")
EXPORT_DELIMITER = ";"  # what Excel with Russian regional settings opens by double-click


@dataclass
class SourceTable:
    """What a file holds: its column headers and its rows, each padded to the headers.

    ``row_numbers`` are the numbers a person finds the rows by in the file: the spreadsheet
    row (the header is row 1) or the card's number in a vCard file.
    """

    fmt: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)

    def add(self, number: int, values: list[str]) -> None:
        if len(values) < len(self.headers):
            values = values + [""] * (len(self.headers) - len(values))
        self.rows.append(values)
        self.row_numbers.append(number)


def format_of(path: Path, fmt: str | None = None) -> str:
    """The format named or, without one, the one the file's extension says."""
    if fmt:
        fmt = fmt.lower().lstrip(".")
    else:
        fmt = path.suffix.lower().lstrip(".")
    fmt = {"vcard": "vcf", "xls": "xlsx", "txt": "csv", "ics": "ical", "ical": "ical"}.get(
        fmt, fmt)
    if fmt not in ("csv", "xlsx", "vcf", "json", "ical"):
        raise UserError("exchange.unknown_format", name=path.name)
    return fmt


def _header_names(raw: list[str]) -> list[str]:
    names = []
    for index, name in enumerate(raw):
        name = (name or "").strip()
        names.append(name or f"#{index + 1}")
    while names and names[-1].startswith("#") and names[-1][1:].isdigit():
        names.pop()  # trailing columns without a header carry nothing we could map
    return names


# ---- CSV ----------------------------------------------------------------------------------

def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1251, which Russian Excel writes."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1251")


def _delimiter(text: str) -> str:
    # The delimiter is the one that splits the header line into the most columns.
    first = next(iter(text.splitlines()), "")
    counts = {d: len(next(csv.reader([first], delimiter=d), [])) for d in CSV_DELIMITERS}
    return max(CSV_DELIMITERS, key=lambda d: (counts[d], -CSV_DELIMITERS.index(d)))


def read_csv(data: bytes) -> SourceTable:
    """A CSV file: the first line holds the headers; ``;``, ``,`` or tab between values."""
    text = decode_text(data)
    if not text.strip():
        raise UserError("exchange.empty_file")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        headers = _header_names(next(reader))
        table = SourceTable("csv", headers)
        for number, values in enumerate(reader, start=2):
            if any(v.strip() for v in values):
                table.add(number, [v.strip() for v in values])
    except csv.Error as error:
        raise UserError("exchange.bad_csv", line=reader.line_num, error=error) from None
    return table


def write_csv(out, headers: list[str], rows: Iterable[list[str]]) -> int:
    """Write a CSV Excel opens as is (UTF-8 with BOM, ``;``); ``out`` is a binary file."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    writer = csv.writer(text, delimiter=EXPORT_DELIMITER, lineterminator="\r\n")
    writer.writerow(headers)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    text.flush()
    text.detach()
    return count


# ---- Excel --------------------------------------------------------------------------------

def cell_text(value: object) -> str:
    """An Excel cell as the text a person sees: 7707083893, not 7707083893.0."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value).strip()


def read_xlsx(data: bytes) -> SourceTable:
    """The first sheet of an .xlsx workbook; its first row holds the headers."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zipfile, KeyError and its own errors alike
        raise UserError("exchange.bad_xlsx", error=error) from None
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        first = next(rows, None)
        if first is None:
            raise UserError("exchange.empty_file")
        table = SourceTable("xlsx", _header_names([cell_text(v) for v in first]))
        for number, values in enumerate(rows, start=2):
            texts = [cell_text(v) for v in values]
            if any(texts):
                table.add(number, texts)
    finally:
        book.close()
    return table


def write_xlsx(out, headers: list[str], rows: Iterable[list[str]], sheet_title: str) -> int:
    """Write one sheet; every cell is text, so INN keeps its zeros and «=…» is no formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=sheet_title[:31])
    bold = Font(bold=True)

    def text_cells(values: list[str], font=None) -> Iterator[WriteOnlyCell]:
        for value in values:
            # Control characters (other than tab and newline) cannot be stored in a sheet.
            cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
            cell.data_type = "s"
            cell.number_format = "@"
            if font is not None:
                cell.font = font
            yield cell

    sheet.append(list(text_cells(headers, bold)))
    count = 0
    for row in rows:
        sheet.append(list(text_cells(row)))
        count += 1
    book.save(out)
    return count
