"""How people's names are written: «Орлов Е. Е.» and «Орлов Евгений Евгеньевич»."""

from __future__ import annotations


def full_name(last: str, first: str = "", patronymic: str = "") -> str:
    return " ".join(part for part in (last, first, patronymic) if part)


def short_name(last: str, first: str = "", patronymic: str = "") -> str:
    """Surname and initials, the way Russian business papers write a person."""
    initials = " ".join(f"{part[0]}." for part in (first, patronymic) if part)
    return f"{last} {initials}".strip()
