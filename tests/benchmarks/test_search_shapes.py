"""The two ways ``ectui.search.matches`` writes a search find the same records in the same order.

Which one is used depends on how many records match (``_many_match``); it may only change the
speed, never the answer.
"""

from __future__ import annotations

from datetime import date

import pytest

import ectui.db
from benchmarks.generate import generate
from ectui import search
from ectui.services.contacts import ContactFilter, count_contacts, list_contacts
from ectui.services.organizations import (
    OrganizationFilter,
    count_organizations,
    list_organizations,
)

QUERIES = ["и", "ив", "иван", "ром", "ооо с", "74", "+7 495", "info", "ghjv", "семёнова"]


@pytest.fixture
def generated(database, db_url):
    generate([db_url], 0.005, seed=2, today=date(2026, 11, 23))
    ectui.db.bind(database)
    database.connect(reuse_if_open=True)
    search._DECISIONS.clear()
    yield
    search._DECISIONS.clear()


def _answers(monkeypatch, many: bool) -> list:
    monkeypatch.setattr(search, "_many_match", lambda *args: many)
    found = []
    for query in QUERIES:
        orgs, people = OrganizationFilter(query=query), ContactFilter(query=query)
        found.append((count_organizations(orgs), list_organizations(orgs, 0, 60),
                      list_organizations(orgs, 30, 60), count_contacts(people),
                      list_contacts(people, 0, 60)))
    return found


def test_both_shapes_find_the_same(generated, monkeypatch):
    few, many = _answers(monkeypatch, False), _answers(monkeypatch, True)
    assert few == many
    assert any(answer[0] > 60 for answer in few)  # the queries do reach past one page


def test_the_probe_tells_many_from_few(generated, monkeypatch):
    monkeypatch.setattr(search, "_MANY_AT_LEAST", 50)  # 3 % of this small base is 45
    assert search._many_match("contact", *_probe_sql("contact", "и"))
    assert not search._many_match("contact", *_probe_sql("contact", "семенова"))


def _probe_sql(table: str, word: str) -> tuple[str, str]:
    if ectui.db.is_sqlite():
        return f"SELECT 1 FROM {table}_fts WHERE {table}_fts MATCH ?", f'"{word}"*'
    return (f"SELECT 1 FROM {table} WHERE to_tsvector('simple', search_text) "
            f"@@ to_tsquery('simple', %s)", f"{word}:*")
