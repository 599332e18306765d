"""One page of a searched list in name order, on PostgreSQL: walk the order or fetch the matches.

The Directory shows the first matches of what was typed in the order (sort_key, id). The GIN
index finds every match of a word prefix, but not in that order: the page of «7» (every
organization matches) would read and sort 100 000 rows, where walking the order and testing
each record finds it in 200. Which way is cheaper depends on where the matches lie, and
neither the planner's estimate (67 matches for «77», truly 36 000) nor a count of them
(20–40 ms for one letter: the index merges the lists of every word so begun) tells it in
time. So the page is read in steps: walk the order a thousand records, and go on walking
while the matches seen so far say it ends soon; when they say that fetching every match
costs less than walking on, fetch them (up to a cap) and sort them. Both ways cost about
2 µs a record read (benchmarks/RESULTS.md).

Either way the page is exact: a walk returns the first matches in order, and a fetch is used
only when it holds every match.

The next keystroke usually narrows the search («ивано», then «иванов»). Typed on from a
fetched query, its page is fetched at once; typed on from a walked one, the earlier walk's
matches are tested again by id (a record changed in between is tested as it is now) and
the walk goes on from where that one ended: the records before it cannot match.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

import peewee

from ectui.db import database, is_sqlite
from ectui.search import matches, term_groups, tsvector_matches
from ectui.services.changes import write_mark

FIRST_STEP = 1000  # records walked before anything is decided
MAX_STEP_GROWTH = 4  # a step walks at most this many times what was walked before it
# A fetch reads at most this share of the table (at least the lower one), so a wrong guess
# costs a bounded read before the walk goes on.
FETCH_CAP_SHARE = (0.03, 0.10)
FETCH_CAP_AT_LEAST = 500
# Anything a word of a search text is not (they are letters and digits, joined by spaces).
_NOT_WORDS = "[^[:alnum:] ]"


def page_query(base: peewee.ModelSelect, model: type[peewee.Model], query: str, offset: int,
               limit: int) -> tuple[peewee.ModelSelect, int, int]:
    """``base`` narrowed to one page of its records that match ``query``, for a list in the
    order (sort_key, id): the narrowed query, and the offset and limit it still needs."""
    groups = term_groups(query)
    if not groups:
        return base, offset, limit
    if is_sqlite():
        return base.where(matches(model, query)), offset, limit
    ids = page_ids(base, model, groups, offset, limit)
    return base.where(model.id == peewee.fn.ANY(peewee.Value(ids, unpack=False))), 0, limit


def page_ids(base: peewee.ModelSelect, model: type[peewee.Model], groups: list[list[str]],
             offset: int, limit: int) -> list[int]:
    """Ids of the page [offset, offset + limit) of ``base``'s records whose words start with
    one of ``groups`` (``ectui.search.term_groups``), in the order (sort_key, id)."""
    need = offset + limit
    if limit <= 0:
        return []
    table = model._meta.table_name
    size = database.obj.execute_sql(f"SELECT MAX(id) FROM {table}").fetchone()[0] or 0
    low, high = (max(FETCH_CAP_AT_LEAST, int(size * share)) for share in FETCH_CAP_SHARE)
    listing = (database.obj.database, table, *_sql_of(base))
    fetched = _narrower(groups, _FETCHED.get(listing))
    if fetched:  # typed on from a query whose matches were fetched: fewer matches still
        page = _fetch(base, model, groups, offset, limit, high)
        if page is not None:
            return _remember_fetched(listing, groups, page)
    found: list[int] = []
    walked, step, after = 0, FIRST_STEP, None
    writes = write_mark()  # before the walk: a write during it is news to the next keystroke
    earlier = _walked_before(listing, groups, writes)
    if earlier is not None:
        # Typed on from a walked query («ивано», then «иванов»): whatever matches now matched
        # then, so up to where that walk ended the matches are its own, tested again by id,
        # and the walk goes on from there.
        found = _still_matching(base, model, groups, earlier)
        walked, after = earlier.walked, earlier.end
        if after is None or len(found) >= need:
            return _remember_walked(listing, groups, found, after, walked,
                                    writes)[offset:need]
    while True:
        hits, after, last = _walk(base, model, groups, after, step, need - len(found))
        found += hits
        walked += step
        if len(found) >= need or after is None:  # the page, or all there is
            end = last if len(found) >= need else None
            return _remember_walked(listing, groups, found, end, walked, writes)[offset:need]
        # Matches come in clusters (a surname, Latin names before Cyrillic ones): the last
        # step tells best how far the walk still goes.
        to_walk = (need - len(found)) * step / len(hits) if hits else math.inf
        if not fetched and len(found) * size / walked < to_walk:
            fetched = True
            page = _fetch(base, model, groups, offset, limit, int(min(max(to_walk, low), high)))
            if page is not None:
                return _remember_fetched(listing, groups, page)
        # A longer step costs nothing if the page fills early: the walk stops there.
        step = int(min(max(to_walk * 2, step), MAX_STEP_GROWTH * walked))


# The last query of each list whose page was fetched: a longer one typed on from it (the
# next keystroke) matches fewer records, so it is fetched at once. Only a guess: the fetch
# still refuses when there are too many.
_FETCHED: dict[tuple, list[list[str]]] = {}


@dataclass(frozen=True)
class _Walked:
    """Where a walk of a list for ``groups`` ended: every match up to the record ``end``
    (None: to the end of the list), in order, after ``walked`` records."""

    groups: list[list[str]]
    found: list[int]
    end: tuple[str, int] | None
    walked: int
    writes: tuple[int, int]
    at: float = field(default_factory=time.monotonic)


# The last walk of each list, for the next keystroke typed on from it: only for a while, and
# only while nothing was written since. A record added or renamed so that it matches would
# otherwise be missing from the next page («ро» found nothing, «Ромашка» is saved, «ром»).
_WALKED: dict[tuple, _Walked] = {}
WALK_REMEMBERED_FOR = 5.0  # seconds: typing on


def _walked_before(listing: tuple, groups: list[list[str]],
                   writes: tuple[int, int]) -> _Walked | None:
    earlier = _WALKED.get(listing)
    if (earlier is None or earlier.groups == groups or not _narrower(groups, earlier.groups)
            or time.monotonic() - earlier.at > WALK_REMEMBERED_FOR
            or writes != earlier.writes):
        return None
    return earlier


def _remember_walked(listing: tuple, groups: list[list[str]], found: list[int],
                     end: tuple[str, int] | None, walked: int,
                     writes: tuple[int, int]) -> list[int]:
    if len(_WALKED) > 64:
        _WALKED.clear()
    _WALKED[listing] = _Walked(groups, list(found), end, walked, writes)
    return found


def _still_matching(base: peewee.ModelSelect, model: type[peewee.Model],
                    groups: list[list[str]], earlier: _Walked) -> list[int]:
    """Which of an earlier walk's matches are in ``base`` and match ``groups`` now, in the
    order, up to where that walk ended (a record renamed since may have moved past it)."""
    if not earlier.found:
        return []
    query = base.select(model.id).where(
        (model.id == peewee.fn.ANY(peewee.Value(earlier.found, unpack=False)))
        & _cheap_first_match(model.search_text, groups))
    if earlier.end is not None:
        key, key_id = earlier.end
        query = query.where(peewee.Tuple(model.sort_key, model.id) <= peewee.Tuple(key, key_id))
    return [record_id for (record_id,) in query.order_by(model.sort_key, model.id).tuples()]


def _sql_of(query: peewee.Query) -> tuple:
    sql, params = query.sql()
    return sql, tuple(params)


def _narrower(groups: list[list[str]], than: list[list[str]] | None) -> bool:
    """Whether whatever matches ``groups`` matches ``than``: each group's terms extend every
    term of one of ``than``'s groups («ивано» of «ив», «ив пет» of «ив»)."""
    return than is not None and all(
        any(all(any(term.startswith(old) for term in group) for old in old_group)
            for old_group in than)
        for group in groups)


def _remember_fetched(listing: tuple, groups: list[list[str]], page: list[int]) -> list[int]:
    if len(_FETCHED) > 64:
        _FETCHED.clear()
    _FETCHED[listing] = groups
    return page


def _walk(base: peewee.ModelSelect, model: type[peewee.Model], groups: list[list[str]],
          after: tuple[str, int] | None, step: int,
          wanted: int) -> tuple[list[int], tuple[str, int] | None, tuple[str, int] | None]:
    """The first ``wanted`` matches among the next ``step`` records of ``base`` in order
    (after the key ``after``), the key to go on from (None when ``base`` ran out), and the
    key of the last match returned.

    The records come from a subquery with a LIMIT, which the planner neither merges nor
    pushes the match into: it walks the sort key's index and the test runs as rows come,
    stopping at the last match wanted. Its last record comes out as well, matching or not,
    marked by its number, to tell where to go on.
    """
    number = peewee.fn.ROW_NUMBER().over(order_by=[model.sort_key, model.id])
    records = base.select(model.id, model.sort_key, model.search_text, number.alias("n"))
    if after is not None:
        key, key_id = after
        records = records.where((model.sort_key >= key)
                                & (peewee.Tuple(model.sort_key, model.id)
                                   > peewee.Tuple(key, key_id)))
    # Limits are written in, not bound: planned for any limit, the walk may become a sort.
    window = records.order_by(model.sort_key, model.id).limit(peewee.SQL(str(step))).alias("w")
    matching = _cheap_first_match(window.c.search_text, groups)
    last = window.c.n == peewee.SQL(str(step))
    query = (peewee.Select([window], [window.c.id, window.c.sort_key, last,
                                      peewee.Case(None, [(last, matching)], True)])
             .where(matching | last)
             .order_by(window.c.sort_key, window.c.id)
             .limit(peewee.SQL(str(wanted + 1))))
    hits: list[int] = []
    after = last = None
    for record_id, sort_key, is_last, is_match in database.obj.execute(query):
        if is_match and len(hits) < wanted:
            hits.append(record_id)
            last = (sort_key, record_id)
        if is_last:
            after = (sort_key, record_id)
    return hits, after, last


def _cheap_first_match(column: peewee.Node, groups: list[list[str]]) -> peewee.Expression:
    """``tsvector_matches`` with cheap tests first: parsing a record's words costs 8 µs,
    a LIKE a tenth of one.

    A word of the index is a piece of the text, so it starts with a term only if the text
    holds the term, and in a text of letters, digits and spaces only where a word of the
    text starts. The parser splits words at nothing else in such a text (letters and digits
    are what it builds words of, and a regular expression's [[:alnum:]] asks the same
    locale), so there the LIKE tests are exact and the words are not parsed: a fifth to a
    third of a walk's time on PostgreSQL (benchmarks/RESULTS.md, section 22). A text with
    any other character («x²yz»: the parser splits it at «²») is left to the full test.
    """
    def like(pattern: str, term: str) -> peewee.Expression:
        return peewee.Expression(column, peewee.OP.LIKE, pattern.format(term))

    def group_may_match(group: list[str]) -> peewee.Expression:
        # Most texts lack the term: one LIKE each, before the word starts are looked for.
        holds = reduce(and_, (like("%{}%", term) for term in group))
        starts_words = reduce(and_, (like("{}%", term) | like("% {}%", term) for term in group))
        return holds & (starts_words | peewee.Expression(column, "~", _NOT_WORDS))

    may_match = reduce(or_, map(group_may_match, groups))
    only_words = peewee.Expression(column, "!~", _NOT_WORDS)
    return may_match & (only_words | tsvector_matches(column, groups))


def _fetch(base: peewee.ModelSelect, model: type[peewee.Model], groups: list[list[str]],
           offset: int, limit: int, cap: int) -> list[int] | None:
    """The page from every match (the GIN index), sorted; None when there are ``cap`` or
    more of them (or the page lies past them: then their number is not known)."""
    matching = (base.select(model.id, model.sort_key)
                .where(tsvector_matches(model.search_text, groups))
                .limit(peewee.SQL(str(cap))).alias("m"))
    query = (peewee.Select([matching], [matching.c.id,
                                        peewee.fn.COUNT(peewee.SQL("*")).over()])
             .order_by(matching.c.sort_key, matching.c.id)
             .limit(peewee.SQL(str(limit))).offset(peewee.SQL(str(offset))))
    rows = list(database.obj.execute(query))
    if (rows and rows[0][1] >= cap) or (not rows and offset):
        return None
    return [record_id for record_id, _count in rows]
