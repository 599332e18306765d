"""Search text: folding Cyrillic and Latin alike, and word-prefix matching on both engines.

Neither SQLite's LIKE nor its lower() folds Cyrillic, and FTS5 does not fold ё to е, so every
searchable record keeps a ``search_text`` column already folded here; the engines only split
it into words and match prefixes (FTS5 on SQLite, a GIN tsvector index on PostgreSQL).

How the match is written depends on how many records match: a list's first page of «и» (a
third of 300 000 contact persons) is found by walking the name order, a page of «ромашка»
by fetching its few matches and sorting them (``_many_match``; benchmarks/RESULTS.md). On
PostgreSQL the Directory's pages choose between the two as they read
(``ectui.search_page``).
"""

from __future__ import annotations

import re
import time

import peewee

from ectui.db import database, is_sqlite

_WORD = re.compile(r"[^\W_]+")
_LEGAL_FORMS = (
    "ооо", "оао", "зао", "пао", "ао", "ип", "нко", "ано", "гбу", "гуп", "муп", "фгуп", "нао",
    "llc", "ltd", "inc", "gmbh",
)
_LEGAL_FORM_PREFIX = re.compile(r"^(?:" + "|".join(_LEGAL_FORMS) + r")\b\s*")
_QUOTES = re.compile(r"[«»\"'“”„]")


def fold(text: str) -> str:
    """Case-fold and turn ё into е, so «Ёлка», «ЕЛКА» and «елка» are one word."""
    return text.casefold().replace("ё", "е")


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def phone_words(e164: str) -> list[str]:
    """A Russian number is found by +7…, 8… and the bare ten digits."""
    digits = re.sub(r"\D", "", e164.split(" ")[0])
    if len(digits) == 11 and digits.startswith("7"):
        return [digits, "8" + digits[1:], digits[1:]]
    return [digits] if digits else []


def build_search_text(texts: list[str], phones: list[str] = ()) -> str:
    """The folded words of every searchable value, de-duplicated, in one column."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in words(text or ""):
            seen.setdefault(word, None)
    for phone in phones:
        for word in phone_words(phone or ""):
            seen.setdefault(word, None)
    return " ".join(seen)


def sort_key(name: str) -> str:
    """The name as it sorts: «ООО «Ромашка»» sorts as «ромашка»."""
    folded = _QUOTES.sub("", fold(name)).strip()
    return _LEGAL_FORM_PREFIX.sub("", folded).strip() or folded


def query_words(query: str) -> list[str]:
    """The words a typed query looks for; phone punctuation between digits is dropped."""
    stripped = query.strip()
    if re.fullmatch(r"[\d\s()+\-]+", stripped) and re.search(r"\d", stripped):
        return [re.sub(r"\D", "", stripped)]
    return words(stripped)


_LATIN = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"
_CYRILLIC = "йцукенгшщзхъфывапролджэячсмитьбюё"
_TO_CYRILLIC = str.maketrans(_LATIN, _CYRILLIC)
_TO_LATIN = str.maketrans(_CYRILLIC, _LATIN)
_MIN_SWAPPED = 3  # shorter prefixes typed in the wrong layout match too much by chance


def other_layout(query: str) -> str:
    """The query as it was meant, if it was typed with the other keyboard layout:
    «hjvfirf» → «ромашка», «еусрт» → «techn»; "" when that makes no sense."""
    folded = query.strip().casefold()
    letters = [c for c in folded if c.isalpha()]
    if len(letters) < _MIN_SWAPPED:
        return ""
    if all("a" <= c <= "z" for c in letters):
        swapped = folded.translate(_TO_CYRILLIC)
    elif all("а" <= c <= "я" or c == "ё" for c in letters):
        swapped = folded.translate(_TO_LATIN)
    else:
        return ""
    # Keys that are punctuation in one layout are letters in the other («ж» is «;»).
    return swapped if len(words(swapped)) == len(words(folded)) else ""


def term_groups(query: str) -> list[list[str]]:
    """The words a record must start words with: the query's, or else the query's as typed
    with the other keyboard layout (a second group); [] when nothing is searched."""
    terms = query_words(query)
    if not terms:
        return []
    swapped = query_words(other_layout(query))
    return [terms, swapped] if swapped else [terms]


def tsquery_text(groups: list[list[str]]) -> str:
    """The groups as PostgreSQL's prefix query: ``ив:* & ма:*``, ``(ром:*) | (hjv:*)``."""
    alternatives = [" & ".join(f"{term}:*" for term in group) for group in groups]
    return alternatives[0] if len(alternatives) == 1 else " | ".join(
        f"({alternative})" for alternative in alternatives)


def tsquery(groups: list[list[str]]) -> peewee.SQL:
    """``to_tsquery`` of the groups, written into the statement rather than bound (for the
    Directory's pages, ``ectui.search_page``).

    psycopg 3 prepares a statement it has run five times, and PostgreSQL then may switch to
    one plan for any parameters: one that cannot see the words, guesses 500 matches for «7»
    (all 100 000 organizations match) and fetches and sorts them all for one page, 130 to
    165 ms instead of 3 (benchmarks/RESULTS.md). Written in, the words are always seen. A
    term holds letters and digits only (``query_words``), so it needs no quoting.
    """
    text = tsquery_text(groups)
    if not all(_WORD.fullmatch(term) for group in groups for term in group):
        raise ValueError(f"not a search term: {text!r}")
    return peewee.SQL(f"to_tsquery('simple', '{text}')")


def tsvector_matches(column: peewee.Node, groups: list[list[str]]) -> peewee.Expression:
    """PostgreSQL: the words of ``column`` match the groups, written in (``tsquery``); the
    GIN index's expression when ``column`` is a table's ``search_text``."""
    return peewee.Expression(peewee.fn.to_tsvector(peewee.SQL("'simple'"), column), "@@",
                             tsquery(groups))


def matches(model: type[peewee.Model], query: str) -> peewee.Expression | None:
    """A WHERE condition: every typed word is a prefix of some word of the record (or of the
    query as typed with the other keyboard layout)."""
    groups = term_groups(query)
    if not groups:
        return None
    table = model._meta.table_name
    key = model._meta.primary_key
    if is_sqlite():
        terms, swapped = groups[0], groups[1] if len(groups) > 1 else []
        expression = " AND ".join(f'"{term}"*' for term in terms)
        if swapped:
            expression = f"({expression}) OR (" + " AND ".join(f'"{t}"*' for t in swapped) + ")"
        subquery = peewee.SQL(
            f"(SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)", [expression])
        if _many_match(table, f"SELECT 1 FROM {table}_fts WHERE {table}_fts MATCH ?",
                       expression):
            # The unary plus hides the key from the planner: it walks the list's sort order
            # and tests each record against the matches, instead of fetching every match
            # to sort them all for one page.
            return peewee.Expression(peewee.NodeList((peewee.SQL("+"), key), glue=""),
                                     peewee.OP.IN, subquery)
        return key.in_(subquery)
    expression = tsquery_text(groups)
    # The words stay bound here, unlike on the Directory's pages (``tsquery``): counts and
    # the other lists keep the plans they had. Written in, a count of «о» (91 % of the
    # organizations) is planned as a read of every record's words, 470 ms, where the plan
    # psycopg's prepared statement ends with reads the index, 70 ms.
    simple = peewee.SQL("'simple'")
    condition = peewee.Expression(
        peewee.fn.to_tsvector(simple, model.search_text), "@@",
        peewee.fn.to_tsquery(simple, expression))
    if _many_match(table, f"SELECT 1 FROM {table} WHERE to_tsvector('simple', search_text) "
                          f"@@ to_tsquery('simple', %s)", expression):
        return condition
    # Few matches: fetch them all (the GIN index) and sort them. Left to itself, the
    # planner may walk the name order instead, hoping to meet the first page early, and
    # crawl through half the table when the matches sit together («Ку…»).
    matching = model.select(key).where(condition)
    return key == peewee.fn.ANY(peewee.NodeList((peewee.SQL("ARRAY"), matching)))


# Above this share of a table's rows a search "matches many": the query plan changes.
_MANY_SHARE = 0.03
_MANY_AT_LEAST = 500
_DECISIONS: dict[tuple[str, str], tuple[float, bool]] = {}
_DECISION_SECONDS = 5.0  # a list's count and its first page come within this


def _many_match(table: str, matching_sql: str, expression: str) -> bool:
    """Whether at least ``_MANY_SHARE`` of ``table`` matches: stops counting there, so it
    costs little either way. Remembered for a few seconds (count and page ask in turn); a
    stale answer only chooses a slower plan, never other rows."""
    now = time.monotonic()
    remembered = _DECISIONS.get((table, expression))
    if remembered is not None and now - remembered[0] < _DECISION_SECONDS:
        return remembered[1]
    db = database.obj
    rows = db.execute_sql(f"SELECT MAX(id) FROM {table}").fetchone()[0] or 0
    limit = max(_MANY_AT_LEAST, int(rows * _MANY_SHARE))
    found = db.execute_sql(f"SELECT COUNT(*) FROM ({matching_sql} LIMIT {limit}) AS probe",
                           [expression]).fetchone()[0]
    many = found >= limit
    if len(_DECISIONS) > 64:
        _DECISIONS.clear()
    _DECISIONS[(table, expression)] = (now, many)
    return many
