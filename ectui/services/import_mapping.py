"""The mapping step of an import: which column of a file fills which of ours.

Suggested from the file's headers (our labels in both languages, keys, and the names other
tools use), changed by the person (the UI's selects, the CLI's ``--map``), then checked.
"""

from __future__ import annotations

from ectui.errors import UserError
from ectui.services.exchange_fields import columns, fold_header

REQUIRED = {"organization": "name", "contact": "last_name"}


Mapping = list[str | None]
"""For each column of the file, in order: the exchange key it fills, or None (not imported)."""


def suggest_mapping(kind: str, headers: list[str]) -> Mapping:
    """Our column for each header the file has, when its name says which."""
    cols = columns(kind)
    mapping: Mapping = [None] * len(headers)
    used: set[str] = set()
    folded = [fold_header(h) for h in headers]
    # First the exact key or label, then the other names a file may use.
    for exact in (True, False):
        for index, name in enumerate(folded):
            if mapping[index] is not None:
                continue
            for col in cols:
                names = col.names[:3] if exact else col.names
                if col.key not in used and (name in names or (exact and name == fold_header(
                        col.label))):
                    mapping[index] = col.key
                    used.add(col.key)
                    break
    return mapping


def check_mapping(kind: str, headers: list[str], mapping: Mapping) -> None:
    """Refuse a mapping that fills a column twice, names no such column, or leaves out the
    required one; the message says which."""
    keys = {col.key for col in columns(kind)}
    if len(mapping) != len(headers):
        raise UserError("exchange.mapping_length")
    seen: dict[str, str] = {}
    for header, key in zip(headers, mapping, strict=True):
        if key is None:
            continue
        if key not in keys:
            raise UserError("exchange.mapping_unknown", header=header, key=key)
        if key in seen:
            raise UserError("exchange.mapping_twice", first=seen[key], second=header,
                            column=column_label(kind, key))
        seen[key] = header
    if REQUIRED[kind] not in seen:
        raise UserError("exchange.mapping_required", column=column_label(kind, REQUIRED[kind]))


def column_label(kind: str, key: str) -> str:
    for col in columns(kind):
        if col.key == key:
            return col.label
    return key


def parse_mapping(kind: str, headers: list[str], pairs: list[str],
                  start: Mapping | None = None) -> Mapping:
    """Apply «колонка файла=наша колонка» pairs (the CLI's --map) to a mapping.

    The file's column is named by its header or its number (from 1); ours by key or label;
    «-» leaves the file's column out.
    """
    mapping = list(start) if start is not None else [None] * len(headers)
    cols = columns(kind)
    for pair in pairs:
        if "=" not in pair:
            raise UserError("exchange.map_syntax", pair=pair)
        source, target = (part.strip() for part in pair.rsplit("=", 1))
        index = _header_index(headers, source)
        if index is None:
            raise UserError("exchange.map_no_header", header=source,
                            headers=", ".join(headers))
        if target in ("", "-"):
            mapping[index] = None
            continue
        wanted = fold_header(target)
        col = next((c for c in cols if c.key == target or fold_header(c.label) == wanted
                    or wanted in c.names[:3]), None)
        if col is None:
            raise UserError("exchange.map_no_column", column=target,
                            columns=", ".join(c.key for c in cols))
        mapping = [None if k == col.key else k for k in mapping]
        mapping[index] = col.key
    return mapping


def _header_index(headers: list[str], source: str) -> int | None:
    if source.isdigit() and 1 <= int(source) <= len(headers):
        return int(source) - 1
    wanted = fold_header(source)
    for index, header in enumerate(headers):
        if fold_header(header) == wanted:
            return index
    return None
