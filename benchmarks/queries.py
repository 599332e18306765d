"""The fixed searches the benchmark types, keystroke by keystroke, in the Directory.

What people type in a sales department: a company's name, a surname, a Latin brand or an
e-mail, the start of an INN or a phone number. Every prefix of every query is one
measurement (typing «ивано» measures «и», «ив», «ива», «иван», «ивано»).
"""

from __future__ import annotations

# (Directory tab, query): organizations are searched by name, INN, phone, e-mail, custom
# fields; contact persons by name, e-mail, phone and their organization's name.
SEARCHES: list[tuple[str, str]] = [
    ("organizations", "ромашка"),
    ("organizations", "стройтех"),
    ("organizations", "ооо север"),
    ("organizations", "vector"),
    ("organizations", "info@alfa"),
    ("organizations", "7707"),
    ("organizations", "+7 495 2"),
    ("contacts", "иванов"),
    ("contacts", "петрова ма"),
    ("contacts", "семёнова"),
    ("contacts", "smirnov"),
    ("contacts", "альфа"),
]


def typed_prefixes(query: str) -> list[str]:
    """What the search box holds after each keystroke of ``query``."""
    return [query[:end] for end in range(1, len(query) + 1)]


def chosen(count: int | None) -> list[tuple[str, str]]:
    """The first ``count`` searches of each tab, alternating (all of them for None): a quick
    run still types into both tabs."""
    if count is None:
        return list(SEARCHES)
    by_tab: dict[str, list[tuple[str, str]]] = {}
    for tab, query in SEARCHES:
        by_tab.setdefault(tab, []).append((tab, query))
    picked = []
    for index in range(len(SEARCHES)):
        for searches in by_tab.values():
            if index < len(searches) and len(picked) < count:
                picked.append(searches[index])
    return picked
