"""Document numbers: each kind of document counts from 1 every year («Счет № 1 от 09.01»)."""

from __future__ import annotations

from ectui.models import DocumentCounter
from ectui.models.documents import NUMBERED_KINDS


def next_number(kind: str, year: int) -> int:
    """The next number of ``kind`` in ``year``; call inside the write transaction that stores
    the document, so a number is never given twice (the UPDATE locks the counter's row)."""
    if kind not in NUMBERED_KINDS:
        raise ValueError(f"unknown document kind {kind!r}")
    DocumentCounter.insert(kind=kind, year=year, last_number=0).on_conflict_ignore().execute()
    (DocumentCounter.update(last_number=DocumentCounter.last_number + 1)
     .where(DocumentCounter.kind == kind, DocumentCounter.year == year).execute())
    return (DocumentCounter.select(DocumentCounter.last_number)
            .where(DocumentCounter.kind == kind, DocumentCounter.year == year).scalar())


def peek_number(kind: str, year: int) -> int:
    """The number the next document of ``kind`` will get, to show in a form before saving."""
    last = (DocumentCounter.select(DocumentCounter.last_number)
            .where(DocumentCounter.kind == kind, DocumentCounter.year == year).scalar())
    return (last or 0) + 1
